from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from samskapa.core.health import health
from samskapa.workspace.views import favicon

# Under /api/ a crash answers JSON, and a lost database answers 503 everywhere (core.errors).
handler500 = "samskapa.core.errors.server_error"

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("samskapa.api.urls")),
    # Browsers and feed readers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
]

urlpatterns += i18n_patterns(
    path("", include("samskapa.workspace.urls")),
    path("", include("samskapa.core.urls")),
    path("konto/", include("allauth.urls")),
    path("profil/", include("samskapa.accounts.urls")),
    path("organisationer/", include("samskapa.organisations.urls")),
    path("projekt/", include("samskapa.projects.urls")),
    path("projekt/", include("samskapa.portfolio.unit_urls")),
    path("behov/", include("samskapa.needs.urls")),
    path("ideer/", include("samskapa.ideas.urls")),
    path("bedomning/", include("samskapa.assessment.urls")),
    path("program/", include("samskapa.programmes.urls")),
    path("portfolj/", include("samskapa.portfolio.urls")),
    path("metoder/", include("samskapa.methods.urls")),
    path("evenemang/", include("samskapa.events.urls")),
    path("larprogram/", include("samskapa.learning.urls")),
    path("natverk/", include("samskapa.events.network_urls")),
    path("agenda-2030/", include("samskapa.sdg.urls")),
    path("uppfoljning/", include("samskapa.indicators.urls")),
    path("strategi/", include("samskapa.strategy.urls")),
    path("marknadsplats/", include("samskapa.marketplace.urls")),
    path("kompetens/", include("samskapa.competences.urls")),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=True,
)

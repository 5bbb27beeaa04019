"""URL wiring of /api/v1/ and the OpenAPI description.

Each app owns its serializers, views and routes (``<app>/api/urls.py``); this file only lists
the apps. The route names stay in the ``api`` namespace (``api:need-list``).
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from samskapa.accounts.api import urls as accounts
from samskapa.api.views import api_index
from samskapa.assessment.api import urls as assessment
from samskapa.competences.api import urls as competences
from samskapa.core.api import urls as core
from samskapa.events.api import urls as events
from samskapa.geo.api import urls as geo
from samskapa.ideas.api import urls as ideas
from samskapa.indicators.api import urls as indicators
from samskapa.learning.api import urls as learning
from samskapa.marketplace.api import urls as marketplace
from samskapa.methods.api import urls as methods
from samskapa.needs.api import urls as needs
from samskapa.organisations.api import urls as organisations
from samskapa.portfolio.api import urls as portfolio
from samskapa.programmes.api import urls as programmes
from samskapa.projects.api import urls as projects
from samskapa.sdg.api import urls as sdg

app_name = "api"

# Each app's routes, from the ground floor up.
v1 = [
    path("", include(core)),
    path("", include(accounts)),
    path("", include(geo)),
    path("", include(sdg)),
    path("", include(organisations)),
    path("", include(projects)),
    path("", include(programmes)),
    path("", include(needs)),
    path("", include(ideas)),
    path("", include(assessment)),
    path("", include(portfolio)),
    path("", include(methods)),
    path("", include(events)),
    path("", include(learning)),
    path("", include(indicators)),
    path("", include(marketplace)),
    path("", include(competences)),
]

urlpatterns = [
    path("v1/", api_index(v1), name="index"),
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Pages for people: only GET (OPTIONS would render the page's template with no page data).
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", http_method_names=["get", "head"]),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", http_method_names=["get", "head"]),
        name="redoc",
    ),
]

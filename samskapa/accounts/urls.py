from django.urls import path

from samskapa.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("godkann-villkor/", views.consent, name="consent"),
    path("villkor/<slug:kind>/", views.legal_document, name="legal_document"),
]

"""API routes of networks and events, included by ``samskapa/api/urls.py`` under /api/v1/."""

from django.urls import path

from samskapa.events.api.views import (
    EventDetail,
    EventListCreate,
    EventRegistrations,
    NetworkDetail,
    NetworkList,
    RegistrationCancel,
)

urlpatterns = [
    path("events/", EventListCreate.as_view(), name="event-list"),
    path("events/<slug:slug>/", EventDetail.as_view(), name="event-detail"),
    path(
        "events/<slug:slug>/registrations/",
        EventRegistrations.as_view(),
        name="event-registration-list",
    ),
    path(
        "events/<slug:slug>/registrations/<int:pk>/cancel/",
        RegistrationCancel.as_view(),
        name="event-registration-cancel",
    ),
    path("networks/", NetworkList.as_view(), name="network-list"),
    path("networks/<slug:slug>/", NetworkDetail.as_view(), name="network-detail"),
]

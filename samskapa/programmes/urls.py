from django.urls import path

from samskapa.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list_view, name="list"),
    path("nytt/", views.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/andra/", views.programme_edit, name="edit"),
    path("<slug:slug>/tidslinje/", views.programme_timeline_view, name="timeline"),
    path("<slug:slug>/deltagare/ny/", views.participant_add, name="participant_add"),
    path("<slug:slug>/deltagare/<int:pk>/andra/", views.participant_edit, name="participant_edit"),
    path(
        "<slug:slug>/deltagare/<int:pk>/ta-bort/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("<slug:slug>/faser/ny/", views.phase_add, name="phase_add"),
    path("<slug:slug>/faser/<int:pk>/andra/", views.phase_edit, name="phase_edit"),
    path("<slug:slug>/faser/<int:pk>/ta-bort/", views.phase_remove, name="phase_remove"),
    path("<slug:slug>/milstolpar/ny/", views.milestone_add, name="milestone_add"),
    path("<slug:slug>/milstolpar/<int:pk>/andra/", views.milestone_edit, name="milestone_edit"),
    path(
        "<slug:slug>/milstolpar/<int:pk>/status/", views.milestone_status, name="milestone_status"
    ),
    path(
        "<slug:slug>/milstolpar/<int:pk>/ta-bort/",
        views.milestone_remove,
        name="milestone_remove",
    ),
]

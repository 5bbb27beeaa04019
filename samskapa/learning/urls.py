from django.urls import path

from samskapa.core.attachments import attachment_urls
from samskapa.learning import selectors, views

app_name = "learning"
urlpatterns = [
    path("", views.programme_list_view, name="list"),
    path("nytt/", views.programme_create, name="create"),
    # Materials of a session: the shared attachment pages, under traffar/<pk>/filer/.
    *attachment_urls(
        access=selectors.access_session_by_pk,
        change_rule="learning.change_session",
        prefix="traffar/",
    ),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/andra/", views.programme_edit, name="edit"),
    path("<slug:slug>/deltagare/", views.members_view, name="members"),
    path("<slug:slug>/deltagare/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("<slug:slug>/traffar/ny/", views.session_create, name="session_create"),
    path("<slug:slug>/traffar/<int:pk>/", views.session_detail, name="session"),
    path("<slug:slug>/traffar/<int:pk>/andra/", views.session_edit, name="session_edit"),
    path("<slug:slug>/uppgifter/ny/", views.assignment_create, name="assignment_create"),
    path("<slug:slug>/uppgifter/<int:pk>/", views.assignment_detail, name="assignment"),
    path("<slug:slug>/uppgifter/<int:pk>/andra/", views.assignment_edit, name="assignment_edit"),
    path("<slug:slug>/uppgifter/<int:pk>/mall/", views.assignment_template, name="template"),
    path(
        "<slug:slug>/uppgifter/<int:pk>/sen-inlamning/",
        views.late_allowance,
        name="late_allowance",
    ),
    path("<slug:slug>/inlamningar/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "<slug:slug>/inlamningar/<int:pk>/filer/<int:upload_pk>/",
        views.submission_file,
        name="submission_file",
    ),
    path("<slug:slug>/framsteg/", views.progress_view, name="progress"),
    path("<slug:slug>/planer/ny/", views.plan_create, name="plan_create"),
    path("<slug:slug>/planer/<int:pk>/", views.plan_detail, name="plan"),
    path("<slug:slug>/planer/<int:pk>/andra/", views.plan_edit, name="plan_edit"),
    path(
        "<slug:slug>/planer/<int:pk>/versioner/<int:number>/",
        views.plan_version,
        name="plan_version",
    ),
    path("<slug:slug>/planer/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
]

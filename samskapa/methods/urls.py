from django.urls import include, path

from samskapa.core.attachments import attachment_urls
from samskapa.methods import views
from samskapa.methods.selectors import access_lab, access_report_by_pk

app_name = "methods"
urlpatterns = [
    path("", views.method_list_view, name="list"),
    path("ny/", views.method_create, name="create"),
    path("forslag/", views.method_proposals_view, name="proposals"),
    # The lab workshops and the reports' files come before "<slug:slug>/"; a method can never be
    # called "labbverkstader" or "erfarenheter" (see services.RESERVED_SLUGS).
    path("labbverkstader/", views.lab_list_view, name="labs"),
    path("labbverkstader/ny/", views.lab_create, name="lab_create"),
    path("labbverkstader/<int:pk>/", views.lab_detail, name="lab_detail"),
    path("labbverkstader/<int:pk>/andra/", views.lab_edit, name="lab_edit"),
    path("labbverkstader/<int:pk>/ta-bort/", views.lab_delete, name="lab_delete"),
    path("labbverkstader/<int:pk>/deltagare/", views.lab_participants, name="lab_participants"),
    path(
        "labbverkstader/<int:pk>/deltagare/<int:participant_pk>/ta-bort/",
        views.lab_participant_remove,
        name="lab_participant_remove",
    ),
    path(
        "labbverkstader/",
        include(
            (attachment_urls(access=access_lab, change_rule="methods.change_lab"), "lab_files")
        ),
    ),
    path(
        "erfarenheter/",
        include(
            (
                attachment_urls(
                    access=access_report_by_pk, change_rule="methods.change_experience"
                ),
                "report_files",
            )
        ),
    ),
    path("<slug:slug>/", views.method_detail, name="detail"),
    path("<slug:slug>/andra/", views.method_edit, name="edit"),
    path("<slug:slug>/versioner/<int:number>/", views.method_version, name="version"),
    path("<slug:slug>/material/", views.method_materials, name="materials"),
    path("<slug:slug>/material/<int:upload_pk>/", views.method_material_file, name="material"),
    path(
        "<slug:slug>/material/<int:upload_pk>/ta-bort/",
        views.method_material_remove,
        name="material_remove",
    ),
    path("<slug:slug>/publicera/", views.method_publish, name="publish"),
    path("<slug:slug>/lyft-fram/", views.method_feature, name="feature"),
    path("<slug:slug>/avveckla/", views.method_retire, name="retire"),
    path("<slug:slug>/avboj/", views.method_decline, name="decline"),
    path("<slug:slug>/sla-ihop/", views.method_merge, name="merge"),
    path("<slug:slug>/anpassningar/ny/", views.adaptation_create, name="adaptation_create"),
    path(
        "<slug:slug>/anpassningar/<int:pk>/ta-bort/",
        views.adaptation_delete,
        name="adaptation_delete",
    ),
    path("<slug:slug>/erfarenheter/ny/", views.report_create, name="report_create"),
    path("<slug:slug>/erfarenheter/<int:pk>/ta-bort/", views.report_delete, name="report_delete"),
]

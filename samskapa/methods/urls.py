from django.urls import path

from samskapa.methods import views

app_name = "methods"
urlpatterns = [
    path("", views.method_list_view, name="list"),
    path("ny/", views.method_create, name="create"),
    path("forslag/", views.method_proposals_view, name="proposals"),
    path("<slug:slug>/", views.method_detail, name="detail"),
    path("<slug:slug>/andra/", views.method_edit, name="edit"),
    path("<slug:slug>/versioner/<int:number>/", views.method_version, name="version"),
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

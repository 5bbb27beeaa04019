from django.urls import path

from samskapa.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list_view, name="list"),
    path("ny/", views.indicator_create, name="create"),
    path("natverket/", views.network_dashboard, name="network"),
    path("natverket/csv/", views.network_csv, name="network_csv"),
    path(
        "natverket/kommuner.csv",
        views.network_comparison_csv,
        name="network_comparison_csv",
    ),
    path("projekt/<slug:slug>/", views.project_dashboard, name="project"),
    path("projekt/<slug:slug>/csv/", views.project_csv, name="project_csv"),
    path("kommun/<str:code>/", views.municipality_dashboard, name="municipality"),
    path("kommun/<str:code>/csv/", views.municipality_csv, name="municipality_csv"),
    path("program/<slug:slug>/", views.programme_dashboard, name="programme"),
    path("program/<slug:slug>/csv/", views.programme_csv, name="programme_csv"),
    path(
        "program/<slug:slug>/utvarderingar/",
        views.programme_evaluations,
        name="programme_evaluations",
    ),
    path("program/<slug:slug>/utvarderingar/ny/", views.evaluation_add, name="evaluation_add"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/andra/", views.indicator_edit, name="edit"),
    path("<int:pk>/ta-bort/", views.indicator_delete, name="delete"),
    path("<int:pk>/malvarden/", views.targets_edit, name="targets"),
    path("<int:pk>/varden/ny/", views.measurement_add, name="measurement_add"),
    path(
        "<int:pk>/varden/<int:measurement_pk>/ta-bort/",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path("<int:pk>/import/", views.measurement_import, name="import"),
    path("<int:pk>/import/spara/", views.measurement_import_confirm, name="import_confirm"),
    path("<int:pk>/kolada/", views.kolada_fetch, name="kolada_fetch"),
    path("<int:pk>/diagram.svg", views.indicator_chart_svg, name="chart_svg"),
    path("<int:pk>/varden.csv", views.indicator_csv, name="csv"),
]

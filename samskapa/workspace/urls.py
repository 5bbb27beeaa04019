from django.urls import path

from samskapa.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("mitt-arbete/", views.dashboard, name="dashboard"),
    path("sok/", views.search_view, name="search"),
    path("kommun/", views.municipality_index, name="municipalities"),
    path("kommun/<slug:slug>/", views.municipality_page, name="municipality"),
    path("profil/mina-uppgifter.json", views.export_data, name="export_data"),
    path("profil/radera/", views.delete_account, name="delete_account"),
]

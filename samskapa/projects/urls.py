from django.urls import path

from samskapa.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list_view, name="list"),
    path("nytt/", views.project_create, name="create"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/andra/", views.project_update, name="update"),
    path("<slug:slug>/finansiering/ny/", views.funding_add, name="funding_add"),
    path("<slug:slug>/finansiering/<int:pk>/ta-bort/", views.funding_delete, name="funding_delete"),
    path("<slug:slug>/enheter/ny/", views.unit_add, name="unit_add"),
    path("<slug:slug>/enheter/<int:pk>/ta-bort/", views.unit_remove, name="unit_remove"),
    path("<slug:slug>/medlemmar/ny/", views.member_add, name="member_add"),
    path("<slug:slug>/medlemmar/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
]

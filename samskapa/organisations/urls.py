from django.urls import path

from samskapa.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list_view, name="list"),
    path("ny/", views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/andra/", views.organisation_update, name="update"),
    path("<slug:slug>/medlemmar/ny/", views.member_add, name="member_add"),
    path("<slug:slug>/medlemmar/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("<slug:slug>/enheter/ny/", views.unit_form, name="unit_create"),
    path("<slug:slug>/enheter/<int:pk>/", views.unit_form, name="unit_update"),
    path("<slug:slug>/enheter/<int:pk>/ta-bort/", views.unit_delete, name="unit_delete"),
]

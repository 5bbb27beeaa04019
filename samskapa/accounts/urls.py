from django.urls import path

from samskapa.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("mina-uppgifter.json", views.export_data, name="export"),
    path("radera/", views.delete_account, name="delete"),
]

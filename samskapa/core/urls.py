from django.urls import path

from samskapa.core import views

app_name = "core"
urlpatterns = [
    path("notiser/", views.notification_list, name="notifications"),
    path("notiser/las/", views.notification_read, name="notifications_read_all"),
    path("notiser/<int:pk>/las/", views.notification_read, name="notification_read"),
]

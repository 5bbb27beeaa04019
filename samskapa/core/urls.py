from django.urls import path

from samskapa.core import views

app_name = "core"
urlpatterns = [
    path("notiser/", views.notification_list, name="notifications"),
    path("notiser/las/", views.notification_read, name="notifications_read_all"),
    path("notiser/<int:pk>/las/", views.notification_read, name="notification_read"),
    path("notiser/e-post/", views.notification_settings, name="notification_settings"),
    path(
        "notiser/e-post/avsluta/<str:token>/",
        views.email_unsubscribe_view,
        name="email_unsubscribe",
    ),
]

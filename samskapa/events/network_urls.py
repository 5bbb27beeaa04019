from django.urls import path

from samskapa.events import network_views as views
from samskapa.events.views import network_feed

app_name = "networks"
urlpatterns = [
    path("", views.network_list_view, name="list"),
    path("nytt/", views.network_create, name="create"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/andra/", views.network_edit, name="edit"),
    path("<slug:slug>/kalender.ics", network_feed, name="feed"),
    path("<slug:slug>/medlemmar/", views.member_directory, name="members"),
    path("<slug:slug>/medlemmar/ny/", views.member_add, name="member_add"),
    path("<slug:slug>/medlemmar/<int:pk>/andra/", views.member_edit, name="member_edit"),
    path("<slug:slug>/medlemmar/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("<slug:slug>/inlagg/", views.post_list, name="posts"),
    path("<slug:slug>/inlagg/nytt/", views.post_create, name="post_create"),
    path("<slug:slug>/inlagg/<int:pk>/", views.post_detail, name="post"),
]

from django.urls import path

from samskapa.competences import views

app_name = "competences"
urlpatterns = [
    path("", views.index, name="index"),
    path("sa-fungerar-matchningen/", views.how_it_works, name="how_it_works"),
    path("profiler/", views.profile_list_view, name="profile_list"),
    path("profiler/ny/", views.profile_create, name="profile_create"),
    path("profiler/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiler/<int:pk>/andra/", views.profile_edit, name="profile_edit"),
    path("profiler/<int:pk>/ta-bort/", views.profile_delete, name="profile_delete"),
    path("profiler/<int:pk>/kompetenser/", views.profile_competences, name="profile_competences"),
    path("profiler/<int:pk>/matchningar/", views.profile_matches, name="profile_matches"),
    path("behov/", views.need_list_view, name="need_list"),
    path("behov/nytt/", views.need_create, name="need_create"),
    path("behov/<int:pk>/", views.need_detail, name="need_detail"),
    path("behov/<int:pk>/andra/", views.need_edit, name="need_edit"),
    path("behov/<int:pk>/krav/", views.need_requirements, name="need_requirements"),
    path(
        "behov/<int:pk>/krav/<int:requirement_pk>/ta-bort/",
        views.requirement_remove,
        name="requirement_remove",
    ),
    path("behov/<int:pk>/matchningar/", views.need_matches, name="need_matches"),
    path("behov/<int:pk>/team/", views.need_team, name="need_team"),
    path("behov/<int:pk>/forfragan/<int:profile_pk>/", views.request_send, name="request_send"),
    path("forfragningar/", views.request_list_view, name="request_list"),
    path("forfragningar/<int:pk>/", views.request_detail, name="request_detail"),
    path("forfragningar/<int:pk>/ja/", views.request_accept, name="request_accept"),
    path("forfragningar/<int:pk>/nej/", views.request_decline, name="request_decline"),
    path("forfragningar/<int:pk>/aterkalla/", views.request_withdraw, name="request_withdraw"),
]

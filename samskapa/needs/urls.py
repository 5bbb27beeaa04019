from django.urls import path

from samskapa.core.attachments import attachment_urls
from samskapa.needs import selectors, views

app_name = "needs"
urlpatterns = [
    path("", views.need_list_view, name="list"),
    path("nytt/", views.need_create, name="create"),
    path("behov.csv", views.need_export, name="export"),
    path("liknande/", views.need_similar, name="similar"),
    path("moderering/", views.moderation_queue_view, name="moderation"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/andra/", views.need_update, name="update"),
    path("<int:pk>/stod/", views.need_support_view, name="support"),
    path("<int:pk>/moderera/", views.need_moderate_view, name="moderate"),
    path("<int:pk>/anmal/", views.need_report_view, name="report"),
    path("<int:pk>/enhet/", views.need_assign_unit_view, name="assign_unit"),
    path("<int:pk>/flytta/", views.need_move, name="move"),
    path("<int:pk>/poang/", views.need_score_view, name="score"),
    path("projekt/<slug:slug>/", views.project_needs, name="project"),
    path("projekt/<slug:slug>/kampanjer/ny/", views.campaign_create, name="campaign_create"),
    path("projekt/<slug:slug>/kluster/", views.clustering_view, name="clustering"),
    path("projekt/<slug:slug>/kluster/nytt/", views.cluster_create, name="cluster_create"),
    path("projekt/<slug:slug>/prioritering/", views.prioritisation_view, name="prioritisation"),
    path(
        "projekt/<slug:slug>/prioritering/poang/",
        views.prioritisation_scores_view,
        name="prioritisation_scores",
    ),
    path("kampanjer/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("kampanjer/<int:pk>/andra/", views.campaign_update, name="campaign_update"),
    path("kluster/<int:pk>/byt-namn/", views.cluster_rename, name="cluster_rename"),
    path("kluster/<int:pk>/sla-ihop/", views.cluster_merge, name="cluster_merge"),
    path("kluster/<int:pk>/dela/", views.cluster_split, name="cluster_split"),
    path("kluster/<int:pk>/upplos/", views.cluster_delete, name="cluster_delete"),
    path("kluster/<int:pk>/poang/", views.cluster_score_view, name="cluster_score"),
    *attachment_urls(access=selectors.access_need, change_rule="needs.change_need"),
]

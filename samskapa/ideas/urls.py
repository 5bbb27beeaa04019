from django.urls import path

from samskapa.core.attachments import attachment_urls
from samskapa.ideas import selectors, views

app_name = "ideas"
urlpatterns = [
    path("", views.idea_list_view, name="idea_list"),
    path("ny/", views.idea_create, name="idea_create"),
    path("<int:pk>/", views.idea_detail, name="idea_detail"),
    path("<int:pk>/andra/", views.idea_update, name="idea_update"),
    path("<int:pk>/stod/", views.idea_support, name="idea_support"),
    path("<int:pk>/bevaka/", views.idea_follow, name="idea_follow"),
    path("<int:pk>/kommentarer/", views.comment_add, name="comment_add"),
    path("<int:pk>/moderera/", views.idea_moderate, name="idea_moderate"),
    path("<int:pk>/anmal/", views.idea_report, name="idea_report"),
    path("kommentarer/<int:pk>/anmal/", views.comment_report, name="comment_report"),
    path("kommentarer/<int:pk>/dolj/", views.comment_moderate, name="comment_moderate"),
    path("moderering/", views.moderation_queue_view, name="moderation"),
    path("utmaningar/", views.challenge_list_view, name="challenge_list"),
    path("utmaningar/<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("utmaningar/<int:pk>/andra/", views.challenge_update, name="challenge_update"),
    path("projekt/<slug:slug>/ny-utmaning/", views.challenge_create, name="challenge_create"),
    *attachment_urls(access=selectors.access_idea, change_rule="ideas.change_idea"),
]

from django.urls import path

from samskapa.core.attachments import attachment_urls
from samskapa.portfolio import balance_views, selectors, views

app_name = "portfolio"
urlpatterns: list = [
    # Balance views of the portfolios (balance_views.py).
    path("", balance_views.index, name="index"),
    path("program/<slug:slug>/", balance_views.programme_portfolio, name="programme_portfolio"),
    path("kommun/<str:code>/", balance_views.municipality_portfolio, name="municipality_portfolio"),
    # Initiatives and their gate decisions (views.py).
    path("initiativ/", views.initiative_list_view, name="initiative_list"),
    path("initiativ/nytt/", views.initiative_create, name="initiative_create"),
    path("initiativ/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiativ/<int:pk>/andra/", views.initiative_edit, name="initiative_edit"),
    path("initiativ/<int:pk>/grindbeslut/", views.gate_decide, name="gate_decide"),
    path(
        "initiativ/<int:pk>/grindbeslut/<int:decision_pk>/rattelse/",
        views.gate_correct,
        name="gate_correct",
    ),
    *attachment_urls(
        access=selectors.access_initiative,
        change_rule="portfolio.change_initiative",
        prefix="initiativ/",
    ),
]

from django.urls import path

from samskapa.strategy import views

app_name = "strategy"
urlpatterns = [
    path("projekt/<slug:slug>/", views.strategy_detail, name="detail"),
    path("projekt/<slug:slug>/ny/", views.strategy_start, name="start"),
    path("projekt/<slug:slug>/andra/", views.strategy_edit, name="edit"),
    path("projekt/<slug:slug>/fokusomraden/ny/", views.focus_area_add, name="focus_area_add"),
    path(
        "projekt/<slug:slug>/fokusomraden/<int:pk>/andra/",
        views.focus_area_edit,
        name="focus_area_edit",
    ),
    path(
        "projekt/<slug:slug>/fokusomraden/<int:pk>/ta-bort/",
        views.focus_area_remove,
        name="focus_area_remove",
    ),
    path("projekt/<slug:slug>/fokusomraden/<int:pk>/mal/ny/", views.goal_add, name="goal_add"),
    path("projekt/<slug:slug>/mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("projekt/<slug:slug>/mal/<int:pk>/ta-bort/", views.goal_remove, name="goal_remove"),
    path("projekt/<slug:slug>/versioner/ny/", views.version_save, name="version_save"),
    path("projekt/<slug:slug>/strategi.pdf", views.strategy_pdf, name="pdf"),
    path("projekt/<slug:slug>/strategi.docx", views.strategy_docx, name="docx"),
]

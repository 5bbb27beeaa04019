from django.urls import path

from samskapa.marketplace import views

app_name = "marketplace"
urlpatterns = [
    path("", views.request_list_view, name="request_list"),
    path("forfragningar/ny/", views.request_create, name="request_create"),
    path("forfragningar/<int:pk>/", views.request_detail, name="request_detail"),
    path("forfragningar/<int:pk>/andra/", views.request_edit, name="request_edit"),
    path("forfragningar/<int:pk>/krav/ny/", views.requirement_add, name="requirement_add"),
    path(
        "forfragningar/<int:pk>/krav/<int:item>/ta-bort/",
        views.requirement_remove,
        name="requirement_remove",
    ),
    path("forfragningar/<int:pk>/kriterier/ny/", views.criterion_add, name="criterion_add"),
    path(
        "forfragningar/<int:pk>/kriterier/<int:item>/ta-bort/",
        views.criterion_remove,
        name="criterion_remove",
    ),
    path(
        "forfragningar/<int:pk>/dokument/ny/",
        views.request_document_add,
        name="request_document_add",
    ),
    path(
        "forfragningar/<int:pk>/dokument/<int:item>/",
        views.request_document,
        name="request_document",
    ),
    path(
        "forfragningar/<int:pk>/svar/<int:item>/dokument/<int:number>/",
        views.response_document,
        name="response_document",
    ),
    path("forfragningar/<int:pk>/publicera/", views.request_publish, name="request_publish"),
    path("forfragningar/<int:pk>/tidsfrister/", views.deadline_move, name="deadline_move"),
    path("forfragningar/<int:pk>/folj/", views.request_follow, name="request_follow"),
    path("forfragningar/<int:pk>/fragor/ny/", views.question_ask, name="question_ask"),
    path(
        "forfragningar/<int:pk>/fragor/<int:item>/svara/",
        views.question_answer,
        name="question_answer",
    ),
    path("forfragningar/<int:pk>/svara/", views.response_submit, name="response_submit"),
    path("forfragningar/<int:pk>/oppna/", views.opening, name="opening"),
    path("forfragningar/<int:pk>/utvardering/", views.evaluation, name="evaluation"),
    path("forfragningar/<int:pk>/svar/<int:item>/", views.response_detail, name="response_detail"),
    path("forfragningar/<int:pk>/utfall/", views.outcome, name="outcome"),
    path("tjanster/", views.service_list_view, name="service_list"),
    path("tjanster/ny/", views.service_create, name="service_create"),
    path("tjanster/jamfor/", views.service_compare, name="service_compare"),
    path("tjanster/<slug:slug>/", views.service_detail, name="service_detail"),
    path("tjanster/<slug:slug>/andra/", views.service_edit, name="service_edit"),
    path("tjanster/<slug:slug>/referenser/ny/", views.reference_add, name="reference_add"),
    path("referenser/<int:pk>/bekrafta/", views.reference_confirm, name="reference_confirm"),
]

from django.urls import path

from samskapa.sdg import views

app_name = "sdg"

urlpatterns = [
    path("forslag/", views.suggestions, name="suggestions"),
    path("forslag/svar/", views.answer, name="answer"),
]

from django.urls import path

from samskapa.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.my_assessments, name="my_assessments"),
    path("<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("<int:pk>/jav/", views.conflict_declare, name="conflict_declare"),
    path("inbjudan/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("utmaningar/<int:pk>/", views.challenge_manage, name="challenge_manage"),
    path("utmaningar/<int:pk>/resultat/", views.results, name="results"),
    path("program/<slug:slug>/", views.programme_manage, name="programme_manage"),
    path("kriterier/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path("kriterier/<int:pk>/ta-bort/", views.criterion_remove, name="criterion_remove"),
]

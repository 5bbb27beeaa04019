from django.urls import path

from samskapa.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="list"),
    path("nytt/", views.event_create, name="create"),
    path("kalender.ics", views.public_feed, name="public_feed"),
    path("kalender/<int:year>/<int:month>/", views.event_month, name="month"),
    path("min-kalender/", views.my_calendar, name="my_calendar"),
    path("min-kalender/nyckel/", views.my_calendar_key, name="my_calendar_key"),
    path("min-kalender/<str:token>.ics", views.private_feed, name="private_feed"),
    path("organisation/<slug:slug>/", views.organisation_events, name="organisation"),
    path(
        "organisation/<slug:slug>/kalender.ics", views.organisation_feed, name="organisation_feed"
    ),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.event_ics, name="ics"),
    path("<slug:slug>/andra/", views.event_edit, name="edit"),
    path("<slug:slug>/program/ny/", views.agenda_item_add, name="agenda_add"),
    path("<slug:slug>/program/<int:pk>/ta-bort/", views.agenda_item_remove, name="agenda_remove"),
    path("<slug:slug>/dokument/ny/", views.document_add, name="document_add"),
    path("<slug:slug>/dokument/<int:pk>/ta-bort/", views.document_remove, name="document_remove"),
    path("<slug:slug>/anmalan/", views.event_register, name="register"),
    path("<slug:slug>/anmalan/kollega/", views.event_register_colleague, name="register_colleague"),
    path("<slug:slug>/anmalan/<int:pk>/avboka/", views.registration_cancel, name="cancel"),
    path("<slug:slug>/deltagare/", views.participants, name="participants"),
    path("<slug:slug>/deltagare/deltagare.csv", views.participants_csv, name="participants_csv"),
    path("<slug:slug>/deltagare/deltagare.xlsx", views.participants_xlsx, name="participants_xlsx"),
    path("<slug:slug>/deltagare/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("<slug:slug>/utvardering/", views.feedback, name="feedback"),
    path("<slug:slug>/utvardering/resultat/", views.feedback_results, name="feedback_results"),
]

"""API routes of competence matchmaking, included by ``samskapa/api/urls.py`` under /api/v1/."""

urlpatterns: list = []

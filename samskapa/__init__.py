"""Samskapa: co-creation platform for sustainable urban development in Swedish municipalities."""

from samskapa.celery import app as celery_app

__all__ = ("celery_app",)

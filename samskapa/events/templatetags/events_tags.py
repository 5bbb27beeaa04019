"""Sections that other pages (the start page) show of events, read through the selectors."""

from typing import Any

from django import template
from django.utils import timezone

from samskapa.events.models import Event
from samskapa.events.selectors import event_list

register = template.Library()


@register.simple_tag
def upcoming_events(user: Any, count: int = 3) -> list[Event]:
    """The next ``count`` events ``user`` may see; one query."""
    return list(event_list(user=user).filter(ends_at__gte=timezone.now())[:count])

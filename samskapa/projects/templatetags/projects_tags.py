"""Sections that the projects app puts on other apps' pages.

An app lower down (organisations) cannot import projects, so its page loads this tag instead:
the data still comes from a selector, in one query, scoped to the reader.
"""

from typing import Any

from django import template

from samskapa.projects.selectors import projects_run_by

register = template.Library()


@register.inclusion_tag("projects/includes/organisation_projects.html", takes_context=True)
def organisation_projects(context: template.Context, organisation: Any) -> dict[str, Any]:
    """The projects the organisation runs that the reader may see."""
    user = context["request"].user
    return {
        "projects": projects_run_by(user=user, organisation=organisation),
        "request": context["request"],
    }

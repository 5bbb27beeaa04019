"""The challenges section of a project's page, which belongs to the projects app's view."""

from typing import Any

from django import template
from django.utils import timezone

from samskapa.ideas.selectors import challenge_list

register = template.Library()


@register.inclusion_tag("ideas/includes/project_challenges.html", takes_context=True)
def project_challenges(context: dict[str, Any], project: Any) -> dict[str, Any]:
    """One query: the project's challenges the viewer may see, newest deadline first."""
    user = context["request"].user
    return {
        "project": project,
        "challenges": list(challenge_list(user=user, project=project)),
        "can_add": user.has_perm("ideas.add_challenge", project),
        "today": timezone.localdate(),
    }

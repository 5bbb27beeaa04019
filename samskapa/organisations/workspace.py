"""What the organisations app offers the workspace: search, personal data, deletion refusals."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskapa.accounts.models import User
from samskapa.core.search import SearchSource
from samskapa.organisations.models import Membership, Role
from samskapa.organisations.selectors import organisation_list


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="organisation",
            heading=gettext_lazy("Organisations"),
            empty_text=gettext_lazy("No organisations matched."),
            template="organisations/includes/search_results.html",
            find=organisation_list,
            label=gettext_lazy("Organisation"),
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's memberships of organisations and projects, for their data export."""
    memberships = Membership.objects.filter(user=user).select_related("organisation", "project")
    return {
        "memberships": [
            {
                "role": membership.role,
                "organisation": membership.organisation.name if membership.organisation else None,
                "project": membership.project.name if membership.project else None,
                "since": membership.created_at.isoformat(),
            }
            for membership in memberships
        ]
    }


def deletion_blockers(*, user: User) -> list[str]:
    """Refuse while the person is the last administrator of an organisation.

    No organisation may be left without anyone who can run it.
    """
    administered = Membership.objects.filter(
        user=user, role=Role.ADMINISTRATOR, organisation__isnull=False
    ).values_list("organisation_id", "organisation__name")
    others = set(
        Membership.objects.filter(
            organisation_id__in=[pk for pk, _name in administered], role=Role.ADMINISTRATOR
        )
        .exclude(user=user)
        .values_list("organisation_id", flat=True)
    )
    sole_admin_of = [name for pk, name in administered if pk not in others]
    if not sole_admin_of:
        return []
    return [
        _(
            "You are the only administrator of %(names)s. Make someone else administrator "
            "before you delete your account."
        )
        % {"names": ", ".join(sole_admin_of)}
    ]

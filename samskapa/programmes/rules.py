"""Named rules of innovation programmes (innovationsprogram).

The leaders and administrators of the leading organisation run a programme (participants,
phases, milestones); members of the leading or a participating organisation see a members-only
programme. ``programmes.selectors.programmes_visible_to`` is ``programmes.view_programme`` as a
query, and ``projects_linkable`` says which projects ``programmes.change_programme`` may link;
change each together with its rule. Object: a Programme (for add_programme: the organisation
that is to lead it; start_programme has none: whether a person leads any organisation).
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    is_admin,
    is_public,
    leads_organisation,
    organisation_ids,
)
from samskapa.organisations.rules import leads_an_organisation, leads_this_organisation


def programme_organisation_ids(programme: Any) -> set[int]:
    """The leading and the participating organisations; one query, kept on the object."""
    cached = getattr(programme, "_samskapa_organisation_ids", None)
    if cached is None:
        cached = {programme.organisation_id} | set(
            programme.participants.values_list("organisation_id", flat=True)
        )
        programme._samskapa_organisation_ids = cached
    return cached


@rules.predicate
def leads_programme(user: Any, programme: Any) -> bool:
    return programme is not None and leads_organisation(user, programme.organisation_id)


@rules.predicate
def is_programme_member(user: Any, programme: Any) -> bool:
    if programme is None:
        return False
    mine = organisation_ids(user)
    return bool(mine) and bool(mine & programme_organisation_ids(programme))


rules.add_perm("programmes.view_programme", is_public | is_programme_member | is_admin)
rules.add_perm("programmes.add_programme", leads_this_organisation)
rules.add_perm("programmes.start_programme", leads_an_organisation | is_admin)
rules.add_perm("programmes.change_programme", leads_programme | is_admin)
rules.add_perm("programmes.delete_programme", leads_programme | is_admin)

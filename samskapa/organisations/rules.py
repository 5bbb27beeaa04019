"""Named rules of organisations: public to read; their administrators run them.

Each rule that lists something has its query twin in ``organisations/selectors.py``, next to
the others; change both together:

- ``organisations.lead_organisation`` is ``organisations_where_user_leads``;
- ``organisations.act_for_organisation`` is ``organisations_user_may_act_for``.

``projects.add_project`` and ``programmes.add_programme`` are ``lead_organisation`` on the
organisation that is to run the project or lead the programme (``leads_this_organisation``).
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    LEADER_ROLES,
    has_organisation_role,
    is_admin,
    is_organisation_admin,
    may_act_for_organisation,
    organisation_ids,
)

# Project leaders and administrators of an organisation run its work: they start its projects
# and programmes. Object: the Organisation.
leads_this_organisation = has_organisation_role(*LEADER_ROLES) | is_admin


@rules.predicate
def leads_an_organisation(user: Any) -> bool:
    """A project leader or administrator of at least one organisation."""
    return bool(organisation_ids(user, LEADER_ROLES))


@rules.predicate
def acts_for_organisation(user: Any, organisation: Any) -> bool:
    """Any role in the organisation lets a person write on its behalf (a need, an idea, a unit
    of it in a project); the platform administrator may act for every organisation."""
    return organisation is not None and may_act_for_organisation(user, organisation.pk)


rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_organisation_admin | is_admin)
rules.add_perm("organisations.manage_members", is_organisation_admin | is_admin)
rules.add_perm("organisations.delete_organisation", is_admin)
rules.add_perm("organisations.lead_organisation", leads_this_organisation)
rules.add_perm("organisations.act_for_organisation", acts_for_organisation)

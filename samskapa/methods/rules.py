"""Named rules of the methods toolbox (metodbank).

Facilitators (processledare: the facilitator role in any organisation) curate the toolbox for
the whole platform: they publish, feature, retire and merge methods and review proposals.
Anyone logged in may propose a method; a proposal is seen by its proposer and the
facilitators until it is published. People who act for an organisation write adaptations and
experience reports for it. ``methods.selectors.methods_visible_to`` is ``methods.view_method``
as a query; change both together. Object: a Method (none for propose_method, curate_methods).

Lab workshops (labbverkstäder) are open to everyone to read; the facilitators of the toolbox
create and change them. Who took part (names) is shown to the people who took part, the
workshop's facilitators and the toolbox's facilitators; everyone sees which organisations did.
Object: a Lab (none for add_lab).
"""

from typing import Any

import rules

from samskapa.core.predicates import has_any_role, is_admin, organisation_ids

FACILITATOR_ROLES = frozenset({"facilitator"})


@rules.predicate
def is_facilitator(user: Any) -> bool:
    return has_any_role(user, FACILITATOR_ROLES)


@rules.predicate
def is_public_method(user: Any, method: Any) -> bool:
    return method is not None and method.is_public


@rules.predicate
def is_proposer(user: Any, method: Any) -> bool:
    return (
        method is not None
        and getattr(user, "is_authenticated", False)
        and method.proposed_by_id == user.pk
    )


@rules.predicate
def is_open_proposal(user: Any, method: Any) -> bool:
    return method is not None and method.status == "proposed"


@rules.predicate
def is_published(user: Any, method: Any) -> bool:
    return method is not None and method.status == "published"


@rules.predicate
def acts_for_an_organisation(user: Any) -> bool:
    return bool(organisation_ids(user))


@rules.predicate
def is_author(user: Any, item: Any) -> bool:
    return (
        item is not None and getattr(user, "is_authenticated", False) and item.author_id == user.pk
    )


rules.add_perm("methods.view_method", is_public_method | is_proposer | is_facilitator | is_admin)
rules.add_perm("methods.propose_method", rules.is_authenticated)
rules.add_perm("methods.curate_methods", is_facilitator | is_admin)
rules.add_perm(
    "methods.change_method", is_facilitator | is_admin | (is_proposer & is_open_proposal)
)
rules.add_perm("methods.add_experience", is_published & (acts_for_an_organisation | is_admin))
rules.add_perm("methods.change_experience", is_author | is_facilitator | is_admin)


@rules.predicate
def takes_part_in_lab(user: Any, lab: Any) -> bool:
    """The person is a participant or facilitator of the workshop (reads the prefetched rows
    that ``methods.selectors.access_lab`` brings, so the detail page asks no extra query)."""
    if lab is None or not getattr(user, "is_authenticated", False):
        return False
    return any(person.user_id == user.pk for person in lab.participants.all()) or any(
        facilitator.pk == user.pk for facilitator in lab.facilitators.all()
    )


rules.add_perm("methods.view_lab", rules.always_allow)
rules.add_perm("methods.add_lab", is_facilitator | is_admin)
rules.add_perm("methods.change_lab", is_facilitator | is_admin)
rules.add_perm("methods.view_lab_participants", takes_part_in_lab | is_facilitator | is_admin)

"""Named rules of the methods toolbox (metodbank).

Facilitators (processledare: the facilitator role in any organisation) curate the toolbox for
the whole platform: they publish, feature, retire and merge methods and review proposals.
Anyone logged in may propose a method; a proposal is seen by its proposer and the
facilitators until it is published. People who act for an organisation write adaptations and
experience reports for it. ``methods.selectors.methods_visible_to`` is ``methods.view_method``
as a query; change both together. Object: a Method (none for propose_method, curate_methods).
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

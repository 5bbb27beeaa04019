"""Named rules of networks and events (nätverk och evenemang).

A network is run by the leaders and facilitators of its coordinating member organisations; any
member of a member organisation may post experiences. An event is run by the project leaders,
administrators and facilitators of the organising organisation (the organisers); a members-only
event is seen by the members of the organiser and of its network's member organisations.
``events.selectors.events_visible_to`` is ``events.view_event`` as a query; change them together.
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    has_any_role,
    is_admin,
    is_public,
    organisation_ids,
    organisation_roles,
)

# Those who run events and networks for an organisation.
ORGANISER_ROLES = frozenset({"project_leader", "administrator", "facilitator"})


def network_organisation_ids(network: Any, *, coordinators: bool = False) -> set[int]:
    """The member organisations of ``network`` (only the coordinating ones if asked); cached."""
    if network is None:
        return set()
    attribute = "_samskapa_coordinator_ids" if coordinators else "_samskapa_member_ids"
    cached = getattr(network, attribute, None)
    if cached is None:
        members = network.members.all()
        if coordinators:
            members = members.filter(is_coordinator=True)
        cached = set(members.values_list("organisation_id", flat=True))
        setattr(network, attribute, cached)
    return cached


@rules.predicate
def coordinates_network(user: Any, network: Any) -> bool:
    mine = organisation_ids(user, ORGANISER_ROLES)
    return bool(mine) and bool(mine & network_organisation_ids(network, coordinators=True))


@rules.predicate
def is_network_member(user: Any, network: Any) -> bool:
    mine = organisation_ids(user)
    return bool(mine) and bool(mine & network_organisation_ids(network))


@rules.predicate
def organises_event(user: Any, event: Any) -> bool:
    return event is not None and bool(
        organisation_roles(user, event.organiser_id) & ORGANISER_ROLES
    )


@rules.predicate
def is_event_member(user: Any, event: Any) -> bool:
    if event is None:
        return False
    mine = organisation_ids(user)
    if not mine:
        return False
    return event.organiser_id in mine or bool(
        event.network_id and mine & network_organisation_ids(event.network)
    )


@rules.predicate
def organises_for(user: Any, organisation: Any) -> bool:
    return organisation is not None and bool(
        organisation_roles(user, organisation.pk) & ORGANISER_ROLES
    )


@rules.predicate
def organises_anywhere(user: Any) -> bool:
    return has_any_role(user, ORGANISER_ROLES)


@rules.predicate
def owns_registration(user: Any, registration: Any) -> bool:
    return (
        registration is not None
        and user.is_authenticated
        and (registration.user_id == user.pk or registration.registered_by_id == user.pk)
    )


@rules.predicate
def organises_registration_event(user: Any, registration: Any) -> bool:
    return registration is not None and organises_event(user, registration.event)


can_view_event = is_public | is_event_member | organises_event | is_admin

rules.add_perm("events.view_network", rules.always_allow)
rules.add_perm("events.add_network", organises_anywhere)
rules.add_perm("events.change_network", coordinates_network | is_admin)
rules.add_perm("events.post_experience", is_network_member | coordinates_network | is_admin)
rules.add_perm("events.view_post", rules.always_allow)
rules.add_perm("events.comment_post", rules.is_authenticated)

rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.start_event", organises_anywhere)
rules.add_perm("events.add_event", organises_for | is_admin)
rules.add_perm("events.change_event", organises_event | is_admin)
rules.add_perm("events.register_event", rules.is_authenticated & can_view_event)
rules.add_perm(
    "events.change_registration", owns_registration | organises_registration_event | is_admin
)

"""Named rules of the marketplace (marknadsplats).

Providers act through their organisation: any role in it lets a person register its services
and respond on its behalf. The leaders (project leaders and administrators) of the buying
organisation run a request: edit the draft, publish, answer questions, move the deadline, open
the responses (two of them: four-eyes) and record the outcome. The platform administrator may
see everything except responses: nobody outside the provider reads a response before the
buying organisation has opened it, and then only the buying organisation's leaders.

Query twins in ``marketplace/selectors.py``: ``services_visible_to`` (view_service),
``requests_visible_to`` (view_request) and ``responses_visible_to`` (view_response); change
each together with its rule. Time rules (question and response deadlines) are checked by the
services, which say why in a message.
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    LEADER_ROLES,
    is_admin,
    leads_organisation,
    organisation_ids,
    organisation_roles,
)
from samskapa.organisations.rules import (
    acts_for_organisation,
    leads_an_organisation,
    leads_this_organisation,
)


@rules.predicate
def acts_for_provider(user: Any, service: Any) -> bool:
    return service is not None and bool(organisation_roles(user, service.provider_id))


@rules.predicate
def is_published_service(user: Any, service: Any) -> bool:
    return service is not None and service.is_published


@rules.predicate
def belongs_to_an_organisation(user: Any) -> bool:
    return bool(organisation_ids(user))


@rules.predicate
def is_published_request(user: Any, request: Any) -> bool:
    return request is not None and request.status != "draft"


@rules.predicate
def is_buyer_member(user: Any, request: Any) -> bool:
    return request is not None and bool(organisation_roles(user, request.buyer_id))


@rules.predicate
def leads_buyer(user: Any, request: Any) -> bool:
    return request is not None and leads_organisation(user, request.buyer_id)


@rules.predicate
def acts_for_another_organisation(user: Any, request: Any) -> bool:
    """Someone who may speak for an organisation other than the buyer: a possible provider."""
    return request is not None and bool(organisation_ids(user) - {request.buyer_id})


@rules.predicate
def responded(user: Any, response: Any) -> bool:
    return response is not None and bool(organisation_roles(user, response.provider_id))


@rules.predicate
def leads_buyer_after_opening(user: Any, response: Any) -> bool:
    if response is None:
        return False
    request = response.request
    return request.opened_at is not None and leads_organisation(user, request.buyer_id)


@rules.predicate
def leads_referenced_municipality(user: Any, reference: Any) -> bool:
    return reference is not None and bool(
        organisation_roles(user, reference.municipality_id) & LEADER_ROLES
    )


# Services. Object: a Service (add_service: the providing Organisation).
rules.add_perm("marketplace.view_service", is_published_service | acts_for_provider | is_admin)
rules.add_perm("marketplace.offer_service", belongs_to_an_organisation | is_admin)
rules.add_perm("marketplace.add_service", acts_for_organisation)
rules.add_perm("marketplace.change_service", acts_for_provider | is_admin)
rules.add_perm("marketplace.confirm_reference", leads_referenced_municipality)

# Requests. Object: a ProcurementRequest (add_request: the buying Organisation).
rules.add_perm("marketplace.view_request", is_published_request | is_buyer_member | is_admin)
rules.add_perm("marketplace.start_request", leads_an_organisation | is_admin)
rules.add_perm("marketplace.add_request", leads_this_organisation)
rules.add_perm("marketplace.change_request", leads_buyer | is_admin)
rules.add_perm("marketplace.follow_request", rules.is_authenticated)
rules.add_perm("marketplace.ask_question", acts_for_another_organisation)
rules.add_perm("marketplace.respond", acts_for_another_organisation)
# Four-eyes opening and evaluation: people of the buying organisation only, never the
# platform administrator on their behalf.
rules.add_perm("marketplace.open_responses", leads_buyer)
rules.add_perm("marketplace.evaluate", leads_buyer)
rules.add_perm("marketplace.decide_outcome", leads_buyer)

# Responses. Object: a Response.
rules.add_perm("marketplace.view_response", responded | leads_buyer_after_opening)

"""Named rules of follow-up: indicators (indikatorer), their targets and measurements.

An indicator is run by the leaders of its organisation, and by the leaders of the urban
development project it follows up; they change it, set its targets and record its values.
Members of either see a members-only indicator; a public one is seen by everyone who may see
its project. ``indicators.selectors.indicators_visible_to`` is ``indicators.view_indicator``
as a query; change both together. Objects: an Indicator; for add_indicator the organisation
that is to run it; start_indicator has none (whether the user leads any organisation).
"""

from typing import Any

import rules

from samskapa.core.predicates import (
    is_admin,
    is_public,
    leads_organisation,
    leads_project,
    organisation_roles,
    project_roles,
)
from samskapa.organisations.rules import leads_an_organisation, leads_this_organisation


@rules.predicate
def leads_indicator(user: Any, indicator: Any) -> bool:
    if indicator is None:
        return False
    if leads_organisation(user, indicator.organisation_id):
        return True
    return bool(indicator.project_id and leads_project(user, indicator.project))


@rules.predicate
def is_indicator_member(user: Any, indicator: Any) -> bool:
    if indicator is None:
        return False
    if organisation_roles(user, indicator.organisation_id):
        return True
    return bool(indicator.project_id and project_roles(user, indicator.project))


@rules.predicate
def indicator_project_visible(user: Any, indicator: Any) -> bool:
    """A public indicator of a members-only project stays as hidden as its project."""
    if indicator is None:
        return False
    return not indicator.project_id or user.has_perm("projects.view_project", indicator.project)


rules.add_perm(
    "indicators.view_indicator",
    (is_public & indicator_project_visible) | is_indicator_member | is_admin,
)
rules.add_perm("indicators.add_indicator", leads_this_organisation)
rules.add_perm("indicators.start_indicator", leads_an_organisation | is_admin)
rules.add_perm("indicators.change_indicator", leads_indicator | is_admin)
rules.add_perm("indicators.delete_indicator", leads_indicator | is_admin)

"""Named rules of innovation strategies: a strategy belongs to its urban development project.

Whoever may see the project sees its strategy; whoever leads the project edits it and saves its
versions. ``strategy.selectors.strategies_visible_to`` is ``strategy.view_strategy`` as a
query; change both together. Objects: a Strategy; for add_strategy the Project.
"""

from typing import Any

import rules

from samskapa.core.predicates import is_admin, leads_project


@rules.predicate
def may_see_strategy_project(user: Any, strategy: Any) -> bool:
    return strategy is not None and user.has_perm("projects.view_project", strategy.project)


@rules.predicate
def leads_strategy_project(user: Any, strategy: Any) -> bool:
    return strategy is not None and leads_project(user, strategy.project)


rules.add_perm("strategy.view_strategy", may_see_strategy_project | is_admin)
rules.add_perm("strategy.change_strategy", leads_strategy_project | is_admin)
# Object: the Project that is to get a strategy.
rules.add_perm("strategy.add_strategy", rules.predicate(leads_project) | is_admin)

"""The one permission layer: named rules built from small predicates.

Views, the API and templates all ask the same names (``projects.change_project`` ...) through
``user.has_perm(name, obj)``. Rights come from ``organisations.Membership`` rows; the only
global role is the platform administrator (``is_superuser``).

A user's memberships are read once per request and kept on the user object, so checking many
rules for one page costs one query.
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from samskapa.core.models import Visibility

Membership = tuple[int | None, int | None, str]  # (organisation_id, project_id, role)

LEADER_ROLES = frozenset({"project_leader", "administrator"})


def memberships_of(user: Any) -> list[Membership]:
    """All (organisation, project, role) triples of ``user``, cached on the user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return []
    cached = getattr(user, "_samskapa_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("organisation_id", "project_id", "role"))
        user._samskapa_memberships = cached
    return cached


def forget_memberships(user: Any) -> None:
    """Drop the cached memberships after they changed."""
    if hasattr(user, "_samskapa_memberships"):
        del user._samskapa_memberships


def organisation_roles(user: Any, organisation_id: int) -> set[str]:
    return {role for org, _project, role in memberships_of(user) if org == organisation_id}


def project_roles(user: Any, project: Any) -> set[str]:
    """Roles on the project itself plus the roles on the organisation that runs it."""
    own = {role for _org, proj, role in memberships_of(user) if proj == project.pk}
    return own | organisation_roles(user, project.organisation_id)


def has_organisation_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_organisation_role({', '.join(sorted(wanted))})")
    def predicate(user: Any, organisation: Any) -> bool:
        return organisation is not None and bool(organisation_roles(user, organisation.pk) & wanted)

    return predicate


def has_project_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_project_role({', '.join(sorted(wanted))})")
    def predicate(user: Any, project: Any) -> bool:
        return project is not None and bool(project_roles(user, project) & wanted)

    return predicate


@rules.predicate
def is_public(user: Any, obj: Any) -> bool:
    return obj is not None and getattr(obj, "visibility", None) == Visibility.PUBLIC


@rules.predicate
def is_any_project_member(user: Any, project: Any) -> bool:
    return project is not None and bool(project_roles(user, project))


@rules.predicate
def is_recipient(user: Any, notification: Any) -> bool:
    return notification is not None and notification.recipient_id == user.pk


is_admin = rules.is_superuser
is_organisation_admin = has_organisation_role("administrator")
is_project_leader = has_project_role(*LEADER_ROLES)

# Organisations: public to read; their administrators run them.
rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_organisation_admin | is_admin)
rules.add_perm("organisations.manage_members", is_organisation_admin | is_admin)
rules.add_perm("organisations.delete_organisation", is_admin)

# Projects: the object of add_project is the organisation that is to run the project.
rules.add_perm("projects.add_project", has_organisation_role(*LEADER_ROLES) | is_admin)
rules.add_perm("projects.view_project", is_public | is_any_project_member | is_admin)
rules.add_perm("projects.change_project", is_project_leader | is_admin)
rules.add_perm("projects.manage_members", is_project_leader | is_admin)
rules.add_perm(
    "projects.delete_project",
    rules.predicate(lambda user, project: "administrator" in project_roles(user, project))
    | is_admin,
)

rules.add_perm("core.view_notification", is_recipient)
rules.add_perm("core.change_notification", is_recipient)


# --- Ideas -----------------------------------------------------------------------------------
# Challenges (utmaningar) belong to a project and are run by its leaders; ideas are written by
# anyone logged in and are public unless a moderator hid them or their project is members-only.


def _idea_project(idea: Any) -> Any:
    return idea.project if idea is not None and idea.project_id else None


@rules.predicate
def can_view_challenge_project(user: Any, challenge: Any) -> bool:
    return challenge is not None and user.has_perm("projects.view_project", challenge.project)


@rules.predicate
def leads_challenge_project(user: Any, challenge: Any) -> bool:
    return challenge is not None and bool(project_roles(user, challenge.project) & LEADER_ROLES)


@rules.predicate
def is_idea_author(user: Any, idea: Any) -> bool:
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def is_idea_co_author(user: Any, idea: Any) -> bool:
    # all() uses the prefetched co-authors where the selector loaded them.
    return (
        idea is not None
        and user.is_authenticated
        and any(person.pk == user.pk for person in idea.co_authors.all())
    )


@rules.predicate
def leads_idea_project(user: Any, idea: Any) -> bool:
    project = _idea_project(idea)
    return project is not None and bool(project_roles(user, project) & LEADER_ROLES)


@rules.predicate
def moderates_idea_project(user: Any, idea: Any) -> bool:
    project = _idea_project(idea)
    wanted = LEADER_ROLES | {"moderator"}
    return project is not None and bool(project_roles(user, project) & wanted)


@rules.predicate
def idea_is_hidden(user: Any, idea: Any) -> bool:
    return idea is not None and idea.is_hidden


@rules.predicate
def idea_project_visible(user: Any, idea: Any) -> bool:
    project = _idea_project(idea)
    return project is None or user.has_perm("projects.view_project", project)


may_moderate_idea = moderates_idea_project | is_admin
rules.add_perm("ideas.view_challenge", can_view_challenge_project | is_admin)
# The object of add_challenge is the project the challenge is to belong to.
rules.add_perm("ideas.add_challenge", is_project_leader | is_admin)
rules.add_perm("ideas.change_challenge", leads_challenge_project | is_admin)
rules.add_perm(
    "ideas.view_idea",
    (idea_project_visible & ~idea_is_hidden) | is_idea_author | may_moderate_idea,
)
rules.add_perm("ideas.add_idea", rules.is_authenticated)
rules.add_perm(
    "ideas.change_idea", is_idea_author | is_idea_co_author | leads_idea_project | is_admin
)
_may_take_part = rules.is_authenticated & idea_project_visible & ~idea_is_hidden
rules.add_perm("ideas.comment_idea", _may_take_part)
rules.add_perm("ideas.support_idea", _may_take_part)
rules.add_perm("ideas.follow_idea", _may_take_part)
rules.add_perm("ideas.moderate_idea", may_moderate_idea)

# --- Needs ------------------------------------------------------------------------------------
# Behovsinventering. Objects are a Need, or the Project a campaign, cluster or ranking belongs
# to. Private needs are seen by their author, the project's leaders and its moderators; what a
# moderator has hidden only by leaders and moderators. ``needs.selectors.needs_visible_to`` is
# the same rule as a query; change both together.

MODERATOR_ROLES = LEADER_ROLES | {"moderator"}


def _project_of(obj: Any) -> Any:
    """The project of a need, campaign or cluster, or the project itself."""
    return obj.project if hasattr(obj, "project_id") else obj


@rules.predicate
def is_need_author(user: Any, need: Any) -> bool:
    return need is not None and user.is_authenticated and need.author_id == user.pk


@rules.predicate
def is_need_hidden(user: Any, need: Any) -> bool:
    return need is not None and need.is_hidden


@rules.predicate
def leads_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and bool(project_roles(user, _project_of(obj)) & LEADER_ROLES)


@rules.predicate
def moderates_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and bool(project_roles(user, _project_of(obj)) & MODERATOR_ROLES)


@rules.predicate
def is_member_of_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and bool(project_roles(user, _project_of(obj)))


@rules.predicate
def may_see_needs_project(user: Any, obj: Any) -> bool:
    return obj is not None and user.has_perm("projects.view_project", _project_of(obj))


@rules.predicate
def is_public_need(user: Any, need: Any) -> bool:
    return need is not None and need.visibility == Visibility.PUBLIC


@rules.predicate
def is_members_need(user: Any, need: Any) -> bool:
    return need is not None and need.visibility == Visibility.MEMBERS


rules.add_perm(
    "needs.view_need",
    is_admin
    | moderates_needs_project
    | (
        ~is_need_hidden
        & (
            is_need_author
            | (is_public_need & may_see_needs_project)
            | (is_members_need & is_member_of_needs_project)
        )
    ),
)
# Object: the project the need is submitted to.
rules.add_perm("needs.add_need", rules.is_authenticated & (may_see_needs_project | is_admin))
rules.add_perm(
    "needs.change_need", is_admin | leads_needs_project | (is_need_author & ~is_need_hidden)
)
rules.add_perm(
    "needs.support_need",
    rules.is_authenticated
    & rules.predicate(
        lambda user, need: need is not None and user.has_perm("needs.view_need", need)
    ),
)
rules.add_perm("needs.moderate_need", is_admin | moderates_needs_project)
rules.add_perm("needs.view_campaign", is_admin | may_see_needs_project)
rules.add_perm("needs.manage_campaign", is_admin | leads_needs_project)
rules.add_perm("needs.manage_clusters", is_admin | leads_needs_project)
rules.add_perm("needs.prioritise_need", is_admin | leads_needs_project)
rules.add_perm("needs.assign_unit", is_admin | leads_needs_project)

# --- Assessment -------------------------------------------------------------------------------
# Bedömning. The challenge's project leaders define the criteria, invite assessors and see every
# score; an assessor sees only the ideas they were invited to, and other assessors' scores only
# once their own assessment is submitted. Objects: a Challenge, an Idea or an Assignment.


@rules.predicate
def leads_assignment_project(user: Any, assignment: Any) -> bool:
    if assignment is None:
        return False
    challenge = assignment.idea.challenge
    return challenge is not None and bool(project_roles(user, challenge.project) & LEADER_ROLES)


@rules.predicate
def is_assignment_assessor(user: Any, assignment: Any) -> bool:
    return assignment is not None and user.is_authenticated and assignment.assessor_id == user.pk


@rules.predicate
def assignment_is_open(user: Any, assignment: Any) -> bool:
    return assignment is not None and assignment.status == "invited"


@rules.predicate
def has_submitted_for_idea(user: Any, assignment: Any) -> bool:
    # One query on a detail page; lists use assessment.selectors instead.
    from samskapa.assessment.models import Assignment

    return (
        assignment is not None
        and user.is_authenticated
        and Assignment.objects.filter(
            idea_id=assignment.idea_id, assessor=user, status="submitted"
        ).exists()
    )


@rules.predicate
def is_invited_to_idea(user: Any, idea: Any) -> bool:
    from samskapa.assessment.models import Assignment

    return (
        idea is not None
        and user.is_authenticated
        and Assignment.objects.filter(idea_id=idea.pk, assessor=user).exists()
    )


_leads_assessment = leads_challenge_project | is_admin
rules.add_perm("assessment.manage_assessment", _leads_assessment)
rules.add_perm("assessment.view_results", _leads_assessment)
rules.add_perm("assessment.assess_idea", is_invited_to_idea)
rules.add_perm(
    "assessment.view_assignment",
    is_assignment_assessor | leads_assignment_project | is_admin,
)
rules.add_perm("assessment.submit_assignment", is_assignment_assessor & assignment_is_open)
rules.add_perm(
    "assessment.declare_conflict",
    is_assignment_assessor & rules.predicate(lambda user, a: a.status != "excluded"),
)
# The scores of the other assessors of the same idea.
rules.add_perm(
    "assessment.view_other_scores",
    leads_assignment_project | is_admin | (is_assignment_assessor & has_submitted_for_idea),
)


def _criterion_set_of(obj: Any) -> Any:
    """The CriterionSet of a Criterion, or the set itself."""
    return obj.criterion_set if hasattr(obj, "criterion_set_id") else obj


@rules.predicate
def manages_criterion_set(user: Any, obj: Any) -> bool:
    """A challenge's set is run by the challenge's leaders, a programme's by the programme's."""
    criterion_set = _criterion_set_of(obj) if obj is not None else None
    if criterion_set is None:
        return False
    if criterion_set.challenge_id:
        return user.has_perm("assessment.manage_assessment", criterion_set.challenge)
    return user.has_perm("programmes.change_programme", criterion_set.programme)


@rules.predicate
def may_see_criterion_set(user: Any, obj: Any) -> bool:
    # Criteria are open: whoever sees the challenge or programme may see what ideas are judged on.
    criterion_set = _criterion_set_of(obj) if obj is not None else None
    if criterion_set is None:
        return False
    if criterion_set.challenge_id:
        return user.has_perm("ideas.view_challenge", criterion_set.challenge)
    return user.has_perm("programmes.view_programme", criterion_set.programme)


# Objects: a CriterionSet or a Criterion.
rules.add_perm("assessment.view_criteria", may_see_criterion_set)
rules.add_perm("assessment.manage_criteria", manages_criterion_set)

# --- Programmes -------------------------------------------------------------------------------
# Innovationsprogram. The leaders and administrators of the leading organisation run a programme
# (participants, phases, milestones); members of the leading or a participating organisation see
# a members-only programme. ``programmes.selectors.programmes_visible_to`` is the same rule as a
# query. Object: a Programme (for add_programme: the organisation that is to lead it).


def _programme_organisation_ids(programme: Any) -> set[int]:
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
    return programme is not None and bool(
        organisation_roles(user, programme.organisation_id) & LEADER_ROLES
    )


@rules.predicate
def is_programme_member(user: Any, programme: Any) -> bool:
    if programme is None or not memberships_of(user):
        return False
    return any(
        org in _programme_organisation_ids(programme)
        for org, _project, _role in memberships_of(user)
    )


rules.add_perm("programmes.view_programme", is_public | is_programme_member | is_admin)
rules.add_perm("programmes.add_programme", has_organisation_role(*LEADER_ROLES) | is_admin)
rules.add_perm("programmes.change_programme", leads_programme | is_admin)
rules.add_perm("programmes.delete_programme", leads_programme | is_admin)

# --- Portfolio --------------------------------------------------------------------------------
# Initiatives and gate decisions. An initiative is run by the leaders of its urban development
# project, of its programme's leading organisation, or of its own lead organisation; they alone
# edit it and decide at its gates. Objects: an Initiative, or for add_initiative the project,
# programme or organisation it is to belong to.


def leads_scope(user: Any, scope: Any) -> bool:
    """Whether ``user`` leads a Project, a Programme or an Organisation."""
    from samskapa.organisations.models import Organisation
    from samskapa.programmes.models import Programme
    from samskapa.projects.models import Project

    if isinstance(scope, Project):
        return bool(project_roles(user, scope) & LEADER_ROLES)
    if isinstance(scope, Programme):
        return bool(organisation_roles(user, scope.organisation_id) & LEADER_ROLES)
    if isinstance(scope, Organisation):
        return bool(organisation_roles(user, scope.pk) & LEADER_ROLES)
    return False


@rules.predicate
def leads_initiative(user: Any, initiative: Any) -> bool:
    if initiative is None:
        return False
    if bool(organisation_roles(user, initiative.lead_organisation_id) & LEADER_ROLES):
        return True
    if initiative.project_id and leads_scope(user, initiative.project):
        return True
    return bool(initiative.programme_id and leads_scope(user, initiative.programme))


@rules.predicate
def is_initiative_member(user: Any, initiative: Any) -> bool:
    if initiative is None:
        return False
    if organisation_roles(user, initiative.lead_organisation_id):
        return True
    if initiative.project_id and project_roles(user, initiative.project):
        return True
    return bool(initiative.programme_id and is_programme_member(user, initiative.programme))


@rules.predicate
def initiative_context_visible(user: Any, initiative: Any) -> bool:
    """Its project and programme, where it has them, are visible to ``user``."""
    if initiative is None:
        return False
    if initiative.project_id and not user.has_perm("projects.view_project", initiative.project):
        return False
    return not (
        initiative.programme_id
        and not user.has_perm("programmes.view_programme", initiative.programme)
    )


rules.add_perm("portfolio.add_initiative", rules.predicate(leads_scope) | is_admin)
rules.add_perm(
    "portfolio.view_initiative",
    (is_public & initiative_context_visible) | is_initiative_member | leads_initiative | is_admin,
)
rules.add_perm("portfolio.change_initiative", leads_initiative | is_admin)
rules.add_perm("portfolio.decide_gate", leads_initiative | is_admin)

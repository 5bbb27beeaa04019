"""Every visibility rule agrees with its queryset twin, over the whole role matrix.

A rule (``needs.view_need``) decides on one object; its twin (``needs_visible_to``) is the same
rule as a query, which every list, search, count, export and API list starts from. If the two
drift apart, a list shows what a detail page refuses, or hides what a person may see. This test
builds a small world with every kind of visibility, asks both for every person and every
object, and fails on any disagreement.

A new app with a ``<app>.view_<model>`` rule adds its twin to ``TWINS`` (or, for a rule that
guards no list, a reason to ``NO_LIST``); ``test_every_view_rule_has_a_twin`` fails until it does.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet

from samskapa.accounts.tests.factories import UserFactory
from samskapa.competences.models import CompetenceNeed, InterestRequest, Profile
from samskapa.competences.selectors import (
    competence_needs_visible_to,
    profiles_visible_to,
)
from samskapa.competences.selectors import (
    requests_visible_to as interest_requests_visible_to,
)
from samskapa.competences.tests.factories import (
    CompetenceNeedFactory,
    InterestRequestFactory,
)
from samskapa.competences.tests.factories import ProfileFactory as CompetenceProfileFactory
from samskapa.core.models import Notification, Visibility
from samskapa.core.predicates import forget_memberships
from samskapa.events.models import Event, ExperiencePost, Network
from samskapa.events.selectors import events_visible_to, networks_visible_to
from samskapa.events.tests.factories import (
    EventFactory,
    ExperiencePostFactory,
    NetworkFactory,
    NetworkMemberFactory,
)
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import challenges_visible_to, ideas_visible_to
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.indicators.models import Indicator
from samskapa.indicators.selectors import indicators_visible_to
from samskapa.indicators.tests.factories import IndicatorFactory
from samskapa.learning import selectors as learning
from samskapa.learning.models import LearningProgramme, MemberRole, Plan, Submission
from samskapa.learning.tests.factories import (
    AssignmentFactory,
    MemberFactory,
    PlanFactory,
    SubmissionFactory,
)
from samskapa.learning.tests.factories import (
    ProgrammeFactory as LearningProgrammeFactory,
)
from samskapa.marketplace.models import ProcurementRequest, RequestStatus, Service
from samskapa.marketplace.selectors import (
    requests_visible_to as procurement_requests_visible_to,
)
from samskapa.marketplace.selectors import services_visible_to
from samskapa.marketplace.tests.factories import RequestFactory, ServiceFactory
from samskapa.methods.models import Lab, Method, MethodStatus
from samskapa.methods.selectors import labs_visible_to, methods_visible_to
from samskapa.methods.tests.factories import LabFactory, MethodFactory
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiatives_visible_to
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.programmes.models import Participant, Programme
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.programmes.tests.factories import ProgrammeFactory
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.sdg.models import SuggestionFeedback, Target
from samskapa.sdg.selectors import feedback_visible_to
from samskapa.strategy.models import Strategy
from samskapa.strategy.selectors import strategies_visible_to

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Twin:
    """A visibility rule, its model and the query that must list the same objects."""

    rule: str
    model: type[Model]
    visible_to: Callable[..., QuerySet[Any]]
    # Objects the rule lets some people open by link but that no list ever shows.
    never_listed: Callable[[Any], bool] = field(default=lambda obj: False)


TWINS = [
    Twin(
        "organisations.view_organisation",
        Organisation,
        lambda *, user: Organisation.objects.all(),
    ),
    Twin("projects.view_project", Project, projects_visible_to),
    Twin("programmes.view_programme", Programme, programmes_visible_to),
    Twin("needs.view_need", Need, needs_visible_to),
    Twin("ideas.view_challenge", Challenge, challenges_visible_to),
    # A hidden idea stays out of every list; its author and the moderators open it by link.
    Twin("ideas.view_idea", Idea, ideas_visible_to, never_listed=lambda idea: idea.is_hidden),
    Twin("portfolio.view_initiative", Initiative, initiatives_visible_to),
    Twin("methods.view_method", Method, methods_visible_to),
    Twin("methods.view_lab", Lab, labs_visible_to),
    Twin("events.view_event", Event, events_visible_to),
    Twin("events.view_network", Network, networks_visible_to),
    Twin("events.view_post", ExperiencePost, lambda *, user: ExperiencePost.objects.all()),
    Twin("learning.view_programme", LearningProgramme, learning.programmes_visible_to),
    Twin("learning.view_submission", Submission, learning.submissions_visible_to),
    Twin("learning.view_plan", Plan, learning.plans_visible_to),
    Twin("sdg.view_suggestionfeedback", SuggestionFeedback, feedback_visible_to),
    Twin("indicators.view_indicator", Indicator, indicators_visible_to),
    Twin("strategy.view_strategy", Strategy, strategies_visible_to),
    Twin("marketplace.view_service", Service, services_visible_to),
    Twin("marketplace.view_request", ProcurementRequest, procurement_requests_visible_to),
    Twin("competences.view_profile", Profile, profiles_visible_to),
    Twin("competences.view_need", CompetenceNeed, competence_needs_visible_to),
    Twin("competences.view_request", InterestRequest, interest_requests_visible_to),
]

# View rules that guard no list of their own, and why.
NO_LIST = {
    "core.view_notification": "each person lists only their own (notifications_for)",
    "needs.view_campaign": "campaigns are listed per project, through projects_visible_to",
    "assessment.view_assignment": "an assessor lists their own (assignments_of); leaders per idea",
    "assessment.view_results": "results of one challenge, on its page",
    "assessment.view_criteria": "criteria of one challenge or programme, on its page",
    "assessment.view_other_scores": "scores of one idea, on the assignment page",
    "methods.view_lab_participants": "names of one workshop's participants, on its page",
    "marketplace.view_response": "sealed for everyone outside the provider, the platform "
    "administrator too (whom has_perm always answers yes): access_response and every list "
    "start from responses_visible_to",
}


def _people(gavle: Organisation, harryda: Organisation, naringen: Project) -> dict[str, Any]:
    def member(role: str, **scope: Any) -> Any:
        return MembershipFactory(role=role, **scope).user

    return {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(),
        "member": member(Role.MEMBER, organisation=gavle),
        "leader of another municipality": member(Role.PROJECT_LEADER, organisation=harryda),
        "leader": member(Role.PROJECT_LEADER, organisation=gavle),
        "assessor": member(Role.ASSESSOR, organisation=None, project=naringen),
        "facilitator": member(Role.FACILITATOR, organisation=None, project=naringen),
        "moderator": member(Role.MODERATOR, organisation=gavle),
        "organisation administrator": member(Role.ADMINISTRATOR, organisation=gavle),
        "platform administrator": UserFactory(is_superuser=True, is_staff=True),
    }


@pytest.fixture
def world(reference_data: None) -> dict[str, Any]:
    """People in every role, and objects in every state of visibility."""
    gavle = OrganisationFactory(name="Gävle kommun", municipality_code="2180")
    harryda = OrganisationFactory(name="Härryda kommun", municipality_code="1401")
    naringen = ProjectFactory(name="Näringen", organisation=gavle, visibility=Visibility.PUBLIC)
    internal = ProjectFactory(name="Intern", organisation=gavle, visibility=Visibility.MEMBERS)
    people = _people(gavle, harryda, naringen)
    author = people["resident"]
    for project in (naringen, internal):
        for visibility in Visibility.values:
            for hidden in (False, True):
                NeedFactory(project=project, visibility=visibility, is_hidden=hidden, author=author)
        NeedFactory(project=project, visibility=Visibility.PRIVATE, author=people["member"])
        # Awaiting a moderator's approval (a pre-moderated campaign): author and moderators only.
        for visibility in (Visibility.PUBLIC, Visibility.MEMBERS):
            NeedFactory(
                project=project, visibility=visibility, awaiting_approval=True, author=author
            )
        challenge = ChallengeFactory(project=project)
        for hidden in (False, True):
            IdeaFactory(project=project, challenge=challenge, is_hidden=hidden, author=author)
        # Awaiting a moderator's approval (a pre-moderated challenge): author and moderators.
        premoderated = ChallengeFactory(project=project, premoderated=True)
        for idea_author in (author, people["member"]):
            IdeaFactory(
                project=project,
                challenge=premoderated,
                awaiting_approval=True,
                author=idea_author,
            )
    for hidden in (False, True):
        IdeaFactory(project=None, is_hidden=hidden, author=people["member"])
    public_programme = ProgrammeFactory(organisation=gavle, visibility=Visibility.PUBLIC)
    members_programme = ProgrammeFactory(organisation=gavle, visibility=Visibility.MEMBERS)
    Participant.objects.create(programme=members_programme, organisation=harryda)
    for visibility in Visibility.PUBLIC, Visibility.MEMBERS:
        for scope in (
            {"project": naringen},
            {"project": internal},
            {"programme": public_programme},
            {"programme": members_programme},
            {},
        ):
            InitiativeFactory(lead_organisation=gavle, visibility=visibility, **scope)
        InitiativeFactory(lead_organisation=harryda, visibility=visibility)
    for status in MethodStatus.values:
        MethodFactory(status=status, proposed_by=author)
        MethodFactory(status=status, proposed_by=people["member"])
    LabFactory(organiser=harryda)
    network = NetworkFactory()
    NetworkMemberFactory(network=network, organisation=harryda)
    ExperiencePostFactory(network=network)
    for visibility in Visibility.PUBLIC, Visibility.MEMBERS:
        EventFactory(organiser=gavle, visibility=visibility)
        EventFactory(organiser=gavle, network=network, visibility=visibility)
        for project in (naringen, internal, None):
            IndicatorFactory(organisation=gavle, project=project, visibility=visibility)
        IndicatorFactory(organisation=harryda, project=naringen, visibility=visibility)
    for project in (naringen, internal):
        Strategy.objects.create(project=project, title=f"Strategi {project.name}")
    for published in (True, False):
        ServiceFactory(provider=gavle, is_published=published)
        ServiceFactory(provider=harryda, is_published=published)
    for status in RequestStatus.values:
        RequestFactory(buyer=gavle, status=status)
        RequestFactory(buyer=harryda, status=status)
    for person in people.values():
        if person.is_authenticated:
            Notification.objects.create(recipient=person, title="Hej")
            SuggestionFeedback.objects.create(
                user=person, target=Target.objects.get(code="11.2"), accepted=True
            )
    _competences(people, gavle, naringen, internal)
    _learning(people, gavle, harryda)
    return people


def _learning(people: dict[str, Any], gavle: Organisation, harryda: Organisation) -> None:
    """A published and a draft learning programme; submissions with and without peer review,
    for oneself and for a municipality team; plans of two municipalities."""
    published = LearningProgrammeFactory(organiser=gavle)
    draft = LearningProgrammeFactory(organiser=gavle, status="draft")
    MemberFactory(
        programme=published,
        user=people["facilitator"],
        role=MemberRole.FACILITATOR,
        organisation=gavle,
    )
    MemberFactory(programme=published, user=people["member"], organisation=gavle)
    MemberFactory(
        programme=published, user=people["leader of another municipality"], organisation=harryda
    )
    MemberFactory(programme=draft, user=people["leader"], organisation=gavle)
    for peer_review in (False, True):
        assignment = AssignmentFactory(programme=published, peer_review=peer_review)
        SubmissionFactory(assignment=assignment, author=people["member"])
        SubmissionFactory(
            assignment=assignment,
            author=people["leader of another municipality"],
            for_team=True,
            municipality=harryda.municipality,
        )
    SubmissionFactory(assignment=AssignmentFactory(programme=draft), author=people["leader"])
    for programme, organisation in ((published, gavle), (published, harryda), (draft, gavle)):
        PlanFactory(programme=programme, municipality=organisation.municipality)


def _competences(people: dict[str, Any], gavle: Organisation, *projects: Project) -> None:
    """Profiles published and not, needs for competence on every kind of target, a request."""
    published = CompetenceProfileFactory(user=people["resident"])
    CompetenceProfileFactory(user=people["member"], is_published=False)
    CompetenceProfileFactory(user=None, organisation=gavle, is_published=False)
    for project in projects:
        need = CompetenceNeedFactory(project=project)
        CompetenceNeedFactory(project=None, challenge=Challenge.objects.filter(project=project)[0])
        CompetenceNeedFactory(project=None, need=Need.objects.filter(project=project)[0])
        InterestRequestFactory(need=need, profile=published, sender=people["leader"])
    for initiative in Initiative.objects.all()[:4]:
        CompetenceNeedFactory(project=None, initiative=initiative)


@pytest.mark.parametrize("twin", TWINS, ids=lambda twin: twin.rule)
def test_rule_and_queryset_agree_for_every_role(world: dict[str, Any], twin: Twin) -> None:
    everything = list(twin.model._default_manager.all())
    assert everything, f"the world holds no {twin.model.__name__}"
    disagreements = []
    for role, person in world.items():
        forget_memberships(person)
        listed = set(twin.visible_to(user=person).values_list("pk", flat=True))
        for obj in everything:
            allowed = person.has_perm(twin.rule, obj) and not twin.never_listed(obj)
            if allowed != (obj.pk in listed):
                state = "listed but refused" if obj.pk in listed else "allowed but not listed"
                disagreements.append(f"{role}: {twin.model.__name__} {obj.pk} ({obj}) {state}")
    assert disagreements == []


def test_every_role_sees_something_and_not_everything(world: dict[str, Any]) -> None:
    # The world must tell the roles apart, or agreement would prove little.
    needs = {role: needs_visible_to(user=person).count() for role, person in world.items()}
    assert needs["anonymous"] < needs["member"] < needs["moderator"] < Need.objects.count() + 1
    assert needs["platform administrator"] == Need.objects.count()
    ideas = {role: ideas_visible_to(user=person).count() for role, person in world.items()}
    # The moderators list the ideas that await their approval; a member sees only their own.
    assert ideas["anonymous"] < ideas["member"] < ideas["moderator"]


def test_every_view_rule_has_a_twin() -> None:
    view_rules = {
        name
        for name in rules.permissions.permissions
        if "." in name and name.split(".")[1].startswith("view_")
    }
    covered = {twin.rule for twin in TWINS} | set(NO_LIST)
    assert view_rules - covered == set(), "add the rule's queryset twin to TWINS"


def test_the_check_finds_a_planted_disagreement(world: dict[str, Any]) -> None:
    # A twin that forgets members-only projects must fail for the members who see them.
    def public_only(*, user: Any) -> QuerySet[Project]:
        return Project.objects.filter(visibility=Visibility.PUBLIC)

    planted = Twin("projects.view_project", Project, public_only)
    with pytest.raises(AssertionError, match="allowed but not listed"):
        test_rule_and_queryset_agree_for_every_role(world, planted)

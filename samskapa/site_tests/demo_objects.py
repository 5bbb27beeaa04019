"""Real objects of the demo content, for the URLs and API calls of the whole-site tests.

The objects are Gävle's (project Näringen and what hangs off it), which the demo project
leader may see and change, so that a walk as that person reaches the forms and the writes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils.http import int_to_base36

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, Criterion
from samskapa.competences.models import CompetenceNeed, InterestRequest, Requirement
from samskapa.competences.models import Profile as CompetenceProfile
from samskapa.core.emails import unsubscribe_token
from samskapa.core.models import Notification
from samskapa.events import demo as events_demo
from samskapa.events.models import (
    AgendaItem,
    EventDocument,
    ExperiencePost,
    NetworkMember,
    Registration,
)
from samskapa.ideas.models import Challenge, Comment, Idea
from samskapa.indicators.models import Indicator, Measurement
from samskapa.learning import demo as learning_demo
from samskapa.learning.models import Assignment as LearningAssignment
from samskapa.learning.models import Member as LearningMember
from samskapa.learning.models import Plan as LearningPlan
from samskapa.learning.models import Session as LearningSession
from samskapa.learning.models import Submission as LearningSubmission
from samskapa.marketplace.models import Criterion as MarketCriterion
from samskapa.marketplace.models import ProcurementRequest, ServiceReference
from samskapa.marketplace.models import Question as MarketQuestion
from samskapa.marketplace.models import Requirement as MarketRequirement
from samskapa.marketplace.models import Response as MarketResponse
from samskapa.marketplace.models import Service as MarketService
from samskapa.methods.models import Adaptation, ExperienceReport, Lab, LabParticipant, Method
from samskapa.needs.models import Campaign, Cluster, Need
from samskapa.organisations.models import Membership, Organisation, Unit
from samskapa.portfolio.models import GateDecision, Initiative
from samskapa.programmes.models import Milestone, Participant, Phase, Programme
from samskapa.projects.models import Funding, Project, ProjectPhase, ProjectUnit
from samskapa.strategy.models import FocusArea, StrategyGoal

RESIDENT = "invanare@samskapa.example"
PROJECT_LEADER = "projektledare.gavle@samskapa.example"


@dataclass
class Demo:
    """The objects of the demo content the walk puts in URLs: Gävle's, which its leader may edit."""

    project: Project
    organisation: Organisation
    programme: Programme
    need: Need
    campaign: Campaign
    cluster: Cluster
    challenge: Challenge
    idea: Idea
    assignment: Assignment
    criterion: Criterion
    initiative: Initiative
    decision: GateDecision
    leader: User

    @classmethod
    def load(cls) -> "Demo":
        project = Project.objects.get(slug="naringen")
        leader = User.objects.get(email=PROJECT_LEADER)
        challenge = Challenge.objects.filter(project=project).order_by("pk").first()
        assert challenge is not None, "The demo content has no challenge in Näringen."
        initiative = (
            Initiative.objects.filter(project=project, gate_decisions__isnull=False)
            .order_by("pk")
            .first()
        )
        assert initiative is not None, "The demo content has no decided initiative in Näringen."
        # Näringen's first campaign; the second one is pre-moderated.
        campaign = Campaign.objects.filter(project=project).order_by("pk").first()
        assert campaign is not None, "The demo content has no campaign in Näringen."
        return cls(
            project=project,
            organisation=project.organisation,
            programme=Programme.objects.order_by("pk").first(),  # type: ignore[arg-type]
            need=Need.objects.filter(project=project).order_by("pk").first(),  # type: ignore[arg-type]
            campaign=campaign,
            cluster=Cluster.objects.filter(project=project).order_by("pk").first(),  # type: ignore[arg-type]
            challenge=challenge,
            idea=Idea.objects.filter(challenge=challenge).order_by("pk").first(),  # type: ignore[arg-type]
            assignment=Assignment.objects.filter(idea__challenge=challenge).order_by("pk").first(),  # type: ignore[arg-type]
            criterion=Criterion.objects.filter(criterion_set__challenge=challenge)
            .order_by("pk")
            .first(),  # type: ignore[arg-type]
            initiative=initiative,
            decision=initiative.gate_decisions.order_by("pk").first(),  # type: ignore[arg-type]
            leader=leader,
        )

    def first_slug(self, model: Any) -> str:
        found = model.objects.order_by("pk").first()
        assert found is not None, f"The demo content has no {model.__name__}."
        return str(found.slug)

    def first(self, model: Any, **filters: Any) -> str:
        found = model.objects.filter(**filters).order_by("pk").first()
        assert found is not None, f"The demo content has no {model.__name__} with {filters}."
        return str(found.pk)

    @property
    def unit(self) -> str:
        """A unit in Näringen's matrix (an administration or board of Gävle)."""
        return str(ProjectUnit.objects.filter(project=self.project).order_by("pk")[0].unit_id)

    @cached_property
    def context(self) -> dict[str, str]:
        """Real values of the query parameters that choose what a page is about."""
        return {
            "project": self.project.slug,
            "campaign": str(self.campaign.pk),
            "challenge": str(self.challenge.pk),
            "programme": self.programme.slug,
            "organisation": self.organisation.slug,
            "municipality": self.project.municipality.code,  # type: ignore[union-attr]
            "cluster": str(self.cluster.pk),
            "need": str(self.need.pk),
            "idea": str(self.idea.pk),
            "initiative": str(self.initiative.pk),
            "unit": self.unit,
        }


def real_path_values(demo: Demo) -> dict[str, Callable[[], dict[str, str]]]:
    """Path values for each route with parameters, keyed by its template."""
    project = {"slug": demo.project.slug}
    organisation = {"slug": demo.organisation.slug}
    programme = {"slug": demo.programme.slug}
    code = {"code": demo.project.municipality.code}  # type: ignore[union-attr]
    municipality = {"slug": demo.project.municipality.slug}  # type: ignore[union-attr]
    need = {"pk": str(demo.need.pk)}
    challenge = {"pk": str(demo.challenge.pk)}
    idea = {"pk": str(demo.idea.pk)}
    assignment = {"pk": str(demo.assignment.pk)}
    criterion = {"pk": str(demo.criterion.pk)}
    initiative = {"pk": str(demo.initiative.pk)}
    campaign = {"pk": str(demo.campaign.pk)}
    cluster = {"pk": str(demo.cluster.pk)}

    def milestone() -> dict[str, str]:
        return {**programme, "pk": demo.first(Milestone, programme=demo.programme)}

    def participant() -> dict[str, str]:
        return {**programme, "pk": demo.first(Participant, programme=demo.programme)}

    def phase() -> dict[str, str]:
        return {**programme, "pk": demo.first(Phase, programme=demo.programme)}

    def org_member() -> dict[str, str]:
        return {**organisation, "pk": demo.first(Membership, organisation=demo.organisation)}

    def org_unit() -> dict[str, str]:
        return {**organisation, "pk": demo.first(Unit, organisation=demo.organisation)}

    def project_member() -> dict[str, str]:
        return {**project, "pk": demo.first(Membership, project=demo.project)}

    def funding() -> dict[str, str]:
        return {**project, "pk": demo.first(Funding, project=demo.project)}

    def project_unit() -> dict[str, str]:
        return {**project, "pk": demo.first(ProjectUnit, project=demo.project)}

    def indicator() -> dict[str, str]:
        return {"pk": demo.first(Indicator, project=demo.project)}

    def measurement() -> dict[str, str]:
        values = indicator()
        return {**values, "measurement_pk": demo.first(Measurement, indicator_id=values["pk"])}

    def focus_area() -> dict[str, str]:
        return {**project, "pk": demo.first(FocusArea, strategy__project=demo.project)}

    def strategy_goal() -> dict[str, str]:
        return {
            **project,
            "pk": demo.first(StrategyGoal, focus_area__strategy__project=demo.project),
        }

    def comment() -> dict[str, str]:
        return {"pk": demo.first(Comment, idea__project=demo.project)}

    def decision() -> dict[str, str]:
        return {**initiative, "decision_pk": str(demo.decision.pk)}

    def attachment(model: Any) -> Callable[[], dict[str, str]]:
        def values() -> dict[str, str]:
            owner = model.objects.filter(attachments__isnull=False).order_by("pk").first()
            assert owner is not None, f"The demo content has no {model.__name__} with a file."
            return {"pk": str(owner.pk), "upload_pk": str(owner.attachments.first().pk)}

        return values

    def market_request() -> str:
        """Gävle's market dialogue, which the demo leader runs."""
        return demo.first(ProcurementRequest, buyer=demo.organisation)

    def market_document() -> dict[str, str]:
        request = ProcurementRequest.objects.filter(documents__isnull=False).order_by("pk").first()
        assert request is not None, "The demo content has no request with a document."
        return {"pk": str(request.pk), "item": str(request.documents.order_by("pk")[0].pk)}

    def market_item(model: Any, parent: str) -> dict[str, str]:
        found = model.objects.filter(**{f"{parent}__buyer": demo.organisation}).order_by("pk")
        item = found.first() or model.objects.order_by("pk").first()
        assert item is not None, f"The demo content has no {model.__name__}."
        return {"pk": str(getattr(item, f"{parent}_id")), "item": str(item.pk)}

    def competence() -> dict[str, str]:
        return {"pk": demo.first(CompetenceNeed, project=demo.project)}

    def requirement() -> dict[str, str]:
        need_pk = demo.first(CompetenceNeed, project=demo.project)
        return {"pk": need_pk, "requirement_pk": demo.first(Requirement, need_id=need_pk)}

    def competence_profile() -> dict[str, str]:
        return {"pk": demo.first(CompetenceProfile, organisation=demo.organisation)}

    def contact() -> dict[str, str]:
        return {**competence(), "profile_pk": demo.first(CompetenceProfile, user__isnull=False)}

    def interest() -> dict[str, str]:
        return {"pk": demo.first(InterestRequest, sender=demo.leader)}

    def key(uidb36: bool = False) -> dict[str, str]:
        values = {"key": "4ae-8f2c1d"}
        if uidb36:
            values["uidb36"] = int_to_base36(demo.leader.pk)
        return values

    same = {
        lambda: project: [
            "api/v1/projects/<slug:slug>/",
            "api/v1/projects/<slug:slug>/units/",
            "projekt/<slug:slug>/",
            "projekt/<slug:slug>/andra/",
            "projekt/<slug:slug>/finansiering/ny/",
            "projekt/<slug:slug>/enheter/ny/",
            "projekt/<slug:slug>/forvaltningar/",
            "projekt/<slug:slug>/medlemmar/ny/",
            "behov/projekt/<slug:slug>/",
            "behov/projekt/<slug:slug>/kampanjer/ny/",
            "behov/projekt/<slug:slug>/kluster/",
            "behov/projekt/<slug:slug>/kluster/nytt/",
            "behov/projekt/<slug:slug>/prioritering/",
            "behov/projekt/<slug:slug>/prioritering/poang/",
            "ideer/projekt/<slug:slug>/ny-utmaning/",
            "uppfoljning/projekt/<slug:slug>/",
            "uppfoljning/projekt/<slug:slug>/csv/",
            "strategi/projekt/<slug:slug>/",
            "strategi/projekt/<slug:slug>/ny/",
            "strategi/projekt/<slug:slug>/andra/",
            "strategi/projekt/<slug:slug>/fokusomraden/ny/",
            "strategi/projekt/<slug:slug>/versioner/ny/",
            "strategi/projekt/<slug:slug>/strategi.pdf",
            "strategi/projekt/<slug:slug>/strategi.docx",
        ],
        lambda: organisation: [
            "api/v1/organisations/<slug:slug>/",
            "organisationer/<slug:slug>/",
            "organisationer/<slug:slug>/andra/",
            "organisationer/<slug:slug>/medlemmar/ny/",
            "organisationer/<slug:slug>/enheter/ny/",
        ],
        lambda: programme: [
            "api/v1/programmes/<slug:slug>/portfolio/",
            "api/v1/programmes/<slug:slug>/",
            "api/v1/programmes/<slug:slug>/milestones/",
            "api/v1/programmes/<slug:slug>/assessment-criteria/",
            "api/v1/programmes/<slug:slug>/criterion-set/",
            "bedomning/program/<slug:slug>/",
            "program/<slug:slug>/",
            "program/<slug:slug>/andra/",
            "program/<slug:slug>/tidslinje/",
            "program/<slug:slug>/deltagare/ny/",
            "program/<slug:slug>/faser/ny/",
            "program/<slug:slug>/milstolpar/ny/",
            "portfolj/program/<slug:slug>/",
            "uppfoljning/program/<slug:slug>/",
            "uppfoljning/program/<slug:slug>/csv/",
            "uppfoljning/program/<slug:slug>/utvarderingar/",
            "uppfoljning/program/<slug:slug>/utvarderingar/ny/",
        ],
        lambda: code: [
            "api/v1/municipalities/<str:code>/portfolio/",
            "api/v1/municipalities/<str:code>/",
            "portfolj/kommun/<str:code>/",
            "uppfoljning/kommun/<str:code>/",
            "uppfoljning/kommun/<str:code>/csv/",
        ],
        lambda: municipality: ["kommun/<slug:slug>/"],
        lambda: need: [
            "api/v1/needs/<int:pk>/",
            "api/v1/needs/<int:pk>/trace/",
            "api/v1/needs/<int:pk>/support/",
            "api/v1/needs/<int:pk>/moderation/",
            "behov/<int:pk>/",
            "behov/<int:pk>/andra/",
            "behov/<int:pk>/stod/",
            "behov/<int:pk>/moderera/",
            "behov/<int:pk>/enhet/",
            "behov/<int:pk>/flytta/",
            "behov/<int:pk>/poang/",
            "behov/<int:pk>/filer/",
            "behov/<int:pk>/anmal/",
        ],
        lambda: campaign: [
            "api/v1/campaigns/<int:pk>/",
            "behov/kampanjer/<int:pk>/",
            "behov/kampanjer/<int:pk>/andra/",
        ],
        lambda: cluster: [
            "behov/kluster/<int:pk>/byt-namn/",
            "behov/kluster/<int:pk>/sla-ihop/",
            "behov/kluster/<int:pk>/dela/",
            "behov/kluster/<int:pk>/upplos/",
            "behov/kluster/<int:pk>/poang/",
        ],
        lambda: challenge: [
            "api/v1/challenges/<int:pk>/",
            "api/v1/challenges/<int:pk>/assessment-results/",
            "api/v1/challenges/<int:pk>/assessment-criteria/",
            "api/v1/challenges/<int:pk>/criterion-set/",
            "api/v1/challenges/<int:pk>/assessment-assignments/",
            "ideer/utmaningar/<int:pk>/",
            "ideer/utmaningar/<int:pk>/andra/",
            "bedomning/utmaningar/<int:pk>/",
            "bedomning/utmaningar/<int:pk>/resultat/",
        ],
        lambda: idea: [
            "api/v1/ideas/<int:pk>/",
            "api/v1/ideas/<int:pk>/comments/",
            "api/v1/ideas/<int:pk>/support/",
            "api/v1/ideas/<int:pk>/follow/",
            "ideer/<int:pk>/",
            "ideer/<int:pk>/andra/",
            "ideer/<int:pk>/stod/",
            "ideer/<int:pk>/bevaka/",
            "ideer/<int:pk>/kommentarer/",
            "ideer/<int:pk>/moderera/",
            "ideer/<int:pk>/anmal/",
            "ideer/<int:pk>/filer/",
        ],
        comment: [
            "ideer/kommentarer/<int:pk>/anmal/",
            "ideer/kommentarer/<int:pk>/dolj/",
        ],
        lambda: assignment: [
            "api/v1/assessments/<int:pk>/",
            "api/v1/assessments/<int:pk>/submit/",
            "bedomning/<int:pk>/",
            "bedomning/<int:pk>/jav/",
        ],
        lambda: criterion: [
            "api/v1/assessment-criteria/<int:pk>/",
            "bedomning/kriterier/<int:pk>/",
            "bedomning/kriterier/<int:pk>/ta-bort/",
        ],
        lambda: initiative: [
            "api/v1/initiatives/<int:pk>/",
            "api/v1/initiatives/<int:pk>/gate-decisions/",
            "portfolj/initiativ/<int:pk>/",
            "portfolj/initiativ/<int:pk>/andra/",
            "portfolj/initiativ/<int:pk>/grindbeslut/",
            "portfolj/initiativ/<int:pk>/filer/",
        ],
        milestone: [
            "api/v1/programmes/<slug:slug>/milestones/<int:pk>/",
            "program/<slug:slug>/milstolpar/<int:pk>/andra/",
            "program/<slug:slug>/milstolpar/<int:pk>/status/",
            "program/<slug:slug>/milstolpar/<int:pk>/ta-bort/",
        ],
        participant: [
            "program/<slug:slug>/deltagare/<int:pk>/andra/",
            "program/<slug:slug>/deltagare/<int:pk>/ta-bort/",
        ],
        phase: [
            "program/<slug:slug>/faser/<int:pk>/andra/",
            "program/<slug:slug>/faser/<int:pk>/ta-bort/",
        ],
        attachment(Need): [
            "behov/<int:pk>/filer/<int:upload_pk>/",
            "behov/<int:pk>/filer/<int:upload_pk>/ta-bort/",
        ],
        attachment(Idea): [
            "ideer/<int:pk>/filer/<int:upload_pk>/",
            "ideer/<int:pk>/filer/<int:upload_pk>/ta-bort/",
        ],
        attachment(Initiative): [
            "portfolj/initiativ/<int:pk>/filer/<int:upload_pk>/",
            "portfolj/initiativ/<int:pk>/filer/<int:upload_pk>/ta-bort/",
        ],
        attachment(Lab): [
            "metoder/labbverkstader/<int:pk>/filer/<int:upload_pk>/",
            "metoder/labbverkstader/<int:pk>/filer/<int:upload_pk>/ta-bort/",
        ],
        attachment(ExperienceReport): [
            "metoder/erfarenheter/<int:pk>/filer/<int:upload_pk>/",
            "metoder/erfarenheter/<int:pk>/filer/<int:upload_pk>/ta-bort/",
        ],
        indicator: [
            "api/v1/indicators/<int:pk>/",
            "api/v1/indicators/<int:pk>/measurements/",
            "uppfoljning/<int:pk>/",
            "uppfoljning/<int:pk>/andra/",
            "uppfoljning/<int:pk>/ta-bort/",
            "uppfoljning/<int:pk>/malvarden/",
            "uppfoljning/<int:pk>/varden/ny/",
            "uppfoljning/<int:pk>/import/",
            "uppfoljning/<int:pk>/import/spara/",
            "uppfoljning/<int:pk>/kolada/",
            "uppfoljning/<int:pk>/diagram.svg",
            "uppfoljning/<int:pk>/varden.csv",
        ],
        focus_area: [
            "strategi/projekt/<slug:slug>/fokusomraden/<int:pk>/andra/",
            "strategi/projekt/<slug:slug>/fokusomraden/<int:pk>/ta-bort/",
            "strategi/projekt/<slug:slug>/fokusomraden/<int:pk>/mal/ny/",
        ],
        strategy_goal: [
            "strategi/projekt/<slug:slug>/mal/<int:pk>/andra/",
            "strategi/projekt/<slug:slug>/mal/<int:pk>/ta-bort/",
        ],
        measurement: ["uppfoljning/<int:pk>/varden/<int:measurement_pk>/ta-bort/"],
        org_member: ["organisationer/<slug:slug>/medlemmar/<int:pk>/ta-bort/"],
        org_unit: [
            "organisationer/<slug:slug>/enheter/<int:pk>/",
            "organisationer/<slug:slug>/enheter/<int:pk>/ta-bort/",
        ],
        project_member: ["projekt/<slug:slug>/medlemmar/<int:pk>/ta-bort/"],
        funding: ["projekt/<slug:slug>/finansiering/<int:pk>/ta-bort/"],
        project_unit: ["projekt/<slug:slug>/enheter/<int:pk>/ta-bort/"],
        decision: [
            "api/v1/initiatives/<int:pk>/gate-decisions/<int:decision_pk>/",
            "portfolj/initiativ/<int:pk>/grindbeslut/<int:decision_pk>/rattelse/",
        ],
        lambda: {**project, "unit_id": demo.unit, "phase": ProjectPhase.PROGRAMME.value}: [
            "api/v1/projects/<slug:slug>/units/<int:unit_id>/phases/<str:phase>/"
        ],
        lambda: {**project, "unit_pk": demo.unit, "phase": ProjectPhase.PROGRAMME.value}: [
            "projekt/<slug:slug>/forvaltningar/<int:unit_pk>/<str:phase>/"
        ],
        lambda: {"pk": market_request()}: [
            "api/v1/market-requests/<int:pk>/",
            "api/v1/market-requests/<int:pk>/questions/",
            "api/v1/market-requests/<int:pk>/responses/",
            "api/v1/market-requests/<int:pk>/ocds/",
            "marknadsplats/forfragningar/<int:pk>/",
            "marknadsplats/forfragningar/<int:pk>/andra/",
            "marknadsplats/forfragningar/<int:pk>/krav/ny/",
            "marknadsplats/forfragningar/<int:pk>/kriterier/ny/",
            "marknadsplats/forfragningar/<int:pk>/publicera/",
            "marknadsplats/forfragningar/<int:pk>/dokument/ny/",
            "marknadsplats/forfragningar/<int:pk>/tidsfrister/",
            "marknadsplats/forfragningar/<int:pk>/folj/",
            "marknadsplats/forfragningar/<int:pk>/fragor/ny/",
            "marknadsplats/forfragningar/<int:pk>/svara/",
            "marknadsplats/forfragningar/<int:pk>/oppna/",
            "marknadsplats/forfragningar/<int:pk>/utvardering/",
            "marknadsplats/forfragningar/<int:pk>/utfall/",
        ],
        lambda: market_item(MarketRequirement, "request"): [
            "marknadsplats/forfragningar/<int:pk>/krav/<int:item>/ta-bort/"
        ],
        lambda: market_item(MarketCriterion, "request"): [
            "marknadsplats/forfragningar/<int:pk>/kriterier/<int:item>/ta-bort/"
        ],
        lambda: market_item(MarketQuestion, "request"): [
            "marknadsplats/forfragningar/<int:pk>/fragor/<int:item>/svara/"
        ],
        lambda: market_item(MarketResponse, "request"): [
            "marknadsplats/forfragningar/<int:pk>/svar/<int:item>/"
        ],
        lambda: {**market_item(MarketResponse, "request"), "number": "0"}: [
            "marknadsplats/forfragningar/<int:pk>/svar/<int:item>/dokument/<int:number>/"
        ],
        lambda: market_document(): ["marknadsplats/forfragningar/<int:pk>/dokument/<int:item>/"],
        lambda: {"slug": demo.first_slug(MarketService)}: [
            "api/v1/market-services/<slug:slug>/",
            "marknadsplats/tjanster/<slug:slug>/",
            "marknadsplats/tjanster/<slug:slug>/andra/",
            "marknadsplats/tjanster/<slug:slug>/referenser/ny/",
        ],
        lambda: {"pk": demo.first(ServiceReference)}: [
            "marknadsplats/referenser/<int:pk>/bekrafta/"
        ],
        lambda: {"pk": demo.first(Notification, recipient=demo.leader)}: ["notiser/<int:pk>/las/"],
        lambda: {"slug": "trygghetsvandring"}: [
            "metoder/<slug:slug>/",
            "metoder/<slug:slug>/andra/",
            "metoder/<slug:slug>/publicera/",
            "metoder/<slug:slug>/lyft-fram/",
            "metoder/<slug:slug>/avveckla/",
            "metoder/<slug:slug>/avboj/",
            "metoder/<slug:slug>/sla-ihop/",
            "metoder/<slug:slug>/anpassningar/ny/",
            "metoder/<slug:slug>/erfarenheter/ny/",
            "api/v1/methods/<slug:slug>/",
            "api/v1/methods/<slug:slug>/reports/",
        ],
        lambda: {"slug": "trygghetsvandring", "number": "1"}: [
            "metoder/<slug:slug>/versioner/<int:number>/"
        ],
        lambda: {"slug": "trygghetsvandring"}: ["metoder/<slug:slug>/material/"],
        lambda: {
            "slug": "trygghetsvandring",
            "upload_pk": str(
                Method.objects.get(slug="trygghetsvandring").material_files.order_by("pk")[0].pk
            ),
        }: [
            "metoder/<slug:slug>/material/<int:upload_pk>/",
            "metoder/<slug:slug>/material/<int:upload_pk>/ta-bort/",
        ],
        lambda: {"pk": demo.first(Lab, title="Regionalt labb: medskapande")}: [
            "metoder/labbverkstader/<int:pk>/",
            "metoder/labbverkstader/<int:pk>/andra/",
            "metoder/labbverkstader/<int:pk>/ta-bort/",
            "metoder/labbverkstader/<int:pk>/deltagare/",
            "metoder/labbverkstader/<int:pk>/filer/",
            "api/v1/method-labs/<int:pk>/",
        ],
        lambda: {
            "pk": demo.first(Lab, title="Regionalt labb: medskapande"),
            "participant_pk": demo.first(LabParticipant, lab__title="Regionalt labb: medskapande"),
        }: ["metoder/labbverkstader/<int:pk>/deltagare/<int:participant_pk>/ta-bort/"],
        lambda: {"pk": demo.first(ExperienceReport, method__slug="trygghetsvandring")}: [
            "metoder/erfarenheter/<int:pk>/filer/"
        ],
        lambda: {
            "slug": "trygghetsvandring",
            "pk": demo.first(Adaptation, method__slug="trygghetsvandring"),
        }: ["metoder/<slug:slug>/anpassningar/<int:pk>/ta-bort/"],
        lambda: {
            "slug": "trygghetsvandring",
            "pk": demo.first(ExperienceReport, method__slug="trygghetsvandring"),
        }: ["metoder/<slug:slug>/erfarenheter/<int:pk>/ta-bort/"],
        **_events_path_values(demo),
        **_learning_path_values(demo),
        competence: [
            "api/v1/competence-needs/<int:pk>/",
            "api/v1/competence-needs/<int:pk>/requirements/",
            "api/v1/competence-needs/<int:pk>/matches/",
            "api/v1/competence-needs/<int:pk>/team/",
            "kompetens/behov/<int:pk>/",
            "kompetens/behov/<int:pk>/andra/",
            "kompetens/behov/<int:pk>/krav/",
            "kompetens/behov/<int:pk>/matchningar/",
            "kompetens/behov/<int:pk>/team/",
        ],
        requirement: [
            "api/v1/competence-needs/<int:pk>/requirements/<int:requirement_pk>/",
            "kompetens/behov/<int:pk>/krav/<int:requirement_pk>/ta-bort/",
        ],
        competence_profile: [
            "api/v1/competence-profiles/<int:pk>/",
            "api/v1/competence-profiles/<int:pk>/matches/",
            "kompetens/profiler/<int:pk>/",
            "kompetens/profiler/<int:pk>/andra/",
            "kompetens/profiler/<int:pk>/ta-bort/",
            "kompetens/profiler/<int:pk>/kompetenser/",
            "kompetens/profiler/<int:pk>/matchningar/",
        ],
        contact: ["kompetens/behov/<int:pk>/forfragan/<int:profile_pk>/"],
        interest: [
            "api/v1/interest-requests/<int:pk>/",
            "api/v1/interest-requests/<int:pk>/accept/",
            "api/v1/interest-requests/<int:pk>/decline/",
            "api/v1/interest-requests/<int:pk>/withdraw/",
            "api/v1/interest-requests/<int:pk>/messages/",
            "kompetens/forfragningar/<int:pk>/",
            "kompetens/forfragningar/<int:pk>/ja/",
            "kompetens/forfragningar/<int:pk>/nej/",
            "kompetens/forfragningar/<int:pk>/aterkalla/",
        ],
        key: ["konto/^confirm-email/(?P<key>[-:\\w]+)/$"],
        lambda: key(uidb36=True): [
            "konto/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"
        ],
        lambda: {"kind": "terms"}: ["profil/villkor/<slug:kind>/"],
        lambda: {"token": "ingen-sadan-inbjudan"}: ["bedomning/inbjudan/<str:token>/"],
        lambda: {"token": unsubscribe_token(user_id=demo.leader.pk, kind="following")}: [
            "notiser/e-post/avsluta/<str:token>/"
        ],
    }
    return {template: values for values, templates in same.items() for template in templates}


def _learning_path_values(demo: Demo) -> dict[Callable[[], dict[str, str]], list[str]]:
    """The 2020 programme of seed 000, in which the demo leader of Gävle is a participant."""
    slug = learning_demo.PROGRAMME_SLUG
    programme = {"programme__slug": slug}

    def submission() -> dict[str, str]:
        found = LearningSubmission.objects.filter(
            author=demo.leader, assignment__programme__slug=slug, attachments__isnull=False
        ).order_by("pk")[0]
        return {"slug": slug, "pk": str(found.pk), "upload_pk": str(found.attachments.first().pk)}

    def session() -> dict[str, str]:
        found = LearningSession.objects.filter(**programme, attachments__isnull=False)[0]
        return {"pk": str(found.pk), "upload_pk": str(found.attachments.first().pk)}

    return {
        lambda: {"slug": slug}: [
            "larprogram/<slug:slug>/",
            "larprogram/<slug:slug>/andra/",
            "larprogram/<slug:slug>/deltagare/",
            "larprogram/<slug:slug>/traffar/ny/",
            "larprogram/<slug:slug>/uppgifter/ny/",
            "larprogram/<slug:slug>/framsteg/",
            "larprogram/<slug:slug>/planer/ny/",
            "api/v1/learning-programmes/<slug:slug>/",
            "api/v1/learning-programmes/<slug:slug>/assignments/",
        ],
        lambda: {"slug": slug, "pk": demo.first(LearningMember, **programme)}: [
            "larprogram/<slug:slug>/deltagare/<int:pk>/ta-bort/"
        ],
        lambda: {"slug": slug, "pk": demo.first(LearningSession, **programme)}: [
            "larprogram/<slug:slug>/traffar/<int:pk>/",
            "larprogram/<slug:slug>/traffar/<int:pk>/andra/",
        ],
        lambda: {"pk": session()["pk"]}: ["larprogram/traffar/<int:pk>/filer/"],
        session: [
            "larprogram/traffar/<int:pk>/filer/<int:upload_pk>/",
            "larprogram/traffar/<int:pk>/filer/<int:upload_pk>/ta-bort/",
        ],
        lambda: {"slug": slug, "pk": demo.first(LearningAssignment, **programme)}: [
            "larprogram/<slug:slug>/uppgifter/<int:pk>/",
            "larprogram/<slug:slug>/uppgifter/<int:pk>/andra/",
            "larprogram/<slug:slug>/uppgifter/<int:pk>/mall/",
            "larprogram/<slug:slug>/uppgifter/<int:pk>/sen-inlamning/",
            "api/v1/learning-programmes/<slug:slug>/assignments/<int:pk>/submissions/",
        ],
        lambda: {"slug": slug, "pk": submission()["pk"]}: [
            "larprogram/<slug:slug>/inlamningar/<int:pk>/"
        ],
        submission: ["larprogram/<slug:slug>/inlamningar/<int:pk>/filer/<int:upload_pk>/"],
        lambda: {
            "slug": slug,
            "pk": demo.first(LearningPlan, **programme, municipality__name="Gävle"),
        }: [
            "larprogram/<slug:slug>/planer/<int:pk>/",
            "larprogram/<slug:slug>/planer/<int:pk>/andra/",
            "larprogram/<slug:slug>/planer/<int:pk>/pdf/",
            "api/v1/learning-programmes/<slug:slug>/plans/<int:pk>/",
        ],
        lambda: {
            "slug": slug,
            "pk": demo.first(LearningPlan, **programme, municipality__name="Gävle"),
            "number": "1",
        }: ["larprogram/<slug:slug>/planer/<int:pk>/versioner/<int:number>/"],
    }


def _events_path_values(demo: Demo) -> dict[Callable[[], dict[str, str]], list[str]]:
    """The full workshop of the demo (the leader holds a seat) and the platforms' network."""
    event = {"slug": events_demo.FULL_EVENT_SLUG}
    network = {"slug": events_demo.NETWORK_SLUG}
    event_filter = {"event__slug": events_demo.FULL_EVENT_SLUG}
    network_filter = {"network__slug": events_demo.NETWORK_SLUG}
    return {
        lambda: event: [
            "api/v1/events/<slug:slug>/",
            "api/v1/events/<slug:slug>/registrations/",
            "evenemang/<slug:slug>/",
            "evenemang/<slug:slug>/kalender.ics",
            "evenemang/<slug:slug>/andra/",
            "evenemang/<slug:slug>/program/ny/",
            "evenemang/<slug:slug>/dokument/ny/",
            "evenemang/<slug:slug>/anmalan/",
            "evenemang/<slug:slug>/anmalan/kollega/",
            "evenemang/<slug:slug>/deltagare/",
            "evenemang/<slug:slug>/deltagare/deltagare.csv",
            "evenemang/<slug:slug>/deltagare/deltagare.xlsx",
            "evenemang/<slug:slug>/utvardering/",
            "evenemang/<slug:slug>/utvardering/resultat/",
        ],
        lambda: {**event, "pk": demo.first(Registration, user=demo.leader, **event_filter)}: [
            "api/v1/events/<slug:slug>/registrations/<int:pk>/cancel/",
            "evenemang/<slug:slug>/anmalan/<int:pk>/avboka/",
            "evenemang/<slug:slug>/deltagare/<int:pk>/narvaro/",
        ],
        lambda: {**event, "pk": demo.first(AgendaItem, **event_filter)}: [
            "evenemang/<slug:slug>/program/<int:pk>/ta-bort/"
        ],
        lambda: {
            "slug": "tematraff-organisationskultur-goteborg-2017",
            "pk": demo.first(
                EventDocument, event__slug="tematraff-organisationskultur-goteborg-2017"
            ),
        }: ["evenemang/<slug:slug>/dokument/<int:pk>/ta-bort/"],
        lambda: {"slug": demo.organisation.slug}: [
            "evenemang/organisation/<slug:slug>/",
            "evenemang/organisation/<slug:slug>/kalender.ics",
        ],
        lambda: {"year": "2017", "month": "11"}: ["evenemang/kalender/<int:year>/<int:month>/"],
        lambda: {"token": "okand-nyckel"}: ["evenemang/min-kalender/<str:token>.ics"],
        lambda: network: [
            "api/v1/networks/<slug:slug>/",
            "natverk/<slug:slug>/",
            "natverk/<slug:slug>/andra/",
            "natverk/<slug:slug>/kalender.ics",
            "natverk/<slug:slug>/medlemmar/",
            "natverk/<slug:slug>/medlemmar/ny/",
            "natverk/<slug:slug>/inlagg/",
            "natverk/<slug:slug>/inlagg/nytt/",
        ],
        lambda: {**network, "pk": demo.first(NetworkMember, **network_filter)}: [
            "natverk/<slug:slug>/medlemmar/<int:pk>/andra/",
            "natverk/<slug:slug>/medlemmar/<int:pk>/ta-bort/",
        ],
        lambda: {**network, "pk": demo.first(ExperiencePost, **network_filter)}: [
            "natverk/<slug:slug>/inlagg/<int:pk>/"
        ],
    }

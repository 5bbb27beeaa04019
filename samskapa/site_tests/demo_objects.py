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
from samskapa.core.models import Notification
from samskapa.ideas.models import Challenge, Idea
from samskapa.needs.models import Campaign, Cluster, Need
from samskapa.organisations.models import Membership, Organisation, Unit
from samskapa.portfolio.models import GateDecision, Initiative
from samskapa.programmes.models import Milestone, Participant, Phase, Programme
from samskapa.projects.models import Funding, Project, ProjectPhase, ProjectUnit

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
        return cls(
            project=project,
            organisation=project.organisation,
            programme=Programme.objects.order_by("pk").first(),  # type: ignore[arg-type]
            need=Need.objects.filter(project=project).order_by("pk").first(),  # type: ignore[arg-type]
            campaign=Campaign.objects.get(project=project),
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

    def decision() -> dict[str, str]:
        return {**initiative, "decision_pk": str(demo.decision.pk)}

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
            "ideer/projekt/<slug:slug>/ny-utmaning/",
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
        ],
        lambda: code: [
            "api/v1/municipalities/<str:code>/portfolio/",
            "api/v1/municipalities/<str:code>/",
            "portfolj/kommun/<str:code>/",
        ],
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
        lambda: {"pk": demo.first(Notification, recipient=demo.leader)}: ["notiser/<int:pk>/las/"],
        key: ["konto/^confirm-email/(?P<key>[-:\\w]+)/$"],
        lambda: key(uidb36=True): [
            "konto/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"
        ],
    }
    return {template: values for values, templates in same.items() for template in templates}

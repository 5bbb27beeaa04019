"""REST API of initiatives, their gate decisions and traceability: the same selectors and
services as the pages.

Gate decisions can be listed and logged, never changed or deleted: their endpoints answer 405
to PUT, PATCH and DELETE. A correction is logged like a decision, with ``corrects`` and
``to_stage``.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from samskapa.core.access import access, signed_in
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Idea
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation, Unit
from samskapa.portfolio import services
from samskapa.portfolio.filters import InitiativeFilter
from samskapa.portfolio.forms import RATIONALE_REQUIRED
from samskapa.portfolio.models import Decision, GateDecision, Initiative, Stage
from samskapa.portfolio.selectors import (
    access_gate_decision,
    access_initiative,
    initiative_list,
    initiative_trace,
    need_trace,
)
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

# Decisions are append-only: these methods are accepted by the permission class only so that a
# logged-in caller gets 405 Method Not Allowed rather than 403; no view has a handler for them.
APPEND_ONLY_RULES: dict[str, str | None] = {"PUT": None, "PATCH": None, "DELETE": None}


class InitiativeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:initiative-detail")
    lead_organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False
    )
    partners = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    programme = serializers.SlugRelatedField(
        slug_field="slug", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    project = serializers.SlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), required=False, allow_null=True
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False
    )
    responsible_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), required=False, allow_null=True
    )
    idea = serializers.PrimaryKeyRelatedField(
        queryset=Idea.objects.all(), required=False, allow_null=True
    )
    dimensions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        many=True,
        required=False,
    )
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), many=True, required=False
    )
    stakeholder_groups = serializers.SlugRelatedField(
        slug_field="code", queryset=StakeholderGroup.objects.all(), many=True, required=False
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            "url",
            "title",
            "summary",
            "stage",
            "furthest_stage",
            "parked_from_stage",
            "parked_reason",
            "next_gate_on",
            "risk",
            "expected_effect",
            "budget_sek",
            "visibility",
            "lead_organisation",
            "partners",
            "programme",
            "project",
            "municipality",
            "responsible_unit",
            "idea",
            "dimensions",
            "sdg_targets",
            "stakeholder_groups",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "stage",
            "furthest_stage",
            "parked_from_stage",
            "parked_reason",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"title": {"required": False}, "summary": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Taken forward from an idea, the initiative may leave out what the idea gives it.
        if self.instance is None and attrs.get("idea") is None:
            errors = {
                name: _("This field is required.")
                for name in ("title", "summary", "lead_organisation")
                if not attrs.get(name)
            }
            if errors:
                raise serializers.ValidationError(errors)
        return attrs


class InitiativeDetailSerializer(InitiativeSerializer):
    """An initiative with its description and traceability: the needs it answers (those the
    caller may see) and the stakeholder groups it serves. ``needs`` links needs on writes."""

    needs = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.all(), many=True, required=False, write_only=True
    )
    answers_needs = serializers.SerializerMethodField()
    serves_stakeholder_groups = serializers.SerializerMethodField()

    class Meta(InitiativeSerializer.Meta):
        fields = [
            *InitiativeSerializer.Meta.fields,
            "description",
            "needs",
            "answers_needs",
            "serves_stakeholder_groups",
        ]

    def _trace(self, initiative: Initiative) -> Any:
        cached = getattr(initiative, "_api_trace", None)
        if cached is None:
            cached = initiative_trace(initiative=initiative, user=self.context["request"].user)
            initiative._api_trace = cached  # type: ignore[attr-defined]
        return cached

    def get_answers_needs(self, initiative: Initiative) -> list[dict[str, Any]]:
        request = self.context["request"]
        return [
            {
                "id": need.pk,
                "title": need.title,
                "url": reverse("api:need-detail", kwargs={"pk": need.pk}, request=request),
                "project": need.project.slug,
                "stakeholder_group": need.stakeholder_group.code
                if need.stakeholder_group
                else None,
            }
            for need in self._trace(initiative).needs
        ]

    def get_serves_stakeholder_groups(self, initiative: Initiative) -> list[dict[str, str]]:
        return [
            {"code": group.code, "name": str(group.name)}
            for group in self._trace(initiative).stakeholder_groups
        ]


class InitiativeListCreate(generics.ListCreateAPIView):
    """Initiatives the caller may see, most recently changed first; filters ``q``,
    ``programme`` (slug), ``municipality`` (code), ``stage`` and ``dimension``. POST starts one
    (with ``idea`` it takes that idea forward); the caller must lead its project, programme or
    lead organisation."""

    filterset_class = InitiativeFilter
    filter_backends = [DjangoFilterBackend]
    rules = {
        "GET": None,  # the list is scoped by initiatives_visible_to
        # Leading something somewhere; the place chosen (project, programme, lead organisation,
        # municipality) is checked by initiative_create through portfolio.add_initiative.
        "POST": "portfolio.start_initiative",
    }

    def get_serializer_class(self) -> Any:
        return InitiativeDetailSerializer if self.request.method == "POST" else InitiativeSerializer

    def get_queryset(self) -> Any:
        return initiative_list(user=self.request.user).prefetch_related(
            "partners", "dimensions", "sdg_targets", "stakeholder_groups"
        )

    def perform_create(self, serializer: Any) -> None:
        actor = signed_in(self.request.user)
        data = dict(serializer.validated_data)
        idea = data.pop("idea", None)
        if idea is not None:
            serializer.instance = services.initiative_create_from_idea(
                actor=actor, idea=idea, **data
            )
        else:
            serializer.instance = services.initiative_create(actor=actor, **data)


class InitiativeDetail(generics.RetrieveUpdateAPIView):
    serializer_class = InitiativeDetailSerializer
    rules = {
        "GET": "portfolio.view_initiative",
        "PUT": "portfolio.change_initiative",
        "PATCH": "portfolio.change_initiative",
    }

    def get_object(self) -> Initiative:
        initiative = access_initiative(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, initiative)
        return initiative

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("idea", None)
        serializer.instance = services.initiative_update(
            actor=signed_in(self.request.user), initiative=serializer.instance, **data
        )


class GateDecisionSerializer(serializers.ModelSerializer):
    """A logged gate decision: ``decision`` with ``stage``, the stage it is about. To log a
    correction, give ``corrects`` (the id of the wrong entry) and ``to_stage`` (where the
    initiative should be) instead."""

    stage = serializers.ChoiceField(
        choices=Stage.choices,
        required=False,
        write_only=True,
        help_text=_(
            "Required with a decision: the stage the decision is about, the one the initiative "
            "is at. A decision about a stage it has since left is refused (400), so a repeated "
            "request moves the initiative only once."
        ),
    )
    decision = serializers.ChoiceField(choices=Decision.choices, required=False)
    rationale = serializers.CharField(
        max_length=5000,
        error_messages={"required": RATIONALE_REQUIRED, "blank": RATIONALE_REQUIRED},
    )
    to_stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    decided_by = serializers.CharField(source="decided_by.display_name", read_only=True)
    corrects = serializers.PrimaryKeyRelatedField(
        queryset=GateDecision.objects.all(), required=False, allow_null=True
    )
    board = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.select_related("organisation"), required=False, allow_null=True
    )
    board_name = serializers.CharField(source="board.name", read_only=True, default=None)
    next_gate_on = serializers.DateField(required=False, allow_null=True, write_only=True)

    class Meta:
        model = GateDecision
        fields = [
            "id",
            "stage",
            "decision",
            "from_stage",
            "to_stage",
            "rationale",
            "decided_by",
            "decided_at",
            "corrects",
            "board",
            "board_name",
            "board_decided_on",
            "board_reference",
            "next_gate_on",
        ]
        read_only_fields = ["from_stage", "decided_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        initiative = self.context["initiative"]
        corrects = attrs.get("corrects")
        if corrects is not None:
            if corrects.initiative_id != initiative.pk:
                raise serializers.ValidationError(
                    {"corrects": _("Choose a decision of this initiative.")}
                )
            if not attrs.get("to_stage"):
                raise serializers.ValidationError(
                    {"to_stage": _("Choose the stage the initiative should be at.")}
                )
        elif not attrs.get("decision"):
            raise serializers.ValidationError({"decision": _("Choose go, stop, hold or rework.")})
        elif not attrs.get("stage"):
            raise serializers.ValidationError(
                {"stage": _("Say which stage the decision is about.")}
            )
        return attrs


class GateDecisionListCreate(generics.ListCreateAPIView):
    """The gate log of an initiative, oldest first; POST logs a decision or a correction
    (leaders of the initiative only). Decisions are never changed or deleted."""

    serializer_class = GateDecisionSerializer
    filter_backends: list[Any] = []  # the whole log, in order; nothing to filter
    object_rules = True  # checked on the initiative of the address
    rules = {
        "GET": "portfolio.view_initiative",
        "POST": "portfolio.decide_gate",
        **APPEND_ONLY_RULES,
    }

    def _initiative(self) -> Initiative:
        initiative = access_initiative(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, initiative)
        return initiative

    def get_queryset(self) -> Any:
        return (
            GateDecision.objects.filter(initiative=self._initiative())
            .select_related("decided_by", "board")
            .order_by("decided_at", "pk")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Refuse a caller who may not decide before telling them what is wrong with the input.
        initiative = self._initiative()
        self.initiative = initiative
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        common = {
            "actor": signed_in(request.user),
            "rationale": data["rationale"],
            "board": data.get("board"),
            "board_decided_on": data.get("board_decided_on"),
            "board_reference": data.get("board_reference", ""),
        }
        if data.get("corrects") is not None:
            entry = services.gate_correct(
                decision=data["corrects"], to_stage=data["to_stage"], **common
            )
        else:
            entry = services.gate_decide(
                initiative=initiative,
                stage=data["stage"],
                decision=data["decision"],
                next_gate_on=data.get("next_gate_on"),
                **common,
            )
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "initiative": getattr(self, "initiative", None)}


class GateDecisionDetail(generics.RetrieveAPIView):
    """One logged gate decision; it cannot be changed or deleted (405)."""

    serializer_class = GateDecisionSerializer
    # portfolio.view_initiative on the decision's initiative, checked by access_gate_decision.
    rules = {"GET": None, **APPEND_ONLY_RULES}

    def get_object(self) -> GateDecision:
        return access_gate_decision(
            user=self.request.user, pk=self.kwargs["decision_pk"], initiative_pk=self.kwargs["pk"]
        )


class _TraceLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()


class _TraceChallengeSerializer(_TraceLinkSerializer):
    deadline = serializers.DateField()
    ideas = _TraceLinkSerializer(many=True)


class _TraceInitiativeSerializer(_TraceLinkSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    stage_label = serializers.CharField()
    lead_organisation = serializers.SlugField()


class NeedTraceSerializer(serializers.Serializer):
    """The shape of a need's trace, for the API description."""

    need = _TraceLinkSerializer()
    challenges = _TraceChallengeSerializer(many=True)
    more_ideas = serializers.BooleanField()
    initiatives = _TraceInitiativeSerializer(many=True)


class NeedTraceView(APIView):
    """What became of a need: the challenges that answer it with their ideas, and the
    initiatives that answer it (directly or through one of those ideas) with their stage.
    Only what the caller may see."""

    # The need through access() with needs.view_need (404 if hidden); its trace is scoped to
    # the caller by need_trace.
    rules = {"GET": None}

    @extend_schema(responses=NeedTraceSerializer)
    def get(self, request: Request, pk: int) -> Response:
        need = access(
            Need.objects.select_related("project"),
            user=request.user,
            view_permission="needs.view_need",
            pk=pk,
        )
        trace = need_trace(need=need, user=request.user)

        def link(name: str, pk: int) -> str:
            return reverse(name, kwargs={"pk": pk}, request=request)

        return Response(
            {
                "need": {
                    "id": need.pk,
                    "title": need.title,
                    "url": link("api:need-detail", need.pk),
                },
                "challenges": [
                    {
                        "id": item.challenge.pk,
                        "title": item.challenge.title,
                        "url": link("api:challenge-detail", item.challenge.pk),
                        "deadline": item.challenge.deadline,
                        "ideas": [
                            {
                                "id": idea.pk,
                                "title": idea.title,
                                "url": link("api:idea-detail", idea.pk),
                            }
                            for idea in item.ideas
                        ],
                    }
                    for item in trace.challenges
                ],
                "more_ideas": trace.more_ideas,
                "initiatives": [
                    {
                        "id": initiative.pk,
                        "title": initiative.title,
                        "url": link("api:initiative-detail", initiative.pk),
                        "stage": initiative.stage,
                        "stage_label": str(initiative.get_stage_display()),
                        "lead_organisation": initiative.lead_organisation.slug,
                    }
                    for initiative in trace.initiatives
                ],
            }
        )

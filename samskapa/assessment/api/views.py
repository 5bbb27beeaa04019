"""REST API of assessment: criteria of challenges and programmes, invitations, the caller's
assignments, submitting scores, and results for leaders.

Every view fetches its challenge, programme, criterion or assignment (404 for what the caller
may not see: ``access_assignment``, ``access_criterion``, ``core.access.access``) and then asks
``RulePermission`` for the method's rule on it, so that an anonymous caller gets 401 and a
logged-in one without the right gets 403.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.assessment import services
from samskapa.assessment.models import Assignment, Criterion, CriterionSet, Score
from samskapa.assessment.selectors import (
    access_assignment,
    access_criterion,
    assignment_detail_queryset,
    assignments_of,
    challenge_assignments,
    challenge_results,
    criterion_set_of,
    other_scores,
    programme_criterion_set,
    round_or_none,
)
from samskapa.core.access import access, signed_in
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import challenge_detail_queryset
from samskapa.programmes.models import Programme

# --- Serializers -----------------------------------------------------------------------------


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["criterion", "value", "comment"]


class OtherScoreSerializer(serializers.ModelSerializer):
    assessor = serializers.CharField(source="assignment.assessor.display_name", read_only=True)

    class Meta:
        model = Score
        fields = ["assessor", "criterion", "value", "comment"]


class AssignmentSerializer(serializers.ModelSerializer):
    idea_title = serializers.CharField(source="idea.title", read_only=True)
    challenge = serializers.IntegerField(source="idea.challenge_id", read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "idea",
            "idea_title",
            "challenge",
            "status",
            "conflict_reason",
            "invited_at",
            "submitted_at",
            "scores",
        ]


class LeaderAssignmentSerializer(AssignmentSerializer):
    """An invitation as the challenge's leaders see it: who, and every score once submitted."""

    assessor = serializers.CharField(source="assessor.display_name", read_only=True)
    assessor_email = serializers.EmailField(source="assessor.email", read_only=True)

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "assessor", "assessor_email"]


class CriterionSerializer(serializers.ModelSerializer):
    # Any number is accepted here; ``services.clean_weight`` says what is wrong with it.
    weight = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        error_messages={"invalid": _("Give the weight as a number, for example 2 or 1.5.")},
    )
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    challenge = serializers.IntegerField(source="criterion_set.challenge_id", read_only=True)
    programme = serializers.SerializerMethodField()

    class Meta:
        model = Criterion
        fields = ["id", "name", "description", "weight", "position", "challenge", "programme"]

    def to_representation(self, instance: Criterion) -> dict[str, Any]:
        data = super().to_representation(instance)
        # Always as stored, "1.50", also right after a write that was given "1.5".
        data["weight"] = str(Decimal(instance.weight).quantize(Decimal("0.01")))
        return data

    def get_programme(self, criterion: Criterion) -> str | None:
        programme = criterion.criterion_set.programme
        return programme.slug if programme is not None else None

    def validate_weight(self, value: Any) -> Any:
        try:
            return services.clean_weight(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["weight"]) from error


class ScaleSerializer(serializers.Serializer):
    scale_min = serializers.IntegerField(min_value=0, max_value=32767)
    scale_max = serializers.IntegerField(min_value=0, max_value=32767)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["scale_max"] <= attrs["scale_min"]:
            raise serializers.ValidationError(
                {"scale_max": _("The highest score must be above the lowest score.")}
            )
        return attrs


class CriterionSetStateSerializer(serializers.Serializer):
    """Which criteria apply (``source``: challenge, programme or null) and their scale."""

    # DRF's metaclass moves declared fields out of the class; mypy sees Field.source.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=["challenge", "programme"], allow_null=True
    )
    challenge = serializers.IntegerField(required=False)
    programme = serializers.CharField(allow_null=True, required=False)
    scale_min = serializers.IntegerField(allow_null=True)
    scale_max = serializers.IntegerField(allow_null=True)
    total_weight = serializers.CharField()


class AssignmentDetailSerializer(AssignmentSerializer):
    """Documents the detail answer; ``other_scores`` is null until the caller has submitted."""

    criteria = CriterionSerializer(many=True, read_only=True)
    scale_min = serializers.IntegerField(allow_null=True, read_only=True)
    scale_max = serializers.IntegerField(allow_null=True, read_only=True)
    other_scores = OtherScoreSerializer(many=True, allow_null=True, read_only=True)

    class Meta(AssignmentSerializer.Meta):
        fields = [
            *AssignmentSerializer.Meta.fields,
            "criteria",
            "scale_min",
            "scale_max",
            "other_scores",
        ]


def _criterion_set_data(criterion_set: CriterionSet | None, **extra: Any) -> dict[str, Any]:
    if criterion_set is None:
        return {"source": None, "scale_min": None, "scale_max": None, "total_weight": "0", **extra}
    return {
        "source": "challenge" if criterion_set.challenge_id else "programme",
        "programme": criterion_set.programme.slug if criterion_set.programme else None,
        "scale_min": criterion_set.scale_min,
        "scale_max": criterion_set.scale_max,
        "total_weight": str(criterion_set.total_weight),
        **extra,
    }


class InviteSerializer(serializers.Serializer):
    idea = serializers.IntegerField(min_value=1)
    email = serializers.EmailField()


class SubmitScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    value = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    scores = SubmitScoreSerializer(many=True, allow_empty=False)


# --- Fetching and checking -------------------------------------------------------------------


class _ChallengeOfAddress(APIView):
    """A view of one challenge's assessment: the challenge of the address, 404 if the caller
    may not see it, then the method's rule on it through DRF (401 or 403)."""

    object_rules = True  # checked on the challenge of the address

    def get_object(self) -> Challenge:
        # The ideas app's challenge, as its pages and API fetch it.
        challenge = access(
            challenge_detail_queryset(user=self.request.user).select_related("programme"),
            user=self.request.user,
            view_permission="ideas.view_challenge",
            pk=self.kwargs["pk"],
        )
        self.check_object_permissions(self.request, challenge)
        return challenge


class _ProgrammeOfAddress(APIView):
    """A view of one programme's shared criteria: the programme of the address, 404 if the
    caller may not see it, then the method's rule on it through DRF (401 or 403)."""

    object_rules = True  # checked on the programme of the address

    def get_object(self) -> Programme:
        programme = access(
            Programme.objects.all(),
            user=self.request.user,
            view_permission="programmes.view_programme",
            slug=self.kwargs["slug"],
        )
        self.check_object_permissions(self.request, programme)
        return programme


def _criteria(criterion_set: CriterionSet | None) -> QuerySet[Criterion]:
    if criterion_set is None:
        return Criterion.objects.none()
    return (
        Criterion.objects.filter(criterion_set=criterion_set)
        .select_related("criterion_set__programme")
        .order_by("position", "pk")
    )


# --- Criteria --------------------------------------------------------------------------------


class ChallengeCriteria(_ChallengeOfAddress, generics.ListCreateAPIView):
    """The criteria that apply to a challenge (its own, or its programme's); leaders add one.

    Criteria are open to whoever may see the challenge. A challenge assessed on its programme's
    criteria gets criteria of its own through POST on ``criterion-set/`` first.
    """

    serializer_class = CriterionSerializer
    filter_backends: list[Any] = []  # nothing to filter: the whole (short) list, in its order
    rules = {"GET": "ideas.view_challenge", "POST": "assessment.manage_assessment"}

    def get_queryset(self) -> Any:
        return _criteria(criterion_set_of(challenge=self.get_object()))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The rule first, so that a caller without it hears 403 rather than about their input.
        self.challenge = self.get_object()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.criterion_add(
            actor=signed_in(self.request.user),
            challenge=self.challenge,
            **serializer.validated_data,
        )


class ProgrammeCriteria(_ProgrammeOfAddress, generics.ListCreateAPIView):
    """The shared criteria of a programme; the programme's leaders add one."""

    serializer_class = CriterionSerializer
    filter_backends: list[Any] = []  # nothing to filter: the whole (short) list, in its order
    rules = {"GET": "programmes.view_programme", "POST": "programmes.change_programme"}

    def get_queryset(self) -> Any:
        return _criteria(programme_criterion_set(programme=self.get_object()))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.programme = self.get_object()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.criterion_add(
            actor=signed_in(self.request.user),
            programme=self.programme,
            **serializer.validated_data,
        )


class CriterionDetail(generics.RetrieveUpdateDestroyAPIView):
    """One criterion; its challenge's or programme's leaders change or remove it."""

    serializer_class = CriterionSerializer
    rules = {
        "GET": "assessment.view_criteria",
        "PUT": "assessment.manage_criteria",
        "PATCH": "assessment.manage_criteria",
        "DELETE": "assessment.manage_criteria",
    }

    def get_object(self) -> Criterion:
        criterion = access_criterion(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, criterion)
        return criterion

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.criterion_update(
            actor=signed_in(self.request.user),
            criterion=serializer.instance,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance: Criterion) -> None:
        services.criterion_remove(actor=signed_in(self.request.user), criterion=instance)


class ChallengeCriterionSet(_ChallengeOfAddress):
    """Which criteria apply to a challenge and their scale.

    PATCH ``{"scale_min": 1, "scale_max": 5}`` sets the scale of the challenge's own criteria;
    POST gives the challenge criteria of its own (a copy of its programme's); DELETE drops them
    so that the programme's apply again.
    """

    rules = {
        "GET": "ideas.view_challenge",
        "PATCH": "assessment.manage_assessment",
        "POST": "assessment.manage_assessment",
        "DELETE": "assessment.manage_assessment",
    }

    def _state(self, challenge: Challenge, code: int = status.HTTP_200_OK) -> Response:
        data = _criterion_set_data(criterion_set_of(challenge=challenge), challenge=challenge.pk)
        return Response(data, status=code)

    @extend_schema(responses=CriterionSetStateSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return self._state(self.get_object())

    @extend_schema(request=ScaleSerializer, responses=CriterionSetStateSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        challenge = self.get_object()
        data = ScaleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.criterion_set_configure(
            actor=signed_in(request.user), challenge=challenge, **data.validated_data
        )
        return self._state(challenge)

    @extend_schema(request=None, responses={201: CriterionSetStateSerializer})
    def post(self, request: Request, pk: int) -> Response:
        challenge = self.get_object()
        services.challenge_criteria_make_own(actor=signed_in(request.user), challenge=challenge)
        return self._state(challenge, status.HTTP_201_CREATED)

    @extend_schema(responses=CriterionSetStateSerializer)
    def delete(self, request: Request, pk: int) -> Response:
        challenge = self.get_object()
        services.challenge_criteria_use_programme(
            actor=signed_in(request.user), challenge=challenge
        )
        return self._state(challenge)


class ProgrammeCriterionSet(_ProgrammeOfAddress):
    """The scale of a programme's shared criteria; PATCH ``{"scale_min", "scale_max"}``."""

    rules = {"GET": "programmes.view_programme", "PATCH": "programmes.change_programme"}

    def _state(self, programme: Programme) -> Response:
        criterion_set = programme_criterion_set(programme=programme)
        return Response(_criterion_set_data(criterion_set, programme=programme.slug))

    @extend_schema(responses=CriterionSetStateSerializer)
    def get(self, request: Request, slug: str) -> Response:
        return self._state(self.get_object())

    @extend_schema(request=ScaleSerializer, responses=CriterionSetStateSerializer)
    def patch(self, request: Request, slug: str) -> Response:
        programme = self.get_object()
        data = ScaleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.criterion_set_configure(
            actor=signed_in(request.user), programme=programme, **data.validated_data
        )
        return self._state(programme)


# --- Invitations and assignments -------------------------------------------------------------


class ChallengeAssignments(_ChallengeOfAddress, generics.ListCreateAPIView):
    """Every invitation of a challenge's ideas, for its leaders; POST ``{"idea", "email"}``
    invites an assessor to one idea."""

    filter_backends: list[Any] = []  # nothing to filter: the whole (short) list, in its order
    rules = {"GET": "assessment.manage_assessment", "POST": "assessment.manage_assessment"}

    def get_serializer_class(self) -> Any:
        return InviteSerializer if self.request.method == "POST" else LeaderAssignmentSerializer

    def get_queryset(self) -> Any:
        return challenge_assignments(challenge=self.get_object()).prefetch_related("scores")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        challenge = self.get_object()
        data = InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        idea = Idea.objects.filter(pk=data.validated_data["idea"]).first()
        if idea is None:
            raise serializers.ValidationError(
                {"idea": [_("Choose an idea that answers this challenge.")]}
            )
        # The service refuses an idea of another challenge, or a hidden one.
        assignment = services.assessor_invite(
            actor=signed_in(request.user),
            challenge=challenge,
            idea=idea,
            email=data.validated_data["email"],
        )
        fresh = assignment_detail_queryset().get(pk=assignment.pk)
        return Response(LeaderAssignmentSerializer(fresh).data, status=status.HTTP_201_CREATED)


class AssignmentList(generics.ListAPIView):
    """The caller's own assessment assignments, open ones first."""

    serializer_class = AssignmentSerializer
    filter_backends: list[Any] = []  # nothing to filter: the whole (short) list, in its order
    # Scoped to the caller by the selector; anonymous callers get an empty list.
    rules = {"GET": None}

    def get_queryset(self) -> Any:
        return assignments_of(user=self.request.user).prefetch_related("scores")


def _signed_in_first(request: Request) -> None:
    """An assignment is only ever someone's: a visitor is asked to log in (401), not told 404."""
    if not request.user.is_authenticated:
        raise NotAuthenticated


class AssignmentDetail(APIView):
    """One assignment with the criteria to score; the other assessors' scores only once the
    caller has submitted their own (``other_scores`` is null until then)."""

    rules = {"GET": "assessment.view_assignment"}

    @extend_schema(responses=AssignmentDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        _signed_in_first(request)
        assignment = access_assignment(user=request.user, pk=pk)
        self.check_object_permissions(request, assignment)
        challenge = assignment.idea.challenge
        criterion_set = criterion_set_of(challenge=challenge) if challenge else None
        data = dict(AssignmentSerializer(assignment).data)
        data["criteria"] = CriterionSerializer(_criteria(criterion_set), many=True).data
        data["scale_min"] = criterion_set.scale_min if criterion_set else None
        data["scale_max"] = criterion_set.scale_max if criterion_set else None
        data["other_scores"] = (
            OtherScoreSerializer(other_scores(assignment=assignment), many=True).data
            if request.user.has_perm("assessment.view_other_scores", assignment)
            else None
        )
        return Response(data)


class AssignmentSubmit(APIView):
    """POST ``{"scores": [{"criterion": id, "value": n, "comment": ""}, ...]}``; final."""

    # On the assignment; checked again by the service once it holds the row, so that the same
    # scores sent twice at once are counted once.
    rules = {"POST": "assessment.submit_assignment"}

    @extend_schema(request=SubmitSerializer, responses=AssignmentSerializer)
    def post(self, request: Request, pk: int) -> Response:
        _signed_in_first(request)
        assignment = access_assignment(user=request.user, pk=pk)
        self.check_object_permissions(request, assignment)
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = data.validated_data["scores"]
        assignment = services.assessment_submit(
            actor=signed_in(request.user),
            assignment=assignment,
            values={row["criterion"]: row["value"] for row in rows},
            comments={row["criterion"]: row["comment"] for row in rows},
        )
        fresh = assignment_detail_queryset().get(pk=assignment.pk)
        return Response(AssignmentSerializer(fresh).data, status=status.HTTP_200_OK)


# --- Results ---------------------------------------------------------------------------------


class ChallengeResults(_ChallengeOfAddress):
    """Ideas of a challenge ranked by weighted mean, with the spread between assessors and per
    criterion, and disagreement flags; leaders only."""

    rules = {"GET": "assessment.view_results"}

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        challenge = self.get_object()
        criterion_set = criterion_set_of(challenge=challenge)
        rows = [
            {
                "idea": result.idea.pk,
                "title": result.idea.title,
                "weighted_mean": round_or_none(result.weighted_mean),
                "assessor_low": round_or_none(result.assessor_low),
                "assessor_high": round_or_none(result.assessor_high),
                "assessors": result.assessors,
                "pending": result.pending,
                "excluded": result.excluded,
                "disagreement": result.disagreement,
                "criteria": [
                    {
                        "criterion": stats.criterion.pk,
                        "name": stats.criterion.name,
                        "weight": str(stats.criterion.weight),
                        "mean": round_or_none(stats.mean),
                        "min": stats.low,
                        "max": stats.high,
                        "std_dev": round_or_none(stats.std_dev),
                        "disagreement": stats.disagreement,
                    }
                    for stats in result.criteria
                ],
            }
            for result in challenge_results(challenge=challenge)
        ]
        return Response(
            {
                "challenge": challenge.pk,
                "criteria": _criterion_set_data(criterion_set),
                "results": rows,
            }
        )

"""REST API of learning programmes: the same selectors and services as the pages.

Everyone lists published programmes; the inside (sessions' agendas, assignments, submissions,
plans) answers 404 to those outside the programme. Writes go through ``learning.services``.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from samskapa.core.access import signed_in
from samskapa.learning import services
from samskapa.learning.filters import ProgrammeFilter
from samskapa.learning.models import (
    Assignment,
    Feedback,
    LearningProgramme,
    Plan,
    Session,
    Submission,
)
from samskapa.learning.selectors import (
    access_assignment,
    access_plan,
    access_programme,
    programme_list,
    submissions_visible_to,
)


class LearningProgrammeSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.slug", read_only=True)
    session_count = serializers.IntegerField(read_only=True)
    participant_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LearningProgramme
        fields = [
            "slug",
            "title",
            "description",
            "organiser",
            "starts_on",
            "ends_on",
            "status",
            "session_count",
            "participant_count",
        ]


class LearningSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title", "starts_at", "ends_at", "place", "online_url", "agenda"]


class LearningProgrammeDetailSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.slug", read_only=True)
    sessions = serializers.SerializerMethodField()

    class Meta:
        model = LearningProgramme
        fields = [
            "slug",
            "title",
            "description",
            "organiser",
            "starts_on",
            "ends_on",
            "status",
            "sessions",
        ]

    @extend_schema_field(LearningSessionSerializer(many=True))
    def get_sessions(self, programme: LearningProgramme) -> list[dict[str, Any]]:
        """Every session; place, link and agenda are left empty for those outside."""
        inside = self.context["request"].user.has_perm("learning.see_inside", programme)
        rows = LearningSessionSerializer(
            programme.sessions.order_by("starts_at", "pk"), many=True
        ).data
        if not inside:
            for row in rows:
                row.update(place="", online_url="", agenda="")
        return list(rows)


class LearningAssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = [
            "id",
            "title",
            "instructions",
            "session",
            "due_at",
            "closes_at_due",
            "peer_review",
        ]


class LearningFeedbackSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", read_only=True)

    class Meta:
        model = Feedback
        fields = ["id", "author", "from_facilitator", "text", "created_at"]


class LearningSubmissionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", read_only=True)
    municipality = serializers.CharField(
        source="municipality.code", read_only=True, allow_null=True
    )
    text = serializers.CharField(max_length=50_000)
    for_team = serializers.BooleanField(required=False, default=False)
    feedback = LearningFeedbackSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "author", "municipality", "for_team", "text", "submitted_at", "feedback"]
        read_only_fields = ["submitted_at"]


class LearningPlanSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "title", "municipality", "version", "content", "updated_at"]


class ProgrammeListView(generics.ListAPIView):
    """Learning programmes the caller may see, newest first; filters ``year`` and ``q``."""

    serializer_class = LearningProgrammeSerializer
    filterset_class = ProgrammeFilter
    rules = {"GET": None}  # scoped by programmes_visible_to (learning.view_programme)

    def get_queryset(self) -> Any:
        return programme_list(user=self.request.user)


class ProgrammeDetailView(generics.RetrieveAPIView):
    """A programme with its sessions; places, links and agendas only for its members."""

    serializer_class = LearningProgrammeDetailSerializer
    rules = {"GET": "learning.view_programme"}

    def get_object(self) -> LearningProgramme:
        return access_programme(user=self.request.user, slug=self.kwargs["slug"])


class _InsideMixin:
    object_rules = True
    kwargs: dict[str, Any]
    request: Any

    def programme(self) -> LearningProgramme:
        cached = getattr(self, "_programme", None)
        if cached is None:
            cached = access_programme(
                user=self.request.user, slug=self.kwargs["slug"], rule="learning.see_inside"
            )
            self._programme = cached
        return cached


class AssignmentListView(_InsideMixin, generics.ListAPIView):
    """The assignments of a programme, by due date (its members only)."""

    serializer_class = LearningAssignmentSerializer
    filter_backends: list[Any] = []
    rules = {"GET": None}  # access_programme checks learning.see_inside

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        return self.programme().assignments.order_by("due_at", "pk")


class SubmissionListCreateView(generics.ListCreateAPIView):
    """The submissions of an assignment that the caller may read (their own, their team's, all
    for facilitators, all with peer review); a participant hands in (or changes) theirs."""

    serializer_class = LearningSubmissionSerializer
    filter_backends: list[Any] = []
    object_rules = True
    rules = {
        "GET": None,  # scoped by submissions_visible_to (learning.view_submission)
        "POST": None,  # submission_submit checks learning.submit_assignment and the due date
    }

    def assignment(self) -> Assignment:
        cached = getattr(self, "_assignment", None)
        if cached is None:
            cached = access_assignment(
                user=self.request.user, slug=self.kwargs["slug"], pk=self.kwargs["pk"]
            )
            self._assignment = cached
        return cached

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        return (
            submissions_visible_to(user=self.request.user)
            .filter(assignment=self.assignment())
            .select_related("author", "municipality")
            .prefetch_related("feedback__author")
            .order_by("submitted_at", "pk")
        )

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = services.submission_submit(
            actor=signed_in(self.request.user),
            assignment=self.assignment(),
            text=data["text"],
            for_team=data.get("for_team", False),
        )


class PlanDetailView(generics.RetrieveAPIView):
    """A municipality's plan in its current version (members of the programme)."""

    serializer_class = LearningPlanSerializer
    rules = {"GET": "learning.view_plan"}

    def get_object(self) -> Plan:
        return access_plan(user=self.request.user, slug=self.kwargs["slug"], pk=self.kwargs["pk"])

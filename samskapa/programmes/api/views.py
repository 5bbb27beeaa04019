"""REST API of programmes and their milestones: the same selectors and services as the pages.

Members-only programmes answer 404 to those who may not see them; linked projects are limited to
those the caller may see. Writes go through ``programmes.services``, whose validation errors
answer 400 with the field they concern.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from rest_framework import generics, serializers

from samskapa.core.access import signed_in
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.programmes import services
from samskapa.programmes.filters import ProgrammeFilter
from samskapa.programmes.models import Milestone, Participant, Phase, Programme
from samskapa.programmes.selectors import (
    access_programme,
    programme_list,
    programme_milestones,
)
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to


class ParticipantSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "organisation", "organisation_name", "role", "contribution"]


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "name", "description", "start_date", "end_date"]


class MilestoneSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    phase = serializers.PrimaryKeyRelatedField(
        queryset=Phase.objects.none(), required=False, allow_null=True
    )
    responsible = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    is_late = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "url",
            "title",
            "description",
            "phase",
            "due_on",
            "status",
            "completed_on",
            "responsible",
            "is_late",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.context.get("programme")
        if programme is not None:
            # Only the programme's own phases can be chosen; others answer 400.
            self.fields["phase"].queryset = Phase.objects.filter(programme=programme)  # type: ignore[attr-defined]

    def get_url(self, milestone: Milestone) -> str:
        path = reverse(
            "api:programme-milestone-detail",
            kwargs={"slug": milestone.programme.slug, "pk": milestone.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_is_late(self, milestone: Milestone) -> bool:
        return milestone.is_late(timezone.localdate())


class ProgrammeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:programme-detail", lookup_field="slug"
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), many=True, required=False
    )
    projects = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Project.objects.none(),
        many=True,
        required=False,
        write_only=True,
    )
    participant_count = serializers.IntegerField(read_only=True)
    late_milestone_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "url",
            "slug",
            "name",
            "organisation",
            "summary",
            "start_date",
            "end_date",
            "portfolio_due_on",
            "visibility",
            "municipalities",
            "projects",
            "participant_count",
            "late_milestone_count",
        ]
        read_only_fields = ["slug"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # A members-only project the caller cannot see answers "does not exist".
            self.fields["projects"].child_relation.queryset = projects_visible_to(  # type: ignore[attr-defined]
                user=request.user
            )


class ProgrammeDetailSerializer(ProgrammeSerializer):
    participants = ParticipantSerializer(many=True, read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    linked_projects = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [
            *ProgrammeSerializer.Meta.fields,
            "description",
            "linked_projects",
            "participants",
            "phases",
            "milestones",
            "created_at",
            "updated_at",
        ]

    def get_linked_projects(self, programme: Programme) -> list[str]:
        """Slugs of the linked projects the caller may see."""
        return [project.slug for project in getattr(programme, "visible_projects", [])]


class ProgrammeListCreate(generics.ListCreateAPIView):
    """Programmes the caller may see, newest first; filters ``q``, ``municipality`` (code) and
    ``organisation`` (slug of the leading one). Leaders of an organisation may start one."""

    filterset_class = ProgrammeFilter
    ordering_fields = ["name", "start_date", "end_date"]
    rules = {
        "GET": None,  # the list is scoped by programmes_visible_to (programmes.view_programme)
        # Leaders of some organisation; programme_create checks programmes.add_programme on the
        # one chosen (403) and the projects to link (400).
        "POST": "programmes.start_programme",
    }

    def get_serializer_class(self) -> Any:
        return ProgrammeDetailSerializer if self.request.method == "POST" else ProgrammeSerializer

    def get_queryset(self) -> Any:
        return programme_list(user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        programme = services.programme_create(actor=user, **serializer.validated_data)
        serializer.instance = access_programme(user=user, slug=programme.slug)


class ProgrammeDetail(generics.RetrieveUpdateAPIView):
    """One programme with its participants, phases and milestones; its leaders may change it."""

    serializer_class = ProgrammeDetailSerializer
    rules = {
        "GET": "programmes.view_programme",
        "PUT": "programmes.change_programme",
        "PATCH": "programmes.change_programme",
    }

    def get_object(self) -> Programme:
        # A members-only programme the caller may not see answers 404, so it does not leak.
        programme = access_programme(user=self.request.user, slug=self.kwargs["slug"])
        self.check_object_permissions(self.request, programme)
        return programme

    def perform_update(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        programme = services.programme_update(
            actor=user, programme=serializer.instance, **serializer.validated_data
        )
        serializer.instance = access_programme(user=user, slug=programme.slug)


class _ProgrammeMilestones:
    """Finds the programme of the address (404 if the caller may not see it) and checks the
    method's rule on it (403), for the list as well as for one milestone."""

    request: Any
    kwargs: dict[str, Any]
    check_object_permissions: Callable[[Any, Any], None]  # GenericAPIView's
    # The rules are the programme's, checked on it in ``initial``.
    object_rules = True
    rules = {
        "GET": "programmes.view_programme",
        "POST": "programmes.change_programme",
        "PUT": "programmes.change_programme",
        "PATCH": "programmes.change_programme",
    }

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if not getattr(self, "swagger_fake_view", False):  # the schema has no programme
            self.check_object_permissions(request, self.programme())

    def programme(self) -> Programme:
        cached = getattr(self, "_programme", None)
        if cached is None:
            cached = access_programme(user=self.request.user, slug=self.kwargs["slug"])
            self._programme = cached
        return cached

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        if not getattr(self, "swagger_fake_view", False):
            context["programme"] = self.programme()
        return context


class ProgrammeMilestoneListCreate(_ProgrammeMilestones, generics.ListCreateAPIView):
    """Milestones of a programme by due date, each with ``is_late``; its leaders may add one."""

    serializer_class = MilestoneSerializer
    filter_backends: list[Any] = []  # no filters: the milestones of one programme by due date

    def get_queryset(self) -> Any:
        return programme_milestones(programme=self.programme()).select_related("programme")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.milestone_add(
            actor=signed_in(self.request.user),
            programme=self.programme(),
            **serializer.validated_data,
        )


class ProgrammeMilestoneDetail(_ProgrammeMilestones, generics.RetrieveUpdateAPIView):
    serializer_class = MilestoneSerializer

    def get_object(self) -> Milestone:
        return generics.get_object_or_404(
            programme_milestones(programme=self.programme()).select_related("programme"),
            pk=self.kwargs["pk"],
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.milestone_update(
            actor=signed_in(self.request.user),
            milestone=serializer.instance,
            **serializer.validated_data,
        )

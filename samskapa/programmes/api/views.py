"""REST API of programmes and their milestones: the same selectors and services as the pages.

Members-only programmes answer 404 to those who may not see them; linked projects are limited to
those the caller may see. Writes go through ``programmes.services``, whose validation errors
answer 400 with the field they concern.
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import generics, serializers
from rest_framework.request import Request

from samskapa.core.access import access
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.programmes import services
from samskapa.programmes.models import Milestone, Participant, Phase, Programme
from samskapa.programmes.selectors import (
    programme_detail_queryset,
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


class ProgrammeQuerySerializer(serializers.Serializer):
    """The filters of the programme list; anything malformed answers 400."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    municipality = serializers.RegexField(
        r"^\d{4}$",
        required=False,
        error_messages={"invalid": _("A municipality code is four digits, e.g. 2180.")},
    )
    organisation = serializers.SlugField(required=False)


def _programme_for(request: Request, slug: str) -> Programme:
    """The programme if the caller may see it; 404 otherwise, so members-only ones do not leak."""
    return access(
        programme_detail_queryset(user=request.user),
        user=request.user,
        view_permission="programmes.view_programme",
        slug=slug,
    )


class ProgrammeListCreate(generics.ListCreateAPIView):
    """Programmes the caller may see, newest first; filters ``q``, ``municipality`` (code) and
    ``organisation`` (slug of the leading one). Leaders of an organisation may start one."""

    filter_backends: list[Any] = []
    # Who may create depends on the organisation chosen; the service checks add_programme.
    rules = {
        "GET": None,  # the list is scoped by programmes_visible_to
        "POST": None,  # programmes.add_programme on the organisation, checked by programme_create
    }

    def get_serializer_class(self) -> Any:
        return ProgrammeDetailSerializer if self.request.method == "POST" else ProgrammeSerializer

    def get_queryset(self) -> Any:
        query = ProgrammeQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        return programme_list(
            user=self.request.user,
            query=params.get("q", ""),
            municipality_code=params.get("municipality", ""),
            organisation_slug=params.get("organisation", ""),
        )

    def perform_create(self, serializer: Any) -> None:
        programme = services.programme_create(actor=self.request.user, **serializer.validated_data)
        serializer.instance = _programme_for(self.request, programme.slug)


class ProgrammeDetail(generics.RetrieveUpdateAPIView):
    """One programme with its participants, phases and milestones; its leaders may change it."""

    serializer_class = ProgrammeDetailSerializer
    rules = {
        "GET": None,
        "PUT": "programmes.change_programme",
        "PATCH": "programmes.change_programme",
    }

    def get_object(self) -> Programme:
        programme = _programme_for(self.request, self.kwargs["slug"])
        self.check_object_permissions(self.request, programme)
        return programme

    def perform_update(self, serializer: Any) -> None:
        programme = services.programme_update(
            actor=self.request.user, programme=serializer.instance, **serializer.validated_data
        )
        serializer.instance = _programme_for(self.request, programme.slug)


class _ProgrammeMilestones:
    """Finds the programme of the address (404 if the caller may not see it)."""

    request: Any
    kwargs: dict[str, Any]

    def programme(self) -> Programme:
        cached = getattr(self, "_programme", None)
        if cached is None:
            cached = self._programme = _programme_for(self.request, self.kwargs["slug"])
        return cached

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        if not getattr(self, "swagger_fake_view", False):  # the schema has no programme
            context["programme"] = self.programme()
        return context


class ProgrammeMilestoneListCreate(_ProgrammeMilestones, generics.ListCreateAPIView):
    """Milestones of a programme by due date, each with ``is_late``; its leaders may add one."""

    serializer_class = MilestoneSerializer
    filter_backends: list[Any] = []
    # Seeing is checked on the programme (404), adding by the service (change_programme).
    rules = {"GET": None, "POST": None}

    def get_queryset(self) -> Any:
        return programme_milestones(programme=self.programme()).select_related("programme")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.milestone_add(
            actor=self.request.user, programme=self.programme(), **serializer.validated_data
        )


class ProgrammeMilestoneDetail(_ProgrammeMilestones, generics.RetrieveUpdateAPIView):
    serializer_class = MilestoneSerializer
    # Seeing is checked on the programme (404), changing by the service (change_programme).
    rules = {"GET": None, "PUT": None, "PATCH": None}

    def get_object(self) -> Milestone:
        milestone = generics.get_object_or_404(
            programme_milestones(programme=self.programme()).select_related("programme"),
            pk=self.kwargs["pk"],
        )
        return milestone

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.milestone_update(
            actor=self.request.user, milestone=serializer.instance, **serializer.validated_data
        )

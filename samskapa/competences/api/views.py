"""REST API of competence matchmaking: the same selectors and services as the pages.

Profiles are for registered callers only; contact details appear only in an interest request
that both sides have said yes to (and to the profile's owner). Needs for competence follow the
project, challenge, initiative or need they belong to.
"""

from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Length
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.competences import services
from samskapa.competences.filters import CompetenceNeedFilter, ProfileFilter
from samskapa.competences.forms import TeamForm
from samskapa.competences.models import (
    CompetenceNeed,
    Concept,
    Importance,
    InterestRequest,
    Language,
    Message,
    Profile,
    RequestStatus,
    Requirement,
)
from samskapa.competences.rules import TARGET_RULES
from samskapa.competences.selectors import (
    access_competence_need,
    access_profile,
    access_request,
    competence_need_list,
    matches_for_need,
    matches_for_profile,
    profile_list,
    propose_team,
    request_list,
    request_messages,
    status_code_seen_by,
)
from samskapa.core.access import signed_in
from samskapa.core.api.fields import ScopedPrimaryKeyRelatedField, ScopedSlugRelatedField
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.geo.models import Municipality, Region
from samskapa.ideas.models import Challenge
from samskapa.ideas.selectors import challenges_visible_to
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisations_where_user_leads
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiatives_visible_to
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to

# --- Concepts -------------------------------------------------------------------------------


class ConceptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Concept
        fields = ["id", "jobtech_id", "kind", "label", "ssyk_code"]


class ConceptList(generics.ListAPIView):
    """Search the JobTech taxonomy as you type: ``q`` (at least two letters) in the name;
    names that start with it first, shortest first."""

    serializer_class = ConceptSerializer
    filter_backends: list[Any] = []
    rules = {"GET": None}  # reference data, open to everyone

    @extend_schema(
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Words of the name")]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Concept]:
        query = " ".join(str(self.request.query_params.get("q", "")).split())[:100]
        if len(query) < 2:
            return Concept.objects.none()
        return Concept.objects.filter(label__icontains=query).order_by(
            Length("label"), "label", "pk"
        )


# --- Profiles -------------------------------------------------------------------------------


class ProfileSerializer(serializers.ModelSerializer):
    """A profile; the contact details only for its owner (others get them on a request)."""

    owner_name = serializers.CharField(read_only=True)
    organisation = ScopedSlugRelatedField(
        slug_field="slug",
        scope=organisations_where_user_leads,
        queryset=Organisation.objects.none(),
        required=False,
        allow_null=True,
        write_only=True,
    )
    competences = serializers.PrimaryKeyRelatedField(
        queryset=Concept.objects.all(), many=True, required=False
    )
    dimensions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        many=True,
        required=False,
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), many=True, required=False
    )
    regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices), required=False, max_length=20
    )
    share_of_time = serializers.IntegerField(min_value=1, max_value=100, required=False)
    contact_email = serializers.EmailField(write_only=True)
    contact_phone = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=40
    )

    class Meta:
        model = Profile
        fields = [
            "id",
            "owner_name",
            "organisation",
            "title",
            "helix_sector",
            "offers",
            "seeks",
            "other_competences",
            "competences",
            "dimensions",
            "whole_country",
            "municipalities",
            "regions",
            "languages",
            "available_from",
            "available_until",
            "share_of_time",
            "contact_email",
            "contact_phone",
            "is_published",
        ]


class ProfileListCreate(generics.ListCreateAPIView):
    """Published profiles, for registered callers; filters ``q``, ``sector``, ``dimension``,
    ``competence`` (concept id) and ``municipality`` (code). POST creates the caller's own
    profile, or (with ``organisation``) one of an organisation they lead."""

    serializer_class = ProfileSerializer
    filterset_class = ProfileFilter
    permission_classes = [
        permissions.IsAuthenticated,
        *generics.ListCreateAPIView.permission_classes,
    ]
    rules = {
        "GET": None,  # scoped by profiles_visible_to (competences.view_profile)
        "POST": "competences.add_profile",
    }

    def get_queryset(self) -> QuerySet[Profile]:
        return profile_list(user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.profile_create(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class ProfileDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = ProfileSerializer
    rules = {
        "GET": "competences.view_profile",
        "PUT": "competences.change_profile",
        "PATCH": "competences.change_profile",
        "DELETE": "competences.change_profile",
    }

    def get_object(self) -> Profile:
        profile = access_profile(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, profile)
        return profile

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.profile_update(
            actor=signed_in(self.request.user),
            profile=serializer.instance,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance: Profile) -> None:
        services.profile_delete(actor=signed_in(self.request.user), profile=instance)


# --- Matches --------------------------------------------------------------------------------


class CompetenceMatchSerializer(serializers.Serializer):
    requirement = serializers.IntegerField(source="requirement.pk")
    competence = serializers.CharField(source="requirement.concept.label")
    importance = serializers.ChoiceField(
        source="requirement.importance", choices=Importance.choices
    )
    covered = serializers.BooleanField()
    similarity = serializers.FloatField()
    how = serializers.CharField()
    via = serializers.CharField()


class PartSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField(source="label")
    value = serializers.FloatField()
    weight = serializers.FloatField()


class MatchSerializer(serializers.Serializer):
    """One explained match: the score (0–100), its parts, what is covered and what lacks."""

    need = serializers.IntegerField(source="need.pk")
    need_title = serializers.CharField(source="need.title")
    profile = serializers.IntegerField(source="profile.pk")
    profile_title = serializers.CharField(source="profile.title")
    owner_name = serializers.CharField(source="profile.owner_name")
    score = serializers.FloatField()
    parts = PartSerializer(many=True)
    competences = CompetenceMatchSerializer(many=True)
    shared_words = serializers.ListField(child=serializers.CharField())
    covered_dimensions = serializers.ListField(child=serializers.CharField())
    missing_dimensions = serializers.ListField(child=serializers.CharField())
    sector_covered = serializers.BooleanField(allow_null=True)
    missing_sectors = serializers.ListField(child=serializers.CharField())
    location = serializers.CharField()
    availability = serializers.CharField()


class ProfileMatches(APIView):
    """The open needs for competence that best match a profile (its owner only), explained."""

    rules = {"GET": "competences.change_profile"}

    @extend_schema(responses=MatchSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        profile = access_profile(user=request.user, pk=pk)
        self.check_object_permissions(request, profile)
        matches = matches_for_profile(user=request.user, profile=profile)
        return Response(MatchSerializer(matches, many=True).data)


# --- Needs for competence -------------------------------------------------------------------


class RequirementSerializer(serializers.ModelSerializer):
    concept = serializers.PrimaryKeyRelatedField(
        queryset=Concept.objects.all(), required=False, allow_null=True
    )
    dimension = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        required=False,
        allow_null=True,
    )
    sector = serializers.ChoiceField(choices=HelixSector.choices, required=False, allow_blank=True)
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Requirement
        fields = ["id", "kind", "concept", "dimension", "sector", "importance", "name"]
        read_only_fields = ["kind"]


class CompetenceNeedSerializer(serializers.ModelSerializer):
    project = ScopedSlugRelatedField(
        slug_field="slug",
        scope=projects_visible_to,
        queryset=Project.objects.none(),
        required=False,
        allow_null=True,
    )
    challenge = ScopedPrimaryKeyRelatedField(
        scope=challenges_visible_to,
        queryset=Challenge.objects.none(),
        required=False,
        allow_null=True,
    )
    initiative = ScopedPrimaryKeyRelatedField(
        scope=initiatives_visible_to,
        queryset=Initiative.objects.none(),
        required=False,
        allow_null=True,
    )
    need = ScopedPrimaryKeyRelatedField(
        scope=needs_visible_to,
        queryset=Need.objects.none(),
        required=False,
        allow_null=True,
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False, allow_null=True
    )
    share_of_time = serializers.IntegerField(
        min_value=1, max_value=100, required=False, allow_null=True
    )
    requirements = RequirementSerializer(many=True, read_only=True)

    class Meta:
        model = CompetenceNeed
        fields = [
            "id",
            "title",
            "description",
            *TARGET_RULES,
            "municipality",
            "start_date",
            "end_date",
            "share_of_time",
            "is_open",
            "requirements",
        ]


class CompetenceNeedListCreate(generics.ListCreateAPIView):
    """Needs for competence the caller may see; filters ``q``, ``open`` and ``municipality``.
    POST states one on a project (slug), challenge, initiative or need (ids) the caller leads."""

    serializer_class = CompetenceNeedSerializer
    filterset_class = CompetenceNeedFilter
    rules = {
        "GET": None,  # scoped by competence_needs_visible_to (competences.view_need)
        # competence_need_create checks competences.add_need on the target chosen (403).
        "POST": None,
    }

    def get_queryset(self) -> QuerySet[CompetenceNeed]:
        return competence_need_list(user=self.request.user).prefetch_related(
            "requirements__concept", "requirements__dimension"
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("is_open", None)
        serializer.instance = services.competence_need_create(
            actor=signed_in(self.request.user), **data
        )


class CompetenceNeedDetail(generics.RetrieveUpdateAPIView):
    serializer_class = CompetenceNeedSerializer
    rules = {
        "GET": "competences.view_need",
        "PUT": "competences.change_need",
        "PATCH": "competences.change_need",
    }

    def get_object(self) -> CompetenceNeed:
        need = access_competence_need(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, need)
        return need

    def perform_update(self, serializer: Any) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k not in TARGET_RULES}
        serializer.instance = services.competence_need_update(
            actor=signed_in(self.request.user), need=serializer.instance, **data
        )


class _OnNeed:
    """Finds the need of the address (404 if the caller may not see it) and checks the
    method's rule on it (403)."""

    request: Any
    kwargs: dict[str, Any]
    check_object_permissions: Any

    def need(self) -> CompetenceNeed:
        cached = getattr(self, "_need", None)
        if cached is None:
            cached = access_competence_need(user=self.request.user, pk=self.kwargs["pk"])
            self.check_object_permissions(self.request, cached)
            self._need = cached
        return cached


class RequirementCreate(_OnNeed, generics.CreateAPIView):
    """Add one competence (concept id), dimension (code) or sector to a need, as ``must`` or
    ``nice``."""

    serializer_class = RequirementSerializer
    object_rules = True
    rules = {"POST": "competences.change_need"}

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.requirement_add(
            actor=signed_in(self.request.user),
            need=self.need(),
            importance=data.get("importance", Importance.MUST),
            concept=data.get("concept"),
            dimension=data.get("dimension"),
            sector=data.get("sector") or "",
        )


class RequirementDelete(_OnNeed, generics.DestroyAPIView):
    serializer_class = RequirementSerializer
    object_rules = True
    rules = {"DELETE": "competences.change_need"}

    def get_object(self) -> Requirement:
        return generics.get_object_or_404(
            self.need().requirements.all(), pk=self.kwargs["requirement_pk"]
        )

    def perform_destroy(self, instance: Requirement) -> None:
        services.requirement_remove(actor=signed_in(self.request.user), requirement=instance)


class NeedMatches(_OnNeed, APIView):
    """The profiles that best match a need, explained; for those working on it."""

    rules = {"GET": "competences.match_need"}

    @extend_schema(responses=MatchSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        matches = matches_for_need(user=request.user, need=self.need())
        return Response(MatchSerializer(matches, many=True).data)


class TeamSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=["exact", "greedy"])
    optimal = serializers.BooleanField()
    greedy_bound = serializers.FloatField(allow_null=True)
    members = MatchSerializer(many=True)
    covered = serializers.ListField(child=serializers.CharField())
    uncoverable = serializers.ListField(child=serializers.CharField())
    left_uncovered = serializers.ListField(child=serializers.CharField())
    candidates = serializers.IntegerField()


class NeedTeam(_OnNeed, APIView):
    """A proposed team for a need among its 40 best matches: ``min_size``, ``max_size``,
    ``lock_in`` and ``lock_out`` (profile ids, repeatable). ``uncoverable`` names what no
    candidate covers, ``left_uncovered`` what the size limit left out."""

    rules = {"GET": "competences.match_need"}

    @extend_schema(
        parameters=[
            OpenApiParameter("min_size", OpenApiTypes.INT, default=2),
            OpenApiParameter("max_size", OpenApiTypes.INT, default=5),
            OpenApiParameter("lock_in", OpenApiTypes.INT, many=True),
            OpenApiParameter("lock_out", OpenApiTypes.INT, many=True),
        ],
        responses=TeamSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        need = self.need()
        pool = matches_for_need(user=request.user, need=need, limit=40)
        data = request.query_params.copy()
        data.setdefault("min_size", "2")
        data.setdefault("max_size", "5")
        form = TeamForm(data, candidates=[(m.profile.pk, m.profile.title) for m in pool])
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        proposal = propose_team(
            need=need,
            matches=pool,
            min_size=form.cleaned_data["min_size"],
            max_size=form.cleaned_data["max_size"],
            locked_in=set(form.cleaned_data["lock_in"]),
            locked_out=set(form.cleaned_data["lock_out"]),
        )
        team = proposal.team
        labels = proposal.labels
        return Response(
            TeamSerializer(
                {
                    "method": team.method,
                    "optimal": team.optimal,
                    "greedy_bound": team.bound,
                    "members": proposal.members,
                    "covered": [labels[k] for k in proposal.universe if k in team.covered],
                    "uncoverable": proposal.uncoverable_labels,
                    "left_uncovered": proposal.left_uncovered_labels,
                    "candidates": proposal.candidate_count,
                }
            ).data
        )


# --- Interest requests ----------------------------------------------------------------------


class ContactSerializer(serializers.Serializer):
    profile_email = serializers.EmailField()
    profile_phone = serializers.CharField()
    sender_name = serializers.CharField()
    sender_email = serializers.EmailField()


class InterestRequestSerializer(serializers.ModelSerializer):
    need = ScopedPrimaryKeyRelatedField(
        scope=lambda *, user: competence_need_list(user=user),
        queryset=CompetenceNeed.objects.none(),
    )
    profile = ScopedPrimaryKeyRelatedField(
        scope=lambda *, user: profile_list(user=user).filter(is_published=True),
        queryset=Profile.objects.none(),
    )
    status = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    message = serializers.CharField(max_length=2000)

    class Meta:
        model = InterestRequest
        fields = ["id", "need", "profile", "message", "status", "created_at", "contact"]
        read_only_fields = ["created_at"]

    @extend_schema_field(
        serializers.ChoiceField(choices=["pending", "accepted", "declined", "withdrawn", "lapsed"])
    )
    def get_status(self, request: InterestRequest) -> str:
        """As the caller may know it: a sender never sees a decline."""
        return status_code_seen_by(user=self.context["request"].user, request=request)

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, request: InterestRequest) -> dict[str, str] | None:
        """Both sides' contact details, once both have said yes."""
        if request.status != RequestStatus.ACCEPTED:
            return None
        return {
            "profile_email": request.profile.contact_email,
            "profile_phone": request.profile.contact_phone,
            "sender_name": request.sender.full_name,
            "sender_email": request.sender.email,
        }


class InterestRequestListCreate(generics.ListCreateAPIView):
    """Requests the caller sent and those to their profiles; POST sends one (``need``,
    ``profile``, ``message``), limited per day."""

    serializer_class = InterestRequestSerializer
    filter_backends: list[Any] = []
    permission_classes = [
        permissions.IsAuthenticated,
        *generics.ListCreateAPIView.permission_classes,
    ]
    rules = {
        "GET": None,  # scoped by requests_visible_to (competences.view_request)
        "POST": None,  # request_send checks competences.match_need on the need (403)
    }

    def get_queryset(self) -> QuerySet[InterestRequest]:
        return request_list(user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.request_send(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class InterestRequestDetail(generics.RetrieveAPIView):
    serializer_class = InterestRequestSerializer
    rules = {"GET": "competences.view_request"}

    def get_object(self) -> InterestRequest:
        request = access_request(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, request)
        return request


class _RequestAction(generics.GenericAPIView):
    """POST with no body; answers the request as the caller now sees it."""

    serializer_class = InterestRequestSerializer
    service: Any = None

    @extend_schema(request=None, responses={200: InterestRequestSerializer})
    def post(self, request: Request, pk: int) -> Response:
        interest = access_request(user=request.user, pk=pk)
        self.check_object_permissions(request, interest)
        type(self).service(actor=signed_in(request.user), request=interest)
        return Response(self.get_serializer(interest).data)


class InterestRequestAccept(_RequestAction):
    """The profile's side says yes: contact details are shared and the conversation opens."""

    rules = {"POST": "competences.answer_request"}
    service = services.request_accept


class InterestRequestDecline(_RequestAction):
    """The profile's side says no; the sender is not told."""

    rules = {"POST": "competences.answer_request"}
    service = services.request_decline


class InterestRequestWithdraw(_RequestAction):
    rules = {"POST": "competences.withdraw_request"}
    service = services.request_withdraw


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", read_only=True, default="")
    body = serializers.CharField(max_length=4000)

    class Meta:
        model = Message
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = ["created_at"]


class MessageListCreate(generics.ListCreateAPIView):
    """The conversation of an accepted request, oldest first; both sides may write."""

    serializer_class = MessageSerializer
    filter_backends: list[Any] = []
    object_rules = True
    rules = {"GET": "competences.write_message", "POST": "competences.write_message"}

    def interest(self) -> InterestRequest:
        cached = getattr(self, "_interest", None)
        if cached is None:
            cached = access_request(user=self.request.user, pk=self.kwargs["pk"])
            self.check_object_permissions(self.request, cached)
            self._interest = cached
        return cached

    def get_queryset(self) -> QuerySet[Message]:
        if getattr(self, "swagger_fake_view", False):
            return Message.objects.none()
        return request_messages(request=self.interest())

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.message_post(
            actor=signed_in(self.request.user), request=self.interest(), **serializer.validated_data
        )

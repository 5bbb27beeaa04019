"""REST API of challenges and ideas: the same selectors and services as the pages."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samskapa.accounts.models import User
from samskapa.core.access import signed_in
from samskapa.core.api.fields import ScopedPrimaryKeyRelatedField, ScopedSlugRelatedField
from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.ideas import services
from samskapa.ideas.filters import IdeaFilter
from samskapa.ideas.forms import CO_AUTHORS_NOT_ADDED
from samskapa.ideas.models import Challenge, Comment, Idea
from samskapa.ideas.selectors import (
    access_challenge,
    access_idea,
    challenge_list,
    challenges_visible_to,
    idea_list,
)
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to
from samskapa.sdg.models import Target


class ChallengeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:challenge-detail")
    project = ScopedSlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), scope=projects_visible_to
    )
    # Needs the caller may see; the services refuse those of another project.
    needs = ScopedPrimaryKeyRelatedField(
        queryset=Need.objects.all(), scope=needs_visible_to, many=True, required=False
    )
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Challenge
        fields = [
            "id",
            "url",
            "project",
            "title",
            "description",
            "needs",
            "opens_on",
            "deadline",
            "is_open",
            "premoderated",
            "created_at",
        ]

    def get_is_open(self, challenge: Challenge) -> bool:
        return challenge.is_open_on(timezone.localdate())

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        opens_on = attrs.get("opens_on", getattr(self.instance, "opens_on", None))
        deadline = attrs.get("deadline", getattr(self.instance, "deadline", None))
        if opens_on and deadline and deadline < opens_on:
            raise serializers.ValidationError(
                {"deadline": _("The deadline cannot be before the opening date.")}
            )
        return attrs


class ChallengeListCreate(generics.ListCreateAPIView):
    """Challenges the caller may see; a project's leaders may publish one for it."""

    serializer_class = ChallengeSerializer
    rules = {
        "GET": None,  # the list is scoped by challenges_visible_to
        "POST": None,  # ideas.add_challenge on the project of the body, checked by challenge_create
    }

    def get_queryset(self) -> QuerySet[Challenge]:
        return challenge_list(user=self.request.user).prefetch_related("needs")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.challenge_create(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class ChallengeDetail(generics.RetrieveUpdateAPIView):
    serializer_class = ChallengeSerializer
    rules = {
        "GET": "ideas.view_challenge",
        "PUT": "ideas.change_challenge",
        "PATCH": "ideas.change_challenge",
    }

    def get_object(self) -> Challenge:
        challenge = access_challenge(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, challenge)
        return challenge

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("project", None)  # a challenge stays in its project
        serializer.instance = services.challenge_update(
            actor=signed_in(self.request.user), challenge=serializer.instance, **data
        )


class IdeaSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:idea-detail")
    challenge = ScopedPrimaryKeyRelatedField(
        queryset=Challenge.objects.all(),
        scope=challenges_visible_to,
        required=False,
        allow_null=True,
    )
    project = ScopedSlugRelatedField(
        slug_field="slug",
        queryset=Project.objects.all(),
        scope=projects_visible_to,
        required=False,
        allow_null=True,
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    dimensions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        many=True,
        required=False,
    )

    class Meta:
        model = Idea
        fields = [
            "id",
            "url",
            "title",
            "summary",
            "challenge",
            "project",
            "municipality",
            "organisation",
            "dimensions",
            "support_count",
            "comment_count",
            "awaiting_approval",
            "created_at",
        ]
        read_only_fields = ["support_count", "comment_count", "awaiting_approval", "created_at"]


class IdeaDetailSerializer(IdeaSerializer):
    author = serializers.CharField(source="author.display_name", read_only=True, default=None)
    co_authors = serializers.ListField(
        child=serializers.EmailField(), required=False, write_only=True
    )
    co_author_names = serializers.SerializerMethodField()
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), many=True, required=False
    )

    class Meta(IdeaSerializer.Meta):
        fields = [
            *IdeaSerializer.Meta.fields,
            "description",
            "author",
            "co_authors",
            "co_author_names",
            "sdg_targets",
            "updated_at",
        ]
        read_only_fields = [*IdeaSerializer.Meta.read_only_fields, "updated_at"]

    def get_co_author_names(self, idea: Idea) -> list[str]:
        return [person.display_name for person in idea.co_authors.all()]

    def validate_co_authors(self, emails: list[str]) -> list[User]:
        wanted = {email.lower() for email in emails}
        people = list(User.objects.filter(email__in=wanted, is_active=True))
        if len(people) < len(wanted):
            raise serializers.ValidationError(CO_AUTHORS_NOT_ADDED, code="not_added")
        return people

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("municipality"):
            source = attrs.get("challenge") or attrs.get("project")
            if source is None:
                raise serializers.ValidationError(
                    {"municipality": _("Choose the municipality the idea is for.")}
                )
        return attrs


class IdeaListCreate(generics.ListCreateAPIView):
    """Ideas nobody hid, newest first; filters ``q``, ``challenge``, ``municipality``,
    ``dimension`` and ``ordering`` (``-created_at``, ``-support_count``, ``-comment_count``),
    those of the list page (``ideas.filters.IdeaFilter``)."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = IdeaFilter
    rules = {"GET": None, "POST": "ideas.add_idea"}  # GET: scoped by ideas_visible_to

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return IdeaDetailSerializer if self.request.method == "POST" else IdeaSerializer

    def get_queryset(self) -> QuerySet[Idea]:
        return idea_list(user=self.request.user).prefetch_related("dimensions", "project")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.idea_submit(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class IdeaDetail(generics.RetrieveUpdateAPIView):
    serializer_class = IdeaDetailSerializer
    rules = {"GET": "ideas.view_idea", "PUT": "ideas.change_idea", "PATCH": "ideas.change_idea"}

    def get_object(self) -> Idea:
        idea = access_idea(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, idea)
        return idea

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        # An idea stays with its challenge and project.
        data.pop("challenge", None)
        data.pop("project", None)
        serializer.instance = services.idea_update(
            actor=signed_in(self.request.user), idea=serializer.instance, **data
        )


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.display_name", read_only=True, default=None)
    # DRF's metaclass moves declared fields out of the class, so this does not replace
    # Field.parent at run time; mypy only sees the class body.
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Comment.objects.filter(is_hidden=False), required=False, allow_null=True
    )

    class Meta:
        model = Comment
        fields = ["id", "parent", "author", "text", "created_at"]
        read_only_fields = ["created_at"]


class IdeaCommentListCreate(generics.ListCreateAPIView):
    """Comments of an idea, oldest first; ``parent`` is the top-level comment replied to."""

    serializer_class = CommentSerializer
    filter_backends: list[Any] = []  # no filters: every visible comment of the idea, in order
    rules = {"GET": "ideas.view_idea", "POST": "ideas.comment_idea"}
    object_rules = True  # checked on the idea of the URL

    def get_object(self) -> Idea:
        """The idea of the URL, whose comments these are."""
        idea = access_idea(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, idea)
        return idea

    def get_queryset(self) -> QuerySet[Comment]:
        return (
            Comment.objects.filter(idea=self.get_object(), is_hidden=False)
            .select_related("author")
            .order_by("created_at", "pk")
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.comment_add(
            actor=signed_in(self.request.user), idea=self.get_object(), **serializer.validated_data
        )


class IdeaSupportStateSerializer(serializers.Serializer):
    """Whether the caller supports the idea now, and how many do."""

    supported = serializers.BooleanField()
    support_count = serializers.IntegerField()


class IdeaFollowStateSerializer(serializers.Serializer):
    """Whether the caller follows the idea now."""

    following = serializers.BooleanField()


class IdeaSupport(generics.GenericAPIView):
    """POST adds the caller's support, DELETE withdraws it; both answer 200 with the state.

    Doing either twice changes nothing the second time: support counts once per person.
    """

    serializer_class = IdeaSupportStateSerializer
    rules = {"POST": "ideas.support_idea", "DELETE": "ideas.view_idea"}

    def get_object(self) -> Idea:
        idea = access_idea(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, idea)
        return idea

    @extend_schema(request=None, responses={200: IdeaSupportStateSerializer})
    def post(self, request: Request, pk: int) -> Response:
        idea = self.get_object()
        services.idea_support(actor=signed_in(request.user), idea=idea)
        return Response({"supported": True, "support_count": idea.support_count})

    @extend_schema(request=None, responses={200: IdeaSupportStateSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        idea = self.get_object()
        services.idea_support_withdraw(actor=signed_in(request.user), idea=idea)
        return Response({"supported": False, "support_count": idea.support_count})


class IdeaFollow(generics.GenericAPIView):
    """POST follows the idea, DELETE stops following it; both answer 200 with the state."""

    serializer_class = IdeaFollowStateSerializer
    rules = {"POST": "ideas.follow_idea", "DELETE": "ideas.view_idea"}

    def get_object(self) -> Idea:
        idea = access_idea(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, idea)
        return idea

    @extend_schema(request=None, responses={200: IdeaFollowStateSerializer})
    def post(self, request: Request, pk: int) -> Response:
        services.idea_follow(actor=signed_in(request.user), idea=self.get_object())
        return Response({"following": True})

    @extend_schema(request=None, responses={200: IdeaFollowStateSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        services.idea_unfollow(actor=signed_in(request.user), idea=self.get_object())
        return Response({"following": False})

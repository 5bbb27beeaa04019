"""REST API of challenges and ideas: the same selectors and services as the pages."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.accounts.models import User
from samskapa.core.access import access
from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.ideas import services
from samskapa.ideas.models import Challenge, Comment, Idea
from samskapa.ideas.selectors import (
    SORTS,
    challenge_detail_queryset,
    challenge_list,
    idea_detail_queryset,
    idea_list,
)
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

ORDERINGS = {
    "-created_at": "newest",
    "-support_count": "supported",
    "-comment_count": "commented",
}


class ChallengeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:challenge-detail")
    project = serializers.SlugRelatedField(slug_field="slug", queryset=Project.objects.all())
    needs = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.all(), many=True, required=False
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
    filter_backends: list[Any] = []
    # Who may create depends on the project chosen; the service checks ideas.add_challenge.
    rules = {"GET": "ideas.view_challenge", "POST": None}

    def get_queryset(self) -> Any:
        return challenge_list(user=self.request.user).prefetch_related("needs")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.challenge_create(
            actor=self.request.user, **serializer.validated_data
        )


class ChallengeDetail(generics.RetrieveUpdateAPIView):
    serializer_class = ChallengeSerializer
    rules = {
        "GET": "ideas.view_challenge",
        "PUT": "ideas.change_challenge",
        "PATCH": "ideas.change_challenge",
    }

    def get_queryset(self) -> Any:
        return challenge_detail_queryset(user=self.request.user).prefetch_related("needs")

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        serializer.instance = services.challenge_update(
            actor=self.request.user, challenge=serializer.instance, **data
        )


class IdeaQuerySerializer(serializers.Serializer):
    """The filters of the idea list; anything else answers 400."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    challenge = serializers.IntegerField(required=False, min_value=1)
    municipality = serializers.CharField(required=False, allow_blank=True, max_length=4)
    dimension = serializers.CharField(required=False, allow_blank=True, max_length=30)
    ordering = serializers.ChoiceField(choices=list(ORDERINGS), required=False)


class IdeaSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:idea-detail")
    challenge = serializers.PrimaryKeyRelatedField(
        queryset=Challenge.objects.all(), required=False, allow_null=True
    )
    project = serializers.SlugRelatedField(
        slug_field="slug", queryset=Project.objects.all(), required=False, allow_null=True
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
            "created_at",
        ]
        read_only_fields = ["support_count", "comment_count", "created_at"]


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
        unknown = sorted(wanted - {person.email.lower() for person in people})
        if unknown:
            raise serializers.ValidationError(
                _("No user has the e-mail address %(emails)s.") % {"emails": ", ".join(unknown)}
            )
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
    ``dimension`` and ``ordering`` (``-created_at``, ``-support_count``, ``-comment_count``)."""

    filter_backends: list[Any] = []
    rules = {"GET": "ideas.view_idea", "POST": "ideas.add_idea"}

    def get_serializer_class(self) -> Any:
        return IdeaDetailSerializer if self.request.method == "POST" else IdeaSerializer

    def get_queryset(self) -> Any:
        query = IdeaQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        sort = ORDERINGS.get(params.get("ordering", ""), "newest")
        assert sort in SORTS
        return idea_list(
            user=self.request.user,
            query=params.get("q", ""),
            challenge_id=params.get("challenge"),
            municipality_code=params.get("municipality", ""),
            dimension=params.get("dimension", ""),
            sort=sort,
        ).prefetch_related("dimensions", "project")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.idea_submit(
            actor=self.request.user, **serializer.validated_data
        )


def _idea_for(request: Request, pk: int) -> Idea:
    """The idea if the caller may see it; 404 otherwise, so hidden ideas do not leak."""
    return access(
        idea_detail_queryset(user=request.user),
        user=request.user,
        view_permission="ideas.view_idea",
        pk=pk,
    )


class IdeaDetail(generics.RetrieveUpdateAPIView):
    serializer_class = IdeaDetailSerializer
    rules = {"GET": None, "PUT": "ideas.change_idea", "PATCH": "ideas.change_idea"}

    def get_object(self) -> Idea:
        idea = _idea_for(self.request, self.kwargs["pk"])
        self.check_object_permissions(self.request, idea)
        return idea

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("challenge", None)
        data.pop("project", None)
        serializer.instance = services.idea_update(
            actor=self.request.user, idea=serializer.instance, **data
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
    filter_backends: list[Any] = []
    # Both checked on the idea: ideas.view_idea through _idea_for, ideas.comment_idea in the service.
    rules = {"GET": None, "POST": None}

    def get_queryset(self) -> Any:
        idea = _idea_for(self.request, self.kwargs["pk"])
        return (
            Comment.objects.filter(idea=idea, is_hidden=False)
            .select_related("author")
            .order_by("created_at", "pk")
        )

    def perform_create(self, serializer: Any) -> None:
        idea = _idea_for(self.request, self.kwargs["pk"])
        serializer.instance = services.comment_add(
            actor=self.request.user, idea=idea, **serializer.validated_data
        )


class _IdeaToggle(APIView):
    """POST adds, DELETE removes; both answer the idea's state for the caller."""

    rules = {"POST": None, "DELETE": None}

    def add(self, request: Request, idea: Idea) -> None:
        raise NotImplementedError

    def remove(self, request: Request, idea: Idea) -> None:
        raise NotImplementedError

    def state(self, idea: Idea, active: bool) -> dict[str, Any]:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        idea = _idea_for(request, pk)
        self.add(request, idea)
        return Response(self.state(idea, True), status=status.HTTP_200_OK)

    def delete(self, request: Request, pk: int) -> Response:
        idea = _idea_for(request, pk)
        self.remove(request, idea)
        return Response(self.state(idea, False), status=status.HTTP_200_OK)


class IdeaSupportStateSerializer(serializers.Serializer):
    supported = serializers.BooleanField()
    support_count = serializers.IntegerField()


class IdeaFollowStateSerializer(serializers.Serializer):
    following = serializers.BooleanField()


def _toggle_schema(state: type[serializers.Serializer]) -> Any:
    """Both methods take no body and answer the caller's state afterwards."""
    return extend_schema_view(
        post=extend_schema(request=None, responses={200: state}),
        delete=extend_schema(request=None, responses={200: state}),
    )


@_toggle_schema(IdeaSupportStateSerializer)
class IdeaSupport(_IdeaToggle):
    def add(self, request: Request, idea: Idea) -> None:
        services.idea_support(actor=request.user, idea=idea)

    def remove(self, request: Request, idea: Idea) -> None:
        services.idea_support_withdraw(actor=request.user, idea=idea)

    def state(self, idea: Idea, active: bool) -> dict[str, Any]:
        return {"supported": active, "support_count": idea.support_count}


@_toggle_schema(IdeaFollowStateSerializer)
class IdeaFollow(_IdeaToggle):
    def add(self, request: Request, idea: Idea) -> None:
        services.idea_follow(actor=request.user, idea=idea)

    def remove(self, request: Request, idea: Idea) -> None:
        services.idea_unfollow(actor=request.user, idea=idea)

    def state(self, idea: Idea, active: bool) -> dict[str, Any]:
        return {"following": active}

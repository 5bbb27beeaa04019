"""API of the SDGs: goals and targets in the language asked for, suggested targets for a text,
and answers to suggestions."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.core.access import signed_in
from samskapa.sdg import selectors, services
from samskapa.sdg.filters import TargetFilter
from samskapa.sdg.models import Goal, Target
from samskapa.sdg.suggest import MAX_TEXT_LENGTH

MAX_SUGGESTIONS = 20


class TargetSerializer(serializers.ModelSerializer):
    goal = serializers.IntegerField(source="goal.number", read_only=True)

    class Meta:
        model = Target
        fields = ["code", "goal", "text", "text_sv", "text_en"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["number", "short", "title", "short_sv", "short_en", "title_sv", "title_en"]


class GoalList(generics.ListAPIView):
    serializer_class = GoalSerializer
    queryset = Goal.objects.all()
    pagination_class = None  # always exactly 17
    rules = {"GET": None}  # public reference data (the UN's goals): anyone may read it


class TargetList(generics.ListAPIView):
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    rules = {"GET": None}  # public reference data (the UN's goals): anyone may read it

    def get_queryset(self) -> Any:
        return Target.objects.select_related("goal")


class TextField(serializers.CharField):
    """A string and nothing else: DRF's CharField would take the number 42 as "42"."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class SuggestRequestSerializer(serializers.Serializer):
    text = TextField(
        max_length=MAX_TEXT_LENGTH,
        help_text="The text to suggest targets for, best in Swedish (English works less well).",
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_SUGGESTIONS, default=5, help_text="At most this many targets."
    )


class SuggestionSerializer(serializers.Serializer):
    code = serializers.CharField(source="target.code", help_text="The target, such as 11.2.")
    goal = serializers.IntegerField(source="target.goal.number", help_text="Its goal, 1 to 17.")
    goal_name = serializers.CharField(source="target.goal.short")
    text = serializers.CharField(source="target.text", help_text="The target's text.")
    score = serializers.FloatField(help_text="How well the text fits the target, 0 to 1.")
    words = serializers.ListField(
        child=serializers.CharField(), help_text="The words of the text that led to it."
    )


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


class ThrottledSerializer(serializers.Serializer):
    detail = serializers.CharField()


class Suggest(APIView):
    """Suggest the SDG targets a Swedish text most likely concerns, best first.

    Each suggestion names the words of the text that led to it. The classifier runs on the
    server without any outside service; answers given in Samskapa's forms improve it.
    """

    rules = {"POST": "sdg.suggest_targets"}  # anyone; throttled like the rest of the API
    object_rules = False

    @extend_schema(
        request=SuggestRequestSerializer,
        responses={
            200: SuggestResponseSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="No text, or not a text."),
            429: OpenApiResponse(ThrottledSerializer, description="Too many requests."),
        },
        examples=[
            OpenApiExample(
                "Swedish need",
                request_only=True,
                value={"text": "Bussen går för sällan och cykelbanan till skolan är otrygg."},
            )
        ],
    )
    def post(self, request: Request) -> Response:
        incoming = SuggestRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        found = selectors.suggest_targets(
            text=incoming.validated_data["text"], limit=incoming.validated_data["limit"]
        )
        return Response(SuggestResponseSerializer({"suggestions": found}).data)


class AnswerRequestSerializer(serializers.Serializer):
    target = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), help_text="The target, such as 11.2."
    )
    accepted = serializers.BooleanField(help_text="True if taken, false if turned down.")
    text = TextField(
        max_length=MAX_TEXT_LENGTH, allow_blank=True, default="", help_text="The text it was for."
    )


class AnswerSerializer(serializers.Serializer):
    target = serializers.CharField(source="target.code")
    accepted = serializers.BooleanField()
    given_at = serializers.DateTimeField(source="created_at")


class SuggestAnswer(APIView):
    """Record that the caller took or turned down a suggested target for a text.

    Only the text's stemmed words are kept; later suggestions learn from them.
    """

    rules = {"POST": "sdg.add_suggestionfeedback"}  # any logged-in caller
    object_rules = False

    @extend_schema(
        request=AnswerRequestSerializer,
        responses={
            201: AnswerSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Unknown target or bad field."),
            429: OpenApiResponse(ThrottledSerializer, description="Too many requests."),
        },
    )
    def post(self, request: Request) -> Response:
        incoming = AnswerRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        feedback = services.suggestion_answer(
            actor=signed_in(request.user),
            target=incoming.validated_data["target"],
            accepted=incoming.validated_data["accepted"],
            text=incoming.validated_data["text"],
        )
        return Response(AnswerSerializer(feedback).data, status=status.HTTP_201_CREATED)

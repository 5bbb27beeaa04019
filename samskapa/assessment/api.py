"""REST API of assessment: the caller's assignments, submitting scores, and results for leaders."""

from typing import Any

from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samskapa.assessment import services
from samskapa.assessment.models import Assignment, Score
from samskapa.assessment.selectors import (
    assignment_detail_queryset,
    assignments_of,
    challenge_results,
    round_or_none,
)
from samskapa.core.access import access
from samskapa.ideas.selectors import challenge_detail_queryset


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["criterion", "value", "comment"]


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


class AssignmentList(generics.ListAPIView):
    """The caller's own assessment assignments, open ones first."""

    serializer_class = AssignmentSerializer
    filter_backends: list[Any] = []
    # Scoped to the caller by the selector; anonymous callers get an empty list.
    rules = {"GET": None}

    def get_queryset(self) -> Any:
        return assignments_of(user=self.request.user).prefetch_related("scores")


class SubmitScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    value = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    scores = SubmitScoreSerializer(many=True, allow_empty=False)


class AssignmentSubmit(APIView):
    """POST ``{"scores": [{"criterion": id, "value": n, "comment": ""}, ...]}``; final."""

    rules = {"POST": None}  # assessment.submit_assignment, checked by the service

    def post(self, request: Request, pk: int) -> Response:
        assignment = access(
            assignment_detail_queryset(),
            user=request.user,
            view_permission="assessment.view_assignment",
            pk=pk,
        )
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = data.validated_data["scores"]
        assignment = services.assessment_submit(
            actor=request.user,
            assignment=assignment,
            values={row["criterion"]: row["value"] for row in rows},
            comments={row["criterion"]: row["comment"] for row in rows},
        )
        fresh = assignment_detail_queryset().get(pk=assignment.pk)
        return Response(AssignmentSerializer(fresh).data, status=status.HTTP_200_OK)


class ChallengeResults(APIView):
    """Ideas of a challenge ranked by weighted mean, with spread per criterion; leaders only."""

    rules = {"GET": None}  # assessment.view_results, checked through access()

    def get(self, request: Request, pk: int) -> Response:
        challenge = access(
            challenge_detail_queryset(user=request.user),
            user=request.user,
            view_permission="ideas.view_challenge",
            permission="assessment.view_results",
            pk=pk,
        )
        rows = [
            {
                "idea": result.idea.pk,
                "title": result.idea.title,
                "weighted_mean": round_or_none(result.weighted_mean),
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
        return Response({"challenge": challenge.pk, "results": rows})

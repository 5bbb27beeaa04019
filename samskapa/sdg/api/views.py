"""Read-only API of the SDGs and their targets, in the language asked for."""

from typing import Any

from rest_framework import generics, serializers

from samskapa.sdg.filters import TargetFilter
from samskapa.sdg.models import Goal, Target


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

"""REST API of indicators and their measurements: the same selectors and services as the pages.

Members-only indicators answer 404 to those who may not see them; linked programmes and
projects are only accepted where the caller may use them. Writes go through
``indicators.services``, whose validation errors answer 400 with the field they concern.
"""

from typing import Any

from rest_framework import generics, serializers

from samskapa.core.access import signed_in
from samskapa.geo.models import Municipality
from samskapa.indicators import services
from samskapa.indicators.filters import IndicatorFilter
from samskapa.indicators.models import (
    DECIMAL_PLACES,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DIGITS,
    Gender,
    Indicator,
    IndicatorTarget,
    Measurement,
)
from samskapa.indicators.progress import RULE_TEXT
from samskapa.indicators.selectors import (
    access_indicator,
    indicator_list,
    indicator_progress,
    measurements_of,
    organisations_for_indicator,
    projects_for_indicator,
)
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.projects.models import Project
from samskapa.sdg.models import Target


class IndicatorTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["year", "value"]


class MeasurementSerializer(serializers.ModelSerializer):
    period = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    value = serializers.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    gender = serializers.ChoiceField(choices=Gender.choices, default=Gender.TOTAL)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "period",
            "gender",
            "value",
            "source",
            "source_note",
            "comment",
            "recorded_at",
        ]
        read_only_fields = ["id", "source", "recorded_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-detail")
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.none()
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), required=False, allow_null=True
    )
    project = serializers.SlugRelatedField(
        slug_field="slug", queryset=Project.objects.none(), required=False, allow_null=True
    )
    programmes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Programme.objects.none(), many=True, required=False
    )
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), many=True, required=False
    )
    baseline_year = serializers.IntegerField(
        min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False, allow_null=True
    )
    baseline_value = serializers.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, required=False, allow_null=True
    )
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "url",
            "name",
            "kind",
            "kolada_id",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "data_owner",
            "description",
            "method",
            "organisation",
            "municipality",
            "project",
            "programmes",
            "sdg_targets",
            "visibility",
            "is_demo",
            "progress",
        ]
        read_only_fields = ["id", "is_demo"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            instance = self.instance if isinstance(self.instance, Indicator) else None
            self.fields["organisation"].queryset = organisations_for_indicator(  # type: ignore[attr-defined]
                user=request.user, current=instance.organisation if instance else None
            )
            self.fields["project"].queryset = projects_for_indicator(  # type: ignore[attr-defined]
                user=request.user, current=instance.project if instance else None
            )
            self.fields["programmes"].child_relation.queryset = programmes_visible_to(  # type: ignore[attr-defined]
                user=request.user
            )

    def get_progress(self, indicator: Indicator) -> dict[str, Any]:
        progress = indicator_progress(indicator)
        return {
            "status": str(progress.status),
            "label": progress.label,
            "year": progress.year,
            "value": None if progress.value is None else str(progress.value),
            "expected": None if progress.expected is None else str(progress.expected),
            "rule": str(RULE_TEXT),
        }


class IndicatorDetailSerializer(IndicatorSerializer):
    targets = IndicatorTargetSerializer(many=True, read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "targets"]


class IndicatorListCreate(generics.ListCreateAPIView):
    """Indicators the caller may see, by name, each with its progress; filters ``q``,
    ``municipality`` (code), ``project`` (slug), ``kind`` and ``goal`` (1-17). Leaders of an
    organisation may add one."""

    filterset_class = IndicatorFilter
    ordering_fields = ["name"]
    rules = {
        "GET": None,  # scoped by indicators_visible_to (indicators.view_indicator)
        # Leaders of some organisation; indicator_create checks indicators.add_indicator on the
        # one chosen (403) and the project and programmes linked (400).
        "POST": "indicators.start_indicator",
    }

    def get_serializer_class(self) -> Any:
        return IndicatorDetailSerializer if self.request.method == "POST" else IndicatorSerializer

    def get_queryset(self) -> Any:
        return indicator_list(user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        indicator = services.indicator_create(actor=user, **serializer.validated_data)
        serializer.instance = access_indicator(user=user, pk=indicator.pk)


class IndicatorDetail(generics.RetrieveUpdateAPIView):
    """One indicator with its targets and progress; its leaders may change it."""

    serializer_class = IndicatorDetailSerializer
    rules = {
        "GET": "indicators.view_indicator",
        "PUT": "indicators.change_indicator",
        "PATCH": "indicators.change_indicator",
    }

    def get_object(self) -> Indicator:
        indicator = access_indicator(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, indicator)
        return indicator

    def perform_update(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        indicator = services.indicator_update(
            actor=user, indicator=serializer.instance, **serializer.validated_data
        )
        serializer.instance = access_indicator(user=user, pk=indicator.pk)


class IndicatorMeasurementListCreate(generics.ListCreateAPIView):
    """The values of an indicator by period; its leaders may record one (a value already
    stored for that period and breakdown is replaced)."""

    serializer_class = MeasurementSerializer
    filter_backends: list[Any] = []
    object_rules = True
    rules = {
        "GET": "indicators.view_indicator",
        "POST": "indicators.change_indicator",
    }

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not getattr(self, "swagger_fake_view", False):
            self.check_object_permissions(request, self.indicator())

    def indicator(self) -> Indicator:
        cached = getattr(self, "_indicator", None)
        if cached is None:
            cached = access_indicator(user=self.request.user, pk=self.kwargs["pk"])
            self._indicator = cached
        return cached

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Measurement.objects.none()
        return measurements_of(indicator=self.indicator())

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.measurement_record(
            actor=signed_in(self.request.user),
            indicator=self.indicator(),
            **serializer.validated_data,
        )

"""REST API of the methods toolbox: the same selectors and services as the pages.

Proposals are seen only by their proposer and the facilitators (404 to others). Writes go
through ``methods.services``, whose validation errors answer 400 with the field they concern.
"""

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import generics, serializers

from samskapa.core.access import signed_in
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.methods import services
from samskapa.methods.filters import LabFilter, MethodFilter
from samskapa.methods.models import (
    Adaptation,
    ExperienceReport,
    Lab,
    LabLevel,
    LabTheme,
    Licence,
    Method,
    MethodPhase,
    MethodStatus,
    MethodStep,
    Rating,
)
from samskapa.methods.selectors import access_lab, access_method, lab_list, method_list
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisations_user_may_act_for
from samskapa.sdg.models import Target


class StepSerializer(serializers.ModelSerializer):
    title = serializers.CharField(max_length=200)
    minutes = serializers.IntegerField(min_value=1, max_value=60 * 24 * 30)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10_000)

    class Meta:
        model = MethodStep
        fields = ["title", "minutes", "description"]


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["aspect", "score"]


class AdaptationSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)
    organisation = serializers.CharField(source="organisation.slug", read_only=True)

    class Meta:
        model = Adaptation
        fields = [
            "id",
            "title",
            "municipality",
            "organisation",
            "method_version",
            "changes",
            "reasons",
            "created_at",
        ]


class ReportSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.none()
    )
    adaptation = serializers.PrimaryKeyRelatedField(
        queryset=Adaptation.objects.none(), required=False, allow_null=True
    )
    need = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.none(), required=False, allow_null=True
    )
    place = serializers.CharField(max_length=200)
    group = serializers.CharField(max_length=300)
    outcome = serializers.CharField(max_length=20_000)
    lessons = serializers.CharField(max_length=20_000)
    ratings = RatingSerializer(many=True, required=False)

    class Meta:
        model = ExperienceReport
        fields = [
            "id",
            "organisation",
            "municipality",
            "adaptation",
            "need",
            "used_on",
            "place",
            "group",
            "outcome",
            "lessons",
            "ratings",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        method = self.context.get("method")
        if request is not None:
            self.fields["organisation"].queryset = organisations_user_may_act_for(  # type: ignore[attr-defined]
                user=request.user
            )
            self.fields["need"].queryset = needs_visible_to(user=request.user)  # type: ignore[attr-defined]
        if method is not None:
            self.fields["adaptation"].queryset = Adaptation.objects.filter(method=method)  # type: ignore[attr-defined]

    def validate_ratings(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        aspects = [item["aspect"] for item in value]
        if len(aspects) != len(set(aspects)):
            raise serializers.ValidationError(_("Each aspect is rated once."))
        for item in value:
            if not 1 <= item["score"] <= 5:
                raise serializers.ValidationError(_("A rating is from 1 to 5."))
        return value

    def to_representation(self, instance: ExperienceReport) -> dict[str, Any]:
        """The need a report was used for is named only to those who may see that need.

        The lists prefetch ``need`` from the needs the reader may see (as the method page does),
        so a need they may not see reads as None there without a query.
        """
        data = super().to_representation(instance)
        if instance.need_id is not None and instance.need is None:
            data["need"] = None
        return data


class MethodSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:method-detail", lookup_field="slug")
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=300)
    purpose = serializers.CharField(max_length=20_000)
    phase = serializers.ChoiceField(choices=MethodPhase.choices)
    licence = serializers.ChoiceField(choices=Licence.choices, default=Licence.CC_BY)
    target_groups = serializers.SlugRelatedField(
        slug_field="code", queryset=StakeholderGroup.objects.all(), many=True, required=False
    )
    dimensions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SustainabilityDimension.objects.all(),
        many=True,
        required=False,
    )
    sdg_targets = serializers.SlugRelatedField(
        slug_field="code", queryset=Target.objects.all(), many=True, required=False
    )
    steps = StepSerializer(many=True)
    rating_average = serializers.DecimalField(
        max_digits=3, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Method
        fields = [
            "url",
            "slug",
            "title",
            "summary",
            "purpose",
            "phase",
            "roles",
            "materials",
            "licence",
            "authors",
            "target_groups",
            "dimensions",
            "sdg_targets",
            "steps",
            "total_minutes",
            "version",
            "status",
            "is_featured",
            "rating_average",
            "report_count",
        ]
        read_only_fields = [
            "slug",
            "total_minutes",
            "version",
            "status",
            "is_featured",
            "report_count",
        ]
        extra_kwargs = {
            "roles": {"max_length": 5000},
            "materials": {"max_length": 5000},
            "authors": {"max_length": 300},
        }

    def validate_steps(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not value:
            raise serializers.ValidationError("Describe at least one step.")
        if len(value) > services.MAX_STEPS:
            raise serializers.ValidationError("Too many steps.")
        return value


class MethodDetailSerializer(MethodSerializer):
    adaptations = AdaptationSerializer(many=True, read_only=True)
    reports = ReportSerializer(many=True, read_only=True)
    merged_into: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta(MethodSerializer.Meta):
        fields = [
            *MethodSerializer.Meta.fields,
            "curator_note",
            "merged_into",
            "adaptations",
            "reports",
            "created_at",
            "updated_at",
        ]


def _steps(data: list[dict[str, Any]]) -> list[services.StepInput]:
    return [
        services.StepInput(
            title=step["title"], minutes=step["minutes"], description=step.get("description", "")
        )
        for step in data
    ]


class MethodListCreate(generics.ListCreateAPIView):
    """Published methods, featured first; filters ``phase``, ``dimension``, ``target_group``,
    ``max_minutes``, ``min_rating``, ``municipality`` (code of one that has used it) and ``q``
    (Swedish full-text search). Anyone logged in may propose a method; a facilitator's is
    published at once."""

    filterset_class = MethodFilter
    ordering_fields = ["title", "total_minutes", "rating_average"]
    rules = {
        "GET": None,  # the list is scoped by methods_visible_to (methods.view_method)
        "POST": "methods.propose_method",
    }

    def get_queryset(self) -> Any:
        return method_list(user=self.request.user).prefetch_related(
            "target_groups", "dimensions", "sdg_targets", "steps"
        )

    def get_serializer_class(self) -> Any:
        return MethodDetailSerializer if self.request.method == "POST" else MethodSerializer

    def perform_create(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        data = dict(serializer.validated_data)
        steps = _steps(data.pop("steps"))
        method = services.method_create(actor=user, steps=steps, **data)
        serializer.instance = access_method(user=user, slug=method.slug)


class MethodDetail(generics.RetrieveAPIView):
    """A method with its steps, adaptations and experience reports."""

    serializer_class = MethodDetailSerializer
    rules = {"GET": "methods.view_method"}

    def get_object(self) -> Method:
        return access_method(user=self.request.user, slug=self.kwargs["slug"])


class MethodReportListCreate(generics.ListCreateAPIView):
    """The experience reports of a method, newest first; members of an organisation may add one
    for a published method, with scores from 1 to 5 on the aspects they rate."""

    serializer_class = ReportSerializer
    filter_backends: list[Any] = []  # the reports of one method, newest first
    object_rules = True
    rules = {"GET": "methods.view_method", "POST": "methods.add_experience"}

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not getattr(self, "swagger_fake_view", False):  # the schema has no method
            self.check_object_permissions(request, self.method())

    def method(self) -> Method:
        cached = getattr(self, "_method", None)
        if cached is None:
            cached = access_method(user=self.request.user, slug=self.kwargs["slug"])
            self._method = cached
        return cached

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not getattr(self, "swagger_fake_view", False):
            context["method"] = self.method()
        return context

    def get_queryset(self) -> Any:
        visible_needs = needs_visible_to(user=self.request.user)
        return (
            ExperienceReport.objects.filter(method=self.method())
            .select_related("municipality", "organisation")
            .prefetch_related("ratings", Prefetch("need", queryset=visible_needs))
            .order_by("-used_on", "-pk")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        ratings = {item["aspect"]: item["score"] for item in data.pop("ratings", [])}
        serializer.instance = services.report_create(
            actor=signed_in(self.request.user), method=self.method(), ratings=ratings, **data
        )


# --- Lab workshops -----------------------------------------------------------------------------


class LabSerializer(serializers.ModelSerializer):
    """A lab workshop and its outputs. Who took part is not in the API: the names are shown only
    on the page, to those who took part and the facilitators."""

    url = serializers.HyperlinkedIdentityField(view_name="api:method-lab-detail")
    title = serializers.CharField(max_length=200)
    level = serializers.ChoiceField(choices=LabLevel.choices, default=LabLevel.REGIONAL)
    theme = serializers.ChoiceField(choices=LabTheme.choices)
    organiser = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    municipalities = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), many=True, required=False
    )
    place = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20_000)
    methods = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Method.objects.filter(status=MethodStatus.PUBLISHED),
        many=True,
        required=False,
    )
    reports = serializers.PrimaryKeyRelatedField(
        queryset=ExperienceReport.objects.filter(method__status=MethodStatus.PUBLISHED),
        many=True,
        required=False,
    )

    class Meta:
        model = Lab
        fields = [
            "url",
            "id",
            "title",
            "level",
            "theme",
            "organiser",
            "municipalities",
            "starts_on",
            "ends_on",
            "place",
            "description",
            "methods",
            "reports",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        starts_on = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends_on = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts_on and ends_on and ends_on < starts_on:
            raise serializers.ValidationError({"ends_on": "The last day is before the first."})
        return attrs


LAB_FIELDS = (
    "title",
    "level",
    "theme",
    "organiser",
    "starts_on",
    "ends_on",
    "place",
    "description",
)


class LabListCreate(generics.ListCreateAPIView):
    """Lab workshops, newest first; filters ``theme``, ``level``, ``municipality`` (code of one
    that took part), ``year`` and ``q``. The toolbox's facilitators add them."""

    serializer_class = LabSerializer
    filterset_class = LabFilter
    ordering_fields = ["starts_on", "title"]
    rules = {
        "GET": None,  # the list is scoped by labs_visible_to (methods.view_lab)
        "POST": "methods.add_lab",
    }

    def get_queryset(self) -> Any:
        return lab_list(user=self.request.user).prefetch_related("methods", "reports")

    def perform_create(self, serializer: Any) -> None:
        user = signed_in(self.request.user)
        lab = services.lab_create(actor=user, **serializer.validated_data)
        serializer.instance = access_lab(user=user, pk=lab.pk)


class LabDetail(generics.RetrieveUpdateAPIView):
    """A lab workshop with its outputs; the toolbox's facilitators change it (PUT or PATCH)."""

    serializer_class = LabSerializer
    rules = {"GET": "methods.view_lab", "PUT": "methods.change_lab", "PATCH": "methods.change_lab"}

    def get_object(self) -> Lab:
        lab = access_lab(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, lab)
        return lab

    def perform_update(self, serializer: Any) -> None:
        lab: Lab = serializer.instance
        current: dict[str, Any] = {name: getattr(lab, name) for name in LAB_FIELDS}
        current.update(
            municipalities=list(lab.municipalities.all()),
            facilitators=list(lab.facilitators.all()),
            methods=list(lab.methods.all()),
            reports=list(lab.reports.all()),
        )
        user = signed_in(self.request.user)
        services.lab_update(actor=user, lab=lab, **{**current, **serializer.validated_data})
        serializer.instance = access_lab(user=user, pk=lab.pk)

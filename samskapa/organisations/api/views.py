"""REST API of organisations: the same selectors and services as the pages."""

from typing import Any

from rest_framework import generics, serializers

from samskapa.core.access import signed_in
from samskapa.geo.models import Municipality
from samskapa.organisations import services
from samskapa.organisations.filters import OrganisationFilter
from samskapa.organisations.models import Organisation, Unit
from samskapa.organisations.selectors import organisation_detail_queryset, organisation_list
from samskapa.organisations.validators import normalise_org_number


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "responsibility", "parent"]


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text="Four-digit municipality code, e.g. 2180 for Gävle.",
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )

    class Meta:
        model = Organisation
        fields = [
            "url",
            "slug",
            "name",
            "type",
            "helix_sector",
            "org_number",
            "municipality",
            "description",
            "website",
            "is_verified",
            "created_at",
        ]
        read_only_fields = ["slug", "is_verified", "created_at"]
        # Room for the twelve-digit form with the "16" prefix; validate_org_number shortens it.
        extra_kwargs = {"org_number": {"max_length": 13}}

    def validate_org_number(self, value: str) -> str:
        return normalise_org_number(value) if value else ""


class OrganisationDetailSerializer(OrganisationSerializer):
    units = UnitSerializer(many=True, read_only=True)

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "units"]


class OrganisationListCreate(generics.ListCreateAPIView):
    """Organisations; anyone may read, a logged-in user may register one."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    ordering_fields = ["name", "created_at"]
    rules = {"GET": "organisations.view_organisation", "POST": "organisations.add_organisation"}

    def get_queryset(self) -> Any:
        return organisation_list(user=self.request.user).order_by("name")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.organisation_create(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class OrganisationDetail(generics.RetrieveUpdateAPIView):
    serializer_class = OrganisationDetailSerializer
    lookup_field = "slug"
    rules = {
        "GET": "organisations.view_organisation",
        "PUT": "organisations.change_organisation",
        "PATCH": "organisations.change_organisation",
    }

    def get_queryset(self) -> Any:
        return organisation_detail_queryset()

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.organisation_update(
            actor=signed_in(self.request.user),
            organisation=serializer.instance,
            **serializer.validated_data,
        )

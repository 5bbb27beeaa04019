"""Read-only API of regions and municipalities."""

from typing import Any

from rest_framework import generics, serializers

from samskapa.geo.filters import MunicipalityFilter
from samskapa.geo.models import Municipality, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    region = RegionSerializer(read_only=True)

    class Meta:
        model = Municipality
        fields = ["code", "name", "region", "population", "population_year"]


class RegionList(generics.ListAPIView):
    serializer_class = RegionSerializer
    queryset = Region.objects.all()
    rules = {"GET": None}  # public reference data (SCB): anyone may read it


class MunicipalityList(generics.ListAPIView):
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    ordering_fields = ["name", "code", "population"]
    rules = {"GET": None}  # public reference data (SCB): anyone may read it

    def get_queryset(self) -> Any:
        return Municipality.objects.select_related("region").order_by("name")


class MunicipalityDetail(generics.RetrieveAPIView):
    serializer_class = MunicipalitySerializer
    queryset = Municipality.objects.select_related("region")
    lookup_field = "code"
    rules = {"GET": None}  # public reference data (SCB): anyone may read it

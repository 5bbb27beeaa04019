"""The regions and municipalities shipped with Samskapa, as SCB codes them."""

import pytest

from samskapa.geo.models import Municipality, Region
from samskapa.geo.reference import load_regions_and_municipalities

pytestmark = pytest.mark.usefixtures("reference_data")


def test_sweden_has_21_regions_and_290_municipalities() -> None:
    assert Region.objects.count() == 21
    assert Municipality.objects.count() == 290


def test_every_region_has_municipalities() -> None:
    assert not Region.objects.filter(municipalities__isnull=True).exists()


def test_stockholm_is_in_stockholms_lan_with_its_population() -> None:
    stockholm = Municipality.objects.select_related("region").get(code="0180")

    assert stockholm.name == "Stockholm"
    assert stockholm.region.name == "Stockholms län"
    assert stockholm.population is not None
    assert stockholm.population > 900_000
    assert stockholm.population_year == 2024


def test_kiruna_is_in_norrbottens_lan() -> None:
    kiruna = Municipality.objects.select_related("region").get(code="2584")

    assert kiruna.name == "Kiruna"
    assert kiruna.region.name == "Norrbottens län"
    assert kiruna.region.code == "25"


def test_harryda_keeps_its_swedish_letters() -> None:
    assert Municipality.objects.get(code="1401").name == "Härryda"


def test_loading_twice_changes_nothing() -> None:
    before = list(Municipality.objects.order_by("code").values_list("code", "name", "region__code"))

    counts = load_regions_and_municipalities()

    assert counts == (21, 290)
    after = list(Municipality.objects.order_by("code").values_list("code", "name", "region__code"))
    assert after == before


def test_loading_restores_an_edited_row() -> None:
    Municipality.objects.filter(code="2584").update(name="Kirunaa", population=1)

    load_regions_and_municipalities()

    kiruna = Municipality.objects.get(code="2584")
    assert kiruna.name == "Kiruna"
    assert kiruna.population > 20_000

"""The shared vocabularies: sustainability dimensions and stakeholder groups."""

import pytest

from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.core.reference import load_vocabularies

pytestmark = pytest.mark.usefixtures("reference_data")


def test_the_three_sustainability_dimensions_in_order() -> None:
    codes = list(SustainabilityDimension.objects.values_list("code", flat=True))

    assert codes == ["ecological", "economic", "social"]
    assert SustainabilityDimension.objects.get(code="social").name_sv == "Social hållbarhet"


def test_stakeholder_groups_cover_residents_and_future_residents() -> None:
    assert StakeholderGroup.objects.count() == 13
    assert StakeholderGroup.objects.get(code="residents").name_sv == "Invånare"
    assert StakeholderGroup.objects.get(code="future-residents").name_en == "Future residents"


def test_every_vocabulary_row_has_both_languages() -> None:
    for row in [*SustainabilityDimension.objects.all(), *StakeholderGroup.objects.all()]:
        assert row.name_sv and row.name_en, row.code


def test_loading_twice_does_not_duplicate() -> None:
    assert load_vocabularies() == (3, 13)
    assert load_vocabularies() == (3, 13)

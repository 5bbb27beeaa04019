"""The checkbox picker: plain grouped or scrolling checkboxes that a script makes searchable."""

import re

import pytest
from django import forms

from samskapa.core.widgets import CheckboxPicker, GroupedModelMultipleChoiceField, fold
from samskapa.geo.models import Municipality

pytestmark = pytest.mark.usefixtures("reference_data")


def test_fold_ignores_case_and_diacritics_as_the_script_does() -> None:
    assert fold("Gävle") == "gavle"
    assert fold("HÄRRYDA") == "harryda"
    assert fold("Malmö") == "malmo"


class PlaceForm(forms.Form):
    by_county = GroupedModelMultipleChoiceField(
        queryset=Municipality.objects.select_related("region").order_by("region__name", "name"),
        group_by=lambda municipality: municipality.region.name,
        required=False,
    )
    flat = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.order_by("name"), widget=CheckboxPicker, required=False
    )


def test_a_grouped_picker_lists_each_county_once_with_its_municipalities() -> None:
    gavle = Municipality.objects.get(code="2180")

    html = str(PlaceForm(initial={"by_county": [gavle.pk]})["by_county"])

    assert html.count("<details") == 21
    assert html.count('type="checkbox"') == 290
    # Gävleborg, where the chosen one is, starts open.
    assert len(re.findall(r"<details[^>]* open>", html)) == 1
    assert 'data-search="gavle"' in html
    assert 'data-search="gavleborgs lan"' in html
    assert "<select" not in html


def test_a_flat_picker_scrolls_in_its_box_and_validates_like_a_multiple_choice() -> None:
    gavle = Municipality.objects.get(code="2180")

    html = str(PlaceForm()["flat"])
    form = PlaceForm({"flat": [gavle.pk], "by_county": ["not a number"]})

    assert "samskapa-picker__options--flat" in html
    assert "<details" not in html
    assert not form.is_valid()
    assert list(form.errors) == ["by_county"]
    assert list(form.cleaned_data["flat"]) == [gavle]

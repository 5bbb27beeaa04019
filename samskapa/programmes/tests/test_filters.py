"""The filters of the list of programmes: the same filter set on the page and in the API.

Invalid values give the whole list and a message on the page, 400 in the API; never an error
page.
"""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils.html import escape
from rest_framework.test import APIClient

from samskapa.geo.models import Municipality
from samskapa.programmes.filters import ProgrammeFilter
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import programme_list
from samskapa.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

WHOLE_LIST = "Some filters could not be used, so the whole list is shown"


def _filtered(**params: str) -> Any:
    return ProgrammeFilter(params, queryset=programme_list(user=AnonymousUser())).qs


def test_filter_by_municipality(programme: Programme, reference_data: None) -> None:
    other = ProgrammeFactory()
    programme.municipalities.add(*Municipality.objects.filter(code__in=["2180", "1401"]))
    assert list(_filtered(municipality="1401")) == [programme]
    assert list(_filtered(municipality="0180")) == []
    assert set(_filtered()) == {programme, other}


def test_filter_by_leading_organisation_and_words(programme: Programme) -> None:
    other = ProgrammeFactory(name="Klimatomställning i norr")
    assert list(_filtered(organisation=programme.organisation.slug)) == [programme]
    assert list(_filtered(q="klimat")) == [other]


# A NUL byte never reaches the filters: the middleware refuses it (core/tests/test_input.py).
@pytest.mark.parametrize("params", [{"municipality": "abc"}, {"organisation": "inte en adress!"}])
def test_invalid_values_show_the_whole_list_and_say_so(
    client: Client, programme: Programme, params: dict[str, str]
) -> None:
    response = client.get("/en/program/", params)

    assert response.status_code == 200
    assert escape(WHOLE_LIST) in response.text
    assert programme.name in response.text


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"organisation": "inte en adress!"}, "organisation"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_invalid_values_answer_400_in_the_api(
    api_client: APIClient, programme: Programme, params: dict[str, str], field: str
) -> None:
    response = api_client.get("/api/v1/programmes/", params)

    assert response.status_code == 400
    assert field in response.json()

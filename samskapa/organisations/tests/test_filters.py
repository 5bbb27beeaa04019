"""The filters of the list of organisations: the same filter set on the page and in the API.

Invalid values give the whole list and a message on the page, 400 in the API; never an error
page.
"""

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.models import HelixSector
from samskapa.organisations.filters import OrganisationFilter
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.organisations.selectors import organisation_list
from samskapa.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

WHOLE_LIST = "Some filters could not be used, so the whole list is shown"


def _filtered(user: Any, **params: str) -> Any:
    return OrganisationFilter(params, queryset=organisation_list(user=user)).qs


@pytest.fixture
def company(reference_data: None) -> Organisation:
    return OrganisationFactory(
        name="Smartstad Norr AB",
        type=OrganisationType.COMPANY,
        helix_sector=HelixSector.BUSINESS,
        municipality_code="2584",
    )


def test_filters_by_type_sector_and_municipality(
    resident: User, gavle: Organisation, company: Organisation
) -> None:
    assert list(_filtered(resident, type=OrganisationType.COMPANY)) == [company]
    assert list(_filtered(resident, helix_sector=HelixSector.PUBLIC)) == [gavle]
    assert list(_filtered(resident, municipality="2584")) == [company]
    assert list(_filtered(resident, municipality="0180")) == []


def test_the_page_filters_by_sector(
    client: Client, gavle: Organisation, company: Organisation
) -> None:
    html = client.get("/en/organisationer/", {"sector": "business"}).text

    assert company.name in html
    assert gavle.name not in html
    assert WHOLE_LIST not in html


# A NUL byte never reaches the filters: the middleware refuses it (core/tests/test_input.py).
@pytest.mark.parametrize(
    "params",
    [{"type": "spaceship"}, {"sector": "space"}, {"municipality": "abc"}],
)
def test_invalid_values_show_the_whole_list_and_say_so(
    client: Client, gavle: Organisation, company: Organisation, params: dict[str, str]
) -> None:
    response = client.get("/en/organisationer/", params)

    assert response.status_code == 200
    assert escape(WHOLE_LIST) in response.text
    assert gavle.name in response.text
    assert company.name in response.text


@pytest.mark.parametrize(
    ("params", "field"),
    [({"municipality": "abc"}, "municipality")],
)
def test_invalid_values_answer_400_in_the_api(
    api_client: APIClient, gavle: Organisation, params: dict[str, str], field: str
) -> None:
    response = api_client.get("/api/v1/organisations/", params)

    assert response.status_code == 400
    assert field in response.json()

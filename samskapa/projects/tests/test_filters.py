"""The filters of the list of projects: the same filter set on the page and in the API.

Invalid values give the whole list and a message on the page, 400 in the API; never an error
page.
"""

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.organisations.models import Organisation
from samskapa.projects.filters import ProjectFilter
from samskapa.projects.models import Project
from samskapa.projects.selectors import project_list
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

WHOLE_LIST = "Some filters could not be used, so the whole list is shown"


def _filtered(user: Any, **params: str) -> Any:
    return ProjectFilter(params, queryset=project_list(user=user)).qs


def test_filters(naringen: Project, kiruna: Organisation, resident: User) -> None:
    kiruna_project = ProjectFactory(organisation=kiruna, phase="construction")

    assert list(_filtered(resident, municipality="2584")) == [kiruna_project]
    assert list(_filtered(resident, region="21")) == [naringen]  # Gävleborgs län
    assert list(_filtered(resident, phase="construction")) == [kiruna_project]
    assert list(_filtered(resident, organisation=naringen.organisation.slug)) == [naringen]
    assert list(_filtered(resident, municipality="0180")) == []


def test_search_and_a_filter_together(
    naringen: Project, kiruna: Organisation, resident: User
) -> None:
    ProjectFactory(organisation=kiruna, name="Näringen i norr")

    assert list(_filtered(resident, q="näringen", region="21")) == [naringen]


# A NUL byte never reaches the filters: the middleware refuses it (core/tests/test_input.py).
@pytest.mark.parametrize(
    "params",
    [
        {"phase": "finished-yesterday"},
        {"region": "Gävleborg"},
        {"municipality": "21800"},
        {"organisation": "inte en adress!"},
    ],
)
def test_invalid_values_show_the_whole_list_and_say_so(
    client: Client, naringen: Project, nya_kiruna: Project, params: dict[str, str]
) -> None:
    response = client.get("/en/projekt/", params)

    assert response.status_code == 200
    assert escape(WHOLE_LIST) in response.text
    assert naringen.name in response.text
    assert nya_kiruna.name in response.text


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"municipality": "abc"}, "municipality"),
        ({"region": "2"}, "region"),
        ({"organisation": "inte en adress!"}, "organisation"),
    ],
)
def test_invalid_values_answer_400_in_the_api(
    api_client: APIClient, naringen: Project, params: dict[str, str], field: str
) -> None:
    response = api_client.get("/api/v1/projects/", params)

    assert response.status_code == 400
    assert field in response.json()

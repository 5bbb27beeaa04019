"""The link from an experience report to the need a method was used for, and the need's page
suggesting the methods used with needs of its kind."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from samskapa.accounts.models import User
from samskapa.core.models import StakeholderGroup, Visibility
from samskapa.methods import services
from samskapa.methods.models import Method
from samskapa.methods.selectors import methods_for_need
from samskapa.methods.tests.factories import MethodFactory, ReportFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

REPORT = {
    "used_on": "2019-05-01",
    "place": "Ytterby",
    "group": "Samhällsbyggnad",
    "outcome": "Bra",
    "lessons": "Tidigt",
}


def test_methods_used_with_needs_of_the_kind_come_first(
    method: Method, kungalv: Organisation
) -> None:
    older = StakeholderGroup.objects.get(code="older-people")
    made_for = MethodFactory(title="A, gjord för äldre")
    made_for.target_groups.add(older)
    ReportFactory(method=method, organisation=kungalv, need=NeedFactory(stakeholder_group=older))
    found = methods_for_need(stakeholder_group_id=older.pk, dimension_ids=[])
    assert found == [method, made_for]
    assert found[0].used_with_kind and not found[1].used_with_kind


def test_a_report_names_only_a_need_its_writer_may_see(
    method: Method, kungalv: Organisation, kungalv_member: User
) -> None:
    hidden = NeedFactory(visibility=Visibility.PRIVATE)
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=kungalv_member,
            method=method,
            organisation=kungalv,
            ratings={},
            need=hidden,
            **REPORT,
        )
    assert "need" in error.value.message_dict
    shown = NeedFactory()
    report = services.report_create(
        actor=kungalv_member, method=method, organisation=kungalv, ratings={}, need=shown, **REPORT
    )
    assert report.need == shown


def test_the_form_takes_the_need_by_number_and_keeps_the_text_on_a_bad_one(
    client: Client, method: Method, kungalv: Organisation, kungalv_member: User
) -> None:
    client.force_login(kungalv_member)
    url = f"/en/metoder/{method.slug}/erfarenheter/ny/"
    hidden = NeedFactory(visibility=Visibility.PRIVATE)
    for bad in (str(hidden.pk), "tolv", "99999999999999999999"):
        response = client.post(url, {"organisation": kungalv.pk, "need": bad, **REPORT})
        assert response.status_code == 200, bad
        assert "No need that you can see has this number." in response.text
        assert 'value="Ytterby"' in response.text
    need = NeedFactory()
    response = client.post(url, {"organisation": kungalv.pk, "need": str(need.pk), **REPORT})
    assert response.status_code == 302
    assert method.reports.get().need == need


def test_the_method_page_names_the_need_only_to_those_who_may_see_it(
    client: Client, method: Method, kungalv: Organisation
) -> None:
    ReportFactory(method=method, organisation=kungalv, need=NeedFactory(title="Trygg väg"))
    hidden = NeedFactory(title="Hemligt behov", visibility=Visibility.PRIVATE)
    ReportFactory(method=method, organisation=kungalv, need=hidden)
    text = client.get(f"/en/metoder/{method.slug}/").text
    assert "Trygg väg" in text and "Hemligt behov" not in text


def test_the_api_names_the_need_only_to_those_who_may_see_it(
    client: Client, method: Method, kungalv: Organisation
) -> None:
    public = NeedFactory(title="Trygg väg")
    hidden = NeedFactory(title="Hemligt behov", visibility=Visibility.PRIVATE)
    ReportFactory(method=method, organisation=kungalv, need=public)
    ReportFactory(method=method, organisation=kungalv, need=hidden)
    response = client.get(f"/api/v1/methods/{method.slug}/reports/")
    assert response.status_code == 200
    rows = response.json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    assert sorted((row["need"] for row in rows), key=str) == sorted([public.pk, None], key=str)


def test_the_api_method_detail_names_the_need_only_to_those_who_may_see_it(
    client: Client, method: Method, kungalv: Organisation
) -> None:
    public = NeedFactory(title="Trygg väg")
    hidden = NeedFactory(title="Hemligt behov", visibility=Visibility.PRIVATE)
    ReportFactory(method=method, organisation=kungalv, need=public)
    ReportFactory(method=method, organisation=kungalv, need=hidden)
    reports = client.get(f"/api/v1/methods/{method.slug}/").json()["reports"]
    assert sorted((row["need"] for row in reports), key=str) == sorted([public.pk, None], key=str)

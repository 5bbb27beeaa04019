"""Evaluations reached from the milestone they belong to, and the network's comparison of
municipalities: who sees and writes what, bad input, query counts, the CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.geo.models import Municipality
from samskapa.indicators.models import Evaluation, Indicator
from samskapa.indicators.tests.factories import (
    IndicatorFactory,
    IndicatorTargetFactory,
    MeasurementFactory,
)
from samskapa.indicators.tests.test_views import _client
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Milestone, Programme
from samskapa.programmes.tests.factories import MilestoneFactory, ProgrammeFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(gavle: Organisation, naringen: Project) -> Programme:
    programme = ProgrammeFactory(organisation=gavle, name="Hållbara Gävle")
    programme.projects.add(naringen)
    return programme


@pytest.fixture
def milestone(programme: Programme) -> Milestone:
    return MilestoneFactory(programme=programme, title="Första piloten klar")


def _evaluate(milestone: Milestone, author: User, **fields: object) -> Evaluation:
    return Evaluation.objects.create(
        milestone=milestone,
        done=fields.get("done", "Workshoppar med boende"),
        effects=fields.get("effects", "Fler cyklar"),
        lessons=fields.get("lessons", "Börja tidigt"),
        evaluated_on=datetime.date(2026, 11, 1),
        created_by=author,
    )


def _add_url(programme: Programme, milestone: Milestone | None = None) -> str:
    url = reverse("indicators:evaluation_add", args=[programme.slug])
    return f"{url}?milestone={milestone.pk}" if milestone else url


def _list_url(programme: Programme, milestone: Milestone | str | None = None) -> str:
    url = reverse("indicators:programme_evaluations", args=[programme.slug])
    if milestone is None:
        return url
    return f"{url}?milestone={milestone.pk if isinstance(milestone, Milestone) else milestone}"


# --- Evaluations and their milestone ----------------------------------------------------------


def test_leader_evaluates_a_milestone_from_the_programme_page(
    programme: Programme, milestone: Milestone, indicator: Indicator, gavle_leader: User
) -> None:
    client = _client(gavle_leader)
    page = client.get(reverse("programmes:detail", args=[programme.slug])).content.decode()
    assert _add_url(programme, milestone) in page  # "Utvärdera" on the milestone's row

    form = client.get(_add_url(programme, milestone))
    assert form.status_code == 200
    assert form.context["form"].initial["milestone"] == milestone.pk

    response = client.post(
        _add_url(programme),
        {
            "milestone": milestone.pk,
            "evaluated_on": "2026-11-20",
            "done": "Tre workshoppar i Näringen",
            "effects": "Fler resor med cykel",
            "lessons": "Bjud in skolorna tidigt",
            "indicators": [indicator.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _list_url(programme, milestone)
    evaluation = Evaluation.objects.get(milestone=milestone)
    assert list(evaluation.indicators.all()) == [indicator]

    listing = client.get(response["Location"]).content.decode()
    assert "Tre workshoppar i Näringen" in listing
    assert milestone.title in listing
    page = _client().get(reverse("programmes:detail", args=[programme.slug])).content.decode()
    assert _list_url(programme, milestone) in page
    assert "1 utvärdering" in page


def test_the_list_of_one_milestone_shows_only_its_evaluations(
    programme: Programme, milestone: Milestone, gavle_leader: User
) -> None:
    other = MilestoneFactory(programme=programme, title="Andra etappen")
    _evaluate(milestone, gavle_leader, done="Om den första")
    _evaluate(other, gavle_leader, done="Om den andra")

    page = _client().get(_list_url(programme, milestone)).content.decode()

    assert "Om den första" in page
    assert "Om den andra" not in page
    all_page = _client().get(_list_url(programme)).content.decode()
    assert "Om den första" in all_page and "Om den andra" in all_page
    # From each evaluation, its milestone's own list.
    assert _list_url(programme, other) in all_page


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 30, "1.5", "١"])
def test_a_bad_milestone_in_the_address_is_not_found(
    programme: Programme, milestone: Milestone, gavle_leader: User, value: str
) -> None:
    assert _client().get(_list_url(programme), {"milestone": value}).status_code == 404
    add = reverse("indicators:evaluation_add", args=[programme.slug])
    assert _client(gavle_leader).get(add, {"milestone": value}).status_code == 404


def test_a_milestone_of_another_programme_is_not_found_here(
    programme: Programme, gavle_leader: User, kiruna: Organisation
) -> None:
    elsewhere = MilestoneFactory(programme=ProgrammeFactory(organisation=kiruna))

    assert _client().get(_list_url(programme, elsewhere)).status_code == 404
    assert _client(gavle_leader).get(_add_url(programme, elsewhere)).status_code == 404


def test_only_the_programmes_leaders_may_evaluate(
    programme: Programme, milestone: Milestone, kiruna_leader: User
) -> None:
    anonymous = _client().get(_add_url(programme, milestone))
    assert anonymous.status_code == 302
    assert "next=" in anonymous["Location"]

    data = {"milestone": milestone.pk, "evaluated_on": "2026-11-20", "done": "x", "effects": "y"}
    assert _client(kiruna_leader).get(_add_url(programme, milestone)).status_code == 403
    refused = _client(kiruna_leader).post(_add_url(programme), {**data, "lessons": "z"})
    assert refused.status_code == 403
    assert not Evaluation.objects.exists()
    page = _client(kiruna_leader).get(reverse("programmes:detail", args=[programme.slug]))
    assert _add_url(programme, milestone) not in page.content.decode()


def test_bad_input_re_renders_the_form_with_what_was_typed(
    programme: Programme, milestone: Milestone, gavle_leader: User, kiruna: Organisation
) -> None:
    elsewhere = MilestoneFactory(programme=ProgrammeFactory(organisation=kiruna))
    client = _client(gavle_leader)
    cases = [
        {"milestone": elsewhere.pk, "evaluated_on": "2026-11-20"},
        {"milestone": "elva", "evaluated_on": "2026-11-20"},
        {"milestone": milestone.pk, "evaluated_on": "2027-01-01"},  # in the future
        {"milestone": milestone.pk, "evaluated_on": "20 november"},
        {"milestone": milestone.pk, "evaluated_on": "2026-11-20", "indicators": ["x"]},
    ]
    for case in cases:
        data = {"done": "Vi byggde en cykelbana", "effects": "Fler cyklar", "lessons": "Tidigt"}
        response = client.post(_add_url(programme), {**data, **case})
        assert response.status_code == 200, case
        assert "Vi byggde en cykelbana" in response.content.decode()
    # A NUL byte is refused before the form, as everywhere on the site.
    nul = {"milestone": milestone.pk, "evaluated_on": "2026-11-20", "lessons": "Noll\x00byte"}
    assert client.post(_add_url(programme), {**nul, "done": "x", "effects": "y"}).status_code == 400
    assert not Evaluation.objects.exists()


def test_evaluations_of_a_members_only_programme_are_hidden_from_visitors(
    programme: Programme, milestone: Milestone, gavle_leader: User
) -> None:
    programme.visibility = Visibility.MEMBERS
    programme.save()
    _evaluate(milestone, gavle_leader)

    assert _client().get(_list_url(programme, milestone)).status_code == 404
    assert _client(gavle_leader).get(_list_url(programme, milestone)).status_code == 200


def test_an_indicators_page_lists_the_evaluations_that_cite_it(
    programme: Programme, milestone: Milestone, gavle_leader: User, indicator: Indicator
) -> None:
    _evaluate(milestone, gavle_leader).indicators.add(indicator)
    internal = ProgrammeFactory(organisation=programme.organisation, visibility=Visibility.MEMBERS)
    hidden = MilestoneFactory(programme=internal, title="Intern avstämning")
    _evaluate(hidden, gavle_leader).indicators.add(indicator)

    visitor = _client().get(indicator.get_absolute_url()).content.decode()
    member = _client(gavle_leader).get(indicator.get_absolute_url()).content.decode()

    assert _list_url(programme, milestone) in visitor
    assert "Intern avstämning" not in visitor
    assert "Intern avstämning" in member


def test_the_list_of_evaluations_keeps_its_query_count(
    programme: Programme,
    milestone: Milestone,
    gavle_leader: User,
    indicator: Indicator,
    django_assert_max_num_queries: object,
) -> None:
    _evaluate(milestone, gavle_leader).indicators.add(indicator)
    client = _client(gavle_leader)
    urls = [_list_url(programme), _list_url(programme, milestone), indicator.get_absolute_url()]
    programme_page = reverse("programmes:detail", args=[programme.slug])
    counts = {}
    for url in [*urls, programme_page]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    for n in range(8):
        other = MilestoneFactory(programme=programme, title=f"Etapp {n}")
        for target in (milestone, other):
            evaluation = _evaluate(target, gavle_leader)
            evaluation.indicators.add(
                indicator, IndicatorFactory(organisation=indicator.organisation)
            )
    for url in [*urls, programme_page]:
        with django_assert_max_num_queries(counts[url]):  # type: ignore[operator]
            assert client.get(url).status_code == 200


# --- Municipalities side by side ---------------------------------------------------------------


def _judged_indicator(
    organisation: Organisation, municipality: Municipality, measured: str
) -> Indicator:
    """From 40 in 2022 towards 60 in 2030: 45 is the path in 2024, so 47 is on track and 40
    is at risk or off track."""
    indicator = IndicatorFactory(
        organisation=organisation,
        municipality=municipality,
        baseline_year=2022,
        baseline_value=Decimal("40"),
    )
    IndicatorTargetFactory(indicator=indicator, year=2030, value=Decimal("60"))
    MeasurementFactory(indicator=indicator, period=2024, value=Decimal(measured))
    return indicator


def _comparison_rows(client: Client) -> dict[str, list[str]]:
    response = client.get(reverse("indicators:network_comparison_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(text)))
    return {row[0]: row for row in rows}


def test_the_network_compares_municipalities_on_what_can_be_judged(
    gavle: Organisation, kiruna: Organisation
) -> None:
    gavle_municipality = Municipality.objects.get(code="2180")
    kiruna_municipality = Municipality.objects.get(code="2584")
    _judged_indicator(gavle, gavle_municipality, "47")
    _judged_indicator(gavle, gavle_municipality, "30")
    _judged_indicator(kiruna, kiruna_municipality, "50")
    IndicatorFactory(organisation=kiruna, municipality=kiruna_municipality)  # no values yet

    page = _client().get(reverse("indicators:network"))
    content = page.content.decode()
    assert page.status_code == 200
    shares = {row.code: row.share_on_track for row in page.context["comparison"]}
    assert shares == {"2180": 50, "2584": 100}
    chart = page.context["comparison_chart"]
    assert [(bar.label, bar.count) for bar in chart.bars] == [("Gävle", 50), ("Kiruna", 100)]
    # The chart's table alternative and the comparison's CSV.
    assert '<th scope="row">Gävle</th><td data-numeric>50</td>' in content
    assert reverse("indicators:network_comparison_csv") in content

    rows = _comparison_rows(_client())
    assert rows["2180"][1:] == ["Gävle", "1", "0", "1", "0", "0", "2", "50"]
    assert rows["2584"][1:] == ["Kiruna", "1", "0", "0", "0", "1", "2", "100"]


def test_a_municipality_with_nothing_judged_is_not_at_zero(gavle: Organisation) -> None:
    IndicatorFactory(organisation=gavle, municipality=Municipality.objects.get(code="2180"))

    page = _client().get(reverse("indicators:network"))

    assert [row.share_on_track for row in page.context["comparison"]] == [None]
    assert page.context["comparison_chart"].bars == ()
    assert _comparison_rows(_client())["2180"][-1] == ""


def test_members_only_indicators_are_compared_only_for_those_who_see_them(
    gavle: Organisation, gavle_leader: User
) -> None:
    hidden = _judged_indicator(gavle, Municipality.objects.get(code="2180"), "47")
    hidden.visibility = Visibility.MEMBERS
    hidden.save()

    assert "2180" not in _comparison_rows(_client())
    assert _comparison_rows(_client(gavle_leader))["2180"][-1] == "100"


def test_the_comparison_keeps_the_network_pages_query_count(
    gavle: Organisation, django_assert_max_num_queries: object
) -> None:
    municipalities = list(Municipality.objects.order_by("code")[:12])
    _judged_indicator(gavle, municipalities[0], "47")
    client = _client()
    url = reverse("indicators:network")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    for municipality in municipalities[1:]:
        _judged_indicator(gavle, municipality, "41")
    with django_assert_max_num_queries(len(queries)):  # type: ignore[operator]
        response = client.get(url)
    assert len(response.context["comparison"]) == 12

"""Toolbox pages: finding methods, a method's page, proposing, editing, curating, adapting and
reporting. Texts are checked on the English pages (/en/), whose strings are the msgids."""

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.core.models import SustainabilityDimension
from samskapa.methods.models import Method, MethodStatus
from samskapa.methods.tests.factories import (
    AdaptationFactory,
    MethodFactory,
    RatingFactory,
    ReportFactory,
)
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

LIST = "/en/metoder/"


def _url(method: Method, rest: str = "") -> str:
    return f"/en/metoder/{method.slug}/{rest}"


def _method_post(**extra: str) -> dict[str, str]:
    return {
        "title": "Platsvandring",
        "summary": "Gå runt.",
        "purpose": "Se platsen.",
        "phase": "need",
        "licence": "cc-by-4.0",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "30",
        "steps-0-title": "Samla gruppen",
        "steps-0-minutes": "30",
        **extra,
    }


class TestFinding:
    def test_filters_narrow_the_list(self, client: Client, method: Method) -> None:
        social = SustainabilityDimension.objects.get(code="social")
        method.dimensions.add(social)
        other = MethodFactory(title="Prototyp på platsen", phase="pilot", total_minutes=600)
        text = client.get(LIST).text
        assert "Trygghetsvandring" in text and "Prototyp på platsen" in text
        text = client.get(LIST, {"phase": "pilot"}).text
        assert "Trygghetsvandring" not in text and other.title in text
        text = client.get(LIST, {"dimension": "social"}).text
        assert "Trygghetsvandring" in text and other.title not in text
        text = client.get(LIST, {"max_minutes": "200"}).text
        assert "Trygghetsvandring" in text and other.title not in text

    def test_rating_and_municipality_filters(
        self, client: Client, method: Method, kungalv: Organisation
    ) -> None:
        other = MethodFactory(title="Medskapande verkstad")
        RatingFactory(report=ReportFactory(method=method, organisation=kungalv), score=5)
        method.rating_average, method.report_count = 5, 1
        method.save()
        text = client.get(LIST, {"min_rating": "4"}).text
        assert "Trygghetsvandring" in text and other.title not in text
        text = client.get(LIST, {"municipality": "1482"}).text
        assert "Trygghetsvandring" in text and other.title not in text

    def test_a_bad_filter_shows_the_whole_list_with_a_message(
        self, client: Client, method: Method
    ) -> None:
        response = client.get(LIST, {"max_minutes": "abc", "phase": "nope"})
        assert response.status_code == 200
        assert "Some filters could not be used" in response.text
        assert "Trygghetsvandring" in response.text

    def test_proposals_stay_out_of_the_list(
        self, client: Client, method: Method, proposal: Method
    ) -> None:
        assert proposal.title not in client.get(LIST).text

    def test_the_list_costs_the_same_queries_for_few_and_many(
        self, client: Client, method: Method, django_assert_max_num_queries: object
    ) -> None:
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            client.get(LIST)
        MethodFactory.create_batch(25)
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            assert "2" in client.get(LIST, {"page": "2"}).text


class TestMethodPage:
    def test_shows_steps_adaptations_reports_and_rating_distribution(
        self, client: Client, method: Method, kungalv: Organisation
    ) -> None:
        AdaptationFactory(method=method, organisation=kungalv, title="Med fastighetsägarna")
        report = ReportFactory(method=method, organisation=kungalv, place="Ytterby")
        RatingFactory(report=report, aspect="usefulness", score=4)
        method.rating_average, method.report_count = 4, 1
        method.save()
        text = client.get(_url(method)).text
        for expected in ("Bjud in", "Vandra", "Med fastighetsägarna", "Ytterby", "Kungälv"):
            assert expected in text
        assert "Average 4.0 of 5 from 1 experience report." in text

    def test_the_page_costs_the_same_queries_with_more_reports(
        self,
        client: Client,
        method: Method,
        kungalv: Organisation,
        django_assert_max_num_queries: object,
    ) -> None:
        ReportFactory(method=method, organisation=kungalv)
        with django_assert_max_num_queries(14):  # type: ignore[operator]
            client.get(_url(method))
        for _ in range(10):
            RatingFactory(report=ReportFactory(method=method, organisation=kungalv))
            AdaptationFactory(method=method, organisation=kungalv)
        with django_assert_max_num_queries(14):  # type: ignore[operator]
            client.get(_url(method))

    def test_a_proposal_is_hidden_from_others(
        self,
        client: Client,
        proposal: Method,
        resident: User,
        kungalv_member: User,
        facilitator: User,
    ) -> None:
        assert client.get(_url(proposal)).status_code == 404
        client.force_login(kungalv_member)
        assert client.get(_url(proposal)).status_code == 404
        client.force_login(resident)
        assert client.get(_url(proposal)).status_code == 200
        client.force_login(facilitator)
        assert "Publish" in client.get(_url(proposal)).text

    def test_version_page_shows_the_diff(
        self, client: Client, method: Method, facilitator: User
    ) -> None:
        client.force_login(facilitator)
        data = _method_post(title="Trygghetsvandring i mörker", change_note="Ny titel")
        response = client.post(_url(method, "andra/"), data)
        assert response.status_code == 302
        text = client.get(_url(method, "versioner/2/")).text
        assert "Changes since version 1" in text
        assert "<ins>" in text and "Trygghetsvandring i mörker" in text
        assert client.get(_url(method, "versioner/1/")).status_code == 200
        assert client.get(_url(method, "versioner/9/")).status_code == 404


class TestProposeAndEdit:
    def test_a_resident_proposes_and_a_bad_step_keeps_what_was_typed(
        self, client: Client, resident: User
    ) -> None:
        client.force_login(resident)
        data = _method_post(**{"steps-1-title": "Utan tid"})
        response = client.post("/en/metoder/ny/", data)
        assert response.status_code == 200
        assert "Give the step&#x27;s duration in minutes." in response.text
        assert 'value="Platsvandring"' in response.text
        response = client.post("/en/metoder/ny/", _method_post())
        method = Method.objects.get(title="Platsvandring")
        assert response.status_code == 302 and method.status == MethodStatus.PROPOSED

    def test_without_steps_the_form_says_so(self, client: Client, facilitator: User) -> None:
        client.force_login(facilitator)
        response = client.post(
            "/en/metoder/ny/", _method_post(**{"steps-0-title": "", "steps-0-minutes": ""})
        )
        assert response.status_code == 200
        assert "Describe at least one step." in response.text

    def test_visitors_are_sent_to_log_in(self, client: Client) -> None:
        assert client.get("/en/metoder/ny/").status_code == 302

    def test_members_cannot_edit_a_published_method(
        self, client: Client, method: Method, kungalv_member: User
    ) -> None:
        client.force_login(kungalv_member)
        assert client.get(_url(method, "andra/")).status_code == 403
        assert client.post(_url(method, "andra/"), _method_post()).status_code == 403


class TestCurationPages:
    def test_facilitator_features_retires_and_merges(
        self, client: Client, method: Method, facilitator: User
    ) -> None:
        client.force_login(facilitator)
        client.post(_url(method, "lyft-fram/"))
        assert Method.objects.get(pk=method.pk).is_featured
        response = client.post(_url(method, "avveckla/"), {"note": ""})
        assert response.status_code == 200 and "Say why the method is retired." in response.text
        client.post(_url(method, "avveckla/"), {"note": "Ersatt."})
        assert Method.objects.get(pk=method.pk).status == MethodStatus.RETIRED
        duplicate = MethodFactory(title="Kopia")
        client.post(_url(method, "publicera/"))
        response = client.post(_url(duplicate, "sla-ihop/"), {"into": method.slug})
        assert response.status_code == 302
        assert Method.objects.get(pk=duplicate.pk).merged_into_id == method.pk

    def test_others_cannot_curate(
        self, client: Client, method: Method, proposal: Method, kungalv_member: User
    ) -> None:
        client.force_login(kungalv_member)
        assert client.post(_url(method, "lyft-fram/")).status_code == 403
        assert client.get(_url(method, "avveckla/")).status_code == 403
        assert client.get(_url(method, "sla-ihop/")).status_code == 403
        assert client.get("/en/metoder/forslag/").status_code == 403
        assert not Method.objects.get(pk=method.pk).is_featured

    def test_proposals_page_lists_them_for_facilitators(
        self, client: Client, proposal: Method, facilitator: User
    ) -> None:
        client.force_login(facilitator)
        assert proposal.title in client.get("/en/metoder/forslag/").text


class TestAdaptAndReport:
    def test_member_records_an_adaptation_and_a_report(
        self, client: Client, method: Method, kungalv: Organisation, kungalv_member: User
    ) -> None:
        client.force_login(kungalv_member)
        response = client.post(
            _url(method, "anpassningar/ny/"),
            {
                "organisation": kungalv.pk,
                "title": "Med fastighetsägarna",
                "changes": "Värdar.",
                "reasons": "Förtroende.",
            },
        )
        assert response.status_code == 302
        adaptation = method.adaptations.get()
        response = client.post(
            _url(method, "erfarenheter/ny/"),
            {
                "organisation": kungalv.pk,
                "adaptation": adaptation.pk,
                "used_on": "2019-05-01",
                "place": "Ytterby",
                "group": "Samhällsbyggnad",
                "outcome": "Bra",
                "lessons": "Tidigt",
                "rating_usefulness": "5",
                "rating_ease": "3",
            },
        )
        assert response.status_code == 302
        method.refresh_from_db()
        assert method.report_count == 1 and method.rating_average == 4

    def test_a_missing_field_keeps_what_was_typed(
        self, client: Client, method: Method, kungalv: Organisation, kungalv_member: User
    ) -> None:
        client.force_login(kungalv_member)
        response = client.post(
            _url(method, "erfarenheter/ny/"),
            {"organisation": kungalv.pk, "place": "Ytterby", "rating_usefulness": "9"},
        )
        assert response.status_code == 200
        assert 'value="Ytterby"' in response.text
        assert "The form has errors" in response.text

    def test_resident_without_organisation_is_refused(
        self, client: Client, method: Method, resident: User
    ) -> None:
        client.force_login(resident)
        assert client.get(_url(method, "erfarenheter/ny/")).status_code == 403
        assert client.get(_url(method, "anpassningar/ny/")).status_code == 403

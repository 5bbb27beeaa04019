"""Writes of the toolbox: versions on every edit, curation only by facilitators, adaptations and
experience reports only on behalf of one's own organisation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.core.models import Notification
from samskapa.methods import services
from samskapa.methods.models import Method, MethodStatus
from samskapa.methods.selectors import previous_version, version_diff
from samskapa.methods.services import StepInput
from samskapa.methods.tests.factories import AdaptationFactory, MethodFactory, ReportFactory
from samskapa.organisations.models import Organisation

# The messages are matched in English, the language of the msgids.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

STEPS = [StepInput(title="Bjud in", minutes=30), StepInput(title="Vandra", minutes=90)]


def _create(actor: User, **extra: object) -> Method:
    fields: dict[str, object] = {
        "title": "Trygghetsvandring",
        "summary": "Gå runt i området.",
        "purpose": "Hitta otrygga platser.",
        "phase": "need",
        "steps": STEPS,
        **extra,
    }
    return services.method_create(actor=actor, **fields)  # type: ignore[arg-type]


class TestCreateAndVersions:
    def test_a_facilitators_method_is_published_with_its_first_version(
        self, facilitator: User
    ) -> None:
        method = _create(facilitator)
        assert method.status == MethodStatus.PUBLISHED
        assert method.total_minutes == 120
        assert [step.title for step in method.steps.all()] == ["Bjud in", "Vandra"]
        assert method.versions.get().number == 1

    def test_a_residents_method_is_a_proposal_the_facilitators_hear_of(
        self, resident: User, facilitator: User
    ) -> None:
        method = _create(resident)
        assert method.status == MethodStatus.PROPOSED
        assert Notification.objects.filter(recipient=facilitator).exists()

    def test_a_method_needs_a_step(self, facilitator: User) -> None:
        with pytest.raises(ValidationError, match="at least one step"):
            _create(facilitator, steps=[StepInput(title=" ", minutes=5)])

    def test_an_edit_makes_a_new_version_and_the_old_one_stays_readable(
        self, facilitator: User
    ) -> None:
        method = _create(facilitator)
        services.method_update(
            actor=facilitator,
            method=method,
            title="Trygghetsvandring i mörker",
            summary=method.summary,
            purpose=method.purpose,
            phase="need",
            steps=[*STEPS, StepInput(title="Återkoppla", minutes=20)],
            change_note="Nytt steg",
        )
        method.refresh_from_db()
        assert method.version == 2 and method.total_minutes == 140
        newer = method.versions.get(number=2)
        older = previous_version(newer)
        assert older is not None and older.content["title"] == "Trygghetsvandring"
        changes = {(line.kind, line.text) for line in version_diff(older=older, newer=newer)}
        assert ("removed", "Trygghetsvandring") in changes
        assert ("added", "Trygghetsvandring i mörker") in changes
        assert any(kind == "added" and "Återkoppla" in text for kind, text in changes)

    def test_an_edit_that_changes_nothing_makes_no_version(self, facilitator: User) -> None:
        method = _create(facilitator)
        services.method_update(
            actor=facilitator,
            method=method,
            title=method.title,
            summary=method.summary,
            purpose=method.purpose,
            phase=method.phase,
            steps=STEPS,
        )
        assert method.versions.count() == 1

    def test_only_facilitators_and_the_proposer_of_an_open_proposal_edit(
        self, method: Method, resident: User, kungalv_member: User
    ) -> None:
        arguments = {
            "title": "X",
            "summary": "Y",
            "purpose": "Z",
            "phase": "idea",
            "steps": STEPS,
        }
        with pytest.raises(PermissionDenied):
            services.method_update(actor=kungalv_member, method=method, **arguments)  # type: ignore[arg-type]
        proposal = _create(resident)
        services.method_update(actor=resident, method=proposal, **arguments)  # type: ignore[arg-type]
        assert Method.objects.get(pk=proposal.pk).title == "X"


class TestCuration:
    def test_facilitator_publishes_a_proposal_and_the_proposer_is_told(
        self, facilitator: User, proposal: Method, resident: User
    ) -> None:
        services.method_publish(actor=facilitator, method=proposal)
        assert Method.objects.get(pk=proposal.pk).status == MethodStatus.PUBLISHED
        assert Notification.objects.filter(recipient=resident).exists()

    def test_nobody_else_curates(
        self, kungalv_member: User, resident: User, proposal: Method, method: Method
    ) -> None:
        for person in (kungalv_member, resident):
            with pytest.raises(PermissionDenied):
                services.method_publish(actor=person, method=proposal)
            with pytest.raises(PermissionDenied):
                services.method_feature(actor=person, method=method, featured=True)
            with pytest.raises(PermissionDenied):
                services.method_retire(actor=person, method=method, note="Gammal")

    def test_retire_needs_a_note_and_keeps_it(self, facilitator: User, method: Method) -> None:
        with pytest.raises(ValidationError, match="why"):
            services.method_retire(actor=facilitator, method=method, note=" ")
        services.method_retire(actor=facilitator, method=method, note="Ersatt av en nyare.")
        method.refresh_from_db()
        assert (
            method.status == MethodStatus.RETIRED and method.curator_note == "Ersatt av en nyare."
        )

    def test_declining_says_why(self, facilitator: User, proposal: Method) -> None:
        with pytest.raises(ValidationError):
            services.method_decline(actor=facilitator, method=proposal, note="")
        services.method_decline(actor=facilitator, method=proposal, note="Finns redan.")
        assert Method.objects.get(pk=proposal.pk).status == MethodStatus.DECLINED

    def test_merge_moves_adaptations_and_reports_and_their_ratings(
        self, facilitator: User, method: Method, kungalv: Organisation
    ) -> None:
        duplicate = MethodFactory(title="Trygghetsvandring (kopia)")
        AdaptationFactory(method=duplicate, organisation=kungalv)
        report = ReportFactory(method=duplicate, organisation=kungalv)
        report.ratings.create(aspect="usefulness", score=2)
        services.method_merge(actor=facilitator, method=duplicate, into=method)
        duplicate.refresh_from_db()
        method.refresh_from_db()
        assert duplicate.status == MethodStatus.MERGED and duplicate.merged_into == method
        assert method.adaptations.count() == 1 and method.report_count == 1
        assert method.rating_average == 2

    def test_a_method_is_not_merged_into_itself_or_a_proposal(
        self, facilitator: User, method: Method, proposal: Method
    ) -> None:
        with pytest.raises(ValidationError, match="itself"):
            services.method_merge(actor=facilitator, method=method, into=method)
        with pytest.raises(ValidationError, match="published"):
            services.method_merge(actor=facilitator, method=method, into=proposal)


class TestAdaptationsAndReports:
    def test_a_member_adapts_for_their_municipality(
        self, kungalv_member: User, kungalv: Organisation, method: Method
    ) -> None:
        adaptation = services.adaptation_create(
            actor=kungalv_member,
            method=method,
            organisation=kungalv,
            title="Med fastighetsägarna",
            changes="Fastighetsägarna bjöd in.",
            reasons="De boende känner dem.",
        )
        assert adaptation.municipality.name == "Kungälv"
        assert adaptation.method_version == 1

    def test_not_on_behalf_of_someone_elses_organisation(
        self, kungalv_member: User, gavle: Organisation, method: Method
    ) -> None:
        with pytest.raises(ValidationError, match="belong to"):
            services.adaptation_create(
                actor=kungalv_member,
                method=method,
                organisation=gavle,
                title="T",
                changes="C",
                reasons="R",
            )

    def test_a_resident_without_organisation_cannot_report(
        self, resident: User, kungalv: Organisation, method: Method
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.report_create(
                actor=resident,
                method=method,
                organisation=kungalv,
                used_on=datetime.date(2019, 1, 1),
                place="P",
                group="G",
                outcome="O",
                lessons="L",
                ratings={},
            )

    def test_a_report_updates_the_methods_average(
        self, kungalv_member: User, kungalv: Organisation, method: Method
    ) -> None:
        def report(scores: dict[str, int]) -> None:
            services.report_create(
                actor=kungalv_member,
                method=method,
                organisation=kungalv,
                used_on=datetime.date(2019, 1, 1),
                place="Ytterby",
                group="Samhällsbyggnad",
                outcome="Bra",
                lessons="Bjud in tidigt",
                ratings=scores,
            )

        report({"usefulness": 5, "ease": 3})
        report({"usefulness": 4})
        method.refresh_from_db()
        assert method.report_count == 2 and method.rating_average == 4

    def test_a_score_outside_one_to_five_is_refused(
        self, kungalv_member: User, kungalv: Organisation, method: Method
    ) -> None:
        with pytest.raises(ValidationError, match="1 to 5"):
            services.report_create(
                actor=kungalv_member,
                method=method,
                organisation=kungalv,
                used_on=datetime.date(2019, 1, 1),
                place="P",
                group="G",
                outcome="O",
                lessons="L",
                ratings={"usefulness": 6},
            )

    def test_no_reports_on_a_proposal(
        self, kungalv_member: User, kungalv: Organisation, proposal: Method
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.adaptation_create(
                actor=kungalv_member,
                method=proposal,
                organisation=kungalv,
                title="T",
                changes="C",
                reasons="R",
            )

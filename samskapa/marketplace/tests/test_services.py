"""Writes of the marketplace: deadlines, equal publication, sealing, four eyes, outcome."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from samskapa.accounts.models import User
from samskapa.core.models import Notification
from samskapa.marketplace import services
from samskapa.marketplace.models import (
    EventKind,
    Outcome,
    ProcurementRequest,
    RequestStatus,
    RequestType,
    Response,
    ServiceCategory,
)
from samskapa.marketplace.sealing import unseal
from samskapa.marketplace.tests.conftest import SECRET, Clock, answers_for, submit
from samskapa.marketplace.tests.factories import ProviderFactory, in_days
from samskapa.organisations.models import Organisation
from samskapa.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


class TestServices:
    def test_a_member_registers_a_service_of_their_provider(
        self, provider_user: User, provider: Organisation
    ) -> None:
        service = services.service_create(
            actor=provider_user,
            provider=provider,
            name="Boka Lokal",
            category=ServiceCategory.BOOKING,
            summary="Bokning av lokaler.",
            pricing_model="subscription",
            data_location="sweden",
            open_standards="OpenAPI\n\niCalendar ",
        )
        assert service.slug == "boka-lokal"
        assert service.open_standard_list == ["OpenAPI", "iCalendar"]

    def test_an_organisation_without_number_cannot_offer(self, reference_data: None) -> None:
        from samskapa.organisations.models import Role
        from samskapa.organisations.tests.factories import MembershipFactory

        unnumbered = ProviderFactory(org_number="")
        user = MembershipFactory(organisation=unnumbered, role=Role.MEMBER).user
        with pytest.raises(ValidationError) as refused:
            services.service_create(
                actor=user,
                provider=unnumbered,
                name="X",
                category=ServiceCategory.BOOKING,
                summary="X",
                pricing_model="free",
                data_location="sweden",
            )
        assert "provider" in refused.value.message_dict

    def test_nobody_offers_for_another_organisation(
        self, provider_user: User, other_provider: Organisation
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.service_create(
                actor=provider_user,
                provider=other_provider,
                name="X",
                category=ServiceCategory.BOOKING,
                summary="X",
                pricing_model="free",
                data_location="sweden",
            )


class TestRequests:
    def test_draft_is_published_only_when_complete(
        self, gavle_leader: User, gavle: Organisation
    ) -> None:
        request = services.request_create(
            actor=gavle_leader,
            buyer=gavle,
            title="Dialogverktyg",
            request_type=RequestType.MARKET_DIALOGUE,
            category=ServiceCategory.RESIDENT_DIALOGUE,
            summary="Marknadsdialog.",
            question_deadline=in_days(5),
            response_deadline=in_days(10),
        )
        assert request.status == RequestStatus.DRAFT
        with pytest.raises(ValidationError, match="at least one requirement"):
            services.request_publish(actor=gavle_leader, request=request)
        services.requirement_add(actor=gavle_leader, request=request, kind="must", text="WCAG AA")
        services.criterion_add(actor=gavle_leader, request=request, name="Pris", weight=70)
        with pytest.raises(ValidationError, match="add up to 70"):
            services.request_publish(actor=gavle_leader, request=request)
        services.criterion_add(actor=gavle_leader, request=request, name="Kvalitet", weight=30)
        services.request_publish(actor=gavle_leader, request=request)
        request.refresh_from_db()
        assert request.status == RequestStatus.PUBLISHED
        assert request.events.get().kind == EventKind.PUBLISHED
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.requirement_add(actor=gavle_leader, request=request, kind="must", text="Nytt")

    def test_deadline_in_the_past_is_refused(self, gavle_leader: User, gavle: Organisation) -> None:
        with pytest.raises(ValidationError) as refused:
            services.request_create(
                actor=gavle_leader,
                buyer=gavle,
                title="Sent",
                request_type=RequestType.DIRECT,
                category=ServiceCategory.BOOKING,
                summary="X",
                question_deadline=in_days(-2),
                response_deadline=in_days(-1),
            )
        assert "response_deadline" in refused.value.message_dict
        assert not ProcurementRequest.objects.exists()

    def test_a_company_cannot_publish_requests(
        self, provider_user: User, provider: Organisation
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.request_create(
                actor=provider_user,
                buyer=provider,
                title="X",
                request_type=RequestType.DIRECT,
                category=ServiceCategory.BOOKING,
                summary="X",
                question_deadline=in_days(1),
                response_deadline=in_days(2),
            )


class TestQuestions:
    def test_answer_is_published_to_all_and_followers_are_told(
        self,
        procurement: ProcurementRequest,
        provider_user: User,
        other_provider_user: User,
        gavle_leader: User,
    ) -> None:
        services.request_follow(actor=other_provider_user, request=procurement)
        question = services.question_ask(
            actor=provider_user, request=procurement, text="Krävs e-legitimation?"
        )
        services.question_answer(actor=gavle_leader, question=question, answer="Nej.")
        told = set(
            Notification.objects.filter(title__contains="har besvarats").values_list(
                "recipient", flat=True
            )
        )
        assert told == {provider_user.pk, other_provider_user.pk}
        assert procurement.events.filter(kind=EventKind.ANSWER_PUBLISHED).count() == 1

    def test_questions_close_at_the_question_deadline(
        self, procurement: ProcurementRequest, provider_user: User, clock: Clock
    ) -> None:
        clock(11 * DAY)
        with pytest.raises(ValidationError, match="last day for questions"):
            services.question_ask(actor=provider_user, request=procurement, text="Sent?")

    def test_the_buyer_cannot_ask_itself(
        self, procurement: ProcurementRequest, gavle_leader: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.question_ask(actor=gavle_leader, request=procurement, text="?")

    def test_only_the_buyer_answers(
        self, procurement: ProcurementRequest, provider_user: User, other_provider_user: User
    ) -> None:
        question = services.question_ask(actor=provider_user, request=procurement, text="?")
        with pytest.raises(PermissionDenied):
            services.question_answer(actor=other_provider_user, question=question, answer="Ja")


class TestResponses:
    def test_the_response_is_stored_encrypted_with_a_receipt(
        self, procurement: ProcurementRequest, provider_user: User, provider: Organisation
    ) -> None:
        receipt = submit(provider_user, procurement, provider)
        response = Response.objects.get()
        assert len(receipt.digest) == 64 and receipt.digest == response.digest
        # What a database dump shows: no part of the content.
        with connection.cursor() as cursor:
            cursor.execute("SELECT sealed::text FROM marketplace_response")
            (stored,) = cursor.fetchone()
        assert "Blåklint" not in stored and "123 456" not in stored
        assert "Blåklint".encode() not in bytes(response.sealed)
        assert unseal(response.sealed)["summary"] == SECRET

    def test_a_new_submission_replaces_the_response_and_keeps_both_receipts(
        self, procurement: ProcurementRequest, provider_user: User, provider: Organisation
    ) -> None:
        first = submit(provider_user, procurement, provider)
        second = submit(provider_user, procurement, provider, summary="Ändrat svar.")
        assert first.digest != second.digest
        response = Response.objects.get()
        assert response.receipts.count() == 2
        assert unseal(response.sealed)["summary"] == "Ändrat svar."

    def test_no_response_after_the_deadline(
        self,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        clock: Clock,
    ) -> None:
        clock(21 * DAY)
        with pytest.raises(ValidationError, match="no responses can be submitted"):
            submit(provider_user, procurement, provider)
        assert not Response.objects.exists()

    def test_every_requirement_must_be_answered(
        self, procurement: ProcurementRequest, provider_user: User, provider: Organisation
    ) -> None:
        with pytest.raises(ValidationError, match="every requirement"):
            services.response_submit(
                actor=provider_user, request=procurement, provider=provider, answers={}
            )

    def test_nobody_responds_for_another_provider(
        self,
        procurement: ProcurementRequest,
        provider_user: User,
        other_provider: Organisation,
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.response_submit(
                actor=provider_user,
                request=procurement,
                provider=other_provider,
                answers=answers_for(procurement),
            )


class TestDeadlineMoves:
    def test_after_a_response_a_move_needs_a_reason_and_tells_everyone(
        self,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        gavle_leader: User,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        submit(provider_user, procurement, provider)
        with pytest.raises(ValidationError) as refused:
            services.request_move_deadline(
                actor=gavle_leader,
                request=procurement,
                question_deadline=in_days(12),
                response_deadline=in_days(30),
            )
        assert "reason" in refused.value.message_dict
        with django_capture_on_commit_callbacks(execute=True):
            services.request_move_deadline(
                actor=gavle_leader,
                request=procurement,
                question_deadline=in_days(12),
                response_deadline=in_days(30),
                reason="Ett nytt skallkrav har förtydligats.",
            )
        event = procurement.events.get(kind=EventKind.DEADLINE_MOVED)
        assert event.actor == gavle_leader and "förtydligats" in event.details
        assert Notification.objects.filter(
            recipient=provider_user, title__contains="Sista svarsdag"
        ).exists()
        assert any(provider_user.email in message.to for message in mail.outbox)

    def test_no_move_after_the_deadline_has_passed(
        self, procurement: ProcurementRequest, gavle_leader: User, clock: Clock
    ) -> None:
        clock(21 * DAY)
        with pytest.raises(ValidationError, match="has passed"):
            services.request_move_deadline(
                actor=gavle_leader,
                request=procurement,
                question_deadline=in_days(30),
                response_deadline=in_days(40),
                reason="Förlängning",
            )


class TestOpeningAndOutcome:
    @pytest.fixture
    def responded(
        self,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        other_provider_user: User,
        other_provider: Organisation,
    ) -> ProcurementRequest:
        submit(provider_user, procurement, provider)
        submit(other_provider_user, procurement, other_provider, summary="Billigast.")
        return procurement

    def test_sealed_before_the_deadline(
        self, responded: ProcurementRequest, gavle_leader: User
    ) -> None:
        with pytest.raises(ValidationError, match="sealed until the deadline"):
            services.opening_start(actor=gavle_leader, request=responded)

    def test_four_eyes_after_the_deadline(
        self,
        responded: ProcurementRequest,
        gavle_leader: User,
        gavle_second: User,
        platform_admin: User,
        clock: Clock,
    ) -> None:
        clock(21 * DAY)
        with pytest.raises(PermissionDenied):
            services.opening_start(actor=platform_admin, request=responded)
        services.opening_start(actor=gavle_leader, request=responded)
        with pytest.raises(ValidationError, match="second person"):
            services.opening_confirm(actor=gavle_leader, request=responded)
        opened = services.opening_confirm(actor=gavle_second, request=responded)
        assert opened.opened_at is not None
        kinds = list(responded.events.values_list("kind", "actor"))
        assert (EventKind.OPENING_STARTED, gavle_leader.pk) in kinds
        assert (EventKind.OPENED, gavle_second.pk) in kinds

    def test_evaluation_and_award_tell_every_responder(
        self,
        responded: ProcurementRequest,
        gavle_leader: User,
        gavle_second: User,
        provider_user: User,
        other_provider_user: User,
        clock: Clock,
    ) -> None:
        clock(21 * DAY)
        with pytest.raises(ValidationError, match="Open the responses first"):
            services.outcome_record(
                actor=gavle_leader, request=responded, outcome=Outcome.NO_AWARD, rationale="X"
            )
        services.opening_start(actor=gavle_leader, request=responded)
        services.opening_confirm(actor=gavle_second, request=responded)
        winner = Response.objects.get(provider__name="Bokningsbolaget AB")
        for criterion in responded.criteria.all():
            services.score_set(actor=gavle_leader, response=winner, criterion=criterion, score=5)
        services.outcome_record(
            actor=gavle_leader,
            request=responded,
            outcome=Outcome.AWARD,
            rationale="Högst viktad poäng.",
            awarded_response=winner,
        )
        responded.refresh_from_db()
        assert responded.status == RequestStatus.CLOSED
        for user in (provider_user, other_provider_user):
            assert Notification.objects.filter(
                recipient=user, title__contains="Utfall för"
            ).exists()

    def test_an_award_needs_a_response_of_this_request(
        self, responded: ProcurementRequest, gavle_leader: User, gavle_second: User, clock: Clock
    ) -> None:
        clock(21 * DAY)
        services.opening_start(actor=gavle_leader, request=responded)
        services.opening_confirm(actor=gavle_second, request=responded)
        with pytest.raises(ValidationError) as refused:
            services.outcome_record(
                actor=gavle_leader, request=responded, outcome=Outcome.AWARD, rationale="X"
            )
        assert "awarded_response" in refused.value.message_dict

    def test_cancelling_is_possible_before_the_deadline(
        self, procurement: ProcurementRequest, gavle_leader: User
    ) -> None:
        services.outcome_record(
            actor=gavle_leader,
            request=procurement,
            outcome=Outcome.CANCELLED,
            rationale="Behovet har ändrats.",
        )
        procurement.refresh_from_db()
        assert procurement.outcome == Outcome.CANCELLED

    def test_another_municipality_cannot_open(
        self, responded: ProcurementRequest, kiruna_leader: User, clock: Clock
    ) -> None:
        clock(21 * DAY)
        with pytest.raises(PermissionDenied):
            services.opening_start(actor=kiruna_leader, request=responded)


def test_other_organisation_types_cannot_buy(reference_data: None) -> None:
    from samskapa.organisations.models import Role
    from samskapa.organisations.tests.factories import MembershipFactory

    company = OrganisationFactory(helix_sector="business", type="company")
    leader = MembershipFactory(organisation=company, role=Role.PROJECT_LEADER).user
    with pytest.raises(ValidationError) as refused:
        services.request_create(
            actor=leader,
            buyer=company,
            title="X",
            request_type=RequestType.DIRECT,
            category=ServiceCategory.BOOKING,
            summary="X",
            question_deadline=in_days(1),
            response_deadline=in_days(2),
        )
    assert "buyer" in refused.value.message_dict

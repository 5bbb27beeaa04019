"""Writes of assessment: criteria, invitations, submissions and conflicts of interest."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.assessment import services
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, Score
from samskapa.assessment.tests.conftest import submit
from samskapa.core.models import Notification
from samskapa.ideas.models import Challenge, Idea

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class TestCriteria:
    def test_leader_defines_criteria(self, criteria: list[Criterion]) -> None:
        assert [c.name for c in criteria] == ["Värde för invånarna", "Kostnad"]
        assert [c.position for c in criteria] == [1, 2]

    @pytest.mark.parametrize("weight", [Decimal(0), Decimal(-1)])
    def test_weight_must_be_positive(
        self, gavle_leader: User, challenge: Challenge, weight: Decimal
    ) -> None:
        with pytest.raises(ValidationError, match="greater than zero"):
            services.criterion_add(actor=gavle_leader, challenge=challenge, name="X", weight=weight)

    def test_scale_in_order(self, gavle_leader: User, challenge: Challenge) -> None:
        with pytest.raises(ValidationError, match="highest score"):
            services.criterion_set_configure(
                actor=gavle_leader, challenge=challenge, scale_min=5, scale_max=1
            )

    def test_resident_may_not_define(self, resident: User, challenge: Challenge) -> None:
        with pytest.raises(PermissionDenied):
            services.criterion_add(actor=resident, challenge=challenge, name="X", weight=Decimal(1))

    def test_fixed_after_scores(
        self, gavle_leader: User, assignment: Assignment, criteria: list[Criterion]
    ) -> None:
        submit(assignment, criteria, 4, 3)
        with pytest.raises(ValidationError, match="after assessors"):
            services.criterion_remove(actor=gavle_leader, criterion=criteria[0])
        with pytest.raises(ValidationError, match="after assessors"):
            services.criterion_set_configure(
                actor=gavle_leader,
                challenge=criteria[0].criterion_set.challenge,
                scale_min=0,
                scale_max=10,
            )


class TestInvite:
    def test_invite_notifies(self, assignment: Assignment, assessor: User) -> None:
        assert assignment.status == AssignmentStatus.INVITED
        notification = Notification.objects.get(recipient=assessor)
        assert assignment.idea.title in notification.title
        assert notification.url == assignment.get_absolute_url()

    def test_no_criteria_refused(self, gavle_leader: User, idea: Idea, assessor: User) -> None:
        with pytest.raises(ValidationError, match="at least one criterion"):
            services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email)

    def test_unknown_email_and_twice_refused(
        self, gavle_leader: User, idea: Idea, assignment: Assignment, assessor: User
    ) -> None:
        with pytest.raises(ValidationError, match="No user"):
            services.assessor_invite(actor=gavle_leader, idea=idea, email="nobody@example.org")
        with pytest.raises(ValidationError, match="already an assessor"):
            services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email.upper())

    def test_author_refused(
        self, gavle_leader: User, idea: Idea, criteria: list[Criterion]
    ) -> None:
        with pytest.raises(ValidationError, match="authors"):
            services.assessor_invite(actor=gavle_leader, idea=idea, email=idea.author.email)

    def test_resident_may_not_invite(
        self, resident: User, idea: Idea, criteria: list[Criterion], assessor: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.assessor_invite(actor=resident, idea=idea, email=assessor.email)


class TestSubmit:
    def test_submit_is_final(self, assignment: Assignment, criteria: list[Criterion]) -> None:
        submit(assignment, criteria, 5, 2)
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.SUBMITTED
        assert assignment.submitted_at is not None
        assert sorted(Score.objects.values_list("value", flat=True)) == [2, 5]
        with pytest.raises(PermissionDenied):
            submit(assignment, criteria, 1, 1)

    def test_out_of_scale_and_missing_refused(
        self, assignment: Assignment, criteria: list[Criterion]
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.assessment_submit(
                actor=assignment.assessor, assignment=assignment, values={criteria[0].pk: 6}
            )
        messages = error.value.message_dict
        assert "between 1 and 5" in messages[f"criterion_{criteria[0].pk}"][0]
        assert f"criterion_{criteria[1].pk}" in messages
        assert not Score.objects.exists()

    def test_someone_else_may_not_submit(
        self, assignment: Assignment, criteria: list[Criterion], resident: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.assessment_submit(
                actor=resident, assignment=assignment, values={c.pk: 3 for c in criteria}
            )


class TestConflict:
    def test_declare_excludes(self, assignment: Assignment, criteria: list[Criterion]) -> None:
        services.conflict_declare(
            actor=assignment.assessor, assignment=assignment, reason="Min svåger skrev idén."
        )
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.EXCLUDED
        with pytest.raises(PermissionDenied):
            submit(assignment, criteria, 3, 3)

    def test_reason_required(self, assignment: Assignment) -> None:
        with pytest.raises(ValidationError):
            services.conflict_declare(actor=assignment.assessor, assignment=assignment, reason=" ")

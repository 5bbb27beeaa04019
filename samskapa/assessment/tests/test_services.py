"""Writes of assessment: criteria, invitations, submissions and conflicts of interest."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.assessment import services
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, CriterionSet, Score
from samskapa.assessment.tests.conftest import submit
from samskapa.core.models import Notification
from samskapa.ideas import services as ideas_services
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import IdeaFactory
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Programme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class TestCriteria:
    def test_leader_defines_criteria(self, criteria: list[Criterion]) -> None:
        assert [c.name for c in criteria] == ["Värde för invånarna", "Kostnad"]
        assert [c.position for c in criteria] == [1, 2]

    @pytest.mark.parametrize(
        ("weight", "message"),
        [
            (Decimal(0), "greater than zero"),
            (Decimal(-1), "greater than zero"),
            ("-0.5", "greater than zero"),
            ("mycket", "as a number"),
            ("NaN", "as a number"),
            ("Infinity", "as a number"),
            (True, "as a number"),
            ("1000", "at most 999.99"),
            ("1.255", "two decimals"),
        ],
    )
    def test_weights_that_make_no_sense(
        self, gavle_leader: User, challenge: Challenge, weight: object, message: str
    ) -> None:
        with pytest.raises(ValidationError, match=message) as error:
            services.criterion_add(actor=gavle_leader, challenge=challenge, name="X", weight=weight)
        assert "weight" in error.value.message_dict
        assert not Criterion.objects.exists()

    def test_name_unique_within_the_set(
        self, gavle_leader: User, criteria: list[Criterion]
    ) -> None:
        challenge = criteria[0].criterion_set.challenge
        with pytest.raises(ValidationError, match="already a criterion"):
            services.criterion_add(
                actor=gavle_leader, challenge=challenge, name=" kostnad ", weight=Decimal(1)
            )
        with pytest.raises(ValidationError, match="already a criterion"):
            services.criterion_update(
                actor=gavle_leader, criterion=criteria[1], name="Värde för invånarna"
            )

    def test_update_weight(self, gavle_leader: User, criteria: list[Criterion]) -> None:
        services.criterion_update(actor=gavle_leader, criterion=criteria[1], weight="2.5")
        criteria[1].refresh_from_db()
        assert criteria[1].weight == Decimal("2.5")
        with pytest.raises(ValidationError, match="greater than zero"):
            services.criterion_update(actor=gavle_leader, criterion=criteria[1], weight=0)

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
            services.criterion_update(actor=gavle_leader, criterion=criteria[0], weight=5)
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


class TestProgrammeCriteria:
    def test_programme_leaders_define_shared_criteria(
        self, programme: Programme, programme_criteria: list[Criterion]
    ) -> None:
        criterion_set = CriterionSet.objects.get(programme=programme)
        assert criterion_set.challenge is None
        assert [c.name for c in criterion_set.criteria.all()] == ["Nytta", "Genomförbarhet"]
        assert criterion_set.total_weight == Decimal(3)

    def test_only_programme_leaders(
        self,
        programme: Programme,
        naringen_leader: User,
        kiruna_admin: User,
        resident: User,
    ) -> None:
        # Leading a project of the programme is not leading the programme.
        for user in (naringen_leader, kiruna_admin, resident):
            with pytest.raises(PermissionDenied):
                services.criterion_add(actor=user, programme=programme, name="X", weight=1)
            with pytest.raises(PermissionDenied):
                services.criterion_set_configure(
                    actor=user, programme=programme, scale_min=1, scale_max=5
                )

    def test_one_owner_only(self, challenge: Challenge, programme: Programme) -> None:
        with pytest.raises(ValidationError, match="either to a challenge or to a programme"):
            CriterionSet(challenge=challenge, programme=programme).full_clean()
        with pytest.raises(ValidationError, match="either to a challenge or to a programme"):
            CriterionSet().full_clean()

    def test_challenge_uses_programme_set_for_invitations_and_scores(
        self,
        gavle_leader: User,
        programme_challenge: Challenge,
        programme_criteria: list[Criterion],
        assessor: User,
    ) -> None:
        idea = IdeaFactory(challenge=programme_challenge, project=programme_challenge.project)
        assignment = services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email)
        submit(assignment, programme_criteria, 4, 2)
        assert Score.objects.filter(criterion__criterion_set__programme__isnull=False).count() == 2
        # The programme's criteria are fixed once scored, for every challenge that uses them.
        with pytest.raises(ValidationError, match="after assessors"):
            services.criterion_add(
                actor=gavle_leader,
                programme=programme_challenge.programme,
                name="Ny",
                weight=1,
            )

    def test_adding_to_challenge_on_programme_set_is_refused(
        self,
        naringen_leader: User,
        programme_challenge: Challenge,
        programme_criteria: list[Criterion],
    ) -> None:
        with pytest.raises(ValidationError, match="criteria of its programme"):
            services.criterion_add(
                actor=naringen_leader, challenge=programme_challenge, name="Egen", weight=1
            )
        assert not CriterionSet.objects.filter(challenge=programme_challenge).exists()

    def test_make_own_copies_then_use_programme_drops(
        self,
        naringen_leader: User,
        programme_challenge: Challenge,
        programme_criteria: list[Criterion],
    ) -> None:
        own = services.challenge_criteria_make_own(
            actor=naringen_leader, challenge=programme_challenge
        )
        assert [(c.name, c.weight) for c in own.criteria.all()] == [
            ("Nytta", Decimal(2)),
            ("Genomförbarhet", Decimal(1)),
        ]
        services.criterion_add(
            actor=naringen_leader, challenge=programme_challenge, name="Lokal förankring", weight=2
        )
        # The programme's criteria are untouched.
        assert programme_criteria[0].criterion_set.criteria.count() == 2
        with pytest.raises(ValidationError, match="already has criteria of its own"):
            services.challenge_criteria_make_own(
                actor=naringen_leader, challenge=programme_challenge
            )
        services.challenge_criteria_use_programme(
            actor=naringen_leader, challenge=programme_challenge
        )
        assert not CriterionSet.objects.filter(challenge=programme_challenge).exists()

    def test_make_own_without_programme_starts_empty(
        self, gavle_leader: User, challenge: Challenge
    ) -> None:
        own = services.challenge_criteria_make_own(actor=gavle_leader, challenge=challenge)
        assert not own.criteria.exists()
        with pytest.raises(ValidationError, match="programme has no assessment criteria"):
            services.challenge_criteria_use_programme(actor=gavle_leader, challenge=challenge)

    def test_switching_refused_after_scores(
        self,
        gavle_leader: User,
        programme_challenge: Challenge,
        programme_criteria: list[Criterion],
        assessor: User,
    ) -> None:
        idea = IdeaFactory(challenge=programme_challenge, project=programme_challenge.project)
        assignment = services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email)
        submit(assignment, programme_criteria, 3, 3)
        with pytest.raises(ValidationError, match="must keep them"):
            services.challenge_criteria_make_own(actor=gavle_leader, challenge=programme_challenge)

    def test_resident_may_not_switch(
        self, resident: User, programme_challenge: Challenge, programme_criteria: list[Criterion]
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.challenge_criteria_make_own(actor=resident, challenge=programme_challenge)
        with pytest.raises(PermissionDenied):
            services.challenge_criteria_use_programme(actor=resident, challenge=programme_challenge)


class TestChallengeProgramme:
    def test_programme_must_include_the_project(
        self, gavle_leader: User, challenge: Challenge, kiruna: Organisation
    ) -> None:
        elsewhere = Programme.objects.create(
            name="Annat program",
            slug="annat",
            organisation=kiruna,
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 12, 31),
        )
        challenge.created_by = gavle_leader
        with pytest.raises(ValidationError, match="includes the challenge's project"):
            ideas_services.challenge_update(
                actor=gavle_leader, challenge=challenge, programme=elsewhere
            )

    def test_programme_kept_once_scored_on_its_criteria(
        self,
        gavle_leader: User,
        programme_challenge: Challenge,
        programme_criteria: list[Criterion],
        assessor: User,
    ) -> None:
        programme_challenge.created_by = gavle_leader
        idea = IdeaFactory(challenge=programme_challenge, project=programme_challenge.project)
        assignment = services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email)
        submit(assignment, programme_criteria, 3, 4)
        with pytest.raises(ValidationError, match="stays in the programme"):
            ideas_services.challenge_update(
                actor=gavle_leader, challenge=programme_challenge, programme=None
            )

"""Writes of programmes: who may, what is refused and with which message, and the history."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskapa.programmes import services
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.programmes.tests.factories import (
    MilestoneFactory,
    ParticipantFactory,
    PhaseFactory,
    ProgrammeFactory,
)
from samskapa.projects.models import Project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _fields(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Innovationsprogram 2026–2028",
        "summary": "Tre år, en gemensam portfölj.",
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2028, 12, 31),
        "portfolio_due_on": datetime.date(2026, 6, 30),
        "visibility": Visibility.PUBLIC,
        **overrides,
    }


def _messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


class TestProgrammeCreate:
    def test_leader_creates_and_the_organisation_leads(
        self, gavle_leader: User, gavle: Organisation, naringen: Project
    ) -> None:
        programme = services.programme_create(
            actor=gavle_leader, organisation=gavle, projects=[naringen], **_fields()
        )
        assert programme.slug == "innovationsprogram-2026-2028"
        assert programme.created_by == gavle_leader
        lead = programme.participants.get()
        assert (lead.organisation, lead.role) == (gavle, ParticipantRole.LEAD)
        # Gävle kommun is a municipality: Gävle counts among the participating municipalities.
        assert list(programme.municipalities.values_list("code", flat=True)) == ["2180"]
        assert list(programme.projects.all()) == [naringen]
        assert programme.history.get().history_user == gavle_leader

    @pytest.mark.parametrize("who", ["resident", "kiruna_admin"])
    def test_only_leaders_of_the_organisation_may_create(
        self, request: pytest.FixtureRequest, who: str, gavle: Organisation
    ) -> None:
        actor = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            services.programme_create(actor=actor, organisation=gavle, **_fields())
        assert not Programme.objects.exists()

    def test_plain_member_may_not_create(self, gavle: Organisation) -> None:
        member = MembershipFactory(organisation=gavle, role=Role.MEMBER).user
        with pytest.raises(PermissionDenied):
            services.programme_create(actor=member, organisation=gavle, **_fields())

    def test_end_before_start_is_refused(self, gavle_leader: User, gavle: Organisation) -> None:
        with pytest.raises(ValidationError) as error:
            services.programme_create(
                actor=gavle_leader,
                organisation=gavle,
                **_fields(end_date=datetime.date(2025, 12, 31)),
            )
        assert _messages(error.value, "end_date") == "The end date cannot be before the start date."

    @pytest.mark.parametrize("due", [datetime.date(2025, 12, 31), datetime.date(2029, 1, 1)])
    def test_portfolio_date_must_be_inside_the_period(
        self, gavle_leader: User, gavle: Organisation, due: datetime.date
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.programme_create(
                actor=gavle_leader, organisation=gavle, **_fields(portfolio_due_on=due)
            )
        assert _messages(error.value, "portfolio_due_on") == (
            "The portfolio date must be inside the programme period "
            "(1 January 2026 – 31 December 2028)."
        )

    def test_invisible_project_cannot_be_linked(
        self, gavle_leader: User, gavle: Organisation, hidden_project: Project
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.programme_create(
                actor=gavle_leader, organisation=gavle, projects=[hidden_project], **_fields()
            )
        assert "projects" in error.value.message_dict


class TestProgrammeUpdate:
    def test_leader_changes_and_history_names_them(
        self, gavle_leader: User, programme: Programme
    ) -> None:
        services.programme_update(actor=gavle_leader, programme=programme, name="Nytt namn")
        programme.refresh_from_db()
        assert programme.name == "Nytt namn"
        assert programme.history.first().history_user == gavle_leader

    @pytest.mark.parametrize("who", ["resident", "kiruna_admin"])
    def test_others_may_not_change(
        self, request: pytest.FixtureRequest, who: str, programme: Programme
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.programme_update(
                actor=request.getfixturevalue(who), programme=programme, name="Kapat"
            )

    def test_period_may_not_leave_phases_outside(
        self, gavle_leader: User, programme: Programme, phase: Phase
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.programme_update(
                actor=gavle_leader,
                programme=programme,
                end_date=datetime.date(2027, 6, 30),
                portfolio_due_on=None,
            )
        message = _messages(error.value, "start_date")
        assert "Förstudier och piloter" in message
        assert "would fall outside the programme period" in message

    def test_period_may_not_leave_milestones_outside(
        self, gavle_leader: User, programme: Programme
    ) -> None:
        MilestoneFactory(
            programme=programme, title="Slutrapport", due_on=datetime.date(2028, 12, 1)
        )
        with pytest.raises(ValidationError) as error:
            services.programme_update(
                actor=gavle_leader, programme=programme, end_date=datetime.date(2028, 6, 30)
            )
        assert "Slutrapport" in _messages(error.value, "start_date")

    def test_lead_needs_rights_in_the_new_organisation(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.programme_update(actor=gavle_leader, programme=programme, organisation=kiruna)

    def test_lead_is_handed_over(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        MembershipFactory(user=gavle_leader, organisation=kiruna, role=Role.ADMINISTRATOR)
        services.programme_update(actor=gavle_leader, programme=programme, organisation=kiruna)
        roles = dict(programme.participants.values_list("organisation__name", "role"))
        assert roles == {
            "Gävle kommun": ParticipantRole.MUNICIPALITY,
            "Kiruna kommun": ParticipantRole.LEAD,
        }


class TestParticipants:
    def test_add_change_and_remove(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        participant = services.participant_add(
            actor=gavle_leader,
            programme=programme,
            organisation=kiruna,
            role=ParticipantRole.MUNICIPALITY,
            contribution="Erfarenheter från stadsomvandlingen.",
        )
        # A participating municipality joins the programme's municipalities.
        assert programme.municipalities.filter(code="2584").exists()
        services.participant_update(
            actor=gavle_leader, participant=participant, contribution="Ny insats"
        )
        assert Participant.objects.get(pk=participant.pk).contribution == "Ny insats"
        pk = participant.pk
        services.participant_remove(actor=gavle_leader, participant=participant)
        assert not programme.participants.filter(organisation=kiruna).exists()
        removal = Participant.history.filter(id=pk).first()
        assert (removal.history_type, removal.history_user) == ("-", gavle_leader)

    def test_no_duplicates(self, gavle_leader: User, programme: Programme) -> None:
        with pytest.raises(ValidationError) as error:
            services.participant_add(
                actor=gavle_leader, programme=programme, organisation=programme.organisation
            )
        assert _messages(error.value, "organisation") == (
            "This organisation already takes part in the programme."
        )

    def test_only_the_leading_organisation_is_lead(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.participant_add(
                actor=gavle_leader,
                programme=programme,
                organisation=kiruna,
                role=ParticipantRole.LEAD,
            )
        assert "Only the leading organisation" in _messages(error.value, "role")
        lead = programme.participants.get(organisation=programme.organisation)
        with pytest.raises(ValidationError):
            services.participant_update(
                actor=gavle_leader, participant=lead, role=ParticipantRole.PARTNER
            )

    def test_lead_cannot_be_removed(self, gavle_leader: User, programme: Programme) -> None:
        lead = programme.participants.get(organisation=programme.organisation)
        with pytest.raises(ValidationError) as error:
            services.participant_remove(actor=gavle_leader, participant=lead)
        assert error.value.messages == [
            "The leading organisation cannot be removed from the programme."
        ]
        assert Participant.objects.filter(pk=lead.pk).exists()

    def test_removing_clears_responsibility(
        self, gavle_leader: User, programme: Programme, partner: Organisation
    ) -> None:
        participant = ParticipantFactory(programme=programme, organisation=partner)
        milestone = MilestoneFactory(programme=programme, responsible=partner)
        services.participant_remove(actor=gavle_leader, participant=participant)
        milestone.refresh_from_db()
        assert milestone.responsible is None

    @pytest.mark.parametrize("who", ["resident", "kiruna_admin", "partner_member"])
    def test_only_leaders_manage_participants(
        self, request: pytest.FixtureRequest, who: str, programme: Programme
    ) -> None:
        actor = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            services.participant_add(
                actor=actor, programme=programme, organisation=OrganisationFactory()
            )


class TestPhases:
    def test_add_change_remove_keeps_milestones(
        self, gavle_leader: User, programme: Programme
    ) -> None:
        phase = services.phase_add(
            actor=gavle_leader,
            programme=programme,
            name="Portfölj",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 6, 30),
        )
        services.phase_update(actor=gavle_leader, phase=phase, name="Behov och portfölj")
        milestone = MilestoneFactory(programme=programme, phase=phase)
        services.phase_remove(actor=gavle_leader, phase=phase)
        milestone.refresh_from_db()
        assert milestone.phase is None
        assert not Phase.objects.exists()

    def test_dates_in_order(self, gavle_leader: User, programme: Programme) -> None:
        with pytest.raises(ValidationError) as error:
            services.phase_add(
                actor=gavle_leader,
                programme=programme,
                name="Bakvänd",
                start_date=datetime.date(2026, 6, 1),
                end_date=datetime.date(2026, 5, 1),
            )
        assert _messages(error.value, "end_date") == "The end date cannot be before the start date."

    def test_inside_the_programme_period(self, gavle_leader: User, programme: Programme) -> None:
        with pytest.raises(ValidationError) as error:
            services.phase_add(
                actor=gavle_leader,
                programme=programme,
                name="Efterarbete",
                start_date=datetime.date(2028, 10, 1),
                end_date=datetime.date(2029, 3, 31),
            )
        assert _messages(error.value, "end_date") == (
            "The phase must lie inside the programme period (1 January 2026 – 31 December 2028)."
        )

    def test_others_may_not(self, kiruna_admin: User, phase: Phase) -> None:
        with pytest.raises(PermissionDenied):
            services.phase_update(actor=kiruna_admin, phase=phase, name="Kapad")
        with pytest.raises(PermissionDenied):
            services.phase_remove(actor=kiruna_admin, phase=phase)


class TestMilestones:
    def _add(self, actor: User, programme: Programme, **fields: Any) -> Milestone:
        return services.milestone_add(
            actor=actor,
            programme=programme,
            **{"title": "Två piloter i drift", "due_on": datetime.date(2027, 6, 30), **fields},
        )

    def test_done_sets_the_completion_date(
        self, gavle_leader: User, programme: Programme, today: datetime.date
    ) -> None:
        milestone = self._add(gavle_leader, programme, status=MilestoneStatus.DONE)
        assert milestone.completed_on == today

    def test_completion_date_not_in_the_future(
        self, gavle_leader: User, programme: Programme, today: datetime.date
    ) -> None:
        with pytest.raises(ValidationError) as error:
            self._add(
                gavle_leader,
                programme,
                status=MilestoneStatus.DONE,
                completed_on=today + datetime.timedelta(days=1),
            )
        assert _messages(error.value, "completed_on") == (
            "The completion date cannot be in the future."
        )

    def test_completion_date_only_when_done(
        self, gavle_leader: User, programme: Programme, today: datetime.date
    ) -> None:
        with pytest.raises(ValidationError) as error:
            self._add(gavle_leader, programme, status=MilestoneStatus.PLANNED, completed_on=today)
        assert "Only a milestone that is done" in _messages(error.value, "completed_on")

    def test_due_date_inside_the_period(self, gavle_leader: User, programme: Programme) -> None:
        with pytest.raises(ValidationError) as error:
            self._add(gavle_leader, programme, due_on=datetime.date(2029, 3, 1))
        assert "inside the programme period" in _messages(error.value, "due_on")

    def test_phase_and_responsible_belong_to_the_programme(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        other_phase = PhaseFactory(programme=ProgrammeFactory(organisation=programme.organisation))
        with pytest.raises(ValidationError) as error:
            self._add(gavle_leader, programme, phase=other_phase, responsible=kiruna)
        assert _messages(error.value, "phase") == "Choose a phase of this programme."
        assert _messages(error.value, "responsible") == (
            "The responsible organisation must take part in the programme."
        )

    def test_status_change_and_back(
        self, gavle_leader: User, late_milestone: Milestone, today: datetime.date
    ) -> None:
        services.milestone_set_status(
            actor=gavle_leader, milestone=late_milestone, status=MilestoneStatus.DONE
        )
        late_milestone.refresh_from_db()
        assert (late_milestone.status, late_milestone.completed_on) == ("done", today)
        assert not late_milestone.is_late()
        services.milestone_set_status(
            actor=gavle_leader, milestone=late_milestone, status=MilestoneStatus.IN_PROGRESS
        )
        late_milestone.refresh_from_db()
        assert late_milestone.completed_on is None
        assert late_milestone.is_late()
        assert late_milestone.history.first().history_user == gavle_leader

    def test_update_away_from_done_clears_the_date(
        self, gavle_leader: User, programme: Programme
    ) -> None:
        milestone = self._add(gavle_leader, programme, status=MilestoneStatus.DONE)
        services.milestone_update(
            actor=gavle_leader, milestone=milestone, status=MilestoneStatus.CANCELLED
        )
        assert milestone.completed_on is None

    def test_unknown_status(self, gavle_leader: User, late_milestone: Milestone) -> None:
        with pytest.raises(ValidationError):
            services.milestone_set_status(
                actor=gavle_leader, milestone=late_milestone, status="forgotten"
            )

    @pytest.mark.parametrize("who", ["resident", "kiruna_admin", "partner_member"])
    def test_only_leaders_manage_milestones(
        self, request: pytest.FixtureRequest, who: str, late_milestone: Milestone
    ) -> None:
        actor = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            services.milestone_set_status(
                actor=actor, milestone=late_milestone, status=MilestoneStatus.DONE
            )
        with pytest.raises(PermissionDenied):
            services.milestone_remove(actor=actor, milestone=late_milestone)
        assert Milestone.objects.filter(pk=late_milestone.pk).exists()

    def test_platform_admin_may(self, platform_admin: User, late_milestone: Milestone) -> None:
        services.milestone_remove(actor=platform_admin, milestone=late_milestone)
        assert not Milestone.objects.exists()


def test_municipalities_are_kept_as_given(gavle_leader: User, gavle: Organisation) -> None:
    kiruna = Municipality.objects.get(code="2584")
    programme = services.programme_create(
        actor=gavle_leader, organisation=gavle, municipalities=[kiruna], **_fields()
    )
    assert set(programme.municipalities.values_list("code", flat=True)) == {"2180", "2584"}


class TestWhatMayBeUsed:
    """Every foreign key a leader sets is one they may use; anything else is refused."""

    def test_project_of_an_organisation_outside_the_programme_cannot_be_linked(
        self, gavle_leader: User, gavle: Organisation, nya_kiruna: Project
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            services.programme_create(
                actor=gavle_leader, organisation=gavle, projects=[nya_kiruna], **_fields()
            )

        assert "Only projects you lead" in _messages(caught.value, "projects")
        assert not Programme.objects.exists()

    def test_project_of_a_participating_organisation_can_be_linked(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation, nya_kiruna: Project
    ) -> None:
        with pytest.raises(ValidationError):
            services.programme_update(
                actor=gavle_leader, programme=programme, projects=[nya_kiruna]
            )
        services.participant_add(
            actor=gavle_leader,
            programme=programme,
            organisation=kiruna,
            role=ParticipantRole.MUNICIPALITY,
        )

        services.programme_update(actor=gavle_leader, programme=programme, projects=[nya_kiruna])

        assert list(programme.projects.all()) == [nya_kiruna]

    def test_links_the_leader_cannot_see_stay(
        self, gavle_leader: User, programme: Programme, naringen: Project, hidden_project: Project
    ) -> None:
        programme.projects.add(hidden_project)

        services.programme_update(actor=gavle_leader, programme=programme, projects=[naringen])

        assert set(programme.projects.all()) == {naringen, hidden_project}

    def test_lead_chosen_on_a_form_instance_is_handed_over(
        self, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        # A model form sets the chosen lead on the instance before the service runs.
        MembershipFactory(user=gavle_leader, organisation=kiruna, role=Role.ADMINISTRATOR)
        programme.organisation = kiruna

        services.programme_update(actor=gavle_leader, programme=programme, organisation=kiruna)

        roles = dict(programme.participants.values_list("organisation__name", "role"))
        assert roles == {
            "Gävle kommun": ParticipantRole.MUNICIPALITY,
            "Kiruna kommun": ParticipantRole.LEAD,
        }

    def test_leader_of_the_new_lead_only_may_not_change_the_programme(
        self, programme: Programme, kiruna: Organisation, kiruna_admin: User
    ) -> None:
        # Leading the organisation chosen on the form is not enough: the programme as stored
        # is led by Gävle kommun.
        programme.organisation = kiruna
        with pytest.raises(PermissionDenied):
            services.programme_update(actor=kiruna_admin, programme=programme, organisation=kiruna)
        assert Programme.objects.get(pk=programme.pk).organisation.name == "Gävle kommun"

    def test_responsible_and_phase_must_belong_to_the_programme_on_update(
        self, gavle_leader: User, late_milestone: Milestone, kiruna: Organisation
    ) -> None:
        other_phase = PhaseFactory(
            programme=ProgrammeFactory(organisation=late_milestone.programme.organisation)
        )

        with pytest.raises(ValidationError) as caught:
            services.milestone_update(
                actor=gavle_leader,
                milestone=late_milestone,
                phase=other_phase,
                responsible=kiruna,
            )

        assert set(caught.value.message_dict) == {"phase", "responsible"}

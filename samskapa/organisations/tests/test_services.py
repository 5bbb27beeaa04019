"""Writes of organisations, units and memberships: who may do them and what they leave behind."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import HelixSector, Notification
from samskapa.geo.models import Municipality
from samskapa.organisations import services
from samskapa.organisations.models import Membership, Organisation, OrganisationType, Role, Unit
from samskapa.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UnitFactory,
)
from samskapa.portfolio.models import Decision, GateDecision, Stage
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CaptureCallbacks = Callable[..., Any]


def _create(actor: Any, **fields: Any) -> Organisation:
    data = {
        "name": "Grannföreningen Näringen",
        "type": OrganisationType.CIVIL_SOCIETY,
        "helix_sector": HelixSector.CIVIL_SOCIETY,
        "municipality": Municipality.objects.get(code="2180"),
        **fields,
    }
    return services.organisation_create(actor=actor, **data)


class TestOrganisationCreate:
    def test_registrant_becomes_administrator(self, resident: User) -> None:
        organisation = _create(resident, org_number="8025123459")

        assert organisation.slug == "grannforeningen-naringen"
        assert organisation.org_number == "802512-3459"
        assert resident.has_perm("organisations.change_organisation", organisation)
        assert Membership.objects.filter(
            user=resident, organisation=organisation, role=Role.ADMINISTRATOR
        ).exists()

    def test_history_names_the_registrant(self, resident: User) -> None:
        organisation = _create(resident)

        record = organisation.history.get()
        assert record.history_type == "+"
        assert record.history_user == resident

    def test_same_name_gets_its_own_address(self, resident: User) -> None:
        first = _create(resident)
        second = _create(resident)

        assert (first.slug, second.slug) == (
            "grannforeningen-naringen",
            "grannforeningen-naringen-2",
        )

    def test_anonymous_visitor_is_refused(self, reference_data: None) -> None:
        with pytest.raises(PermissionDenied):
            _create(AnonymousUser())

        assert not Organisation.objects.exists()

    def test_bad_org_number_is_refused(self, resident: User) -> None:
        with pytest.raises(ValidationError) as caught:
            _create(resident, org_number="212000-2271")

        assert caught.value.code == "checksum"
        assert not Organisation.objects.exists()

    def test_org_number_can_be_registered_only_once(self, resident: User) -> None:
        _create(resident, org_number="212000-2270")

        with pytest.raises(ValidationError) as caught:
            _create(resident, name="Gävle kommun igen", org_number="2120002270")

        assert caught.value.messages == ["An organisation with this number is already registered."]
        assert Organisation.objects.count() == 1


class TestOrganisationUpdate:
    def test_administrator_edits_and_history_records_who(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        services.organisation_update(
            actor=gavle_admin, organisation=gavle, description="Ny beskrivning"
        )

        gavle.refresh_from_db()
        assert gavle.description == "Ny beskrivning"
        latest = gavle.history.latest()
        assert latest.history_type == "~"
        assert latest.history_user == gavle_admin
        assert latest.description == "Ny beskrivning"

    def test_administrator_of_another_organisation_is_refused(
        self, gavle: Organisation, kiruna_admin: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.organisation_update(actor=kiruna_admin, organisation=gavle, name="Kapad")

        gavle.refresh_from_db()
        assert gavle.name == "Gävle kommun"
        assert gavle.history.count() == 1

    @pytest.mark.parametrize("role", [Role.PROJECT_LEADER, Role.MEMBER, Role.MODERATOR])
    def test_members_who_are_not_administrators_are_refused(
        self, gavle: Organisation, role: str
    ) -> None:
        member = MembershipFactory(organisation=gavle, role=role).user

        with pytest.raises(PermissionDenied):
            services.organisation_update(actor=member, organisation=gavle, name="Kapad")

    def test_platform_administrator_may_edit(
        self, gavle: Organisation, platform_admin: User
    ) -> None:
        services.organisation_update(
            actor=platform_admin, organisation=gavle, website="https://gavle.se"
        )

        assert Organisation.objects.get(pk=gavle.pk).website == "https://gavle.se"

    def test_bad_org_number_is_refused(self, gavle: Organisation, gavle_admin: User) -> None:
        with pytest.raises(ValidationError):
            services.organisation_update(
                actor=gavle_admin, organisation=gavle, org_number="811218-9876"
            )

        assert Organisation.objects.get(pk=gavle.pk).org_number == ""

    def test_fields_outside_the_form_cannot_be_changed(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        with pytest.raises(TypeError):
            services.organisation_update(actor=gavle_admin, organisation=gavle, slug="annat")


class TestUnits:
    def test_administrator_adds_a_unit(self, gavle: Organisation, gavle_admin: User) -> None:
        unit = services.unit_create(
            actor=gavle_admin,
            organisation=gavle,
            name="Samhällsbyggnad Gävle",
            kind="administration",
        )

        assert list(gavle.units.all()) == [unit]
        assert unit.history.get().history_user == gavle_admin

    def test_two_units_cannot_share_a_name(self, gavle: Organisation, gavle_admin: User) -> None:
        UnitFactory(organisation=gavle, name="Kultur & fritid")

        with pytest.raises(ValidationError) as caught:
            services.unit_create(
                actor=gavle_admin, organisation=gavle, name="Kultur & fritid", kind="administration"
            )

        assert caught.value.messages == ["This organisation already has a unit with that name."]

    def test_administrator_of_another_organisation_cannot_touch_units(
        self, gavle: Organisation, kiruna_admin: User
    ) -> None:
        unit = UnitFactory(organisation=gavle)

        with pytest.raises(PermissionDenied):
            services.unit_create(actor=kiruna_admin, organisation=gavle, name="X", kind="other")
        with pytest.raises(PermissionDenied):
            services.unit_delete(actor=kiruna_admin, unit=unit)

        assert Unit.objects.filter(pk=unit.pk).exists()


class TestUnitDelete:
    def test_unit_cited_by_a_gate_decision_stays(
        self, gavle: Organisation, gavle_admin: User, english: None
    ) -> None:
        board = UnitFactory(organisation=gavle, name="Kommunstyrelsen")
        initiative = InitiativeFactory(lead_organisation=gavle)
        GateDecision.objects.create(
            initiative=initiative,
            decision=Decision.GO,
            from_stage=Stage.IDEA,
            to_stage=Stage.PRESTUDY,
            rationale="Beslutat i kommunstyrelsen.",
            decided_by=gavle_admin,
            board=board,
        )

        with pytest.raises(ValidationError) as caught:
            services.unit_delete(actor=gavle_admin, unit=board)

        assert "gate decisions on record name it" in caught.value.messages[0]
        assert Unit.objects.filter(pk=board.pk).exists()

    def test_unit_no_decision_cites_is_removed(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        unit = UnitFactory(organisation=gavle)

        services.unit_delete(actor=gavle_admin, unit=unit)

        assert not Unit.objects.filter(pk=unit.pk).exists()


class TestMembershipAdd:
    def test_new_member_is_notified_in_the_app_and_by_one_email(
        self,
        gavle: Organisation,
        gavle_admin: User,
        django_capture_on_commit_callbacks: CaptureCallbacks,
    ) -> None:
        newcomer = UserFactory(email="ny@example.se")

        with django_capture_on_commit_callbacks(execute=True):
            services.membership_add(
                actor=gavle_admin, user=newcomer, role=Role.MODERATOR, organisation=gavle
            )

        assert newcomer.has_perm("organisations.view_organisation", gavle)
        notification = Notification.objects.get(recipient=newcomer)
        assert "Gävle kommun" in notification.title
        assert notification.url == gavle.get_absolute_url()
        assert notification.emailed_at is not None
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["ny@example.se"]
        assert "Gävle kommun" in mail.outbox[0].subject

    def test_nothing_is_emailed_before_the_commit(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        services.membership_add(
            actor=gavle_admin, user=UserFactory(), role=Role.MEMBER, organisation=gavle
        )

        assert mail.outbox == []

    def test_non_administrator_cannot_add_members(
        self, gavle: Organisation, gavle_leader: User
    ) -> None:
        outsider = UserFactory()

        with pytest.raises(PermissionDenied):
            services.membership_add(
                actor=gavle_leader, user=outsider, role=Role.ADMINISTRATOR, organisation=gavle
            )

        assert not Membership.objects.filter(user=outsider).exists()
        assert not Notification.objects.filter(recipient=outsider).exists()

    def test_same_role_twice_is_refused(self, gavle: Organisation, gavle_admin: User) -> None:
        with pytest.raises(ValidationError) as caught:
            services.membership_add(
                actor=gavle_admin, user=gavle_admin, role=Role.ADMINISTRATOR, organisation=gavle
            )

        assert caught.value.messages == ["This person already has that role here."]

    def test_project_leader_adds_a_project_member(
        self, gavle_leader: User, gavle: Organisation
    ) -> None:
        project = ProjectFactory(organisation=gavle)
        assessor = UserFactory()

        services.membership_add(
            actor=gavle_leader, user=assessor, role=Role.ASSESSOR, project=project
        )

        assert Membership.objects.get(user=assessor).project == project


class TestMembershipRemove:
    def test_last_administrator_cannot_be_removed(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        membership = Membership.objects.get(user=gavle_admin, organisation=gavle)

        with pytest.raises(ValidationError) as caught:
            services.membership_remove(actor=gavle_admin, membership=membership)

        assert caught.value.messages == ["An organisation must keep at least one administrator."]
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_an_administrator_can_leave_when_another_remains(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        MembershipFactory(organisation=gavle, role=Role.ADMINISTRATOR)
        membership = Membership.objects.get(user=gavle_admin, organisation=gavle)

        services.membership_remove(actor=gavle_admin, membership=membership)

        assert not Membership.objects.filter(pk=membership.pk).exists()
        on_next_request = User.objects.get(pk=gavle_admin.pk)
        assert not on_next_request.has_perm("organisations.change_organisation", gavle)

    def test_administrator_of_another_organisation_is_refused(
        self, gavle: Organisation, gavle_leader: User, kiruna_admin: User
    ) -> None:
        membership = Membership.objects.get(user=gavle_leader, organisation=gavle)

        with pytest.raises(PermissionDenied):
            services.membership_remove(actor=kiruna_admin, membership=membership)

        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_other_organisations_do_not_count_as_remaining_administrators(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
        membership = Membership.objects.get(user=gavle_admin, organisation=gavle)

        with pytest.raises(ValidationError):
            services.membership_remove(actor=gavle_admin, membership=membership)


class TestWhatMayBeUsed:
    """Every foreign key a person sets is one they may use; anything else is refused."""

    def test_parent_unit_of_another_organisation_is_refused(
        self, gavle: Organisation, kiruna: Organisation, gavle_admin: User
    ) -> None:
        foreign = UnitFactory(organisation=kiruna)

        with pytest.raises(ValidationError) as caught:
            services.unit_create(
                actor=gavle_admin, organisation=gavle, name="Ny", kind="other", parent=foreign
            )

        assert caught.value.message_dict["parent"] == ["Choose a unit of the same organisation."]
        assert not gavle.units.exists()

    def test_a_unit_cannot_become_part_of_its_own_part(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        board = UnitFactory(organisation=gavle, name="Kommunstyrelsen")
        office = UnitFactory(organisation=gavle, name="Kansliet", parent=board)

        with pytest.raises(ValidationError) as caught:
            services.unit_update(actor=gavle_admin, unit=board, parent=office)

        assert "parent" in caught.value.message_dict
        assert Unit.objects.get(pk=board.pk).parent is None

    def test_closed_account_cannot_be_given_a_role(
        self, gavle: Organisation, gavle_admin: User
    ) -> None:
        closed = UserFactory(is_active=False)

        with pytest.raises(ValidationError) as caught:
            services.membership_add(
                actor=gavle_admin, user=closed, role=Role.MEMBER, organisation=gavle
            )

        assert "user" in caught.value.message_dict
        assert not Membership.objects.filter(user=closed).exists()

    def test_project_leader_cannot_appoint_a_project_administrator(
        self, gavle: Organisation, gavle_leader: User, gavle_admin: User
    ) -> None:
        project = ProjectFactory(organisation=gavle)
        newcomer = UserFactory()

        with pytest.raises(ValidationError) as caught:
            services.membership_add(
                actor=gavle_leader, user=newcomer, role=Role.ADMINISTRATOR, project=project
            )
        assert "role" in caught.value.message_dict
        assert not Membership.objects.filter(user=newcomer).exists()

        services.membership_add(
            actor=gavle_admin, user=newcomer, role=Role.ADMINISTRATOR, project=project
        )
        assert Membership.objects.filter(user=newcomer, project=project).exists()

    def test_project_leader_cannot_remove_a_project_administrator(
        self, gavle: Organisation, gavle_leader: User
    ) -> None:
        project = ProjectFactory(organisation=gavle)
        membership = MembershipFactory(organisation=None, project=project, role=Role.ADMINISTRATOR)

        with pytest.raises(ValidationError):
            services.membership_remove(actor=gavle_leader, membership=membership)

        assert Membership.objects.filter(pk=membership.pk).exists()

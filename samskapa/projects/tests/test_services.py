"""Writes of projects, funding and participating units."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Membership, Organisation, OrganisationType, Role
from samskapa.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UnitFactory,
)
from samskapa.projects import services
from samskapa.projects.models import Funding, Project, ProjectUnit
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.sdg.models import Target

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class TestProjectCreate:
    def test_project_leader_starts_a_project_and_leads_it(
        self, gavle: Organisation, gavle_leader: User
    ) -> None:
        project = services.project_create(
            actor=gavle_leader,
            organisation=gavle,
            name="Näringen",
            dimensions=SustainabilityDimension.objects.filter(code="social"),
            sdg_targets=Target.objects.filter(code__in=["11.3", "11.7"]),
        )

        assert project.slug == "naringen"
        assert project.municipality.code == "2180"  # taken from the organisation
        assert project.created_by == gavle_leader
        assert [d.code for d in project.dimensions.all()] == ["social"]
        assert sorted(t.code for t in project.sdg_targets.all()) == ["11.3", "11.7"]
        assert Membership.objects.filter(
            user=gavle_leader, project=project, role=Role.PROJECT_LEADER
        ).exists()
        assert project.history.get().history_user == gavle_leader

    @pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR, Role.FACILITATOR])
    def test_other_roles_in_the_organisation_cannot_start_projects(
        self, gavle: Organisation, role: str
    ) -> None:
        member = MembershipFactory(organisation=gavle, role=role).user

        with pytest.raises(PermissionDenied):
            services.project_create(actor=member, organisation=gavle, name="Näringen")

        assert not Project.objects.exists()

    def test_leader_of_another_organisation_cannot_start_projects_for_it(
        self, gavle: Organisation, kiruna_admin: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.project_create(actor=kiruna_admin, organisation=gavle, name="Kapat")

    def test_anonymous_visitor_is_refused(self, gavle: Organisation) -> None:
        with pytest.raises(PermissionDenied):
            services.project_create(actor=AnonymousUser(), organisation=gavle, name="Kapat")

    def test_end_before_start_is_refused(self, gavle: Organisation, gavle_leader: User) -> None:
        with pytest.raises(ValidationError) as caught:
            services.project_create(
                actor=gavle_leader,
                organisation=gavle,
                name="Baklänges",
                start_date=datetime.date(2030, 1, 1),
                end_date=datetime.date(2029, 1, 1),
            )

        assert "The end date cannot be before the start date." in caught.value.messages
        assert not Project.objects.exists()

    def test_platform_administrator_may_start_projects_anywhere(
        self, kiruna: Organisation, platform_admin: User
    ) -> None:
        project = services.project_create(
            actor=platform_admin, organisation=kiruna, name="Nya Kiruna"
        )

        assert project.municipality.name == "Kiruna"


class TestProjectUpdate:
    def test_leader_of_the_organisation_edits_its_projects(
        self, naringen: Project, gavle_leader: User
    ) -> None:
        services.project_update(actor=gavle_leader, project=naringen, phase="construction")

        naringen.refresh_from_db()
        assert naringen.phase == "construction"
        assert naringen.history.latest().history_user == gavle_leader

    def test_project_leader_role_on_the_project_itself_is_enough(self, naringen: Project) -> None:
        leader = MembershipFactory(
            organisation=None, project=naringen, role=Role.PROJECT_LEADER
        ).user

        services.project_update(actor=leader, project=naringen, area="Näringen etapp 2")

        assert Project.objects.get(pk=naringen.pk).area == "Näringen etapp 2"

    @pytest.mark.parametrize("role", [Role.ASSESSOR, Role.FACILITATOR, Role.MEMBER])
    def test_other_project_roles_cannot_edit(self, naringen: Project, role: str) -> None:
        person = MembershipFactory(organisation=None, project=naringen, role=role).user

        with pytest.raises(PermissionDenied):
            services.project_update(actor=person, project=naringen, name="Kapat")

        assert Project.objects.get(pk=naringen.pk).name == "Näringen"

    def test_administrator_of_another_organisation_cannot_edit(
        self, naringen: Project, kiruna_admin: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.project_update(actor=kiruna_admin, project=naringen, name="Kapat")

    def test_project_leader_elsewhere_cannot_edit(
        self, naringen: Project, kiruna: Organisation
    ) -> None:
        other = ProjectFactory(organisation=kiruna)
        leader = MembershipFactory(organisation=None, project=other, role=Role.PROJECT_LEADER).user

        with pytest.raises(PermissionDenied):
            services.project_update(actor=leader, project=naringen, name="Kapat")

    def test_platform_administrator_may_edit(self, naringen: Project, platform_admin: User) -> None:
        services.project_update(actor=platform_admin, project=naringen, summary="Ny sammanfattning")

        assert Project.objects.get(pk=naringen.pk).summary == "Ny sammanfattning"

    def test_end_before_start_is_refused(self, naringen: Project, gavle_leader: User) -> None:
        with pytest.raises(ValidationError):
            services.project_update(
                actor=gavle_leader, project=naringen, end_date=datetime.date(2000, 1, 1)
            )

        assert Project.objects.get(pk=naringen.pk).end_date == datetime.date(2030, 12, 31)


class TestFunding:
    def test_leader_records_a_grant(self, naringen: Project, gavle_leader: User) -> None:
        funding = services.funding_add(
            actor=gavle_leader,
            project=naringen,
            funder="Vinnova",
            amount_sek=Decimal("2467989"),
            reference_number="2017-04760",
        )

        assert list(naringen.fundings.all()) == [funding]

    def test_negative_grant_is_refused(self, naringen: Project, gavle_leader: User) -> None:
        with pytest.raises(ValidationError) as caught:
            services.funding_add(
                actor=gavle_leader, project=naringen, funder="Vinnova", amount_sek=Decimal("-1")
            )

        assert "The grant cannot be negative." in caught.value.messages
        assert not Funding.objects.exists()

    def test_outsider_cannot_add_funding(self, naringen: Project, kiruna_admin: User) -> None:
        with pytest.raises(PermissionDenied):
            services.funding_add(actor=kiruna_admin, project=naringen, funder="Vinnova")


class TestParticipatingUnits:
    def test_unit_of_the_organisation_takes_part(
        self, naringen: Project, gavle: Organisation, gavle_leader: User
    ) -> None:
        unit = UnitFactory(organisation=gavle, name="Samhällsbyggnad Gävle")

        link = services.project_unit_add(
            actor=gavle_leader, project=naringen, unit=unit, contribution="Planering"
        )

        assert list(naringen.unit_links.all()) == [link]

    def test_unit_of_another_municipality_is_refused(
        self, naringen: Project, kiruna: Organisation, gavle_leader: User
    ) -> None:
        unit = UnitFactory(organisation=kiruna, name="Socialförvaltningen")

        with pytest.raises(ValidationError) as caught:
            services.project_unit_add(actor=gavle_leader, project=naringen, unit=unit)

        assert "unit" in caught.value.message_dict
        assert not ProjectUnit.objects.exists()

    def test_same_unit_twice_is_refused(
        self, naringen: Project, gavle: Organisation, gavle_leader: User
    ) -> None:
        unit = UnitFactory(organisation=gavle)
        services.project_unit_add(actor=gavle_leader, project=naringen, unit=unit)

        with pytest.raises(ValidationError):
            services.project_unit_add(actor=gavle_leader, project=naringen, unit=unit)

        assert ProjectUnit.objects.count() == 1


class TestWhatMayBeUsed:
    """Every foreign key a person sets is one they may use; anything else is refused."""

    def test_municipality_places_no_project_in_another_municipality(
        self, kiruna: Organisation, kiruna_leader: User
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            services.project_create(
                actor=kiruna_leader,
                organisation=kiruna,
                name="Kapat",
                municipality=Municipality.objects.get(code="2180"),
            )

        assert "municipality" in caught.value.message_dict
        assert not Project.objects.exists()

    def test_other_organisations_run_projects_wherever_they_work(self, resident: User) -> None:
        company = OrganisationFactory(
            name="Testbolaget Norr AB", type=OrganisationType.COMPANY, municipality=None
        )
        administrator = MembershipFactory(organisation=company, role=Role.ADMINISTRATOR).user

        project = services.project_create(
            actor=administrator,
            organisation=company,
            name="Sensorer på Näringen",
            municipality=Municipality.objects.get(code="2180"),
        )

        assert project.municipality.code == "2180"

    def test_platform_administrator_may_place_a_project_anywhere(
        self, kiruna: Organisation, platform_admin: User
    ) -> None:
        project = services.project_create(
            actor=platform_admin,
            organisation=kiruna,
            name="Samarbete",
            municipality=Municipality.objects.get(code="2180"),
        )

        assert project.municipality.code == "2180"

    def test_moving_a_project_to_another_municipality_is_refused(
        self, naringen: Project, gavle_leader: User
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            services.project_update(
                actor=gavle_leader,
                project=naringen,
                municipality=Municipality.objects.get(code="2584"),
            )

        assert "municipality" in caught.value.message_dict
        assert Project.objects.get(pk=naringen.pk).municipality.code == "2180"

    def test_a_project_keeps_the_municipality_it_has(
        self, gavle: Organisation, gavle_leader: User, platform_admin: User
    ) -> None:
        project = services.project_create(
            actor=platform_admin,
            organisation=gavle,
            name="Samarbete",
            municipality=Municipality.objects.get(code="2584"),
        )

        services.project_update(
            actor=gavle_leader, project=project, municipality=project.municipality, name="Nytt"
        )

        assert Project.objects.get(pk=project.pk).name == "Nytt"

    def test_unit_of_another_organisation_in_the_same_municipality_is_refused(
        self, naringen: Project, gavle_leader: User
    ) -> None:
        company = OrganisationFactory(type=OrganisationType.COMPANY, municipality_code="2180")
        unit = UnitFactory(organisation=company)

        with pytest.raises(ValidationError) as caught:
            services.project_unit_add(actor=gavle_leader, project=naringen, unit=unit)

        assert "unit" in caught.value.message_dict
        assert not ProjectUnit.objects.exists()

    def test_unit_of_an_organisation_the_leader_belongs_to_may_take_part(
        self, naringen: Project, gavle_leader: User, kiruna: Organisation
    ) -> None:
        MembershipFactory(user=gavle_leader, organisation=kiruna, role=Role.MEMBER)
        unit = UnitFactory(organisation=kiruna, name="Räddningstjänsten")

        link = services.project_unit_add(actor=gavle_leader, project=naringen, unit=unit)

        assert link.unit == unit

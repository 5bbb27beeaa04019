"""Reads of programmes: visibility as a query equals the rule, counts, late milestones, timeline."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.programmes.models import Milestone, MilestoneStatus, Phase, Programme
from samskapa.programmes.selectors import (
    late_milestones,
    programme_detail_queryset,
    programme_list,
    programme_timeline,
    programmes_visible_to,
)
from samskapa.programmes.tests.factories import (
    MilestoneFactory,
    ParticipantFactory,
    PhaseFactory,
    ProgrammeFactory,
)
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


class TestVisibility:
    def test_anonymous_and_resident_see_only_public(
        self, programme: Programme, members_programme: Programme, resident: User
    ) -> None:
        for user in (AnonymousUser(), resident):
            assert list(programmes_visible_to(user=user)) == [programme]
            assert list(programme_list(user=user)) == [programme]
            assert not programme_detail_queryset(user=user).filter(pk=members_programme.pk)

    def test_leading_and_participating_organisations_see_members_only(
        self,
        programme: Programme,
        members_programme: Programme,
        kiruna_admin: User,
        partner_member: User,
        gavle_leader: User,
        platform_admin: User,
    ) -> None:
        assert set(programmes_visible_to(user=kiruna_admin)) == {programme, members_programme}
        assert set(programmes_visible_to(user=partner_member)) == {programme, members_programme}
        assert set(programmes_visible_to(user=gavle_leader)) == {programme}
        assert set(programmes_visible_to(user=platform_admin)) == {programme, members_programme}

    def test_query_and_rule_agree(
        self,
        programme: Programme,
        members_programme: Programme,
        resident: User,
        kiruna_admin: User,
        partner_member: User,
        gavle_leader: User,
        gavle: Organisation,
    ) -> None:
        # A project membership alone does not open a members-only programme.
        project_member = MembershipFactory(
            organisation=None,
            project=Project.objects.create(
                name="P", slug="p", organisation=gavle, municipality=gavle.municipality
            ),
            role=Role.MEMBER,
        ).user
        users = [AnonymousUser(), resident, kiruna_admin, partner_member, gavle_leader]
        for user in [*users, project_member]:
            visible = set(programmes_visible_to(user=user))
            for candidate in (programme, members_programme):
                fresh = Programme.objects.get(pk=candidate.pk)
                assert (candidate in visible) == user.has_perm("programmes.view_programme", fresh)


class TestCountsAndLateMilestones:
    def test_list_counts(
        self, programme: Programme, late_milestone: Milestone, partner: Organisation
    ) -> None:
        ParticipantFactory(programme=programme, organisation=partner)
        MilestoneFactory(programme=programme, due_on=datetime.date(2026, 2, 1), status="done")
        MilestoneFactory(programme=programme, due_on=datetime.date(2026, 3, 1), status="cancelled")
        MilestoneFactory(programme=programme, due_on=datetime.date(2026, 4, 1), status="planned")
        listed = programme_list(user=AnonymousUser()).get()
        assert (listed.participant_count, listed.late_milestone_count) == (2, 2)

    def test_late_means_open_and_due_before_today(
        self, programme: Programme, today: datetime.date
    ) -> None:
        yesterday = today - datetime.timedelta(days=1)
        late = [
            MilestoneFactory(programme=programme, due_on=yesterday, status=status)
            for status in (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)
        ]
        for status in (MilestoneStatus.DONE, MilestoneStatus.CANCELLED):
            MilestoneFactory(programme=programme, due_on=yesterday, status=status)
        MilestoneFactory(programme=programme, due_on=today)  # due today: not late yet
        assert list(late_milestones(user=AnonymousUser())) == late
        assert list(late_milestones(user=AnonymousUser(), programme=programme)) == late

    def test_late_milestones_of_hidden_programmes_stay_hidden(
        self, members_programme: Programme, kiruna_admin: User, resident: User
    ) -> None:
        milestone = MilestoneFactory(programme=members_programme, due_on=datetime.date(2026, 1, 31))
        assert not late_milestones(user=resident)
        assert list(late_milestones(user=kiruna_admin)) == [milestone]

    def test_detail_shows_only_visible_projects(
        self, programme: Programme, naringen: Project, hidden_project: Project
    ) -> None:
        programme.projects.add(naringen, hidden_project)
        detail = programme_detail_queryset(user=AnonymousUser()).get(pk=programme.pk)
        assert detail.visible_projects == [naringen]


class TestTimeline:
    def test_positions_ticks_and_today(
        self, programme: Programme, phase: Phase, late_milestone: Milestone, today: datetime.date
    ) -> None:
        done = MilestoneFactory(
            programme=programme,
            title="Portföljen beslutad",
            due_on=datetime.date(2026, 6, 30),
            status=MilestoneStatus.DONE,
            completed_on=datetime.date(2026, 6, 24),
        )
        detail = programme_detail_queryset(user=AnonymousUser()).get(pk=programme.pk)
        timeline = programme_timeline(programme=detail, today=today)
        assert (timeline.start, timeline.end) == (programme.start_date, programme.end_date)
        assert [band.year for band in timeline.years] == [2026, 2027, 2028]
        assert [band.x for band in timeline.years] == ["0.000%", "33.303%", "66.606%"]
        # Swedish is the default language: kvartal 1-4.
        assert [quarter.label for quarter in timeline.quarters] == ["K1", "K2", "K3", "K4"] * 3
        # 1 July 2026 is day 181 of 1096; the phase runs 549 days.
        bar = timeline.phases[0]
        assert (bar.x, bar.width, bar.is_current) == ("16.515%", "50.091%", True)
        assert timeline.today_x == "29.973%"
        markers = {marker.milestone.title: marker for marker in timeline.milestones}
        assert markers[late_milestone.title].is_late
        assert markers[late_milestone.title].days_late == 25
        assert not markers[done.title].is_late
        assert timeline.late_count == 1
        # The phase's milestone is grouped under it; the other one has no phase.
        assert [len(group.milestones) for group in timeline.groups] == [1, 1]
        assert timeline.groups[-1].bar is None

    def test_dates_outside_the_period_widen_the_axis(self, programme: Programme) -> None:
        # Data from before the services' checks: the axis grows instead of cutting it off.
        Milestone.objects.create(
            programme=programme, title="Efterhandsutvärdering", due_on=datetime.date(2029, 3, 1)
        )
        detail = programme_detail_queryset(user=AnonymousUser()).get(pk=programme.pk)
        timeline = programme_timeline(programme=detail, today=datetime.date(2030, 1, 1))
        assert timeline.end == datetime.date(2029, 3, 1)
        assert timeline.milestones[0].x == "99.957%"
        assert timeline.today_x is None
        assert len(timeline.quarters) == 13

    def test_long_programmes_have_no_quarters(self, gavle: Organisation) -> None:
        programme = ProgrammeFactory(organisation=gavle, end_date=datetime.date(2035, 12, 31))
        detail = programme_detail_queryset(user=AnonymousUser()).get(pk=programme.pk)
        timeline = programme_timeline(programme=detail)
        assert len(timeline.years) == 10
        assert timeline.quarters == []

    def test_members_only_programme_has_no_public_timeline(
        self, members_programme: Programme
    ) -> None:
        PhaseFactory(programme=members_programme)
        assert not programme_detail_queryset(user=AnonymousUser()).filter(
            visibility=Visibility.MEMBERS
        )

""" "My work" as a task inbox: needs to moderate, ideas to assess, gate decisions due."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.assessment.models import Assignment, AssignmentStatus
from samskapa.core.inbox import INBOX_LIMIT
from samskapa.core.models import Visibility
from samskapa.core.predicates import forget_memberships
from samskapa.ideas.models import Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.learning.rules import forget_programme_roles
from samskapa.needs.models import ModerationEvent, Need
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.portfolio.models import Initiative, Stage
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.projects.models import Project
from samskapa.workspace.selectors import work_inbox

pytestmark = pytest.mark.django_db

URL = "/en/mitt-arbete/"


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def moderator(gavle: Organisation) -> User:
    return MembershipFactory(organisation=gavle, role=Role.MODERATOR).user


@pytest.fixture
def kiruna_project(kiruna: Organisation) -> Project:
    from samskapa.projects.tests.factories import ProjectFactory

    return ProjectFactory(name="Det nya Kiruna", organisation=kiruna)


def _need(project: Project, title: str, days_ago: int = 1, **fields: object) -> Need:
    need = NeedFactory(project=project, title=title, **fields)
    Need.objects.filter(pk=need.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return need


def _assignment(assessor: User, idea: Idea, status: str = AssignmentStatus.INVITED) -> Assignment:
    extra = {"submitted_at": timezone.now()} if status == AssignmentStatus.SUBMITTED else {}
    if status == AssignmentStatus.EXCLUDED:
        extra = {"conflict_reason": "Jag äger företaget."}
    return Assignment.objects.create(idea=idea, assessor=assessor, status=status, **extra)


def _initiative(
    project: Project, title: str, due: datetime.date | None, **fields: object
) -> Initiative:
    return InitiativeFactory(
        title=title,
        project=project,
        lead_organisation=project.organisation,
        municipality=project.municipality,
        next_gate_on=due,
        **fields,
    )


class TestNeedsToModerate:
    def test_new_unmoderated_needs_of_my_projects(
        self,
        client: Client,
        naringen: Project,
        kiruna_project: Project,
        moderator: User,
        gavle_leader: User,
    ) -> None:
        _need(naringen, "Nytt behov om cykelbanor")
        _need(naringen, "Privat behov om trygghet", visibility=Visibility.PRIVATE)
        _need(naringen, "Gammalt behov", days_ago=30)
        _need(naringen, "Dolt behov", is_hidden=True)
        looked_at = _need(naringen, "Redan modererat behov")
        ModerationEvent.objects.create(
            need=looked_at, action="restore", reason="Granskat.", actor=moderator
        )
        _need(kiruna_project, "Behov i Kiruna")

        for user in (moderator, gavle_leader):
            client.force_login(user)
            response = client.get(URL)
            html = response.text
            assert "Needs to moderate (2)" in html
            assert "Nytt behov om cykelbanor" in html
            assert "Privat behov om trygghet" in html
            for title in ("Gammalt behov", "Dolt behov", "Redan modererat behov", "Behov i Kiruna"):
                assert title not in html
            need = Need.objects.get(title="Nytt behov om cykelbanor")
            assert need.get_absolute_url() in html

    def test_section_is_absent_for_people_who_moderate_nothing(
        self, client: Client, naringen: Project, resident: User, gavle: Organisation
    ) -> None:
        _need(naringen, "Nytt behov om cykelbanor")
        member = MembershipFactory(organisation=gavle, role=Role.MEMBER).user
        for user in (resident, member):
            client.force_login(user)
            html = client.get(URL).text
            assert "Needs to moderate" not in html
            assert "Nytt behov om cykelbanor" not in html

    def test_project_moderator_sees_only_that_project(
        self, client: Client, naringen: Project, kiruna_project: Project
    ) -> None:
        _need(naringen, "Behov i Näringen")
        _need(kiruna_project, "Behov i Kiruna")
        user = MembershipFactory(
            organisation=None, project=kiruna_project, role=Role.MODERATOR
        ).user
        client.force_login(user)

        html = client.get(URL).text

        assert "Needs to moderate (1)" in html
        assert "Behov i Kiruna" in html and "Behov i Näringen" not in html

    def test_empty_state(self, client: Client, naringen: Project, moderator: User) -> None:
        client.force_login(moderator)

        html = client.get(URL).text

        assert "Needs to moderate (0)" in html
        assert "No new needs are waiting for a moderator." in html


class TestIdeasToAssess:
    def test_my_open_assignments_with_deadline(
        self, client: Client, naringen: Project, resident: User, today: datetime.date
    ) -> None:
        late = ChallengeFactory(
            project=naringen,
            title="Utmaning som stängt",
            opens_on=today - datetime.timedelta(days=60),
            deadline=today - datetime.timedelta(days=3),
        )
        soon = ChallengeFactory(
            project=naringen, title="Utmaning snart", deadline=today + datetime.timedelta(days=5)
        )
        open_idea = IdeaFactory(challenge=soon, project=naringen, title="Belysning längs ån")
        late_idea = IdeaFactory(challenge=late, project=naringen, title="Lånecyklar")
        first = _assignment(resident, late_idea)
        _assignment(resident, open_idea)
        _assignment(
            resident,
            IdeaFactory(challenge=soon, project=naringen, title="Redan bedömd"),
            AssignmentStatus.SUBMITTED,
        )
        _assignment(
            resident,
            IdeaFactory(challenge=soon, project=naringen, title="Jävig"),
            AssignmentStatus.EXCLUDED,
        )
        _assignment(
            UserFactory(), IdeaFactory(challenge=soon, project=naringen, title="Någon annans")
        )
        client.force_login(resident)

        html = client.get(URL).text

        assert "Ideas to assess (2)" in html
        assert first.get_absolute_url() in html
        # The nearest deadline first; a passed deadline is marked in words.
        assert html.index("Lånecyklar") < html.index("Belysning längs ån")
        assert "Overdue" in html and "Utmaning som stängt" in html
        for title in ("Redan bedömd", "Jävig", "Någon annans"):
            assert title not in html

    def test_empty_state(self, client: Client, resident: User) -> None:
        client.force_login(resident)

        html = client.get(URL).text

        # Never invited: no empty "Ideas to assess (0)" on the page of someone who cannot.
        assert "Ideas to assess" not in html
        assert "You have no ideas to assess." not in html

    def test_empty_state_after_assessing(
        self, client: Client, naringen: Project, resident: User
    ) -> None:
        _assignment(
            resident,
            IdeaFactory(challenge=ChallengeFactory(project=naringen), project=naringen),
            status=AssignmentStatus.SUBMITTED,
        )
        client.force_login(resident)

        html = client.get(URL).text

        assert "Ideas to assess (0)" in html
        assert "You have no ideas to assess." in html


class TestGateDecisionsDue:
    def test_initiatives_i_lead_with_a_gate_soon_or_overdue(
        self,
        client: Client,
        naringen: Project,
        kiruna_project: Project,
        gavle_leader: User,
        today: datetime.date,
    ) -> None:
        _initiative(naringen, "Försenat grindbeslut", today - datetime.timedelta(days=2))
        _initiative(naringen, "Grindbeslut om tio dagar", today + datetime.timedelta(days=10))
        _initiative(naringen, "Grindbeslut om en månad", today + datetime.timedelta(days=30))
        _initiative(naringen, "Utan datum", None)
        _initiative(
            naringen, "Avslutat", today, stage=Stage.COMPLETED, furthest_stage=Stage.COMPLETED
        )
        _initiative(kiruna_project, "Kirunas initiativ", today)
        client.force_login(gavle_leader)

        html = client.get(URL).text

        assert "Gate decisions due (2)" in html
        assert html.index("Försenat grindbeslut") < html.index("Grindbeslut om tio dagar")
        assert "Overdue" in html
        assert Initiative.objects.get(title="Försenat grindbeslut").get_absolute_url() in html
        for title in ("Grindbeslut om en månad", "Utan datum", "Avslutat", "Kirunas initiativ"):
            assert title not in html

    def test_section_is_absent_for_people_who_lead_nothing(
        self, client: Client, naringen: Project, moderator: User, resident: User
    ) -> None:
        _initiative(naringen, "Försenat grindbeslut", timezone.localdate())
        for user in (moderator, resident):
            client.force_login(user)
            html = client.get(URL).text
            assert "Gate decisions due" not in html
            assert "Försenat grindbeslut" not in html

    def test_empty_state(self, client: Client, naringen: Project, gavle_leader: User) -> None:
        client.force_login(gavle_leader)

        html = client.get(URL).text

        assert "Gate decisions due (0)" in html
        assert "No gate decision is due in the next two weeks." in html


class TestInbox:
    def test_sections_list_at_most_ten_and_link_to_the_rest(
        self, client: Client, naringen: Project, gavle_leader: User, today: datetime.date
    ) -> None:
        for index in range(INBOX_LIMIT + 2):
            _need(naringen, f"Behov nummer {index}")
            _initiative(naringen, f"Initiativ nummer {index}", today)
        client.force_login(gavle_leader)

        html = client.get(URL).text

        assert "Needs to moderate (12)" in html
        assert "Gate decisions due (12)" in html
        assert html.count("samskapa-inbox__meta") == 2 * INBOX_LIMIT
        assert "/en/portfolj/initiativ/" in html

    def test_constant_number_of_queries(
        self,
        naringen: Project,
        gavle_leader: User,
        today: datetime.date,
        django_assert_num_queries: DjangoAssertNumQueries,
    ) -> None:
        challenge = ChallengeFactory(project=naringen)

        def inbox_queries() -> None:
            forget_memberships(gavle_leader)
            forget_programme_roles(gavle_leader)
            # Memberships, then a capped count and a page of items per section (needs and ideas
            # to moderate, ideas to assess, gates ...); the events app adds the counts of events
            # to run and surveys to answer, the indicators app the count of indicators waiting
            # for a value, the three marketplace sections count only, the competences app asks
            # whether the person answers for a profile, the learning app reads the person's
            # programmes and the toolbox counts the lab workshops coming up (all empty here).
            with django_assert_num_queries(18):
                inbox = work_inbox(user=gavle_leader, today=today)
            needs_to_moderate = inbox.section("needs_to_moderate")
            ideas_to_assess = inbox.section("ideas_to_assess")
            assert needs_to_moderate and needs_to_moderate.items
            assert ideas_to_assess is not None
            ideas_to_moderate = inbox.section("ideas_to_moderate")
            assert ideas_to_moderate is not None
            with django_assert_num_queries(0):
                for need in needs_to_moderate.items:
                    str(need.project.name)
                for idea in ideas_to_moderate.items:
                    str(idea.project.name)
                for assignment in ideas_to_assess.items:
                    str(assignment.idea.challenge.deadline)

        _need(naringen, "Ett behov")
        _assignment(gavle_leader, IdeaFactory(challenge=challenge, project=naringen))
        IdeaFactory(challenge=challenge, project=naringen, awaiting_approval=True)
        _initiative(naringen, "Ett initiativ", today)
        inbox_queries()
        for index in range(15):
            _need(naringen, f"Behov {index}")
            IdeaFactory(challenge=challenge, project=naringen, awaiting_approval=True)
            _assignment(gavle_leader, IdeaFactory(challenge=challenge, project=naringen))
            _initiative(naringen, f"Initiativ {index}", today)
        inbox_queries()

    def test_page_queries_do_not_grow(
        self,
        client: Client,
        naringen: Project,
        gavle_leader: User,
        today: datetime.date,
        settings: Settings,
    ) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
        client.force_login(gavle_leader)
        challenge = ChallengeFactory(project=naringen)

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                assert client.get(URL).status_code == 200
            return len(context.captured_queries)

        _need(naringen, "Ett behov")
        _assignment(gavle_leader, IdeaFactory(challenge=challenge, project=naringen))
        _initiative(naringen, "Ett initiativ", today)
        queries()  # warms the cache (the terms in force are read once, then cached)
        few = queries()
        for index in range(12):
            _need(naringen, f"Behov {index}")
            _assignment(gavle_leader, IdeaFactory(challenge=challenge, project=naringen))
            _initiative(naringen, f"Initiativ {index}", today)
        assert queries() == few

    def test_renders_in_swedish(
        self, client: Client, naringen: Project, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)

        response = client.get("/sv/mitt-arbete/")

        assert response.status_code == 200
        assert 'lang="sv"' in response.text

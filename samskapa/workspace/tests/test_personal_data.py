"""A person's data export and account deletion, gathered from every app."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import now

from samskapa.assessment import workspace as assessment_workspace
from samskapa.assessment.models import (
    Assignment,
    AssignmentStatus,
    Criterion,
    CriterionSet,
    Score,
)
from samskapa.core.models import Notification
from samskapa.ideas import workspace as ideas_workspace
from samskapa.ideas.models import Follow, Idea, Report, Support
from samskapa.ideas.tests.factories import ChallengeFactory, CommentFactory, IdeaFactory
from samskapa.needs import workspace as needs_workspace
from samskapa.needs.models import NeedReport, NeedSupport
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Membership, Organisation, Role
from samskapa.portfolio import workspace as portfolio_workspace
from samskapa.portfolio.models import GateDecision
from samskapa.portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("ada@example.se", "pw-123456!", full_name="Ada")


@pytest.fixture
def organisation():
    return Organisation.objects.create(
        name="Testföreningen",
        slug="testforeningen",
        type="civil_society",
        helix_sector="civil_society",
    )


def test_export_contains_own_data_only(client, person, django_user_model, organisation):
    other = django_user_model.objects.create_user("bo@example.se", "pw-123456!")
    Membership.objects.create(user=person, organisation=organisation, role=Role.ADMINISTRATOR)
    Notification.objects.create(recipient=person, title="Till Ada")
    Notification.objects.create(recipient=other, title="Till Bo")
    client.force_login(person)
    response = client.get(reverse("workspace:export_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "ada@example.se"
    assert [n["title"] for n in data["notifications"]] == ["Till Ada"]
    assert data["memberships"][0]["organisation"] == "Testföreningen"


def test_delete_refused_for_last_administrator(client, person, organisation):
    Membership.objects.create(user=person, organisation=organisation, role=Role.ADMINISTRATOR)
    client.force_login(person)
    response = client.post(reverse("workspace:delete_account"), {"confirm": "on"})
    assert response.status_code == 200
    assert "Testföreningen" in response.content.decode()
    assert type(person).objects.filter(pk=person.pk).exists()


def test_delete_needs_confirmation_then_deletes(client, person):
    client.force_login(person)
    assert client.post(reverse("workspace:delete_account"), {}).status_code == 200
    assert type(person).objects.filter(pk=person.pk).exists()
    response = client.post(reverse("workspace:delete_account"), {"confirm": "on"})
    assert response.status_code == 302
    assert not type(person).objects.filter(pk=person.pk).exists()


def test_delete_refused_for_someone_who_decided_at_a_gate(client, person):
    from samskapa.portfolio.models import GateDecision
    from samskapa.portfolio.tests.factories import InitiativeFactory

    initiative = InitiativeFactory()
    GateDecision.objects.create(
        initiative=initiative,
        decision="go",
        from_stage="idea",
        to_stage="prestudy",
        rationale="Svarar mot flera behov.",
        decided_by=person,
    )
    client.force_login(person)

    with translation.override("en"):
        response = client.post(reverse("workspace:delete_account"), {"confirm": "on"})

    assert response.status_code == 200
    assert "gate decisions" in response.content.decode()
    assert type(person).objects.filter(pk=person.pk).exists()


# What a person wrote and did in needs, ideas, assessment and the portfolio. Each app's part is
# checked through the downloaded file (the person's own items in, another person's out) and for
# a number of queries that does not grow with the number of items.


def download(client, user) -> tuple[dict, str]:
    client.force_login(user)
    response = client.get(reverse("workspace:export_data"))
    assert response.status_code == 200
    return json.loads(response.content), response.content.decode()


def queries_of(part, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        json.dumps(part(user=user))
    return len(queries)


def assert_constant_queries(part, user, add_items) -> None:
    add_items()
    once = queries_of(part, user)
    add_items()
    add_items()
    assert queries_of(part, user) == once


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("bo@example.se", "pw-123456!", full_name="Bo")


def add_need_items(person, other, project) -> None:
    """A need of the person's (waiting for approval) that the other supports and reports, and
    a need of the other's that the person supports and reports."""
    mine = NeedFactory(project=project, author=person, title="Mitt behov", awaiting_approval=True)
    theirs = NeedFactory(project=project, author=other, title="Bos behov", description="Bo skrev")
    NeedSupport.objects.create(need=theirs, user=person)
    NeedSupport.objects.create(need=mine, user=other)
    NeedReport.objects.create(need=theirs, reporter=person, reason="Min anmälan")
    NeedReport.objects.create(need=mine, reporter=other, reason="Bos anmälan")


def test_export_has_own_needs_supports_and_reports(client, person, other, naringen):
    add_need_items(person, other, naringen)
    mine = person.needs.get()

    data, text = download(client, person)

    assert [need["title"] for need in data["needs"]] == ["Mitt behov"]
    assert data["needs"][0]["awaiting_approval"] is True
    assert data["needs"][0]["project"] == "Näringen"
    assert data["needs"][0]["link"] == reverse("needs:detail", kwargs={"pk": mine.pk})
    assert [support["need"] for support in data["need_supports"]] == ["Bos behov"]
    assert [report["reason"] for report in data["need_reports"]] == ["Min anmälan"]
    assert "Bo skrev" not in text
    assert "Bos anmälan" not in text


def test_needs_export_queries_do_not_grow(person, other, naringen):
    assert_constant_queries(
        needs_workspace.personal_data, person, lambda: add_need_items(person, other, naringen)
    )


def add_idea_items(person, other, project) -> None:
    """An idea of the person's with a comment of the other's, and an idea of the other's that
    the person comments on, supports, follows and reports a comment of."""
    challenge = ChallengeFactory(project=project, title="Tryggare stråk")
    mine = IdeaFactory(author=person, challenge=challenge, title="Min idé", is_hidden=True)
    theirs = IdeaFactory(author=other, title="Bos idé", description="Bo beskrev")
    theirs.co_authors.add(person)
    CommentFactory(idea=mine, author=other, text="Bos kommentar")
    CommentFactory(idea=theirs, author=person, text="Min kommentar")
    their_comment = CommentFactory(idea=theirs, author=other, text="Bos andra kommentar")
    Support.objects.create(idea=theirs, user=person)
    Support.objects.create(idea=mine, user=other)
    Follow.objects.create(idea=theirs, user=person)
    Follow.objects.create(idea=mine, user=other)
    Report.objects.create(idea=theirs, comment=their_comment, reporter=person, reason="Min anm")
    Report.objects.create(idea=mine, reporter=other, reason="Bos anmälan")


def test_export_has_own_ideas_comments_supports_follows_and_reports(
    client, person, other, naringen
):
    add_idea_items(person, other, naringen)
    mine = Idea.objects.get(author=person)

    data, text = download(client, person)

    assert [idea["title"] for idea in data["ideas"]] == ["Min idé"]
    assert data["ideas"][0]["hidden"] is True
    assert data["ideas"][0]["challenge"] == "Tryggare stråk"
    assert data["ideas"][0]["link"] == reverse("ideas:idea_detail", kwargs={"pk": mine.pk})
    assert [idea["idea"] for idea in data["co_authored_ideas"]] == ["Bos idé"]
    assert [(c["idea"], c["text"]) for c in data["idea_comments"]] == [("Bos idé", "Min kommentar")]
    assert [support["idea"] for support in data["idea_supports"]] == ["Bos idé"]
    assert [follow["idea"] for follow in data["idea_follows"]] == ["Bos idé"]
    assert [(r["about"], r["reason"]) for r in data["idea_reports"]] == [("comment", "Min anm")]
    for written_by_bo in ("Bos kommentar", "Bos andra kommentar", "Bo beskrev", "Bos anmälan"):
        assert written_by_bo not in text


def test_ideas_export_queries_do_not_grow(person, other, naringen):
    assert_constant_queries(
        ideas_workspace.personal_data, person, lambda: add_idea_items(person, other, naringen)
    )


def add_assessment_items(person, other, project) -> None:
    """A submitted assessment, a draft and a conflict of interest of the person's, and the
    other assessor's scores of the same idea."""
    challenge = ChallengeFactory(project=project, title="Tryggare stråk")
    criterion_set = CriterionSet.objects.create(challenge=challenge)
    value = Criterion.objects.create(criterion_set=criterion_set, name="Värde för invånarna")
    scored, drafted, declined = IdeaFactory.create_batch(3, challenge=challenge)
    submitted = Assignment.objects.create(
        idea=scored, assessor=person, status=AssignmentStatus.SUBMITTED, submitted_at=now()
    )
    Score.objects.create(assignment=submitted, criterion=value, value=4, comment="Min motivering")
    Assignment.objects.create(
        idea=drafted, assessor=person, draft={str(value.pk): {"value": 2, "comment": "Utkast"}}
    )
    Assignment.objects.create(
        idea=declined,
        assessor=person,
        status=AssignmentStatus.EXCLUDED,
        conflict_reason="Idégivaren är min granne",
    )
    theirs = Assignment.objects.create(
        idea=scored, assessor=other, status=AssignmentStatus.SUBMITTED, submitted_at=now()
    )
    Score.objects.create(assignment=theirs, criterion=value, value=1, comment="Bos motivering")


def test_export_has_own_assessments_only(client, person, other, naringen):
    add_assessment_items(person, other, naringen)

    data, text = download(client, person)

    submitted, drafted, declined = data["assessments"]
    assert submitted["challenge"] == "Tryggare stråk"
    assert submitted["status"] == "submitted"
    assert submitted["scores"] == [
        {"criterion": "Värde för invånarna", "score": 4, "comment": "Min motivering"}
    ]
    assert drafted["draft"] == [
        {"criterion": "Värde för invånarna", "score": 2, "comment": "Utkast"}
    ]
    assert declined["conflict_of_interest"] == "Idégivaren är min granne"
    assert "Bos motivering" not in text


def test_assessment_export_queries_do_not_grow(person, other, naringen):
    assert_constant_queries(
        assessment_workspace.personal_data,
        person,
        lambda: add_assessment_items(person, other, naringen),
    )


def add_gate_decision(user, rationale: str) -> None:
    GateDecision.objects.create(
        initiative=InitiativeFactory(title=f"Initiativ av {user.full_name}"),
        decision="go",
        from_stage="idea",
        to_stage="prestudy",
        rationale=rationale,
        decided_by=user,
    )


def test_export_has_own_gate_decisions(client, person, other, reference_data):
    add_gate_decision(person, "Svarar mot flera behov.")
    add_gate_decision(other, "Bos skäl")

    data, text = download(client, person)

    [decision] = data["gate_decisions"]
    assert decision["initiative"] == "Initiativ av Ada"
    assert decision["rationale"] == "Svarar mot flera behov."
    assert decision["link"].startswith("/")
    assert "Bos skäl" not in text


def test_portfolio_export_queries_do_not_grow(person, reference_data):
    assert_constant_queries(
        portfolio_workspace.personal_data, person, lambda: add_gate_decision(person, "Skäl")
    )

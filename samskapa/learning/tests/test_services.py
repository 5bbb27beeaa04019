"""The rules of learning programmes, through the services and selectors."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samskapa.core.models import Notification, NotificationKind
from samskapa.core.predicates import forget_memberships
from samskapa.learning import services
from samskapa.learning.models import AssignmentReminder, PlanVersion
from samskapa.learning.selectors import (
    programme_progress,
    programmes_visible_to,
    submissions_visible_to,
)
from samskapa.learning.tasks import send_assignment_reminders
from samskapa.learning.tests.conftest import World
from samskapa.learning.tests.factories import AssignmentFactory, ProgrammeFactory, in_days
from samskapa.organisations.models import Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.projects.tests.factories import ProjectFactory
from samskapa.strategy.models import Strategy

pytestmark = pytest.mark.django_db


def _submit(world: World, user, **kwargs):  # type: ignore[no-untyped-def]
    return services.submission_submit(
        actor=user, assignment=world.assignment, text=kwargs.pop("text", "Svar"), **kwargs
    )


# --- Sessions -------------------------------------------------------------------------------


def test_a_session_after_the_programme_ends_is_refused(world: World) -> None:
    after = datetime.datetime.combine(
        world.programme.ends_on + datetime.timedelta(days=1), datetime.time(9)
    ).replace(tzinfo=timezone.get_current_timezone())
    with pytest.raises(ValidationError) as refused:
        services.session_create(
            actor=world.facilitator,
            programme=world.programme,
            title="För sent",
            starts_at=after,
            ends_at=after + datetime.timedelta(hours=2),
            place="Stadshuset",
        )
    assert "starts_at" in refused.value.message_dict
    assert "Programmet slutar" in refused.value.message_dict["starts_at"][0]
    assert not world.programme.sessions.exists()


def test_a_facilitator_plans_a_session_within_the_dates(world: World) -> None:
    session = services.session_create(
        actor=world.facilitator,
        programme=world.programme,
        title="Träff 2",
        starts_at=in_days(3, 9),
        ends_at=in_days(3, 12),
        online_url="https://mote.example/2",
    )
    assert session.programme == world.programme


def test_only_facilitators_plan_sessions(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=world.gavle_one,
            programme=world.programme,
            title="Egen träff",
            starts_at=in_days(3, 9),
            ends_at=in_days(3, 12),
            place="Hemma",
        )


# --- Submissions and late allowances --------------------------------------------------------


def test_a_participant_hands_in_and_changes_it_before_the_due_date(world: World) -> None:
    first = _submit(world, world.gavle_one, text="Första")
    again = _submit(world, world.gavle_one, text="Andra")
    assert first.pk == again.pk
    again.refresh_from_db()
    assert again.text == "Andra"
    # The facilitator was told once, at the first hand-in.
    assert Notification.objects.filter(recipient=world.facilitator).count() == 1


def test_after_a_closed_due_date_a_submission_is_refused_until_allowed(world: World) -> None:
    late = world.assignment.due_at + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        _submit(world, world.gavle_one, now=late)
    assert "Be en processledare" in refused.value.messages[0]
    assert not world.assignment.submissions.exists()

    with pytest.raises(PermissionDenied):  # a participant cannot allow themself
        services.late_allowance_grant(
            actor=world.gavle_one, assignment=world.assignment, user=world.gavle_one
        )
    services.late_allowance_grant(
        actor=world.facilitator, assignment=world.assignment, user=world.gavle_one
    )
    assert _submit(world, world.gavle_one, now=late).pk
    # The allowance is for that person only.
    with pytest.raises(ValidationError):
        _submit(world, world.kiruna_one, now=late)


def test_an_open_due_date_takes_late_submissions(world: World) -> None:
    world.assignment.closes_at_due = False
    world.assignment.save()
    late = world.assignment.due_at + datetime.timedelta(days=2)
    assert _submit(world, world.kiruna_one, now=late).pk


def test_outsiders_and_facilitators_do_not_hand_in(world: World) -> None:
    for user in (world.outsider, world.facilitator):
        with pytest.raises(PermissionDenied):
            _submit(world, user)


def test_a_wrong_type_of_file_is_refused_and_nothing_is_saved(world: World) -> None:
    program = SimpleUploadedFile("virus.exe", b"MZ\x90\x00binary", content_type="text/plain")
    with pytest.raises(ValidationError):
        _submit(world, world.gavle_one, files=[program])
    assert not world.assignment.submissions.exists()


def test_a_team_submission_answers_for_the_municipality(world: World) -> None:
    submission = _submit(world, world.gavle_one, for_team=True)
    assert submission.municipality == world.gavle.municipality
    visible = set(submissions_visible_to(user=world.gavle_two))
    assert submission in visible
    assert world.gavle_two.has_perm("learning.change_submission", submission)
    assert submission not in set(submissions_visible_to(user=world.kiruna_one))
    progress = programme_progress(programme=world.programme)
    handed = {row.member.user: row.submitted for row in progress.rows}
    assert handed == {world.gavle_one: 1, world.gavle_two: 1, world.kiruna_one: 0}


# --- Visibility and feedback -----------------------------------------------------------------


@pytest.mark.parametrize("peer_review", [False, True])
def test_who_sees_a_submission(world: World, peer_review: bool) -> None:
    world.assignment.peer_review = peer_review
    world.assignment.save()
    submission = _submit(world, world.gavle_one)
    expected = {
        world.gavle_one: True,
        world.facilitator: True,
        world.gavle_two: peer_review,
        world.kiruna_one: peer_review,
        world.outsider: False,
    }
    for user, sees in expected.items():
        assert user.has_perm("learning.view_submission", submission) is sees, user
        listed = submissions_visible_to(user=user).filter(pk=submission.pk).exists()
        assert listed is sees, user


def test_feedback_from_facilitators_and_with_peer_review_from_peers(world: World) -> None:
    submission = _submit(world, world.gavle_one)
    with pytest.raises(PermissionDenied):
        services.feedback_give(actor=world.kiruna_one, submission=submission, text="Bra")
    feedback = services.feedback_give(
        actor=world.facilitator, submission=submission, text="Tydligt"
    )
    assert feedback.from_facilitator
    assert Notification.objects.filter(
        recipient=world.gavle_one, kind=NotificationKind.LEARNING
    ).exists()

    world.assignment.peer_review = True
    world.assignment.save()
    submission.refresh_from_db()
    peer = services.feedback_give(actor=world.kiruna_one, submission=submission, text="Snyggt")
    assert not peer.from_facilitator
    with pytest.raises(PermissionDenied):  # not on one's own
        services.feedback_give(actor=world.gavle_one, submission=submission, text="Jag är bäst")
    with pytest.raises(PermissionDenied):
        services.feedback_give(actor=world.outsider, submission=submission, text="Hej")


def test_the_public_sees_published_programmes_and_members_their_drafts(world: World) -> None:
    draft = ProgrammeFactory(status="draft")
    assert world.programme in programmes_visible_to(user=world.outsider)
    assert draft not in programmes_visible_to(user=world.outsider)
    assert not world.outsider.has_perm("learning.see_inside", world.programme)
    assert world.kiruna_one.has_perm("learning.see_inside", world.programme)


# --- Progress --------------------------------------------------------------------------------


def test_progress_takes_three_queries_whatever_the_size(
    world: World, django_assert_num_queries: pytest.FixtureDef
) -> None:
    second = AssignmentFactory(programme=world.programme, due_at=in_days(20))
    _submit(world, world.gavle_one)
    services.submission_submit(actor=world.kiruna_one, assignment=second, text="Svar")
    submission = _submit(world, world.kiruna_one)
    services.feedback_give(actor=world.facilitator, submission=submission, text="Bra")
    with django_assert_num_queries(3):
        progress = programme_progress(programme=world.programme)
    kiruna = next(row for row in progress.rows if row.member.user == world.kiruna_one)
    assert kiruna.submitted == 2
    assert [cell.feedback_count for cell in kiruna.cells] == [1, 0]
    by_name = {row.name: row for row in progress.municipalities}
    assert by_name["Gävle"].submitted == 1 and by_name["Gävle"].expected == 4
    assert by_name["Kiruna"].feedback == 1


# --- Plans -----------------------------------------------------------------------------------


def _plan_content() -> dict:  # type: ignore[type-arg]
    return {
        "aim": "Innovation i varje etapp",
        "focus_areas": [
            {
                "title": "Hållbara resor",
                "description": "Gå och cykla",
                "goals": ["Mobilitetspool", ""],
            },
            {"title": "", "description": "", "goals": []},
        ],
        "next_steps": [
            {"action": "Förankra i nämnden", "owner": "Projektledaren", "due_on": "2027-02-15"},
            {"action": "", "owner": "", "due_on": ""},
        ],
    }


def test_a_plan_is_versioned_and_edited_only_by_its_municipality(world: World) -> None:
    plan = services.plan_create(actor=world.gavle_one, programme=world.programme)
    assert plan.municipality == world.gavle.municipality
    assert services.plan_create(actor=world.gavle_two, programme=world.programme) == plan
    services.plan_save(
        actor=world.gavle_one, plan=plan, title="Gävles plan", content=_plan_content()
    )
    changed = _plan_content()
    changed["aim"] = "Ännu bättre"
    services.plan_save(
        actor=world.gavle_two, plan=plan, title="Gävles plan", content=changed, note="Mål"
    )
    plan.refresh_from_db()
    assert plan.version == 2
    assert plan.content["aim"] == "Ännu bättre"
    assert plan.content["focus_areas"] == [
        {"title": "Hållbara resor", "description": "Gå och cykla", "goals": ["Mobilitetspool"]}
    ]
    first = PlanVersion.objects.get(plan=plan, number=1)
    assert first.content["aim"] == "Innovation i varje etapp"
    for user in (world.kiruna_one, world.facilitator, world.outsider):
        with pytest.raises(PermissionDenied):
            services.plan_save(actor=user, plan=plan, title="Kapad", content={})


def test_a_plan_with_a_bad_date_is_refused(world: World) -> None:
    plan = services.plan_create(actor=world.gavle_one, programme=world.programme)
    content = _plan_content()
    content["next_steps"][0]["due_on"] = "snart"
    with pytest.raises(ValidationError):
        services.plan_save(actor=world.gavle_one, plan=plan, title="Plan", content=content)


def test_the_plan_is_carried_into_the_strategy_of_a_project_the_user_leads(
    world: World, naringen: object
) -> None:
    plan = services.plan_create(actor=world.gavle_one, programme=world.programme)
    services.plan_save(
        actor=world.gavle_one, plan=plan, title="Gävles plan", content=_plan_content()
    )
    # Not a leader of any Gävle project yet.
    with pytest.raises(ValidationError):
        services.plan_carry_into_strategy(actor=world.gavle_one, plan=plan, project=naringen)  # type: ignore[arg-type]
    # A project of another municipality is refused even for its leader.
    for organisation in (world.gavle, world.kiruna):
        MembershipFactory(user=world.gavle_one, organisation=organisation, role=Role.PROJECT_LEADER)
    forget_memberships(world.gavle_one)
    elsewhere = ProjectFactory(organisation=world.kiruna)
    with pytest.raises(ValidationError):
        services.plan_carry_into_strategy(actor=world.gavle_one, plan=plan, project=elsewhere)
    strategy = services.plan_carry_into_strategy(actor=world.gavle_one, plan=plan, project=naringen)  # type: ignore[arg-type]
    assert Strategy.objects.get(project=naringen) == strategy
    areas = {
        area.title: [goal.title for goal in area.goals.all()] for area in strategy.focus_areas.all()
    }
    assert areas["Hållbara resor"] == ["Mobilitetspool"]
    step_area = next(
        title for title in areas if title.startswith("Next steps") or title.startswith("Nästa")
    )
    goal = strategy.focus_areas.get(title=step_area).goals.get()
    assert (goal.title, goal.owner, goal.due_on) == (
        "Förankra i nämnden",
        "Projektledaren",
        datetime.date(2027, 2, 15),
    )


# --- Reminders -------------------------------------------------------------------------------


def test_reminders_go_once_to_those_who_have_not_handed_in(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.assignment.due_at = timezone.now() + datetime.timedelta(days=2)
    world.assignment.save()
    far = AssignmentFactory(programme=world.programme, due_at=in_days(30))
    _submit(world, world.gavle_one, for_team=True)  # answers for Gävle's whole team
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_assignment_reminders() == 1
    reminded = set(AssignmentReminder.objects.values_list("user", "assignment"))
    assert reminded == {(world.kiruna_one.pk, world.assignment.pk)}
    assert (world.kiruna_one.pk, far.pk) not in reminded
    notification = Notification.objects.get(recipient=world.kiruna_one)
    assert notification.kind == NotificationKind.LEARNING
    assert world.assignment.title in notification.title
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.kiruna_one.email]
    body = mail.outbox[0].body
    assert "http" in body  # the site's address, and the link to turn these e-mails off
    # A second run sends nothing again.
    assert send_assignment_reminders() == 0
    assert len(mail.outbox) == 1

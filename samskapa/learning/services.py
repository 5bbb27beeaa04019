"""Writes of learning programmes: the programme and its members, sessions, assignments,
submissions, late allowances, feedback, plans, carrying a plan into a strategy, reminders.

Every write checks its rule with ``require``, runs in a transaction, validates with
``full_clean`` and records the actor in the change history; notifications go out after commit
through ``core.services.notification_send``.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import DOCUMENT, IMAGE, NotificationKind
from samskapa.core.predicates import is_superuser, organisation_ids
from samskapa.core.services import notification_send
from samskapa.core.slugs import unique_slug
from samskapa.core.uploads import upload_store
from samskapa.core.writes import UNSET, set_fields
from samskapa.learning.models import (
    Assignment,
    AssignmentReminder,
    Feedback,
    LateAllowance,
    LearningProgramme,
    Member,
    MemberRole,
    Plan,
    PlanVersion,
    ProgrammeStatus,
    Session,
    Submission,
)
from samskapa.learning.rules import (
    ORGANISER_ROLES,
    PARTICIPANT,
    forget_programme_roles,
    municipality_in,
    role_in,
)
from samskapa.learning.selectors import may_submit_now, plan_projects
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project
from samskapa.strategy import services as strategy_services
from samskapa.strategy.models import Strategy

MANAGE = "learning.manage_programme"
FILE_KINDS = frozenset({DOCUMENT, IMAGE})
# Enough for one answer; more belongs in a shared folder the text links to.
MAX_SUBMISSION_FILES = 5
# Participants who have not handed in are reminded this many days before the due date.
REMINDER_DAYS_BEFORE = 3


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


# --- Programmes and members --------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    actor: User,
    organiser: Organisation,
    title: str,
    description: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    status: str = ProgrammeStatus.DRAFT,
) -> LearningProgramme:
    """Start a programme for an organisation where the actor is a facilitator, project leader
    or administrator; the actor becomes its first facilitator."""
    require(actor, "learning.add_programme")
    if not is_superuser(actor) and organiser.pk not in organisation_ids(actor, ORGANISER_ROLES):
        raise ValidationError(
            {"organiser": _("Choose an organisation where you facilitate or lead the work.")}
        )
    programme = LearningProgramme(
        organiser=organiser,
        title=title,
        slug=unique_slug(LearningProgramme, title),
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        created_by=actor,
    )
    save_with_history(programme, actor=actor)
    member = Member(
        programme=programme,
        user=actor,
        role=MemberRole.FACILITATOR,
        organisation=organiser,
        municipality=organiser.municipality,
    )
    save_with_history(member, actor=actor)
    forget_programme_roles(actor)
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: User,
    programme: LearningProgramme,
    title: str = UNSET,
    description: str = UNSET,
    starts_on: datetime.date = UNSET,
    ends_on: datetime.date = UNSET,
    status: str = UNSET,
) -> LearningProgramme:
    require(actor, MANAGE, programme)
    set_fields(
        programme,
        title=title,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )
    outside = programme.sessions.filter(
        Q(starts_at__date__gt=programme.ends_on) | Q(starts_at__date__lt=programme.starts_on)
    )
    if outside.exists():
        raise ValidationError(
            {"ends_on": _("Some sessions fall outside these dates; move them first.")}
        )
    save_with_history(programme, actor=actor)
    return programme


@transaction.atomic
def member_add(
    *,
    actor: User,
    programme: LearningProgramme,
    user: User,
    role: str,
    organisation: Organisation,
) -> Member:
    """Add a facilitator or a participant, for the organisation (and its municipality) they
    come from."""
    require(actor, MANAGE, programme)
    if Member.objects.filter(programme=programme, user=user).exists():
        raise ValidationError({"email": _("This person is already in the programme.")})
    member = Member(
        programme=programme,
        user=user,
        role=role,
        organisation=organisation,
        municipality=organisation.municipality,
    )
    save_with_history(member, actor=actor)
    forget_programme_roles(user)
    notification_send(
        recipients=[user],
        title=lambda: _("You are in the learning programme %(title)s") % {"title": programme.title},
        url=programme.get_absolute_url(),
        kind=NotificationKind.LEARNING,
    )
    return member


@transaction.atomic
def member_remove(*, actor: User, member: Member) -> None:
    require(actor, MANAGE, member.programme)
    if (
        member.role == MemberRole.FACILITATOR
        and not member.programme.members.filter(role=MemberRole.FACILITATOR)
        .exclude(pk=member.pk)
        .exists()
    ):
        raise ValidationError(_("A programme needs at least one facilitator."))
    member._history_user = actor  # type: ignore[attr-defined]
    member.delete()
    forget_programme_roles(member.user)


# --- Sessions ----------------------------------------------------------------------------------


def _check_session_dates(programme: LearningProgramme, starts_at: Any, ends_at: Any) -> None:
    if not isinstance(starts_at, datetime.datetime) or not isinstance(ends_at, datetime.datetime):
        return  # the form or full_clean says what is missing
    day = _local_date(starts_at)
    when = formats.date_format(programme.ends_on, "j F Y")
    if day > programme.ends_on:
        raise ValidationError(
            {
                "starts_at": _(
                    "The programme ends on %(date)s; a session cannot be after that. "
                    "Change the programme's end date first if it goes on longer."
                )
                % {"date": when}
            }
        )
    if day < programme.starts_on:
        raise ValidationError(
            {
                "starts_at": _("The programme starts on %(date)s; a session cannot be before it.")
                % {"date": formats.date_format(programme.starts_on, "j F Y")}
            }
        )
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("A session cannot end before it starts.")})


@transaction.atomic
def session_create(
    *,
    actor: User,
    programme: LearningProgramme,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
    agenda: str = "",
) -> Session:
    """Plan a session within the programme's dates, on site or online."""
    require(actor, MANAGE, programme)
    _check_session_dates(programme, starts_at, ends_at)
    if not place and not online_url:
        raise ValidationError({"place": _("Give a place or a link to the online meeting.")})
    session = Session(
        programme=programme,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        agenda=agenda,
    )
    save_with_history(session, actor=actor)
    return session


@transaction.atomic
def session_update(
    *,
    actor: User,
    session: Session,
    title: str = UNSET,
    starts_at: datetime.datetime = UNSET,
    ends_at: datetime.datetime = UNSET,
    place: str = UNSET,
    online_url: str = UNSET,
    agenda: str = UNSET,
) -> Session:
    require(actor, MANAGE, session.programme)
    set_fields(
        session,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        agenda=agenda,
    )
    _check_session_dates(session.programme, session.starts_at, session.ends_at)
    if not session.place and not session.online_url:
        raise ValidationError({"place": _("Give a place or a link to the online meeting.")})
    save_with_history(session, actor=actor)
    return session


# --- Assignments -------------------------------------------------------------------------------


def _check_session(programme: LearningProgramme, session: Session | None) -> None:
    if session is not None and session.programme_id != programme.pk:
        raise ValidationError({"session": _("Choose a session of this programme.")})


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    programme: LearningProgramme,
    title: str,
    instructions: str,
    due_at: datetime.datetime,
    session: Session | None = None,
    closes_at_due: bool = True,
    peer_review: bool = False,
    template: UploadedFile | None = None,
) -> Assignment:
    """Give the participants an assignment, optionally with a template to start from."""
    require(actor, MANAGE, programme)
    _check_session(programme, session)
    assignment = Assignment(
        programme=programme,
        session=session,
        title=title,
        instructions=instructions,
        due_at=due_at,
        closes_at_due=closes_at_due,
        peer_review=peer_review,
    )
    if template is not None:
        assignment.template = upload_store(actor=actor, file=template, kinds={DOCUMENT})
    save_with_history(assignment, actor=actor)
    return assignment


@transaction.atomic
def assignment_update(
    *,
    actor: User,
    assignment: Assignment,
    title: str = UNSET,
    instructions: str = UNSET,
    due_at: datetime.datetime = UNSET,
    session: Session | None = UNSET,
    closes_at_due: bool = UNSET,
    peer_review: bool = UNSET,
    template: UploadedFile | None = None,
) -> Assignment:
    require(actor, MANAGE, assignment.programme)
    if session is not UNSET:
        _check_session(assignment.programme, session)
    set_fields(
        assignment,
        title=title,
        instructions=instructions,
        due_at=due_at,
        session=session,
        closes_at_due=closes_at_due,
        peer_review=peer_review,
    )
    if template is not None:
        assignment.template = upload_store(actor=actor, file=template, kinds={DOCUMENT})
    save_with_history(assignment, actor=actor)
    return assignment


@transaction.atomic
def late_allowance_grant(*, actor: User, assignment: Assignment, user: User) -> LateAllowance:
    """Let one participant hand in after the assignment's closed due date."""
    require(actor, MANAGE, assignment.programme)
    if role_in(user, assignment.programme_id) != PARTICIPANT:
        raise ValidationError(_("Only participants of the programme hand in assignments."))
    allowance, created = LateAllowance.objects.get_or_create(
        assignment=assignment, user=user, defaults={"granted_by": actor}
    )
    if created:
        notification_send(
            recipients=[user],
            title=lambda: _("You may still hand in %(title)s") % {"title": assignment.title},
            url=assignment.get_absolute_url(),
            kind=NotificationKind.LEARNING,
        )
    return allowance


# --- Submissions and feedback -----------------------------------------------------------------


def _store_files(actor: User, files: Iterable[UploadedFile], already: int) -> list[Any]:
    files = [file for file in files if file]
    if already + len(files) > MAX_SUBMISSION_FILES:
        raise ValidationError(
            {
                "files": _("At most %(count)d files per submission.")
                % {"count": MAX_SUBMISSION_FILES}
            }
        )
    return [upload_store(actor=actor, file=file, kinds={DOCUMENT}) for file in files]


@transaction.atomic
def submission_submit(
    *,
    actor: User,
    assignment: Assignment,
    text: str,
    files: Iterable[UploadedFile] = (),
    for_team: bool = False,
    now: datetime.datetime | None = None,
) -> Submission:
    """Hand in an assignment, or change what was handed in, as long as the due date allows.

    After a closed due date only a person whom a facilitator has allowed may hand in. A team
    submission answers for the actor's whole municipality in the programme.
    """
    require(actor, "learning.submit_assignment", assignment)
    now = now or timezone.now()
    if not may_submit_now(user=actor, assignment=assignment, now=now):
        raise ValidationError(
            _(
                "The due date %(date)s has passed and this assignment is closed. Ask a "
                "facilitator to allow a late submission; your text is still here."
            )
            % {"date": formats.date_format(timezone.localtime(assignment.due_at), "j F Y H:i")},
            code="closed",
        )
    municipality_id = municipality_in(actor, assignment.programme_id)
    if for_team and municipality_id is None:
        raise ValidationError(
            {"for_team": _("You take part for no municipality, so you hand in for yourself.")}
        )
    existing = (
        Submission.objects.select_for_update()
        .filter(
            Q(for_team=True, municipality_id=municipality_id)
            if for_team
            else Q(for_team=False, author=actor),
            assignment=assignment,
        )
        .first()
    )
    submission = existing or Submission(
        assignment=assignment,
        author=actor,
        for_team=for_team,
        municipality_id=municipality_id,
        submitted_at=now,
    )
    if existing is not None:
        require(actor, "learning.change_submission", existing)
    submission.text = text
    try:
        with transaction.atomic():
            save_with_history(submission, actor=actor)
    except IntegrityError as error:  # a second tab handed in at the same moment
        raise ValidationError(
            _("This assignment was just handed in; open it to change it.")
        ) from error
    stored = _store_files(actor, files, submission.attachments.count() if existing else 0)
    submission.attachments.add(*stored)
    if existing is None:
        facilitators = User.objects.filter(
            learning_memberships__programme_id=assignment.programme_id,
            learning_memberships__role=MemberRole.FACILITATOR,
        )
        notification_send(
            recipients=facilitators,
            title=lambda: (
                _("%(name)s handed in %(title)s")
                % {"name": actor.full_name or actor.email, "title": assignment.title}
            ),
            url=submission.get_absolute_url(),
            kind=NotificationKind.LEARNING,
        )
    return submission


@transaction.atomic
def feedback_give(*, actor: User, submission: Submission, text: str) -> Feedback:
    """Respond to a submission: its programme's facilitators, and fellow participants where the
    assignment says peer review."""
    require(actor, "learning.give_feedback", submission)
    feedback = Feedback(
        submission=submission,
        author=actor,
        text=text,
        from_facilitator=role_in(actor, submission.assignment.programme_id) != PARTICIPANT,
    )
    save_with_history(feedback, actor=actor)
    notification_send(
        recipients=[submission.author],
        title=lambda: _("Feedback on %(title)s") % {"title": submission.assignment.title},
        url=submission.get_absolute_url(),
        kind=NotificationKind.LEARNING,
    )
    return feedback


# --- Plans -------------------------------------------------------------------------------------


def _text(value: Any, limit: int) -> str:
    return str(value or "").replace("\0", "").strip()[:limit]


def plan_content(raw: dict[str, Any]) -> dict[str, Any]:
    """The plan's content in its one shape, empty rows dropped; a bad date is refused."""
    focus_areas = []
    for area in raw.get("focus_areas") or []:
        title = _text(area.get("title"), 200)
        goals = [_text(goal, 300) for goal in area.get("goals") or [] if _text(goal, 300)]
        if title:
            focus_areas.append(
                {
                    "title": title,
                    "description": _text(area.get("description"), 5000),
                    "goals": goals,
                }
            )
        elif goals:
            raise ValidationError({"focus_areas": _("Give each focus area with goals a title.")})
    next_steps = []
    for step in raw.get("next_steps") or []:
        action = _text(step.get("action"), 300)
        if not action:
            continue
        due = step.get("due_on") or ""
        if isinstance(due, datetime.date):
            due = due.isoformat()
        if due:
            try:
                datetime.date.fromisoformat(str(due))
            except ValueError as error:
                raise ValidationError({"next_steps": _("Write dates as YYYY-MM-DD.")}) from error
        next_steps.append(
            {"action": action, "owner": _text(step.get("owner"), 200), "due_on": str(due)}
        )
    return {
        "aim": _text(raw.get("aim"), 5000),
        "focus_areas": focus_areas,
        "next_steps": next_steps,
    }


@transaction.atomic
def plan_create(*, actor: User, programme: LearningProgramme) -> Plan:
    """Start the plan of the actor's municipality in the programme (or return it if it exists)."""
    require(actor, "learning.add_plan", programme)
    municipality_id = municipality_in(actor, programme.pk)
    if municipality_id is None:
        raise ValidationError(_("Only participants from a municipality write its plan."))
    existing = Plan.objects.filter(programme=programme, municipality_id=municipality_id).first()
    if existing is not None:
        return existing
    member = Member.objects.select_related("municipality").get(programme=programme, user=actor)
    assert member.municipality is not None
    plan = Plan(
        programme=programme,
        municipality=member.municipality,
        title=_("Plan for innovation work in %(municipality)s")
        % {"municipality": member.municipality.name},
        content=plan_content({}),
        version=0,
        updated_by=actor,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_save(
    *, actor: User, plan: Plan, title: str, content: dict[str, Any], note: str = ""
) -> PlanVersion:
    """Save the plan as its next version; earlier versions stay readable."""
    require(actor, "learning.change_plan", plan)
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    clean = plan_content(content)
    last = locked.versions.aggregate(last=Max("number"))["last"] or 0
    locked.title = title
    locked.content = clean
    locked.version = last + 1
    locked.updated_by = actor
    locked.full_clean()
    locked.save()
    version = PlanVersion(
        plan=locked, number=last + 1, title=title, content=clean, note=note, created_by=actor
    )
    version.full_clean()
    version.save()
    plan.title, plan.content, plan.version = locked.title, locked.content, locked.version
    return version


@transaction.atomic
def plan_carry_into_strategy(*, actor: User, plan: Plan, project: Project) -> Strategy:
    """Copy the plan's focus areas and goals into the innovation strategy of ``project``.

    The project must be in the plan's municipality and led by the actor; it gets a strategy if
    it has none. Next steps become goals of a focus area of their own, with owner and date.
    """
    require(actor, "learning.view_plan", plan)
    if not plan_projects(user=actor, plan=plan).filter(pk=project.pk).exists():
        raise ValidationError(
            {
                "project": _("Choose a project of %(municipality)s that you lead.")
                % {"municipality": plan.municipality.name}
            }
        )
    strategy = Strategy.objects.filter(project=project).first()
    if strategy is None:
        strategy = strategy_services.strategy_create(
            actor=actor, project=project, title=plan.title, vision=plan.content.get("aim", "")
        )
    for area in plan.content.get("focus_areas", []):
        focus_area = strategy_services.focus_area_add(
            actor=actor,
            strategy=strategy,
            title=area["title"],
            description=area.get("description", ""),
        )
        for goal in area.get("goals", []):
            strategy_services.goal_add(actor=actor, focus_area=focus_area, title=goal)
    steps = plan.content.get("next_steps", [])
    if steps:
        focus_area = strategy_services.focus_area_add(
            actor=actor,
            strategy=strategy,
            title=_("Next steps from %(programme)s") % {"programme": plan.programme.title},
        )
        for step in steps:
            strategy_services.goal_add(
                actor=actor,
                focus_area=focus_area,
                title=step["action"],
                owner=step.get("owner", ""),
                due_on=datetime.date.fromisoformat(step["due_on"]) if step.get("due_on") else None,
            )
    return strategy


# --- Reminders ---------------------------------------------------------------------------------


def reminders_send(
    *, now: datetime.datetime | None = None, days_before: int = REMINDER_DAYS_BEFORE
) -> int:
    """Remind each participant who has not handed in an assignment due within ``days_before``
    days, once per assignment and person. Returns how many were reminded."""
    now = now or timezone.now()
    assignments = Assignment.objects.filter(
        due_at__gt=now,
        due_at__lte=now + datetime.timedelta(days=days_before),
        programme__status=ProgrammeStatus.PUBLISHED,
    ).select_related("programme")
    sent = 0
    for assignment in assignments:
        handed_in = Submission.objects.filter(assignment=assignment).filter(
            Q(author_id=OuterRef("user_id"), for_team=False)
            | Q(for_team=True, municipality_id=OuterRef("municipality_id"))
        )
        reminded = AssignmentReminder.objects.filter(
            assignment=assignment, user_id=OuterRef("user_id")
        )
        waiting = (
            Member.objects.filter(programme_id=assignment.programme_id, role=MemberRole.PARTICIPANT)
            .filter(~Exists(handed_in), ~Exists(reminded))
            .select_related("user")
        )
        for member in waiting:
            with transaction.atomic():
                _reminder, created = AssignmentReminder.objects.get_or_create(
                    assignment=assignment, user=member.user
                )
                if not created:
                    continue  # another run reminded them a moment ago
                _remind(assignment, member.user)
                sent += 1
    return sent


def _remind(assignment: Assignment, user: User) -> None:
    due = timezone.localtime(assignment.due_at)
    notification_send(
        recipients=[user],
        title=lambda: (
            _("Reminder: %(title)s is due %(date)s")
            % {"title": assignment.title, "date": formats.date_format(due, "j F H:i")}
        ),
        body=lambda: (
            _("You have not handed in this assignment of %(programme)s yet.")
            % {"programme": assignment.programme.title}
        ),
        url=reverse(
            "learning:assignment", kwargs={"slug": assignment.programme.slug, "pk": assignment.pk}
        ),
        kind=NotificationKind.LEARNING,
    )

"""Writes of the methods toolbox: methods and their versions, material files, curation,
adaptations, reports and lab workshops.

Every write checks its rule (``methods/rules.py``), runs in a transaction and records the acting
user in the history. An edit of a method writes a new ``MethodVersion``; older ones stay.

Material files are part of a method's content: adding or removing one writes a new version,
and every version keeps the list of files it had. A new version therefore keeps the files of
the one before unless the edit added or removed one, and a removed file is not deleted, so that
the older versions that had it can still be downloaded.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import (
    DOCUMENT,
    IMAGE,
    StakeholderGroup,
    SustainabilityDimension,
    Upload,
)
from samskapa.core.predicates import may_act_for_organisation
from samskapa.core.services import notification_send
from samskapa.core.slugs import unique_slug
from samskapa.core.uploads import upload_store
from samskapa.geo.models import Municipality
from samskapa.methods.models import (
    Adaptation,
    ExperienceReport,
    Lab,
    LabParticipant,
    Method,
    MethodStatus,
    MethodStep,
    MethodVersion,
    Rating,
    RatingAspect,
)
from samskapa.methods.rules import FACILITATOR_ROLES
from samskapa.methods.selectors import may_curate, method_rating_average, methods_visible_to
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation
from samskapa.sdg.models import Target

# The most steps a method may have: a method is a way of working, not a project plan.
MAX_STEPS = 30
# Material files: templates, checklists, maps and pictures of how it looked.
MATERIAL_KINDS = frozenset({DOCUMENT, IMAGE})
MAX_MATERIAL_FILES = 15
# Addresses under /metoder/ that are not methods.
RESERVED_SLUGS = frozenset({"labbverkstader", "erfarenheter", "ny", "forslag"})


@dataclass(frozen=True)
class StepInput:
    """One step as the form or the API gives it."""

    title: str
    minutes: int
    description: str = ""


def method_snapshot(method: Method) -> dict[str, Any]:
    """What a version keeps of a method: its texts, choices and steps, as readable values."""
    return {
        "title": method.title,
        "summary": method.summary,
        "purpose": method.purpose,
        "phase": str(method.get_phase_display()),
        "roles": method.roles,
        "materials": method.materials,
        "material_files": sorted(upload.original_name for upload in method.material_files.all()),
        "licence": str(method.get_licence_display()),
        "authors": method.authors,
        "target_groups": [str(group) for group in method.target_groups.order_by("position")],
        "dimensions": [str(dimension) for dimension in method.dimensions.order_by("position")],
        "sdg_targets": sorted(target.code for target in method.sdg_targets.all()),
        "steps": [
            {"title": step.title, "minutes": step.minutes, "description": step.description}
            for step in method.steps.order_by("position")
        ],
    }


def _check_steps(steps: Sequence[StepInput]) -> list[StepInput]:
    steps = [step for step in steps if step.title.strip()]
    if not steps:
        raise ValidationError({"steps": _("Describe at least one step.")})
    if len(steps) > MAX_STEPS:
        raise ValidationError(
            {"steps": _("A method can have at most %(count)d steps.") % {"count": MAX_STEPS}}
        )
    return steps


def _write_steps(method: Method, steps: Sequence[StepInput]) -> None:
    method.steps.all().delete()
    rows = [
        MethodStep(
            method=method,
            position=position,
            title=step.title.strip(),
            description=step.description,
            minutes=step.minutes,
        )
        for position, step in enumerate(steps, start=1)
    ]
    for row in rows:
        row.full_clean(exclude=["method"])
    MethodStep.objects.bulk_create(rows)


def _write_version(method: Method, *, actor: User, change_note: str) -> MethodVersion:
    version = MethodVersion(
        method=method,
        number=method.version,
        content=method_snapshot(method),
        change_note=change_note,
        created_by=actor,
    )
    version.full_clean()
    version.save()
    version.material_files.set(method.material_files.all())
    return version


def _set_relations(
    method: Method,
    *,
    target_groups: Iterable[StakeholderGroup] | None,
    dimensions: Iterable[SustainabilityDimension] | None,
    sdg_targets: Iterable[Target] | None,
) -> None:
    if target_groups is not None:
        method.target_groups.set(list(target_groups))
    if dimensions is not None:
        method.dimensions.set(list(dimensions))
    if sdg_targets is not None:
        method.sdg_targets.set(list(sdg_targets))


@transaction.atomic
def method_create(
    *,
    actor: User,
    title: str,
    summary: str,
    purpose: str,
    phase: str,
    steps: Sequence[StepInput],
    roles: str = "",
    materials: str = "",
    licence: str = "cc-by-4.0",
    authors: str = "",
    target_groups: Iterable[StakeholderGroup] = (),
    dimensions: Iterable[SustainabilityDimension] = (),
    sdg_targets: Iterable[Target] = (),
) -> Method:
    """Add a method to the toolbox: published at once by a facilitator, proposed by anyone else.

    A proposal waits for a facilitator's review (``method_publish`` or ``method_decline``).
    """
    require(actor, "methods.propose_method")
    steps = _check_steps(steps)
    curator = may_curate(actor)
    method = Method(
        title=title,
        summary=summary,
        purpose=purpose,
        phase=phase,
        roles=roles,
        materials=materials,
        licence=licence,
        authors=authors,
        total_minutes=sum(step.minutes for step in steps),
        status=MethodStatus.PUBLISHED if curator else MethodStatus.PROPOSED,
        proposed_by=actor,
    )
    method.slug = unique_slug(Method, title or "")
    if method.slug in RESERVED_SLUGS:
        method.slug = unique_slug(Method, f"{method.slug} metod")
    save_with_history(method, actor=actor)
    _write_steps(method, steps)
    _set_relations(
        method, target_groups=target_groups, dimensions=dimensions, sdg_targets=sdg_targets
    )
    _write_version(method, actor=actor, change_note=_("First version"))
    if not curator:
        facilitators = User.objects.filter(
            is_active=True, memberships__role="facilitator"
        ).distinct()
        notification_send(
            recipients=facilitators,
            title=lambda: _("A method was proposed: %(title)s") % {"title": method.title},
            url=method.get_absolute_url(),
        )
    return method


@transaction.atomic
def method_update(
    *,
    actor: User,
    method: Method,
    title: str,
    summary: str,
    purpose: str,
    phase: str,
    steps: Sequence[StepInput],
    change_note: str = "",
    roles: str = "",
    materials: str = "",
    licence: str = "cc-by-4.0",
    authors: str = "",
    target_groups: Iterable[StakeholderGroup] | None = None,
    dimensions: Iterable[SustainabilityDimension] | None = None,
    sdg_targets: Iterable[Target] | None = None,
) -> Method:
    """Save an edit of ``method`` as its next version; the older versions stay readable.

    An edit that changes nothing writes no version.
    """
    method = Method.objects.select_for_update().get(pk=method.pk)
    require(actor, "methods.change_method", method)
    if method.status == MethodStatus.MERGED:
        raise ValidationError(_("A merged method is not edited; edit the one it was merged into."))
    steps = _check_steps(steps)
    before = method_snapshot(method)
    method.title, method.summary, method.purpose, method.phase = title, summary, purpose, phase
    method.roles, method.materials, method.licence, method.authors = (
        roles,
        materials,
        licence,
        authors,
    )
    method.total_minutes = sum(step.minutes for step in steps)
    method.full_clean()
    _write_steps(method, steps)
    _set_relations(
        method, target_groups=target_groups, dimensions=dimensions, sdg_targets=sdg_targets
    )
    if method_snapshot(method) == before:
        return method
    method.version += 1
    save_with_history(method, actor=actor, reason=change_note)
    _write_version(method, actor=actor, change_note=change_note)
    return method


# --- Material files ----------------------------------------------------------------------------


def _editable(actor: User, method: Method) -> Method:
    method = Method.objects.select_for_update().get(pk=method.pk)
    require(actor, "methods.change_method", method)
    if method.status == MethodStatus.MERGED:
        raise ValidationError(_("A merged method is not edited; edit the one it was merged into."))
    return method


def _next_version(method: Method, *, actor: User, change_note: str) -> MethodVersion:
    method.version += 1
    save_with_history(method, actor=actor, reason=change_note)
    return _write_version(method, actor=actor, change_note=change_note)


@transaction.atomic
def method_material_add(
    *, actor: User, method: Method, file: Any, alt_text: str = "", change_note: str = ""
) -> Upload:
    """Add a material file (checked by ``core.uploads``) to ``method`` as its next version."""
    method = _editable(actor, method)
    if method.material_files.count() >= MAX_MATERIAL_FILES:
        raise ValidationError(
            {
                "file": _("A method can have at most %(count)d material files.")
                % {"count": MAX_MATERIAL_FILES}
            }
        )
    upload = upload_store(actor=actor, file=file, kinds=MATERIAL_KINDS, alt_text=alt_text)
    method.material_files.add(upload)
    _next_version(
        method,
        actor=actor,
        change_note=change_note.strip()
        or _("Added the material file %(name)s") % {"name": upload.original_name},
    )
    return upload


@transaction.atomic
def method_material_remove(*, actor: User, method: Method, upload: Upload) -> Method:
    """Take a material file out of ``method``'s next version. The file itself stays: the older
    versions that had it still offer it."""
    method = _editable(actor, method)
    if not method.material_files.filter(pk=upload.pk).exists():
        raise ValidationError(_("The file is not among the method's materials."))
    method.material_files.remove(upload)
    _next_version(
        method,
        actor=actor,
        change_note=_("Removed the material file %(name)s") % {"name": upload.original_name},
    )
    return method


# --- Curation ----------------------------------------------------------------------------------


def _curated(method: Method) -> Method:
    return Method.objects.select_for_update().get(pk=method.pk)


def _tell_proposer(method: Method, title: Any) -> None:
    if method.proposed_by is not None:
        notification_send(
            recipients=[method.proposed_by], title=title, url=method.get_absolute_url()
        )


@transaction.atomic
def method_publish(*, actor: User, method: Method) -> Method:
    """Publish a proposal, or bring back a retired method."""
    require(actor, "methods.curate_methods")
    method = _curated(method)
    if method.status not in (MethodStatus.PROPOSED, MethodStatus.RETIRED, MethodStatus.DECLINED):
        raise ValidationError(_("Only a proposed, declined or retired method can be published."))
    was_proposed = method.status == MethodStatus.PROPOSED
    method.status = MethodStatus.PUBLISHED
    method.curator_note = ""
    save_with_history(method, actor=actor, reason=_("Published"))
    if was_proposed:
        _tell_proposer(
            method,
            lambda: _("Your proposed method was published: %(title)s") % {"title": method.title},
        )
    return method


@transaction.atomic
def method_decline(*, actor: User, method: Method, note: str) -> Method:
    """Decline a proposal, saying why; the proposer still sees it with the note."""
    require(actor, "methods.curate_methods")
    method = _curated(method)
    if method.status != MethodStatus.PROPOSED:
        raise ValidationError(_("Only a proposal can be declined."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the proposal is declined.")})
    method.status = MethodStatus.DECLINED
    method.curator_note = note
    save_with_history(method, actor=actor, reason=_("Declined"))
    _tell_proposer(
        method,
        lambda: _("Your proposed method was declined: %(title)s") % {"title": method.title},
    )
    return method


@transaction.atomic
def method_feature(*, actor: User, method: Method, featured: bool) -> Method:
    """Show a published method first in the toolbox, or stop doing so."""
    require(actor, "methods.curate_methods")
    method = _curated(method)
    if featured and method.status != MethodStatus.PUBLISHED:
        raise ValidationError(_("Only a published method can be featured."))
    method.is_featured = featured
    save_with_history(method, actor=actor)
    return method


@transaction.atomic
def method_retire(*, actor: User, method: Method, note: str) -> Method:
    """Take a method out of the toolbox with a note saying why; it stays readable."""
    require(actor, "methods.curate_methods")
    method = _curated(method)
    if method.status != MethodStatus.PUBLISHED:
        raise ValidationError(_("Only a published method can be retired."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the method is retired.")})
    method.status = MethodStatus.RETIRED
    method.is_featured = False
    method.curator_note = note
    save_with_history(method, actor=actor, reason=_("Retired"))
    return method


@transaction.atomic
def method_merge(*, actor: User, method: Method, into: Method, note: str = "") -> Method:
    """Merge a duplicate into ``into``: its adaptations and reports move there, and its page
    points to ``into``."""
    require(actor, "methods.curate_methods")
    method = _curated(method)
    into = Method.objects.select_for_update().get(pk=into.pk)
    if into.pk == method.pk:
        raise ValidationError({"into": _("A method cannot be merged into itself.")})
    if method.status == MethodStatus.MERGED:
        raise ValidationError(_("This method has already been merged."))
    if into.status != MethodStatus.PUBLISHED:
        raise ValidationError({"into": _("A method can only be merged into a published method.")})
    Adaptation.objects.filter(method=method).update(method=into)
    ExperienceReport.objects.filter(method=method).update(method=into)
    # Methods merged earlier into this one now point at the new target.
    Method.objects.filter(merged_into=method).update(merged_into=into)
    method.status = MethodStatus.MERGED
    method.merged_into = into
    method.is_featured = False
    method.curator_note = note
    save_with_history(method, actor=actor, reason=_("Merged"))
    method_rating_refresh(method=method)
    method_rating_refresh(method=into)
    return method


# --- Adaptations and experience reports --------------------------------------------------------


def _municipality_of(actor: User, organisation: Organisation) -> int:
    """The municipality of ``organisation``, if ``actor`` may write on its behalf."""
    if not may_act_for_organisation(actor, organisation.pk):
        raise ValidationError(
            {"organisation": _("You can only write on behalf of an organisation you belong to.")}
        )
    if organisation.municipality_id is None:
        raise ValidationError(
            {
                "organisation": _(
                    "The organisation has no municipality; ask its administrator to add one."
                )
            }
        )
    return organisation.municipality_id


@transaction.atomic
def adaptation_create(
    *,
    actor: User,
    method: Method,
    organisation: Organisation,
    title: str,
    changes: str,
    reasons: str,
) -> Adaptation:
    """Record how ``organisation``'s municipality adapted ``method``: what it changed and why."""
    require(actor, "methods.add_experience", method)
    municipality_id = _municipality_of(actor, organisation)
    adaptation = Adaptation(
        method=method,
        method_version=method.version,
        organisation=organisation,
        municipality_id=municipality_id,
        title=title,
        changes=changes,
        reasons=reasons,
        author=actor,
    )
    save_with_history(adaptation, actor=actor)
    return adaptation


def method_rating_refresh(*, method: Method) -> None:
    """Recompute the average rating and the report count kept on ``method``."""
    average, count = method_rating_average(method=method)
    Method.objects.filter(pk=method.pk).update(
        rating_average=Decimal(f"{average:.2f}") if average is not None else None,
        report_count=count,
    )


@transaction.atomic
def report_create(
    *,
    actor: User,
    method: Method,
    organisation: Organisation,
    used_on: Any,
    place: str,
    group: str,
    outcome: str,
    lessons: str,
    ratings: dict[str, int],
    adaptation: Adaptation | None = None,
    need: Need | None = None,
) -> ExperienceReport:
    """Record an experience of using ``method``, with a score from 1 to 5 on each aspect rated,
    and the need it was used for if that is on the platform and the actor may see it."""
    require(actor, "methods.add_experience", method)
    municipality_id = _municipality_of(actor, organisation)
    if adaptation is not None and adaptation.method_id != method.pk:
        raise ValidationError({"adaptation": _("Choose an adaptation of this method.")})
    if need is not None and not needs_visible_to(user=actor).filter(pk=need.pk).exists():
        raise ValidationError({"need": _("Choose a need that you can see.")})
    known = {aspect.value for aspect in RatingAspect}
    for aspect, score in ratings.items():
        if aspect not in known:
            raise ValidationError({"ratings": _("Unknown aspect: %(aspect)s") % {"aspect": aspect}})
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            raise ValidationError({aspect: _("A rating is from 1 to 5.")})
    report = ExperienceReport(
        method=Method.objects.select_for_update().get(pk=method.pk),
        adaptation=adaptation,
        need=need,
        organisation=organisation,
        municipality_id=municipality_id,
        used_on=used_on,
        place=place,
        group=group,
        outcome=outcome,
        lessons=lessons,
        author=actor,
    )
    save_with_history(report, actor=actor)
    Rating.objects.bulk_create(
        [Rating(report=report, aspect=aspect, score=score) for aspect, score in ratings.items()]
    )
    method_rating_refresh(method=method)
    return report


@transaction.atomic
def adaptation_delete(*, actor: User, adaptation: Adaptation) -> None:
    require(actor, "methods.change_experience", adaptation)
    adaptation._history_user = actor  # type: ignore[attr-defined]
    adaptation.delete()


@transaction.atomic
def report_delete(*, actor: User, report: ExperienceReport) -> None:
    require(actor, "methods.change_experience", report)
    method = report.method
    report._history_user = actor  # type: ignore[attr-defined]
    report.delete()
    method_rating_refresh(method=method)


# --- Lab workshops -----------------------------------------------------------------------------


def _lab_outputs(
    actor: User, methods: Iterable[Method], reports: Iterable[ExperienceReport]
) -> tuple[list[Method], list[ExperienceReport]]:
    """The outputs chosen, if they are published methods and reports on them."""
    methods, reports = list(methods), list(reports)
    usable = set(
        methods_visible_to(user=actor)
        .filter(status=MethodStatus.PUBLISHED, pk__in=[method.pk for method in methods])
        .values_list("pk", flat=True)
    )
    if any(method.pk not in usable for method in methods):
        raise ValidationError({"methods": _("Choose published methods of the toolbox.")})
    reported = set(
        ExperienceReport.objects.filter(
            pk__in=[report.pk for report in reports], method__status=MethodStatus.PUBLISHED
        ).values_list("pk", flat=True)
    )
    if any(report.pk not in reported for report in reports):
        raise ValidationError(
            {"reports": _("Choose experience reports of published methods of the toolbox.")}
        )
    return methods, reports


def lab_facilitator_choices() -> Any:
    """The people who may be named a workshop's facilitators: facilitators in an organisation."""
    return (
        User.objects.filter(is_active=True, memberships__role__in=FACILITATOR_ROLES)
        .distinct()
        .order_by("full_name", "pk")
    )


def _lab_facilitators(facilitators: Iterable[User]) -> list[User]:
    people = list(facilitators)
    allowed = set(
        lab_facilitator_choices()
        .filter(pk__in=[person.pk for person in people])
        .values_list("pk", flat=True)
    )
    if any(person.pk not in allowed for person in people):
        raise ValidationError(
            {"facilitators": _("Choose people who are facilitators in an organisation.")}
        )
    return people


@transaction.atomic
def lab_create(
    *,
    actor: User,
    title: str,
    theme: str,
    organiser: Organisation,
    starts_on: Any,
    place: str,
    description: str,
    level: str = "regional",
    ends_on: Any = None,
    municipalities: Iterable[Municipality] = (),
    facilitators: Iterable[User] = (),
    methods: Iterable[Method] = (),
    reports: Iterable[ExperienceReport] = (),
) -> Lab:
    """Record a lab workshop with its outputs; for the toolbox's facilitators."""
    require(actor, "methods.add_lab")
    chosen_methods, chosen_reports = _lab_outputs(actor, methods, reports)
    people = _lab_facilitators(facilitators)
    lab = Lab(
        title=title,
        level=level,
        theme=theme,
        organiser=organiser,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        description=description,
        created_by=actor,
    )
    save_with_history(lab, actor=actor)
    lab.municipalities.set(list(municipalities))
    lab.facilitators.set(people)
    lab.methods.set(chosen_methods)
    lab.reports.set(chosen_reports)
    return lab


@transaction.atomic
def lab_update(
    *,
    actor: User,
    lab: Lab,
    title: str,
    theme: str,
    organiser: Organisation,
    starts_on: Any,
    place: str,
    description: str,
    level: str = "regional",
    ends_on: Any = None,
    municipalities: Iterable[Municipality] = (),
    facilitators: Iterable[User] = (),
    methods: Iterable[Method] = (),
    reports: Iterable[ExperienceReport] = (),
) -> Lab:
    """Change a lab workshop and its outputs."""
    lab = Lab.objects.select_for_update().get(pk=lab.pk)
    require(actor, "methods.change_lab", lab)
    chosen_methods, chosen_reports = _lab_outputs(actor, methods, reports)
    people = _lab_facilitators(facilitators)
    lab.title, lab.level, lab.theme, lab.organiser = title, level, theme, organiser
    lab.starts_on, lab.ends_on, lab.place, lab.description = starts_on, ends_on, place, description
    save_with_history(lab, actor=actor)
    lab.municipalities.set(list(municipalities))
    lab.facilitators.set(people)
    lab.methods.set(chosen_methods)
    lab.reports.set(chosen_reports)
    return lab


@transaction.atomic
def lab_delete(*, actor: User, lab: Lab) -> None:
    require(actor, "methods.change_lab", lab)
    lab._history_user = actor  # type: ignore[attr-defined]
    lab.delete()


@transaction.atomic
def lab_participant_add(
    *,
    actor: User,
    lab: Lab,
    name: str,
    organisation: Organisation,
    department: str = "",
    email: str = "",
) -> LabParticipant:
    """Add a person who took part, for an organisation. With the e-mail address of an account,
    the workshop also shows in that person's "Mitt arbete" and data export."""
    require(actor, "methods.change_lab", lab)
    user = None
    if email.strip():
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise ValidationError(
                {"email": _("No account has this address; leave it empty to add the name only.")}
            )
        if LabParticipant.objects.filter(lab=lab, user=user).exists():
            raise ValidationError({"email": _("This person already takes part.")})
    participant = LabParticipant(
        lab=lab, user=user, name=name, organisation=organisation, department=department
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def lab_participant_remove(*, actor: User, participant: LabParticipant) -> None:
    require(actor, "methods.change_lab", participant.lab)
    participant.delete()

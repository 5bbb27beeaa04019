"""Writes of competence matchmaking: profiles, needs for competence, requirements, requests.

Every write checks its rule (``competences/rules.py``), runs in a transaction and records the
actor in the history. Saving a profile or a need also rewrites its matching keys in the same
transaction, so it is ready to be matched the moment it is committed.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.competences import match_lists, matching, tasks
from samskapa.competences.models import (
    CompetenceNeed,
    Concept,
    InterestRequest,
    Language,
    Message,
    NeedKey,
    Profile,
    ProfileFacts,
    ProfileKey,
    RequestStatus,
    Requirement,
    RequirementKind,
    StoredMatch,
)
from samskapa.competences.rules import TARGET_RULES
from samskapa.competences.selectors import (
    open_request_exists,
    profile_answerers,
    recently_closed,
    requests_by_sender_since,
)
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.services import notification_send
from samskapa.core.writes import UNSET, given, set_fields
from samskapa.geo.models import Municipality, Region
from samskapa.organisations.models import Organisation

# Rate limits of interest requests: how many one person may send in a day, and how long the
# same profile cannot be asked again about the same need after a decline or a withdrawal.
REQUESTS_PER_DAY = 20
ASK_AGAIN_AFTER = datetime.timedelta(days=30)


# --- Keys -----------------------------------------------------------------------------------


def profile_keys_refresh(*, profile: Profile) -> int:
    """Rewrite the matching keys of ``profile`` (none while it is unpublished); after commit,
    the stored matches of the needs it may enter or leave are brought up to date."""
    tasks.after_profile_change(profile.pk)
    ProfileKey.objects.filter(profile=profile).delete()
    if not profile.is_published:
        ProfileFacts.objects.filter(profile=profile).delete()
        return 0
    ProfileFacts.objects.update_or_create(
        profile=profile,
        defaults={
            "helix_sector": profile.helix_sector,
            "whole_country": profile.whole_country,
            "share_of_time": profile.share_of_time,
            "tokens": matching.profile_facts_text(profile),
        },
    )
    keys = matching.profile_keys(profile, profile.competences.all())
    ProfileKey.objects.bulk_create([ProfileKey(profile=profile, key=key) for key in keys])
    return len(keys)


def need_keys_refresh(*, need: CompetenceNeed) -> int:
    """Rewrite the weighted matching keys of ``need`` (none while it is closed). Its stored
    matches are dropped at once and recomputed after commit (searched meanwhile)."""
    match_lists.need_list_forget(need=need)
    tasks.after_need_change(need.pk)
    NeedKey.objects.filter(need=need).delete()
    if not need.is_open:
        return 0
    requirements = list(need.requirements.select_related("concept"))
    need.match_headroom = matching.availability_headroom(
        matching.applicable_parts(need, requirements)
    )
    CompetenceNeed.objects.filter(pk=need.pk).update(match_headroom=need.match_headroom)
    rows = matching.need_key_rows(need, requirements)
    NeedKey.objects.bulk_create(rows)
    return len(rows)


# --- Profiles -------------------------------------------------------------------------------


def _check_languages(languages: Iterable[str]) -> list[str]:
    languages = list(dict.fromkeys(languages))
    if any(code not in Language.values for code in languages):
        raise ValidationError({"languages": _("Choose languages from the list.")})
    return languages


def _set_relations(profile: Profile, relations: dict[str, Any]) -> None:
    for name, values in relations.items():
        getattr(profile, name).set(list(values))


@transaction.atomic
def profile_create(
    *,
    actor: User,
    title: str,
    helix_sector: str,
    contact_email: str,
    organisation: Organisation | None = None,
    offers: str = "",
    seeks: str = "",
    other_competences: str = "",
    competences: Iterable[Concept] = (),
    dimensions: Iterable[Any] = (),
    whole_country: bool = False,
    municipalities: Iterable[Municipality] = (),
    regions: Iterable[Region] = (),
    languages: Iterable[str] = (),
    available_from: datetime.date | None = None,
    available_until: datetime.date | None = None,
    share_of_time: int = 20,
    contact_phone: str = "",
    is_published: bool = True,
) -> Profile:
    """Create the actor's own profile, or that of an organisation they lead."""
    require(actor, "competences.add_profile")
    if organisation is not None:
        require(actor, "organisations.lead_organisation", organisation)
        if Profile.objects.filter(organisation=organisation).exists():
            raise ValidationError(
                {"organisation": _("This organisation already has a competence profile.")}
            )
    elif Profile.objects.filter(user=actor).exists():
        raise ValidationError(_("You already have a competence profile."))
    profile = Profile(
        user=None if organisation is not None else actor,
        organisation=organisation,
        title=title,
        helix_sector=helix_sector,
        contact_email=contact_email,
        offers=offers,
        seeks=seeks,
        other_competences=other_competences,
        whole_country=whole_country,
        languages=_check_languages(languages),
        available_from=available_from,
        available_until=available_until,
        share_of_time=share_of_time,
        contact_phone=contact_phone,
        is_published=is_published,
    )
    save_with_history(profile, actor=actor)
    _set_relations(
        profile,
        {
            "competences": competences,
            "dimensions": dimensions,
            "municipalities": municipalities,
            "regions": regions,
        },
    )
    profile_keys_refresh(profile=profile)
    return profile


@transaction.atomic
def profile_update(
    *,
    actor: User,
    profile: Profile,
    title: str = UNSET,
    helix_sector: str = UNSET,
    contact_email: str = UNSET,
    offers: str = UNSET,
    seeks: str = UNSET,
    other_competences: str = UNSET,
    competences: Iterable[Concept] = UNSET,
    dimensions: Iterable[Any] = UNSET,
    whole_country: bool = UNSET,
    municipalities: Iterable[Municipality] = UNSET,
    regions: Iterable[Region] = UNSET,
    languages: Iterable[str] = UNSET,
    available_from: datetime.date | None = UNSET,
    available_until: datetime.date | None = UNSET,
    share_of_time: int = UNSET,
    contact_phone: str = UNSET,
    is_published: bool = UNSET,
    organisation: Any = UNSET,  # the owner cannot change; accepted and ignored from forms
) -> Profile:
    require(actor, "competences.change_profile", profile)
    set_fields(
        profile,
        title=title,
        helix_sector=helix_sector,
        contact_email=contact_email,
        offers=offers,
        seeks=seeks,
        other_competences=other_competences,
        whole_country=whole_country,
        languages=UNSET if languages is UNSET else _check_languages(languages),
        available_from=available_from,
        available_until=available_until,
        share_of_time=share_of_time,
        contact_phone=contact_phone,
        is_published=is_published,
    )
    save_with_history(profile, actor=actor)
    _set_relations(
        profile,
        given(
            competences=competences,
            dimensions=dimensions,
            municipalities=municipalities,
            regions=regions,
        ),
    )
    profile_keys_refresh(profile=profile)
    return profile


@transaction.atomic
def profile_delete(*, actor: User, profile: Profile) -> None:
    require(actor, "competences.change_profile", profile)
    profile._history_user = actor  # type: ignore[attr-defined]
    listed = list(StoredMatch.objects.filter(profile=profile).values_list("need_id", flat=True))
    tasks.after_profile_change(profile.pk, listed)
    profile.delete()


MAX_PROFILE_COMPETENCES = 40


@transaction.atomic
def profile_competence_add(*, actor: User, profile: Profile, concept: Concept) -> Profile:
    """Add one competence of the taxonomy to the profile."""
    require(actor, "competences.change_profile", profile)
    if profile.competences.filter(pk=concept.pk).exists():
        raise ValidationError(_("The profile already has this competence."))
    if profile.competences.count() >= MAX_PROFILE_COMPETENCES:
        raise ValidationError(
            _("A profile can have at most %(count)s competences.")
            % {"count": MAX_PROFILE_COMPETENCES}
        )
    profile.competences.add(concept)
    save_with_history(
        profile, actor=actor, reason=_("Competence added: %(name)s") % {"name": concept.label}
    )
    profile_keys_refresh(profile=profile)
    return profile


@transaction.atomic
def profile_competence_remove(*, actor: User, profile: Profile, concept: Concept) -> Profile:
    require(actor, "competences.change_profile", profile)
    profile.competences.remove(concept)
    save_with_history(
        profile, actor=actor, reason=_("Competence removed: %(name)s") % {"name": concept.label}
    )
    profile_keys_refresh(profile=profile)
    return profile


# --- Needs for competence -------------------------------------------------------------------


def _target_municipality(target: Any) -> Municipality | None:
    for path in ("municipality", "project.municipality"):
        value = target
        for name in path.split("."):
            value = getattr(value, name, None)
        if isinstance(value, Municipality):
            return value
    return None


@transaction.atomic
def competence_need_create(
    *,
    actor: User,
    title: str,
    description: str = "",
    project: Any = None,
    challenge: Any = None,
    initiative: Any = None,
    need: Any = None,
    municipality: Municipality | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    share_of_time: int | None = None,
) -> CompetenceNeed:
    """State a need for competence on a project, challenge, initiative or need one may change."""
    targets = {"project": project, "challenge": challenge, "initiative": initiative, "need": need}
    chosen = [(kind, target) for kind, target in targets.items() if target is not None]
    if len(chosen) != 1:
        raise ValidationError(_("Choose exactly one project, challenge, initiative or need."))
    kind, target = chosen[0]
    assert kind in TARGET_RULES
    require(actor, "competences.add_need", target)
    competence_need = CompetenceNeed(
        title=title,
        description=description,
        municipality=municipality or _target_municipality(target),
        start_date=start_date,
        end_date=end_date,
        share_of_time=share_of_time,
        created_by=actor,
        **{kind: target},
    )
    save_with_history(competence_need, actor=actor)
    need_keys_refresh(need=competence_need)
    return competence_need


@transaction.atomic
def competence_need_update(
    *,
    actor: User,
    need: CompetenceNeed,
    title: str = UNSET,
    description: str = UNSET,
    municipality: Municipality | None = UNSET,
    start_date: datetime.date | None = UNSET,
    end_date: datetime.date | None = UNSET,
    share_of_time: int | None = UNSET,
    is_open: bool = UNSET,
) -> CompetenceNeed:
    require(actor, "competences.change_need", need)
    set_fields(
        need,
        title=title,
        description=description,
        municipality=municipality,
        start_date=start_date,
        end_date=end_date,
        share_of_time=share_of_time,
        is_open=is_open,
    )
    save_with_history(need, actor=actor)
    need_keys_refresh(need=need)
    return need


@transaction.atomic
def requirement_add(
    *,
    actor: User,
    need: CompetenceNeed,
    importance: str,
    concept: Concept | None = None,
    dimension: Any = None,
    sector: str = "",
) -> Requirement:
    """Add one competence, dimension or sector to what the need asks for."""
    require(actor, "competences.change_need", need)
    chosen = [value for value in (concept, dimension, sector) if value]
    if len(chosen) != 1:
        raise ValidationError(_("Choose one competence, dimension or sector."))
    kind = (
        RequirementKind.COMPETENCE
        if concept
        else RequirementKind.DIMENSION
        if dimension
        else RequirementKind.SECTOR
    )
    requirement = Requirement(
        need=need,
        kind=kind,
        concept=concept,
        dimension=dimension,
        sector=sector or "",
        importance=importance,
    )
    save_with_history(requirement, actor=actor)
    need_keys_refresh(need=need)
    return requirement


@transaction.atomic
def requirement_remove(*, actor: User, requirement: Requirement) -> None:
    need = requirement.need
    require(actor, "competences.change_need", need)
    requirement._history_user = actor  # type: ignore[attr-defined]
    requirement.delete()
    need_keys_refresh(need=need)


# --- Interest requests ----------------------------------------------------------------------


@transaction.atomic
def request_send(
    *, actor: User, need: CompetenceNeed, profile: Profile, message: str
) -> InterestRequest:
    """Ask a profile whether they want to take part in ``need``; the sender's yes is implied.

    Refused for a closed need, an unpublished or one's own profile, a profile already asked
    (or asked and answered no or withdrawn in the last 30 days, without saying which), and past
    ``REQUESTS_PER_DAY`` requests in 24 hours.
    """
    require(actor, "competences.match_need", need)
    require(actor, "competences.view_profile", profile)
    if not need.is_open:
        raise ValidationError(_("This need for competence is closed."))
    if not profile.is_published:
        raise ValidationError(_("This profile is not published."))
    if actor.has_perm("competences.change_profile", profile) and not actor.is_superuser:
        raise ValidationError(_("You cannot send a request to your own profile."))
    now = timezone.now()
    if requests_by_sender_since(user=actor, since=now - datetime.timedelta(days=1)) >= (
        REQUESTS_PER_DAY
    ):
        raise ValidationError(
            _("You have sent %(count)s requests in the last 24 hours. Try again tomorrow.")
            % {"count": REQUESTS_PER_DAY}
        )
    if open_request_exists(need=need, profile=profile) or recently_closed(
        need=need, profile=profile, since=now - ASK_AGAIN_AFTER
    ):
        raise ValidationError(
            _("This profile has already been asked about this need in the last 30 days.")
        )
    request = InterestRequest(need=need, profile=profile, sender=actor, message=message)
    request.full_clean()
    request.save()
    notification_send(
        recipients=profile_answerers(profile=profile),
        title=lambda: _("Interest request: %(need)s") % {"need": need.title},
        body=lambda: (
            _("%(sender)s would like you to take part in “%(need)s”.")
            % {"sender": actor.full_name or actor.email, "need": need.title}
        ),
        url=request.get_absolute_url(),
    )
    return request


def _answer(request: InterestRequest, *, actor: User, status: str) -> InterestRequest:
    request.status = status
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_by", "answered_at"])
    return request


@transaction.atomic
def request_accept(*, actor: User, request: InterestRequest) -> InterestRequest:
    """Say yes: both sides now see each other's contact details and may write to each other."""
    require(actor, "competences.answer_request", request)
    _answer(request, actor=actor, status=RequestStatus.ACCEPTED)
    notification_send(
        recipients=[request.sender],
        title=lambda: (
            _("Your interest request was accepted: %(need)s") % {"need": request.need.title}
        ),
        body=lambda: _("You can now see the contact details and write to each other."),
        url=request.get_absolute_url(),
    )
    return request


@transaction.atomic
def request_decline(*, actor: User, request: InterestRequest) -> InterestRequest:
    """Say no. Private: the sender is not told, and sees the request as unanswered."""
    require(actor, "competences.answer_request", request)
    return _answer(request, actor=actor, status=RequestStatus.DECLINED)


@transaction.atomic
def request_withdraw(*, actor: User, request: InterestRequest) -> InterestRequest:
    """The sender takes the request back; an accepted one also closes its conversation."""
    require(actor, "competences.withdraw_request", request)
    was_accepted = request.status == RequestStatus.ACCEPTED
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    if was_accepted:
        notification_send(
            recipients=profile_answerers(profile=request.profile),
            title=lambda: (
                _("An interest request was withdrawn: %(need)s") % {"need": request.need.title}
            ),
            url=request.get_absolute_url(),
        )
    return request


@transaction.atomic
def message_post(*, actor: User, request: InterestRequest, body: str) -> Message:
    """Write in the conversation of an accepted request; the other side is notified."""
    require(actor, "competences.write_message", request)
    message = Message(request=request, author=actor, body=body)
    message.full_clean()
    message.save()
    others = [request.sender] if actor.pk != request.sender_id else []
    if not others:
        others = list(profile_answerers(profile=request.profile))
    notification_send(
        recipients=[user for user in others if user.pk != actor.pk],
        title=lambda: _("New message about %(need)s") % {"need": request.need.title},
        url=request.get_absolute_url(),
    )
    return message

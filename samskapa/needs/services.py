"""Writes of the needs inventory: campaigns, needs, support, moderation, clusters, priorities.

Every choice a person makes that points at another object (the campaign of a need, the
organisation it is submitted for, the unit responsible for it, the cluster it goes in) is
checked here against what they may use, so that the pages and the API refuse the same things
with the same message.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import (
    NotificationKind,
    StakeholderGroup,
    SustainabilityDimension,
    Visibility,
)
from samskapa.core.predicates import may_act_for_organisation
from samskapa.core.services import notification_send
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality
from samskapa.needs.models import (
    Campaign,
    Cluster,
    ModerationAction,
    ModerationEvent,
    Need,
    NeedReport,
    NeedSupport,
    PriorityWeights,
)
from samskapa.needs.selectors import (
    municipalities_for_project,
    project_leaders,
    project_moderators,
)
from samskapa.organisations.models import Organisation, Unit
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

# --- Campaigns --------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor: User,
    project: Project,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    purpose: str = "",
    stakeholder_groups: Iterable[StakeholderGroup] = (),
    premoderated: bool = False,
) -> Campaign:
    """Open a needs inventory campaign (inventeringskampanj) in ``project``; only its leaders may."""
    require(actor, "needs.manage_campaign", project)
    campaign = Campaign(
        project=project,
        created_by=actor,
        title=title,
        purpose=purpose,
        opens_on=opens_on,
        closes_on=closes_on,
        premoderated=premoderated,
    )
    save_with_history(campaign, actor=actor)
    # Stakeholder groups are the platform's shared vocabulary: every project may target any.
    campaign.stakeholder_groups.set(stakeholder_groups)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor: User,
    campaign: Campaign,
    title: str = UNSET,
    purpose: str = UNSET,
    opens_on: datetime.date = UNSET,
    closes_on: datetime.date = UNSET,
    stakeholder_groups: Iterable[StakeholderGroup] = UNSET,
    premoderated: bool = UNSET,
) -> Campaign:
    """Change a campaign's title, purpose, dates, target groups or moderation; leaders only.

    Turning pre-moderation off does not publish the needs still waiting: a moderator decides.
    """
    require(actor, "needs.manage_campaign", campaign.project)
    set_fields(
        campaign,
        title=title,
        purpose=purpose,
        opens_on=opens_on,
        closes_on=closes_on,
        premoderated=premoderated,
    )
    save_with_history(campaign, actor=actor)
    if stakeholder_groups is not UNSET:
        campaign.stakeholder_groups.set(stakeholder_groups)
    return campaign


# --- Needs ------------------------------------------------------------------------------------


def _stored_choices(need: Need) -> dict[str, Any] | None:
    """What the need points at in the database, before this change; None for a new need.

    Read again rather than taken from ``need``: a model form has already put the new choices
    on the instance it was given.
    """
    if need.pk is None:
        return None
    return dict(
        Need.objects.filter(pk=need.pk).values("campaign_id", "organisation_id", "municipality_id")[
            0
        ]
    )


def _check_choices(*, actor: User, need: Need, stored: dict[str, Any] | None) -> None:
    """Refuse a campaign, organisation or municipality that ``actor`` may not give ``need``.

    Only what changes is checked, so that a need keeps the organisation its author has left
    since, and a leader may correct a need that someone else submitted on behalf of theirs.
    """

    def changed(field: str) -> bool:
        return stored is None or stored[field] != getattr(need, field)

    errors: dict[str, str] = {}
    campaign = need.campaign
    if campaign is not None and changed("campaign_id"):
        if campaign.project_id != need.project_id:
            errors["campaign"] = _("The campaign belongs to another project.")
        elif stored is None and not campaign.opens_on <= timezone.localdate() <= campaign.closes_on:
            errors["campaign"] = _("This campaign is not open for needs.")
    if (
        need.organisation_id is not None
        and changed("organisation_id")
        and not may_act_for_organisation(actor, need.organisation_id)
    ):
        errors["organisation"] = _("You can only submit needs on behalf of your own organisations.")
    if changed("municipality_id"):
        allowed = municipalities_for_project(project=need.project)
        if not allowed.filter(pk=need.municipality_id).exists():
            errors["municipality"] = _(
                "A need of this project can only be placed in %(municipalities)s."
            ) % {"municipalities": ", ".join(str(place) for place in allowed)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def need_submit(
    *,
    actor: User,
    project: Project,
    title: str,
    description: str,
    campaign: Campaign | None = None,
    stakeholder_group: StakeholderGroup | None = None,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    area: str = "",
    visibility: str = Visibility.PUBLIC,
    dimensions: Iterable[SustainabilityDimension] = (),
    sdg_targets: Iterable[Target] = (),
) -> Need:
    """Submit a need (behov) to ``project``; any logged-in person who may see the project may.

    Without a municipality the need is placed in the project's.
    """
    require(actor, "needs.add_need", project)
    need = Need(
        project=project,
        author=actor,
        title=title,
        description=description,
        campaign=campaign,
        stakeholder_group=stakeholder_group,
        organisation=organisation,
        municipality=municipality if municipality is not None else project.municipality,
        area=area,
        visibility=visibility,
    )
    _check_choices(actor=actor, need=need, stored=None)
    # In a pre-moderated campaign others see the need once a moderator approves it; the
    # project's own moderators need no one's approval.
    need.awaiting_approval = bool(
        campaign is not None
        and campaign.premoderated
        and not actor.has_perm("needs.moderate_need", need)
    )
    save_with_history(need, actor=actor)
    # Dimensions and SDG targets are shared vocabularies that every need may use.
    need.dimensions.set(dimensions)
    need.sdg_targets.set(sdg_targets)
    leaders = list(project_leaders(project=project).exclude(pk=actor.pk))
    if leaders:
        notification_send(
            kind=NotificationKind.PROJECT_ACTIVITY,
            recipients=leaders,
            title=lambda: (
                _("New need in %(project)s: %(title)s")
                % {"project": project.name, "title": need.title}
            ),
            url=need.get_absolute_url(),
            email=False,
        )
    return need


@transaction.atomic
def need_update(
    *,
    actor: User,
    need: Need,
    title: str = UNSET,
    description: str = UNSET,
    campaign: Campaign | None = UNSET,
    stakeholder_group: StakeholderGroup | None = UNSET,
    organisation: Organisation | None = UNSET,
    municipality: Municipality | None = UNSET,
    area: str = UNSET,
    visibility: str = UNSET,
    dimensions: Iterable[SustainabilityDimension] = UNSET,
    sdg_targets: Iterable[Target] = UNSET,
) -> Need:
    """Edit a need: its author while it is not hidden, or the project's leaders.

    An empty municipality puts the need back in the project's.
    """
    require(actor, "needs.change_need", need)
    stored = _stored_choices(need)
    if municipality is None:
        municipality = need.project.municipality
    set_fields(
        need,
        title=title,
        description=description,
        campaign=campaign,
        stakeholder_group=stakeholder_group,
        organisation=organisation,
        municipality=municipality,
        area=area,
        visibility=visibility,
    )
    _check_choices(actor=actor, need=need, stored=stored)
    save_with_history(need, actor=actor)
    if dimensions is not UNSET:
        need.dimensions.set(dimensions)
    if sdg_targets is not UNSET:
        need.sdg_targets.set(sdg_targets)
    return need


@transaction.atomic
def need_support(*, actor: User, need: Need) -> bool:
    """Add ``actor``'s support ("me too"). Returns False if they already supported it.

    Supporting twice (a double click, a replayed request) changes nothing the second time: the
    database holds one support per person and need, and only a new row raises the count.
    """
    require(actor, "needs.support_need", need)
    try:
        with transaction.atomic():
            NeedSupport.objects.create(need=need, user=actor)
    except IntegrityError:
        return False
    Need.objects.filter(pk=need.pk).update(support_count=F("support_count") + 1)
    need.refresh_from_db(fields=["support_count"])
    return True


@transaction.atomic
def need_support_withdraw(*, actor: User, need: Need) -> bool:
    """Withdraw ``actor``'s support. Returns False if there was none (nothing changes then)."""
    require(actor, "needs.support_need", need)
    deleted, _rows = NeedSupport.objects.filter(need=need, user=actor).delete()
    if not deleted:
        return False
    Need.objects.filter(pk=need.pk, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    need.refresh_from_db(fields=["support_count"])
    return True


@transaction.atomic
def need_moderate(*, actor: User, need: Need, action: str, reason: str) -> ModerationEvent:
    """Hide, restore or approve a need, with a reason that is logged and never edited.

    Hiding and restoring need a reason; approving a need that awaits approval (pre-moderated
    campaigns) may go without. Every moderation closes the open reports of the need.
    """
    require(actor, "needs.moderate_need", need)
    reason = (reason or "").strip()
    if action not in ModerationAction.values:
        raise ValidationError({"action": _("Choose whether to hide, restore or approve the need.")})
    if not reason and action != ModerationAction.APPROVE:
        raise ValidationError({"reason": _("Give a reason for the moderation.")})
    if action == ModerationAction.APPROVE:
        if not need.awaiting_approval:
            raise ValidationError({"action": _("The need does not await approval.")})
        need.awaiting_approval = False
    else:
        hide = action == ModerationAction.HIDE
        if need.is_hidden == hide:
            raise ValidationError(
                {
                    "action": _("The need is already hidden.")
                    if hide
                    else _("The need is not hidden.")
                }
            )
        need.is_hidden = hide
        # Restoring a need that was waiting publishes it: the moderator has looked at it.
        need.awaiting_approval = need.awaiting_approval and hide
    save_with_history(need, actor=actor, reason=reason)
    event = ModerationEvent(need=need, action=action, reason=reason, actor=actor)
    event.full_clean()
    event.save()
    NeedReport.objects.filter(need=need, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    if need.author is not None and need.author_id != actor.pk:
        titles = {
            ModerationAction.HIDE: lambda: _(
                "Your need “%(title)s” has been hidden by a moderator"
            ),
            ModerationAction.RESTORE: lambda: _("Your need “%(title)s” is visible again"),
            ModerationAction.APPROVE: lambda: _(
                "Your need “%(title)s” has been approved and published"
            ),
        }
        title = titles[ModerationAction(action)]
        notification_send(
            kind=NotificationKind.MY_CONTENT,
            recipients=[need.author],
            title=lambda: title() % {"title": need.title},
            body=reason,
            url=need.get_absolute_url(),
        )
    return event


@transaction.atomic
def need_report(*, actor: User, need: Need, reason: str) -> NeedReport:
    """Tell the project's moderators that a need breaks the rules; once per person until handled."""
    require(actor, "needs.report_need", need)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly what is wrong with the need.")})
    # Two reports at once from the same person: the second waits here, then finds the first.
    Need.objects.select_for_update().filter(pk=need.pk).first()
    if NeedReport.objects.filter(need=need, reporter=actor, resolved_at__isnull=True).exists():
        raise ValidationError(
            _("You have already reported this need. A moderator will look at it.")
        )
    report = NeedReport(need=need, reporter=actor, reason=reason)
    report.full_clean()
    report.save()
    moderators = project_moderators(project=need.project)
    notification_send(
        kind=NotificationKind.PROJECT_ACTIVITY,
        recipients=moderators.exclude(pk=actor.pk),
        title=lambda: _("A need was reported: %(title)s") % {"title": need.title},
        body=reason,
        url=need.get_absolute_url(),
    )
    return report


@transaction.atomic
def need_assign_unit(*, actor: User, need: Need, unit: Unit | None) -> Need:
    """Make one of the organisation's units (förvaltning, nämnd) responsible for the need."""
    require(actor, "needs.assign_unit", need)
    if unit is not None and unit.organisation_id != need.project.organisation_id:
        raise ValidationError(
            {"unit": _("Only units of the project's own organisation can be responsible.")}
        )
    need.responsible_unit = unit
    save_with_history(need, actor=actor)
    return need


# --- Clusters ---------------------------------------------------------------------------------


def _needs_of(project: Project, needs: Iterable[Need]) -> list[Need]:
    needs = list(needs)
    if any(need.project_id != project.pk for need in needs):
        raise ValidationError({"needs": _("All needs must belong to the project.")})
    return needs


@transaction.atomic
def cluster_create(
    *, actor: User, project: Project, name: str, needs: Iterable[Need] = ()
) -> Cluster:
    """Name a group of needs (kluster), for example a suggestion the leader accepts."""
    require(actor, "needs.manage_clusters", project)
    chosen = _needs_of(project, needs)
    cluster = Cluster(project=project, name=(name or "").strip())
    save_with_history(cluster, actor=actor)
    for need in chosen:
        _move(actor, need, cluster)
    return cluster


def _move(actor: User, need: Need, cluster: Cluster | None) -> None:
    need.cluster = cluster
    save_with_history(need, actor=actor)


@transaction.atomic
def cluster_rename(*, actor: User, cluster: Cluster, name: str) -> Cluster:
    require(actor, "needs.manage_clusters", cluster.project)
    cluster.name = (name or "").strip()
    save_with_history(cluster, actor=actor)
    return cluster


@transaction.atomic
def cluster_merge(*, actor: User, source: Cluster, target: Cluster) -> Cluster:
    """Move every need of ``source`` into ``target`` and remove ``source``."""
    require(actor, "needs.manage_clusters", target.project)
    if source.project_id != target.project_id:
        raise ValidationError({"target": _("Only clusters of the same project can be merged.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choose another cluster to merge with.")})
    for need in list(source.needs.all()):
        _move(actor, need, target)
    source._history_user = actor  # type: ignore[attr-defined]
    source.delete()
    return target


@transaction.atomic
def cluster_split(*, actor: User, cluster: Cluster, needs: Iterable[Need], name: str) -> Cluster:
    """Move the chosen needs out of ``cluster`` into a new cluster called ``name``."""
    require(actor, "needs.manage_clusters", cluster.project)
    chosen = _needs_of(cluster.project, needs)
    if not chosen:
        raise ValidationError({"needs": _("Choose the needs to move to the new cluster.")})
    if any(need.cluster_id != cluster.pk for need in chosen):
        raise ValidationError({"needs": _("Only needs of this cluster can be split off.")})
    return cluster_create(actor=actor, project=cluster.project, name=name, needs=chosen)


@transaction.atomic
def need_move_to_cluster(*, actor: User, need: Need, cluster: Cluster | None) -> Need:
    """Put a need in another cluster, or in none."""
    require(actor, "needs.manage_clusters", need.project)
    if cluster is not None and cluster.project_id != need.project_id:
        raise ValidationError({"cluster": _("The cluster belongs to another project.")})
    _move(actor, need, cluster)
    return need


@transaction.atomic
def cluster_delete(*, actor: User, cluster: Cluster) -> None:
    """Dissolve a cluster; its needs stay, without a cluster."""
    require(actor, "needs.manage_clusters", cluster.project)
    cluster._history_user = actor  # type: ignore[attr-defined]
    cluster.delete()


# --- Prioritisation ---------------------------------------------------------------------------


@transaction.atomic
def priority_weights_set(
    *, actor: User, project: Project, reach: int, urgency: int, goal_fit: int, support: int
) -> PriorityWeights:
    require(actor, "needs.prioritise_need", project)
    weights = PriorityWeights.objects.filter(project=project).first() or PriorityWeights(
        project=project
    )
    weights.reach, weights.urgency, weights.goal_fit, weights.support = (
        reach,
        urgency,
        goal_fit,
        support,
    )
    save_with_history(weights, actor=actor)
    return weights


@transaction.atomic
def need_score(
    *, actor: User, need: Need, reach: int | None, urgency: int | None, goal_fit: int | None
) -> Need:
    """Score a need 1-5 on reach, urgency and fit with the project goals."""
    require(actor, "needs.prioritise_need", need.project)
    need.reach, need.urgency, need.goal_fit = reach, urgency, goal_fit
    save_with_history(need, actor=actor)
    return need


@transaction.atomic
def needs_score(
    *, actor: User, project: Project, scores: list[tuple[Need, dict[str, int | None]]]
) -> int:
    """Score many needs of ``project`` at once (the prioritisation page's one form); a need
    whose scores did not change is left alone, so that its history only shows real changes.
    Returns how many needs changed."""
    require(actor, "needs.prioritise_need", project)
    changed = 0
    for need, values in scores:
        if need.project_id != project.pk:
            raise ValidationError(_("Only needs of this project can be scored here."))
        new = (values.get("reach"), values.get("urgency"), values.get("goal_fit"))
        if new != (need.reach, need.urgency, need.goal_fit):
            need_score(actor=actor, need=need, reach=new[0], urgency=new[1], goal_fit=new[2])
            changed += 1
    return changed


@transaction.atomic
def cluster_score(
    *, actor: User, cluster: Cluster, reach: int | None, urgency: int | None, goal_fit: int | None
) -> int:
    """Give every need of the cluster the same scores. Returns how many needs were scored."""
    require(actor, "needs.prioritise_need", cluster.project)
    needs = list(cluster.needs.select_related("project"))
    for need in needs:
        need_score(actor=actor, need=need, reach=reach, urgency=urgency, goal_fit=goal_fit)
    return len(needs)

"""Writes of the needs inventory: campaigns, needs, support, moderation, clusters, priorities."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.predicates import LEADER_ROLES
from samskapa.core.services import notification_send
from samskapa.needs.models import (
    Campaign,
    Cluster,
    ModerationAction,
    ModerationEvent,
    Need,
    NeedSupport,
    PriorityWeights,
)
from samskapa.organisations.models import Membership, Unit
from samskapa.projects.models import Project

CAMPAIGN_FIELDS = ("title", "purpose", "opens_on", "closes_on")
NEED_FIELDS = (
    "title",
    "description",
    "stakeholder_group",
    "municipality",
    "area",
    "visibility",
    "campaign",
    "organisation",
)
SCORE_FIELDS = ("reach", "urgency", "goal_fit")


def _set_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(f"{key} cannot be set here")
        setattr(instance, key, value)


def _project_staff(project: Project, roles: frozenset[str]) -> list[Any]:
    """People with one of ``roles`` on the project or on the organisation that runs it."""
    memberships = Membership.objects.filter(role__in=roles).filter(
        project=project
    ) | Membership.objects.filter(role__in=roles, organisation_id=project.organisation_id)
    return [membership.user for membership in memberships.select_related("user")]


# --- Campaigns --------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *, actor: Any, project: Project, stakeholder_groups: Iterable[Any] = (), **fields: Any
) -> Campaign:
    """Open a needs inventory campaign in ``project``; only its leaders may."""
    require(actor, "needs.manage_campaign", project)
    campaign = Campaign(project=project, created_by=actor)
    _set_fields(campaign, fields, CAMPAIGN_FIELDS)
    save_with_history(campaign, actor=actor)
    campaign.stakeholder_groups.set(stakeholder_groups)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor: Any,
    campaign: Campaign,
    stakeholder_groups: Iterable[Any] | None = None,
    **fields: Any,
) -> Campaign:
    require(actor, "needs.manage_campaign", campaign.project)
    _set_fields(campaign, fields, CAMPAIGN_FIELDS)
    save_with_history(campaign, actor=actor)
    if stakeholder_groups is not None:
        campaign.stakeholder_groups.set(stakeholder_groups)
    return campaign


# --- Needs ------------------------------------------------------------------------------------


def _check_need(need: Need, actor: Any) -> None:
    errors: dict[str, str] = {}
    if need.campaign_id and need.campaign.project_id != need.project_id:  # type: ignore[union-attr]
        errors["campaign"] = _("The campaign belongs to another project.")
    if need.organisation_id and not (
        actor.is_superuser
        or Membership.objects.filter(user=actor, organisation_id=need.organisation_id).exists()
    ):
        errors["organisation"] = _("You can only submit needs on behalf of your own organisations.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def need_submit(
    *,
    actor: Any,
    project: Project,
    dimensions: Iterable[Any] = (),
    sdg_targets: Iterable[Any] = (),
    **fields: Any,
) -> Need:
    """Submit a need to ``project`` (behov); any logged-in person who may see the project may."""
    require(actor, "needs.add_need", project)
    need = Need(project=project, author=actor)
    _set_fields(need, fields, NEED_FIELDS)
    if need.municipality_id is None:
        need.municipality_id = project.municipality_id
    if need.campaign_id and not need.campaign.opens_on <= _today() <= need.campaign.closes_on:  # type: ignore[union-attr]
        raise ValidationError({"campaign": _("This campaign is not open for needs.")})
    _check_need(need, actor)
    save_with_history(need, actor=actor)
    need.dimensions.set(dimensions)
    need.sdg_targets.set(sdg_targets)
    leaders = _project_staff(project, LEADER_ROLES)
    if leaders:
        notification_send(
            recipients=[user for user in leaders if user.pk != actor.pk],
            title=lambda: (
                _("New need in %(project)s: %(title)s")
                % {"project": project.name, "title": need.title}
            ),
            url=need.get_absolute_url(),
            email=False,
        )
    return need


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@transaction.atomic
def need_update(
    *,
    actor: Any,
    need: Need,
    dimensions: Iterable[Any] | None = None,
    sdg_targets: Iterable[Any] | None = None,
    **fields: Any,
) -> Need:
    """Edit a need: its author while it is not hidden, or the project's leaders."""
    require(actor, "needs.change_need", need)
    _set_fields(need, fields, NEED_FIELDS)
    _check_need(need, actor)
    save_with_history(need, actor=actor)
    if dimensions is not None:
        need.dimensions.set(dimensions)
    if sdg_targets is not None:
        need.sdg_targets.set(sdg_targets)
    return need


@transaction.atomic
def need_support(*, actor: Any, need: Need) -> bool:
    """Add ``actor``'s support ("me too"). Returns False if they already supported it."""
    require(actor, "needs.support_need", need)
    try:
        with transaction.atomic():
            NeedSupport.objects.create(need=need, user=actor)
    except IntegrityError:
        return False
    Need.objects.filter(pk=need.pk).update(support_count=F("support_count") + 1)
    need.support_count += 1
    return True


@transaction.atomic
def need_support_withdraw(*, actor: Any, need: Need) -> bool:
    """Withdraw ``actor``'s support. Returns False if there was none."""
    require(actor, "needs.support_need", need)
    deleted, _rows = NeedSupport.objects.filter(need=need, user=actor).delete()
    if not deleted:
        return False
    Need.objects.filter(pk=need.pk, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    need.support_count = max(0, need.support_count - 1)
    return True


@transaction.atomic
def need_moderate(*, actor: Any, need: Need, action: str, reason: str) -> ModerationEvent:
    """Hide or restore a need, with a reason that is logged and never edited."""
    require(actor, "needs.moderate_need", need)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the moderation.")})
    if action not in ModerationAction.values:
        raise ValidationError({"action": _("Choose whether to hide or restore the need.")})
    hide = action == ModerationAction.HIDE
    if need.is_hidden == hide:
        raise ValidationError(
            {"action": _("The need is already hidden.") if hide else _("The need is not hidden.")}
        )
    need.is_hidden = hide
    save_with_history(need, actor=actor, reason=reason)
    event = ModerationEvent(need=need, action=action, reason=reason, actor=actor)
    event.full_clean()
    event.save()
    if need.author is not None and need.author_id != actor.pk:
        notification_send(
            recipients=[need.author],
            title=lambda: (
                (
                    _("Your need “%(title)s” has been hidden by a moderator")
                    if hide
                    else _("Your need “%(title)s” is visible again")
                )
                % {"title": need.title}
            ),
            body=reason,
        )
    return event


@transaction.atomic
def need_assign_unit(*, actor: Any, need: Need, unit: Unit | None) -> Need:
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
        raise ValidationError(_("All needs must belong to the project."))
    return needs


@transaction.atomic
def cluster_create(
    *, actor: Any, project: Project, name: str, needs: Iterable[Need] = ()
) -> Cluster:
    """Name a group of needs (kluster), for example a suggestion the leader accepts."""
    require(actor, "needs.manage_clusters", project)
    chosen = _needs_of(project, needs)
    cluster = Cluster(project=project, name=(name or "").strip())
    save_with_history(cluster, actor=actor)
    for need in chosen:
        _move(actor, need, cluster)
    return cluster


def _move(actor: Any, need: Need, cluster: Cluster | None) -> None:
    need.cluster = cluster
    save_with_history(need, actor=actor)


@transaction.atomic
def cluster_rename(*, actor: Any, cluster: Cluster, name: str) -> Cluster:
    require(actor, "needs.manage_clusters", cluster.project)
    cluster.name = (name or "").strip()
    save_with_history(cluster, actor=actor)
    return cluster


@transaction.atomic
def cluster_merge(*, actor: Any, source: Cluster, target: Cluster) -> Cluster:
    """Move every need of ``source`` into ``target`` and remove ``source``."""
    require(actor, "needs.manage_clusters", target.project)
    if source.project_id != target.project_id:
        raise ValidationError(_("Only clusters of the same project can be merged."))
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choose another cluster to merge with.")})
    for need in list(source.needs.all()):
        _move(actor, need, target)
    source._history_user = actor  # type: ignore[attr-defined]
    source.delete()
    return target


@transaction.atomic
def cluster_split(*, actor: Any, cluster: Cluster, needs: Iterable[Need], name: str) -> Cluster:
    """Move the chosen needs out of ``cluster`` into a new cluster called ``name``."""
    require(actor, "needs.manage_clusters", cluster.project)
    chosen = _needs_of(cluster.project, needs)
    if not chosen:
        raise ValidationError({"needs": _("Choose the needs to move to the new cluster.")})
    if any(need.cluster_id != cluster.pk for need in chosen):
        raise ValidationError({"needs": _("Only needs of this cluster can be split off.")})
    return cluster_create(actor=actor, project=cluster.project, name=name, needs=chosen)


@transaction.atomic
def need_move_to_cluster(*, actor: Any, need: Need, cluster: Cluster | None) -> Need:
    """Put a need in another cluster, or in none."""
    require(actor, "needs.manage_clusters", need.project)
    if cluster is not None and cluster.project_id != need.project_id:
        raise ValidationError({"cluster": _("The cluster belongs to another project.")})
    _move(actor, need, cluster)
    return need


@transaction.atomic
def cluster_delete(*, actor: Any, cluster: Cluster) -> None:
    """Dissolve a cluster; its needs stay, without a cluster."""
    require(actor, "needs.manage_clusters", cluster.project)
    cluster._history_user = actor  # type: ignore[attr-defined]
    cluster.delete()


# --- Prioritisation ---------------------------------------------------------------------------


@transaction.atomic
def priority_weights_set(
    *, actor: Any, project: Project, reach: int, urgency: int, goal_fit: int, support: int
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
    *, actor: Any, need: Need, reach: int | None, urgency: int | None, goal_fit: int | None
) -> Need:
    """Score a need 1-5 on reach, urgency and fit with the project goals."""
    require(actor, "needs.prioritise_need", need.project)
    need.reach, need.urgency, need.goal_fit = reach, urgency, goal_fit
    save_with_history(need, actor=actor)
    return need


@transaction.atomic
def cluster_score(
    *, actor: Any, cluster: Cluster, reach: int | None, urgency: int | None, goal_fit: int | None
) -> int:
    """Give every need of the cluster the same scores. Returns how many needs were scored."""
    require(actor, "needs.prioritise_need", cluster.project)
    needs = list(cluster.needs.select_related("project"))
    for need in needs:
        need_score(actor=actor, need=need, reach=reach, urgency=urgency, goal_fit=goal_fit)
    return len(needs)

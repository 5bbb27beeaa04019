"""Pages of the needs inventory. Each view parses input, calls one service or selector, renders."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskapa.core.access import access, require
from samskapa.core.history import history_entries
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.core.pagination import paginate_capped
from samskapa.core.views import apply_validation_error, paginate
from samskapa.needs import exports, selectors, services
from samskapa.needs.clustering import DEFAULT_DISTANCE
from samskapa.needs.forms import (
    CampaignForm,
    ClusterCreateForm,
    ClusterMergeForm,
    ClusterRenameForm,
    ModerationForm,
    NeedForm,
    NeedMoveForm,
    PriorityWeightsForm,
    ScoreForm,
    ThresholdForm,
    UnitForm,
)
from samskapa.needs.models import Campaign, Cluster, Need
from samskapa.portfolio.selectors import need_trace
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to


def _project(request: HttpRequest, slug: str, permission: str | None = None) -> Project:
    return access(
        projects_visible_to(user=request.user).select_related("organisation", "municipality"),
        user=request.user,
        view_permission="projects.view_project",
        permission=permission,
        slug=slug,
    )


def _need(request: HttpRequest, pk: int, permission: str | None = None) -> Need:
    return access(
        selectors.need_detail_queryset(user=request.user),
        user=request.user,
        view_permission="needs.view_need",
        permission=permission,
        pk=pk,
    )


def _campaign(request: HttpRequest, pk: int, permission: str | None = None) -> Campaign:
    return access(
        Campaign.objects.select_related("project__organisation").prefetch_related(
            "stakeholder_groups"
        ),
        user=request.user,
        view_permission="needs.view_campaign",
        permission=permission,
        pk=pk,
    )


def _cluster(request: HttpRequest, pk: int) -> Cluster:
    cluster = get_object_or_404(Cluster.objects.select_related("project__organisation"), pk=pk)
    _project(request, cluster.project.slug, "needs.manage_clusters")
    return cluster


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the form was on (same site only), else ``default``."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    # Only a path: redirect() would take any other word for the name of a URL pattern.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(default)


# --- Needs ------------------------------------------------------------------------------------


def _need_filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "query": request.GET.get("q", "").strip(),
        "project_slug": request.GET.get("project", ""),
        "stakeholder_group": request.GET.get("group", ""),
        "dimension": request.GET.get("dimension", ""),
        "sort": request.GET.get("sort", "newest"),
    }


def need_list_view(request: HttpRequest) -> HttpResponse:
    filters = _need_filters(request)
    page = paginate_capped(request, selectors.need_list(user=request.user, **filters), per_page=20)
    context = {
        "page_obj": page,
        "filters": filters,
        "projects": selectors.projects_with_needs(user=request.user),
        "groups": StakeholderGroup.objects.all(),
        "dimensions": SustainabilityDimension.objects.all(),
    }
    return render(request, "needs/need_list.html", context)


@require_GET
def need_export(request: HttpRequest) -> StreamingHttpResponse:
    """The needs of the list, with its filters, as CSV: only what the reader may see."""
    response = StreamingHttpResponse(
        exports.need_export_lines(user=request.user, **_need_filters(request)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"behov-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk)
    user = request.user
    can_moderate = user.has_perm("needs.moderate_need", need)
    can_lead = user.has_perm("needs.assign_unit", need)
    context = {
        "need": need,
        "can_change": user.has_perm("needs.change_need", need),
        "can_moderate": can_moderate,
        "can_lead": can_lead,
        "moderation_form": ModerationForm(
            initial={"action": "restore" if need.is_hidden else "hide"}
        ),
        "unit_form": UnitForm(
            organisation_id=need.project.organisation_id,
            initial={"unit": need.responsible_unit_id},
        )
        if can_lead
        else None,
        # What became of it: challenges, their ideas, initiatives (three queries).
        "trace": need_trace(need=need, user=user),
        "history": history_entries(need) if can_moderate else None,
    }
    return render(request, "needs/need_detail.html", context)


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("project") or request.POST.get("project") or ""
    if not slug:
        projects = projects_visible_to(user=request.user).order_by("name")
        return render(request, "needs/need_choose_project.html", {"projects": projects})
    project = _project(request, slug, "needs.add_need")
    campaigns = selectors.open_campaigns(project=project, today=timezone.localdate())
    organisations = selectors.organisations_for_author(user=request.user)
    initial: dict[str, Any] = {}
    campaign_id = request.GET.get("campaign", "")
    if campaign_id.isdecimal():  # a link from a campaign; anything else chooses none
        initial["campaign"] = campaigns.filter(pk=campaign_id).first()
    form = NeedForm(
        request.POST or None, campaigns=campaigns, organisations=organisations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_submit(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Thank you! Your need has been submitted."))
            return redirect(need)
    return render(request, "needs/need_form.html", {"form": form, "project": project})


@login_required
def need_update(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk, "needs.change_need")
    campaigns = need.project.campaigns.all()
    organisations = selectors.organisations_for_author(user=request.user)
    if need.organisation is not None and need.organisation not in organisations:
        organisations.append(need.organisation)
    form = NeedForm(
        request.POST or None, instance=need, campaigns=campaigns, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(actor=request.user, need=need, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(need)
    return render(
        request, "needs/need_form.html", {"form": form, "project": need.project, "need": need}
    )


@require_GET
def need_similar(request: HttpRequest) -> HttpResponse:
    """The partial of needs like the one being typed (HTMX), for the submit form."""
    project = _project(request, request.GET.get("project", ""))
    text = f"{request.GET.get('title', '')} {request.GET.get('description', '')}"
    exclude = request.GET.get("exclude", "")
    needs = selectors.similar_needs(
        user=request.user,
        project=project,
        text=text[:2000],
        exclude_pk=int(exclude) if exclude.isdigit() else None,
    )
    return render(
        request,
        "needs/includes/similar_needs.html",
        {"similar": needs, "searched": bool(text.strip())},
    )


@login_required
@require_POST
def need_support_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk, "needs.support_need")
    if request.POST.get("action") == "withdraw":
        services.need_support_withdraw(actor=request.user, need=need)
        need.supported_by_user = False  # type: ignore[attr-defined]
        message = _("Your support has been withdrawn.")
    else:
        services.need_support(actor=request.user, need=need)
        need.supported_by_user = True  # type: ignore[attr-defined]
        message = _("Thank you for your support.")
    if getattr(request, "htmx", False):
        return render(
            request,
            "needs/includes/support.html",
            {"need": need, "announcement": message, "compact": request.POST.get("compact")},
        )
    messages.success(request, message)
    return _back(request, need.get_absolute_url())


@login_required
@require_POST
def need_moderate_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk, "needs.moderate_need")
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            services.need_moderate(actor=request.user, need=need, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The moderation has been logged."))
            return _back(request, need.get_absolute_url())
    _form_errors(request, form)
    return _back(request, need.get_absolute_url())


@login_required
@require_POST
def need_assign_unit_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk, "needs.assign_unit")
    form = UnitForm(request.POST, organisation_id=need.project.organisation_id)
    if form.is_valid():
        services.need_assign_unit(actor=request.user, need=need, unit=form.cleaned_data["unit"])
        messages.success(request, _("The responsible unit has been saved."))
    else:
        messages.error(request, _("Choose one of the organisation's units."))
    return redirect(need)


@login_required
def moderation_queue_view(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    needs = selectors.moderation_queue(user=request.user, state=state)
    page = paginate(request, needs, per_page=25)
    return render(
        request,
        "needs/moderation_queue.html",
        {"page_obj": page, "state": state, "moderation_form": ModerationForm()},
    )


# --- Projects and campaigns ------------------------------------------------------------------


def project_needs(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug)
    page = paginate_capped(request, selectors.need_list(user=request.user, project_slug=slug))
    context = {
        "project": project,
        "campaigns": selectors.campaigns_of(project=project),
        "page_obj": page,
        "can_lead": request.user.has_perm("needs.manage_campaign", project),
        "can_moderate": request.user.has_perm("needs.moderate_need", project),
        "today": timezone.localdate(),
    }
    return render(request, "needs/project_needs.html", context)


@login_required
def campaign_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "needs.manage_campaign")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The campaign has been created."))
            return redirect("needs:campaign_detail", pk=campaign.pk)
    return render(request, "needs/campaign_form.html", {"form": form, "project": project})


@login_required
def campaign_update(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, "needs.manage_campaign")
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("needs:campaign_detail", pk=campaign.pk)
    context = {"form": form, "project": campaign.project, "campaign": campaign}
    return render(request, "needs/campaign_form.html", context)


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    needs = selectors.need_list(user=request.user, campaign_id=campaign.pk)
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "project": campaign.project,
        "page_obj": paginate_capped(request, needs),
        "is_open": campaign.opens_on <= today <= campaign.closes_on,
        "can_lead": request.user.has_perm("needs.manage_campaign", campaign.project),
    }
    return render(request, "needs/campaign_detail.html", context)


# --- Clustering -------------------------------------------------------------------------------


@login_required
def clustering_view(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "needs.manage_clusters")
    threshold_form = ThresholdForm(request.GET or None)
    distance = (
        threshold_form.cleaned_data["distance"] if threshold_form.is_valid() else DEFAULT_DISTANCE
    )
    clusters = selectors.clusters_of(user=request.user, project=project)
    context = {
        "project": project,
        "threshold_form": threshold_form if request.GET else ThresholdForm(),
        "distance": distance,
        "suggestions": selectors.cluster_suggestions(
            user=request.user, project=project, distance_threshold=distance
        ),
        "clusters": clusters,
        "unclustered": selectors.needs_visible_to(user=request.user)
        .filter(project=project, is_hidden=False, cluster__isnull=True)
        .order_by("title"),
    }
    return render(request, "needs/clustering.html", context)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def cluster_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "needs.manage_clusters")
    needs = selectors.needs_visible_to(user=request.user).filter(project=project)
    form = ClusterCreateForm(request.POST, needs=needs)
    if form.is_valid():
        try:
            services.cluster_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The cluster has been created."))
    else:
        _form_errors(request, form)
    return redirect("needs:clustering", slug=project.slug)


@login_required
@require_POST
def cluster_rename(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    form = ClusterRenameForm(request.POST)
    if form.is_valid():
        services.cluster_rename(actor=request.user, cluster=cluster, name=form.cleaned_data["name"])
        messages.success(request, _("The cluster has been renamed."))
    else:
        _form_errors(request, form)
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def cluster_merge(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    form = ClusterMergeForm(request.POST, clusters=cluster.project.need_clusters.exclude(pk=pk))
    if form.is_valid():
        services.cluster_merge(
            actor=request.user, source=cluster, target=form.cleaned_data["target"]
        )
        messages.success(request, _("The clusters have been merged."))
    else:
        _form_errors(request, form)
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def cluster_split(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    form = ClusterCreateForm(request.POST, needs=cluster.needs.all())
    if form.is_valid():
        try:
            services.cluster_split(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The needs have been moved to a new cluster."))
    else:
        _form_errors(request, form)
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def cluster_delete(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    services.cluster_delete(actor=request.user, cluster=cluster)
    messages.success(request, _("The cluster has been dissolved; its needs are kept."))
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def need_move(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk, "needs.manage_clusters")
    form = NeedMoveForm(request.POST, clusters=need.project.need_clusters.all())
    if form.is_valid():
        services.need_move_to_cluster(
            actor=request.user, need=need, cluster=form.cleaned_data["cluster"]
        )
        messages.success(request, _("The need has been moved."))
    else:
        _form_errors(request, form)
    return redirect("needs:clustering", slug=need.project.slug)


# --- Prioritisation ---------------------------------------------------------------------------


@login_required
def prioritisation_view(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "needs.prioritise_need")
    weights = selectors.priority_weights_of(project=project)
    form = PriorityWeightsForm(request.POST or None, instance=weights)
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_weights_set(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as invalid:
            apply_validation_error(form, invalid)
        else:
            messages.success(request, _("The weights have been saved."))
            return redirect("needs:prioritisation", slug=project.slug)
    ranked = paginate(
        request, selectors.needs_ranked(user=request.user, project=project), per_page=50
    )
    rows = [(need, selectors.score_components(need, weights)) for need in ranked.object_list]
    context = {
        "project": project,
        "form": form,
        "weights": weights,
        "page_obj": ranked,
        "rows": rows,
        "clusters": project.need_clusters.order_by("name"),
        "score_choices": range(1, 6),
    }
    return render(request, "needs/prioritisation.html", context)


@login_required
@require_POST
def need_score_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk, "needs.prioritise_need")
    form = ScoreForm(request.POST)
    if form.is_valid():
        services.need_score(actor=request.user, need=need, **form.cleaned_data)
        messages.success(
            request, _("The scores of “%(title)s” have been saved.") % {"title": need.title}
        )
    else:
        _form_errors(request, form)
    return _back(request, f"{need.project.get_absolute_url()}")


@login_required
@require_POST
def cluster_score_view(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_object_or_404(Cluster.objects.select_related("project__organisation"), pk=pk)
    require(request.user, "needs.prioritise_need", cluster.project)
    form = ScoreForm(request.POST)
    if form.is_valid():
        count = services.cluster_score(actor=request.user, cluster=cluster, **form.cleaned_data)
        messages.success(
            request,
            _("The scores have been given to the %(count)d needs of “%(name)s”.")
            % {"count": count, "name": cluster.name},
        )
    else:
        _form_errors(request, form)
    return redirect("needs:prioritisation", slug=cluster.project.slug)

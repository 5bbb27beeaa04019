"""Pages of the needs inventory. Each view parses input, calls one service or selector, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from samskapa.core.access import signed_in
from samskapa.core.exports import csv_response
from samskapa.core.feedback import report_form_errors
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service, redirect_back
from samskapa.needs import exports, selectors, services
from samskapa.needs.clustering import DEFAULT_DISTANCE
from samskapa.needs.filters import ModerationFilter, NeedFilter
from samskapa.needs.forms import (
    CampaignChoiceForm,
    CampaignForm,
    ClusterCreateForm,
    ClusterMergeForm,
    ClusterRenameForm,
    ModerationForm,
    NeedForm,
    NeedMoveForm,
    PriorityWeightsForm,
    ReportForm,
    ScoreForm,
    SimilarNeedsForm,
    ThresholdForm,
    UnitForm,
)
from samskapa.projects.selectors import access_project, projects_visible_to

# --- Needs ------------------------------------------------------------------------------------


def need_list_view(request: HttpRequest) -> HttpResponse:
    filtered = filter_list(request, NeedFilter, selectors.need_list(user=request.user))
    context = {
        "page_obj": paginate(request, filtered.queryset, per_page=20),
        "filters": filtered.filterset.values,
        "projects": selectors.projects_with_needs(user=request.user),
        "groups": StakeholderGroup.objects.all(),
        "dimensions": SustainabilityDimension.objects.all(),
        "may_moderate": selectors.moderates_any_project(user=request.user),
    }
    return render(request, "needs/need_list.html", context)


@require_GET
def need_export(request: HttpRequest) -> HttpResponseBase:
    """The needs of the list, with its filters, as CSV: only what the reader may see.

    Filters that cannot be used answer 400 rather than a file of other needs than asked for.
    """
    filterset = NeedFilter(
        request.GET, queryset=selectors.need_list(user=request.user), request=request
    )
    if not filterset.is_valid():
        fields = filterset.form.fields
        labels = [str(fields[name].label) for name in filterset.errors if name in fields]
        return HttpResponseBadRequest(
            _("The needs could not be exported: these filters cannot be used: %(filters)s.")
            % {"filters": ", ".join(labels)},
            content_type="text/plain; charset=utf-8",
        )
    return csv_response(
        filename=f"behov-{timezone.localdate().isoformat()}.csv",
        header=exports.need_export_header(),
        rows=exports.need_export_rows(needs=filterset.qs, searched=bool(filterset.values.get("q"))),
    )


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    need = selectors.access_need(user=user, pk=pk)
    can_moderate = user.has_perm("needs.moderate_need", need)
    can_lead = user.has_perm("needs.assign_unit", need)
    context = {
        "need": need,
        "can_change": user.has_perm("needs.change_need", need),
        "can_moderate": can_moderate,
        "can_lead": can_lead,
        "moderation_form": ModerationForm(
            initial={
                "action": "approve"
                if need.awaiting_approval and not need.is_hidden
                else ("restore" if need.is_hidden else "hide")
            }
        ),
        "can_report": user.has_perm("needs.report_need", need),
        "report_form": ReportForm(),
        "unit_form": UnitForm(
            organisation_id=need.project.organisation_id,
            initial={"unit": need.responsible_unit_id},
        )
        if can_lead
        else None,
        "history": history_entries(need) if can_moderate else None,
    }
    return render(request, "needs/need_detail.html", context)


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    slug = request.GET.get("project") or request.POST.get("project") or ""
    if not slug:
        projects = projects_visible_to(user=user).order_by("name")
        return render(request, "needs/need_choose_project.html", {"projects": projects})
    project = access_project(user=user, slug=slug, rule="needs.add_need")
    campaigns = selectors.open_campaigns(project=project, today=timezone.localdate())
    # A link from a campaign's page names the campaign; one that is closed, of another project
    # or no number at all is left out, and the person chooses in the form.
    chosen = CampaignChoiceForm(request.GET, campaigns=campaigns)
    if request.method == "GET" and not chosen.is_valid():
        messages.warning(
            request,
            _(
                "The campaign in the address is not open for needs in this project; choose one below."
            ),
        )
    form = NeedForm(
        request.POST or None,
        campaigns=campaigns,
        organisations=selectors.organisations_to_act_for(user=user),
        municipalities=selectors.municipalities_for_project(project=project),
        initial={"campaign": chosen.cleaned_data.get("campaign")} if chosen.is_valid() else {},
    )
    if request.method == "POST" and form.is_valid():
        need = call_service(
            form, services.need_submit, actor=user, project=project, **form.cleaned_data
        )
        if need is not None:
            messages.success(request, _("Thank you! Your need has been submitted."))
            return redirect(need)
    return render(request, "needs/need_form.html", {"form": form, "project": project})


@login_required
def need_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.change_need")
    form = NeedForm(
        request.POST or None,
        instance=need,
        campaigns=selectors.campaigns_of(project=need.project),
        organisations=selectors.organisations_to_act_for(user=user, keeping=need.organisation_id),
        municipalities=selectors.municipalities_for_project(
            project=need.project, keeping=need.municipality_id
        ),
    )
    if request.method == "POST" and form.is_valid():
        call_service(form, services.need_update, actor=user, need=need, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(need)
    return render(
        request, "needs/need_form.html", {"form": form, "project": need.project, "need": need}
    )


@require_GET
def need_similar(request: HttpRequest) -> HttpResponse:
    """The partial of needs like the one being typed (HTMX), for the submit form."""
    project = access_project(user=request.user, slug=request.GET.get("project", ""))
    form = SimilarNeedsForm(request.GET)
    searched = form.is_valid() and bool(form.text().strip())
    needs = (
        selectors.similar_needs(
            user=request.user,
            project=project,
            text=form.text(),
            exclude_pk=form.cleaned_data["exclude"],
        )
        if searched
        else []
    )
    return render(
        request, "needs/includes/similar_needs.html", {"similar": needs, "searched": searched}
    )


@login_required
@require_POST
def need_support_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.support_need")
    if request.POST.get("action") == "withdraw":
        services.need_support_withdraw(actor=user, need=need)
        need.supported_by_user = False  # type: ignore[attr-defined]
        message = _("Your support has been withdrawn.")
    else:
        services.need_support(actor=user, need=need)
        need.supported_by_user = True  # type: ignore[attr-defined]
        message = _("Thank you for your support.")
    if getattr(request, "htmx", False):
        return render(
            request,
            "needs/includes/support.html",
            {"need": need, "announcement": message, "compact": request.POST.get("compact")},
        )
    messages.success(request, message)
    return redirect_back(request, need.get_absolute_url())


@login_required
@require_POST
def need_moderate_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.moderate_need")
    form = ModerationForm(request.POST)
    if form.is_valid():
        call_service(form, services.need_moderate, actor=user, need=need, **form.cleaned_data)
    if form.is_valid():
        messages.success(request, _("The moderation has been logged."))
    else:
        report_form_errors(request, form)
    return redirect_back(request, need.get_absolute_url())


@login_required
@require_POST
def need_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.report_need")
    form = ReportForm(request.POST)
    if form.is_valid():
        call_service(form, services.need_report, actor=user, need=need, **form.cleaned_data)
    if form.is_valid():
        messages.success(request, _("Thank you. The project's moderators will look at the need."))
    else:
        report_form_errors(request, form)
    return redirect_back(request, need.get_absolute_url())


@login_required
@require_POST
def need_assign_unit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.assign_unit")
    form = UnitForm(request.POST, organisation_id=need.project.organisation_id)
    if form.is_valid():
        call_service(
            form, services.need_assign_unit, actor=user, need=need, unit=form.cleaned_data["unit"]
        )
    if form.is_valid():
        messages.success(request, _("The responsible unit has been saved."))
    else:
        report_form_errors(request, form)
    return redirect(need)


@login_required
def moderation_queue_view(request: HttpRequest) -> HttpResponse:
    if not selectors.moderates_any_project(user=request.user):
        raise PermissionDenied(
            _("Only the moderators and leaders of a project moderate its needs.")
        )
    filtered = filter_list(
        request, ModerationFilter, selectors.moderation_queue(user=signed_in(request.user))
    )
    return render(
        request,
        "needs/moderation_queue.html",
        {
            "page_obj": paginate(request, filtered.queryset, per_page=25),
            "state": filtered.filterset.values.get("state") or "",
            "moderation_form": ModerationForm(),
        },
    )


# --- Projects and campaigns ------------------------------------------------------------------


def project_needs(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    project = access_project(user=user, slug=slug)
    context = {
        "project": project,
        "campaigns": selectors.campaigns_of(project=project),
        "page_obj": paginate(request, selectors.project_need_list(user=user, project=project)),
        "can_lead": user.has_perm("needs.manage_campaign", project),
        "can_moderate": user.has_perm("needs.moderate_need", project),
        "today": timezone.localdate(),
    }
    return render(request, "needs/project_needs.html", context)


@login_required
def campaign_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="needs.manage_campaign")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = call_service(
            form, services.campaign_create, actor=user, project=project, **form.cleaned_data
        )
        if campaign is not None:
            messages.success(request, _("The campaign has been created."))
            return redirect("needs:campaign_detail", pk=campaign.pk)
    return render(request, "needs/campaign_form.html", {"form": form, "project": project})


@login_required
def campaign_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    campaign = selectors.access_campaign(user=user, pk=pk, rule="needs.manage_campaign")
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.campaign_update, actor=user, campaign=campaign, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect("needs:campaign_detail", pk=campaign.pk)
    context = {"form": form, "project": campaign.project, "campaign": campaign}
    return render(request, "needs/campaign_form.html", context)


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = selectors.access_campaign(user=user, pk=pk)
    needs = selectors.campaign_need_list(user=user, campaign=campaign)
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "project": campaign.project,
        "page_obj": paginate(request, needs),
        "is_open": campaign.opens_on <= today <= campaign.closes_on,
        "can_lead": user.has_perm("needs.manage_campaign", campaign.project),
    }
    return render(request, "needs/campaign_detail.html", context)


# --- Clustering -------------------------------------------------------------------------------


@login_required
def clustering_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="needs.manage_clusters")
    threshold_form = ThresholdForm(request.GET or None)
    distance = (
        threshold_form.cleaned_data["distance"] if threshold_form.is_valid() else DEFAULT_DISTANCE
    )
    context = {
        "project": project,
        "threshold_form": threshold_form if request.GET else ThresholdForm(),
        "distance": distance,
        "suggestions": selectors.cluster_suggestions(
            user=user, project=project, distance_threshold=distance
        ),
        "clusters": selectors.clusters_of(user=user, project=project),
        "unclustered": selectors.unclustered_needs(user=user, project=project),
    }
    return render(request, "needs/clustering.html", context)


@login_required
@require_POST
def cluster_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="needs.manage_clusters")
    form = ClusterCreateForm(
        request.POST, needs=selectors.project_needs_by_title(user=user, project=project)
    )
    if form.is_valid():
        call_service(
            form, services.cluster_create, actor=user, project=project, **form.cleaned_data
        )
    if form.is_valid():
        messages.success(request, _("The cluster has been created."))
    else:
        report_form_errors(request, form)
    return redirect("needs:clustering", slug=project.slug)


@login_required
@require_POST
def cluster_rename(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    cluster = selectors.access_cluster(user=user, pk=pk)
    form = ClusterRenameForm(request.POST)
    if form.is_valid():
        call_service(
            form, services.cluster_rename, actor=user, cluster=cluster, **form.cleaned_data
        )
    if form.is_valid():
        messages.success(request, _("The cluster has been renamed."))
    else:
        report_form_errors(request, form)
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def cluster_merge(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    cluster = selectors.access_cluster(user=user, pk=pk)
    form = ClusterMergeForm(request.POST, clusters=cluster.project.need_clusters.exclude(pk=pk))
    if form.is_valid():
        call_service(
            form,
            services.cluster_merge,
            actor=user,
            source=cluster,
            target=form.cleaned_data["target"],
        )
    if form.is_valid():
        messages.success(request, _("The clusters have been merged."))
    else:
        report_form_errors(request, form)
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def cluster_split(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    cluster = selectors.access_cluster(user=user, pk=pk)
    form = ClusterCreateForm(request.POST, needs=cluster.needs.all())
    if form.is_valid():
        call_service(form, services.cluster_split, actor=user, cluster=cluster, **form.cleaned_data)
    if form.is_valid():
        messages.success(request, _("The needs have been moved to a new cluster."))
    else:
        report_form_errors(request, form)
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def cluster_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    cluster = selectors.access_cluster(user=user, pk=pk)
    services.cluster_delete(actor=user, cluster=cluster)
    messages.success(request, _("The cluster has been dissolved; its needs are kept."))
    return redirect("needs:clustering", slug=cluster.project.slug)


@login_required
@require_POST
def need_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.manage_clusters")
    form = NeedMoveForm(request.POST, clusters=need.project.need_clusters.all())
    if form.is_valid():
        call_service(
            form,
            services.need_move_to_cluster,
            actor=user,
            need=need,
            cluster=form.cleaned_data["cluster"],
        )
    if form.is_valid():
        messages.success(request, _("The need has been moved."))
    else:
        report_form_errors(request, form)
    return redirect("needs:clustering", slug=need.project.slug)


# --- Prioritisation ---------------------------------------------------------------------------


@login_required
def prioritisation_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="needs.prioritise_need")
    weights = selectors.priority_weights_of(project=project)
    form = PriorityWeightsForm(request.POST or None, instance=weights)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.priority_weights_set, actor=user, project=project, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The weights have been saved."))
            return redirect("needs:prioritisation", slug=project.slug)
    ranked = paginate(request, selectors.needs_ranked(user=user, project=project), per_page=50)
    rows = [(need, selectors.score_components(need, weights)) for need in ranked.object_list]
    context = {
        "project": project,
        "form": form,
        "weights": weights,
        "page_obj": ranked,
        "rows": rows,
        "clusters": project.need_clusters.order_by("name"),
        "score_choices": range(1, 6),
        "example": selectors.priority_example(weights),
    }
    return render(request, "needs/prioritisation.html", context)


@login_required
@require_POST
def prioritisation_scores_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The prioritisation page's one form: the scores of every need in the table at once."""
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="needs.prioritise_need")
    ids = [int(value) for value in request.POST.getlist("need") if value.isdigit()][:500]
    needs = selectors.needs_ranked(user=user, project=project).filter(pk__in=ids)
    forms = [(need, ScoreForm(request.POST, prefix=f"n{need.pk}")) for need in needs]
    invalid = [form for _need, form in forms if not form.is_valid()]
    if invalid:
        for form in invalid:
            report_form_errors(request, form)
        return redirect_back(
            request, reverse("needs:prioritisation", kwargs={"slug": project.slug})
        )
    changed = services.needs_score(
        actor=user, project=project, scores=[(need, form.cleaned_data) for need, form in forms]
    )
    messages.success(
        request,
        ngettext(
            "The scores of %(count)d need have been saved.",
            "The scores of %(count)d needs have been saved.",
            changed,
        )
        % {"count": changed},
    )
    return redirect_back(request, reverse("needs:prioritisation", kwargs={"slug": project.slug}))


@login_required
@require_POST
def need_score_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = selectors.access_need(user=user, pk=pk, rule="needs.prioritise_need")
    form = ScoreForm(request.POST)
    if form.is_valid():
        call_service(form, services.need_score, actor=user, need=need, **form.cleaned_data)
    if form.is_valid():
        messages.success(
            request, _("The scores of “%(title)s” have been saved.") % {"title": need.title}
        )
    else:
        report_form_errors(request, form)
    return redirect_back(request, f"{need.project.get_absolute_url()}")


@login_required
@require_POST
def cluster_score_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    cluster = selectors.access_cluster(user=user, pk=pk, rule="needs.prioritise_need")
    form = ScoreForm(request.POST)
    count = None
    if form.is_valid():
        count = call_service(
            form, services.cluster_score, actor=user, cluster=cluster, **form.cleaned_data
        )
    if count is not None:
        messages.success(
            request,
            ngettext(
                "The scores have been given to the %(count)d need of “%(name)s”.",
                "The scores have been given to the %(count)d needs of “%(name)s”.",
                count,
            )
            % {"count": count, "name": cluster.name},
        )
    else:
        report_form_errors(request, form)
    return redirect("needs:prioritisation", slug=cluster.project.slug)

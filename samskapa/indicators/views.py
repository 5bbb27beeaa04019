"""Pages of follow-up: indicators, their values and imports, and the dashboards."""

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samskapa.accounts.models import User
from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.exports import csv_response
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.geo.models import Municipality
from samskapa.indicators import services
from samskapa.indicators.filters import IndicatorFilter
from samskapa.indicators.forms import (
    EvaluationForm,
    ImportConfirmForm,
    ImportForm,
    IndicatorForm,
    MeasurementForm,
    TargetsForm,
)
from samskapa.indicators.imports import ImportFileError, read_rows
from samskapa.indicators.models import Indicator, Measurement, Source
from samskapa.indicators.progress import RULE_TEXT
from samskapa.indicators.selectors import (
    DashboardScope,
    access_indicator,
    chain_funnel,
    comparison_series,
    dashboard_indicators,
    evaluations_citing,
    evaluations_of,
    indicator_list,
    indicator_progress,
    indicator_series,
    indicators_visible_to,
    initiatives_for_indicator,
    municipality_comparison,
    needs_for_indicator,
    organisations_for_indicator,
    progress_counts,
    progress_series,
    projects_for_indicator,
    sdg_coverage,
    status_headings,
)
from samskapa.indicators.svg import line_chart_svg
from samskapa.programmes.models import Milestone
from samskapa.programmes.selectors import (
    access_programme,
    programme_milestones,
    programmes_visible_to,
)
from samskapa.projects.selectors import access_project

PER_PAGE = 20
DASHBOARD_PER_PAGE = 10
# A dashboard shows the latest evaluations; the programme's page of evaluations has them all.
EVALUATIONS_SHOWN = 3
# An indicator's page lists the latest evaluations that cite it.
EVALUATIONS_CITING_SHOWN = 10
CHANGE = "indicators.change_indicator"


def _with_charts(indicators: Any) -> list[dict[str, Any]]:
    """Each indicator of a page with its series and progress, for the chart and its table."""
    return [
        {
            "indicator": indicator,
            "series": indicator_series(indicator),
            "progress": indicator_progress(indicator),
        }
        for indicator in indicators
    ]


def indicator_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, IndicatorFilter, indicator_list(user=request.user))
    page = paginate(request, listed.queryset, per_page=PER_PAGE)
    context = {
        "page_obj": page,
        "rows": _with_charts(page.object_list),
        "filters": listed.filterset.data,
        "can_create": request.user.has_perm("indicators.start_indicator"),
        "rule_text": RULE_TEXT,
    }
    return render(request, "indicators/indicator_list.html", context)


def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access_indicator(user=request.user, pk=pk)
    can_change = request.user.has_perm(CHANGE, indicator)
    context = {
        "indicator": indicator,
        "series": indicator_series(indicator),
        "progress": indicator_progress(indicator),
        "rule_text": RULE_TEXT,
        "measurements": list(indicator.measurements.all()),
        "targets": list(indicator.targets.all()),
        "evaluations": list(
            evaluations_citing(user=request.user, indicator=indicator)[:EVALUATIONS_CITING_SHOWN]
        ),
        "can_change": can_change,
        "measurement_form": MeasurementForm() if can_change else None,
        "history": history_entries(indicator) if can_change else None,
    }
    return render(request, "indicators/indicator_detail.html", context)


def _indicator_form(
    request: HttpRequest, user: User, indicator: Indicator | None = None
) -> IndicatorForm:
    organisations = organisations_for_indicator(
        user=user, current=indicator.organisation if indicator else None
    )
    initial: dict[str, Any] = {}
    if indicator is None:
        choices = list(organisations[:2])
        if len(choices) == 1:
            initial["organisation"] = choices[0]
            if choices[0].municipality_id:
                initial["municipality"] = choices[0].municipality_id
        if (slug := request.GET.get("project")) and isinstance(slug, str):
            project = projects_for_indicator(user=user).filter(slug=slug[:80]).first()
            if project is not None:
                initial["project"] = project
    return IndicatorForm(
        request.POST or None,
        instance=indicator,
        initial=initial,
        organisations=organisations,
        projects=projects_for_indicator(
            user=user, current=indicator.project if indicator else None
        ).select_related("municipality"),
        programmes=programmes_visible_to(user=user).order_by("name"),
        needs=needs_for_indicator(user=user, indicator=indicator) if indicator else None,
        initiatives=initiatives_for_indicator(user=user, indicator=indicator)
        if indicator
        else None,
    )


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if not user.has_perm("indicators.start_indicator"):
        raise PermissionDenied(
            _(
                "An indicator is run by an organisation. You need to be a project leader or "
                "administrator of one to add an indicator."
            )
        )
    form = _indicator_form(request, user)
    if request.method == "POST" and form.is_valid():
        indicator = call_service(form, services.indicator_create, actor=user, **form.cleaned_data)
        if indicator is not None:
            messages.success(request, _("The indicator has been added. Now set its targets."))
            return redirect("indicators:targets", pk=indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form})


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    form = _indicator_form(request, user, indicator)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.indicator_update, actor=user, indicator=indicator, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(indicator)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule="indicators.delete_indicator")
    if call_action(
        request,
        services.indicator_delete,
        actor=user,
        indicator=indicator,
        success=_("The indicator and its values have been deleted."),
    ):
        return redirect("indicators:list")
    return redirect(indicator)


@login_required
def targets_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    initial = "\n".join(f"{t.year}: {t.value.normalize():f}" for t in indicator.targets.all())
    form = TargetsForm(request.POST or None, initial={"targets": initial})
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.targets_set,
            actor=user,
            indicator=indicator,
            targets=form.cleaned_data["targets"],
        )
        if form.is_valid():
            messages.success(request, _("The targets have been saved."))
            return redirect(indicator)
    return render(
        request,
        "indicators/indicator_subform.html",
        {"indicator": indicator, "form": form, "title": _("Targets per year")},
    )


@login_required
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    form = MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.measurement_record, actor=user, indicator=indicator, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(
                request,
                _("The value for %(year)s has been saved.") % {"year": form.cleaned_data["period"]},
            )
            return redirect(f"{indicator.get_absolute_url()}#values")
    return render(
        request,
        "indicators/indicator_subform.html",
        {"indicator": indicator, "form": form, "title": _("Enter a value")},
    )


@login_required
@require_POST
def measurement_delete(request: HttpRequest, pk: int, measurement_pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    measurement = get_object_or_404(Measurement, indicator=indicator, pk=measurement_pk)
    measurement.indicator = indicator
    call_action(
        request,
        services.measurement_delete,
        actor=user,
        measurement=measurement,
        success=_("The value has been deleted."),
    )
    return redirect(f"{indicator.get_absolute_url()}#values")


@login_required
def measurement_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload or paste values; the answer is a preview with every row's errors, and nothing is
    saved until the preview is confirmed (``measurement_import_confirm``)."""
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"indicator": indicator, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None:
            content, filename = upload.read(), upload.name or ""
        else:
            content, filename = form.cleaned_data["text"].encode(), "values.csv"
        try:
            preview = read_rows(content=content, filename=filename, indicator=indicator)
        except ImportFileError as error:
            form.add_error("file" if upload is not None else "text", str(error))
        else:
            source = Source.KOLADA if filename.lower().endswith(".json") else Source.FILE
            context["preview"] = preview
            if preview.is_valid:
                context["confirm_form"] = ImportConfirmForm(
                    initial={
                        "token": services.sign_import(
                            indicator=indicator, rows=preview.rows, source=source
                        )
                    }
                )
    return render(request, "indicators/indicator_import.html", context)


@login_required
@require_POST
def measurement_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    form = ImportConfirmForm(request.POST)
    if form.is_valid():
        saved = call_service(
            form,
            services.measurements_import,
            actor=user,
            indicator=indicator,
            token=form.cleaned_data["token"],
        )
        if form.is_valid():
            messages.success(
                request,
                ngettext(
                    "%(count)s value has been saved.",
                    "%(count)s values have been saved.",
                    saved or 0,
                )
                % {"count": saved},
            )
            return redirect(f"{indicator.get_absolute_url()}#values")
    for error in form.errors.get("__all__", []) + form.errors.get("token", []):
        messages.error(request, str(error))
    return redirect("indicators:import", pk=indicator.pk)


@login_required
@require_POST
def kolada_fetch(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    indicator = access_indicator(user=user, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.kolada_fetch_request,
        actor=user,
        indicator=indicator,
        success=_(
            "The values are being fetched from Kolada. You will get a notification when it is done."
        ),
    )
    return redirect(f"{indicator.get_absolute_url()}#values")


def indicator_chart_svg(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access_indicator(user=request.user, pk=pk)
    svg = line_chart_svg(
        series=indicator_series(indicator), title=indicator.name, unit=indicator.unit
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indikator-{indicator.pk}.svg"'
    return response


def _value_rows(indicators: Any) -> Iterator[list[Any]]:
    for indicator in indicators:
        for measurement in indicator.csv_values:
            yield [
                indicator.pk,
                indicator.name,
                indicator.kolada_id,
                indicator.unit,
                indicator.municipality.code if indicator.municipality else "",
                measurement.period,
                measurement.gender,
                measurement.value,
                "",
                measurement.get_source_display(),
                measurement.source_note,
            ]
        for target in indicator.targets.all():
            yield [
                indicator.pk,
                indicator.name,
                indicator.kolada_id,
                indicator.unit,
                indicator.municipality.code if indicator.municipality else "",
                target.year,
                "T",
                "",
                target.value,
                "",
                "",
            ]


CSV_HEADER = [
    "indicator_id",
    "indicator",
    "kolada_id",
    "unit",
    "municipality",
    "year",
    "gender",
    "value",
    "target",
    "source",
    "source_details",
]


def _csv(indicators: Any, filename: str) -> StreamingHttpResponse:
    indicators = indicators.prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("period", "gender"),
            to_attr="csv_values",
        )
    )
    return csv_response(filename=filename, header=CSV_HEADER, rows=_value_rows(indicators))


def indicator_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    indicator = access_indicator(user=request.user, pk=pk)
    return _csv(Indicator.objects.filter(pk=indicator.pk), f"indikator-{indicator.pk}.csv")


# --- Dashboards --------------------------------------------------------------------------------


def _dashboard(
    request: HttpRequest, *, scope: DashboardScope, title: str, context: dict[str, Any]
) -> HttpResponse:
    indicators = dashboard_indicators(user=request.user, scope=scope)
    page = paginate(request, indicators, per_page=DASHBOARD_PER_PAGE)
    counts = progress_counts(indicators)
    coverage = sdg_coverage(user=request.user, scope=scope)
    context.update(
        {
            "title": title,
            "scope": scope,
            "page_obj": page,
            "rows": _with_charts(page.object_list),
            "progress": progress_series(counts),
            "indicator_count": sum(counts.values()),
            "coverage": coverage,
            "funnel": chain_funnel(user=request.user, scope=scope),
            "rule_text": RULE_TEXT,
            "evaluations": list(evaluations_of(user=request.user, scope=scope)[:EVALUATIONS_SHOWN]),
        }
    )
    if scope.project is None and scope.municipality is None and scope.programme is None:
        comparison = municipality_comparison(indicators=indicators)
        context["show_comparison"] = True
        context["comparison"] = comparison
        context["comparison_chart"] = comparison_series(comparison)
        context["status_headings"] = status_headings()
    return render(request, "indicators/dashboard.html", context)


def project_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    project = access_project(user=request.user, slug=slug)
    return _dashboard(
        request,
        scope=DashboardScope(project=project),
        title=_("Follow-up of %(name)s") % {"name": project.name},
        context={
            "about": project,
            "csv_url": "indicators:project_csv",
            "csv_arg": project.slug,
            "can_add": request.user.has_perm("projects.change_project", project),
        },
    )


def municipality_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    return _dashboard(
        request,
        scope=DashboardScope(municipality=municipality),
        title=_("Follow-up in %(name)s") % {"name": municipality.name},
        context={
            "about": municipality,
            "csv_url": "indicators:municipality_csv",
            "csv_arg": municipality.code,
        },
    )


def programme_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    programme = access_programme(user=request.user, slug=slug)
    return _dashboard(
        request,
        scope=DashboardScope(programme=programme),
        title=_("Follow-up of %(name)s") % {"name": programme.name},
        context={
            "about": programme,
            "csv_url": "indicators:programme_csv",
            "csv_arg": programme.slug,
            "can_evaluate": request.user.has_perm("programmes.change_programme", programme),
        },
    )


def network_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(
        request,
        scope=DashboardScope(),
        title=_("Follow-up of the whole network"),
        context={"csv_url": "indicators:network_csv", "csv_arg": None},
    )


def project_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    project = access_project(user=request.user, slug=slug)
    scope = DashboardScope(project=project)
    return _csv(dashboard_indicators(user=request.user, scope=scope), f"uppfoljning-{slug}.csv")


def municipality_csv(request: HttpRequest, code: str) -> StreamingHttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    scope = DashboardScope(municipality=municipality)
    return _csv(dashboard_indicators(user=request.user, scope=scope), f"uppfoljning-{code}.csv")


def programme_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    programme = access_programme(user=request.user, slug=slug)
    scope = DashboardScope(programme=programme)
    return _csv(dashboard_indicators(user=request.user, scope=scope), f"uppfoljning-{slug}.csv")


def network_csv(request: HttpRequest) -> StreamingHttpResponse:
    scope = DashboardScope()
    return _csv(dashboard_indicators(user=request.user, scope=scope), "uppfoljning-natverket.csv")


def network_comparison_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The municipalities side by side, as the network dashboard's table shows them."""
    rows = municipality_comparison(
        indicators=dashboard_indicators(user=request.user, scope=DashboardScope())
    )
    header = [
        _("Municipality code"),
        _("Municipality"),
        *status_headings(),
        _("Indicators"),
        _("Share on track (%)"),
    ]
    return csv_response(
        filename="kommuner-sida-vid-sida.csv",
        header=header,
        rows=([row.code, row.name, *row.cells, row.total, row.share_on_track] for row in rows),
    )


def _chosen_milestone(request: HttpRequest, milestones: Any) -> Milestone | None:
    """The milestone named by ``?milestone=`` among ``milestones``, or None if none is named;
    404 for one that is not a milestone of the programme (or not a number)."""
    value = request.GET.get("milestone", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404
    return get_object_or_404(milestones, pk=int(value))


def programme_evaluations(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's evaluations, or with ``?milestone=`` those of one milestone."""
    programme = access_programme(user=request.user, slug=slug)
    milestone = _chosen_milestone(request, programme_milestones(programme=programme))
    evaluations = evaluations_of(user=request.user, scope=DashboardScope(programme=programme))
    if milestone is not None:
        evaluations = evaluations.filter(milestone=milestone)
    context = {
        "programme": programme,
        "milestone": milestone,
        "page_obj": paginate(request, evaluations, per_page=PER_PAGE),
        "can_evaluate": request.user.has_perm("programmes.change_programme", programme),
    }
    return render(request, "indicators/evaluation_list.html", context)


@login_required
def evaluation_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule="programmes.change_programme")
    milestones = programme_milestones(programme=programme)
    # "Evaluate this milestone" from the programme's page chooses the milestone beforehand.
    chosen = None if request.method == "POST" else _chosen_milestone(request, milestones)
    form = EvaluationForm(
        request.POST or None,
        initial={"milestone": chosen.pk} if chosen else None,
        milestones=milestones,
        indicators=DashboardScope(programme=programme)
        .filter_indicators(indicators_visible_to(user=user))
        .order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        evaluation = call_service(form, services.evaluation_add, actor=user, **form.cleaned_data)
        if form.is_valid() and evaluation is not None:
            messages.success(request, _("The evaluation has been saved."))
            url = reverse("indicators:programme_evaluations", args=[slug])
            return redirect(f"{url}?milestone={evaluation.milestone_id}")
    return render(
        request, "indicators/evaluation_form.html", {"form": form, "programme": programme}
    )

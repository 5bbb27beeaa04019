"""Pages of the matrix of administrations and boards against a project's planning phases (seed 001).

They live in the portfolio, with the matrix they show (see unit_matrix.py), and keep their
addresses under /projekt/ (unit_urls.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samskapa.core.access import Viewer, access, signed_in
from samskapa.core.views import call_service
from samskapa.portfolio.unit_matrix import unit_matrix
from samskapa.projects import services
from samskapa.projects.forms import PhaseRoleForm
from samskapa.projects.models import Project, ProjectPhase, UnitPhaseRole
from samskapa.projects.selectors import matrix_units, projects_visible_to


def _projects(user: Viewer) -> QuerySet[Project]:
    # The matrix needs none of the detail page's prefetches.
    return projects_visible_to(user=user).select_related("organisation")


def _render_matrix(
    request: HttpRequest, project: Project, *, focus: str = "", announcement: str = ""
) -> HttpResponse:
    context = {
        "project": project,
        "matrix": unit_matrix(user=request.user, project=project),
        "can_change": request.user.has_perm("projects.change_project", project),
        "focus": focus,
        "announcement": announcement,
    }
    return render(request, "portfolio/unit_matrix.html", context)


def unit_matrix_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Every administration and board of the organisation against the planning phases."""
    project = access(
        _projects(request.user),
        user=request.user,
        view_permission="projects.view_project",
        slug=slug,
    )
    return _render_matrix(request, project, focus=request.GET.get("focus", ""))


@login_required
def unit_phase_edit(request: HttpRequest, slug: str, unit_pk: int, phase: str) -> HttpResponse:
    """One cell of the matrix. With htmx the form opens in the cell and saving redraws the matrix."""
    user = signed_in(request.user)
    project = access(
        _projects(user),
        user=user,
        view_permission="projects.view_project",
        permission="projects.change_project",
        slug=slug,
    )
    if phase not in ProjectPhase.values:
        raise Http404(_("The page could not be found."))
    unit = get_object_or_404(matrix_units(project=project), pk=unit_pk)
    current = UnitPhaseRole.objects.filter(
        project_unit__project=project, project_unit__unit=unit, phase=phase
    ).first()
    initial = {"role": current.role, "contribution": current.contribution} if current else {}
    cell_id = f"{unit.pk}-{phase}"
    # Ids of their own: with htmx, several cells of the same page can hold an open form.
    form = PhaseRoleForm(request.POST or None, initial=initial, auto_id=f"id_{cell_id}_%s")
    htmx = bool(getattr(request, "htmx", False))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["role"]:
            call_service(
                form,
                services.unit_phase_role_set,
                actor=user,
                project=project,
                unit=unit,
                phase=phase,
                **form.cleaned_data,
            )
        else:
            call_service(
                form,
                services.unit_phase_role_clear,
                actor=user,
                project=project,
                unit=unit,
                phase=phase,
            )
        if form.is_valid():
            message = _("%(unit)s, %(phase)s: saved.") % {
                "unit": unit.name,
                "phase": ProjectPhase(phase).label,
            }
            if htmx:
                return _render_matrix(request, project, focus=cell_id, announcement=message)
            messages.success(request, message)
            return redirect(f"{reverse('units:matrix', args=[project.slug])}#cell-{cell_id}")
    if htmx:
        form.fields["role"].widget.attrs["autofocus"] = True
    context = {
        "project": project,
        "unit": unit,
        "phase": phase,
        "phase_label": ProjectPhase(phase).label,
        "cell_id": cell_id,
        "form": form,
    }
    response = render(request, "portfolio/unit_phase_form.html", context)
    if htmx and request.method == "POST":
        # The form's hx-select expects the redrawn matrix; with errors, the form goes back into
        # its cell instead.
        response["HX-Retarget"] = f"#cell-{cell_id}"
        response["HX-Reselect"] = "#phase-role-form"
        response["HX-Reswap"] = "innerHTML"
    return response

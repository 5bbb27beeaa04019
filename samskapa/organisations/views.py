"""Pages of organisations: list, detail, register, edit, members and units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import access, require
from samskapa.core.history import history_entries
from samskapa.core.models import HelixSector
from samskapa.core.views import apply_validation_error, paginate
from samskapa.organisations import services
from samskapa.organisations.forms import MemberAddForm, OrganisationForm, UnitForm
from samskapa.organisations.models import Membership, Organisation, OrganisationType, Unit
from samskapa.organisations.selectors import (
    organisation_detail_queryset,
    organisation_list,
    organisation_members,
)
from samskapa.projects.selectors import project_list


def _organisation(request: HttpRequest, slug: str, permission: str | None = None) -> Organisation:
    return access(
        organisation_detail_queryset(),
        user=request.user,
        view_permission="organisations.view_organisation",
        permission=permission,
        slug=slug,
    )


def organisation_list_view(request: HttpRequest) -> HttpResponse:
    filters = {
        "query": request.GET.get("q", ""),
        "type": request.GET.get("type", ""),
        "helix_sector": request.GET.get("sector", ""),
        "municipality_code": request.GET.get("municipality", ""),
    }
    page = paginate(request, organisation_list(user=request.user, **filters), per_page=24)
    context = {
        "page_obj": page,
        "filters": filters,
        "types": OrganisationType.choices,
        "sectors": HelixSector.choices,
    }
    return render(request, "organisations/organisation_list.html", context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    can_change = request.user.has_perm("organisations.change_organisation", organisation)
    context = {
        "organisation": organisation,
        "projects": project_list(user=request.user, organisation_slug=organisation.slug),
        "can_change": can_change,
        "can_add_project": request.user.has_perm("projects.add_project", organisation),
        "members": organisation_members(organisation=organisation) if can_change else None,
        "history": history_entries(organisation) if can_change else None,
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The organisation has been registered."))
            return redirect(organisation)
    return render(request, "organisations/organisation_form.html", {"form": form})


@login_required
def organisation_update(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug, "organisations.change_organisation")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(organisation)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug, "organisations.manage_members")
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(
                actor=request.user,
                user=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organisation=organisation,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The member has been added."))
            return redirect(organisation)
    return render(
        request, "organisations/member_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, slug, "organisations.manage_members")
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The membership has been removed."))
    return redirect(organisation)


@login_required
def unit_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, slug, "organisations.change_organisation")
    unit = get_object_or_404(Unit, pk=pk, organisation=organisation) if pk else None
    form = UnitForm(request.POST or None, instance=unit, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("name", "kind", "responsibility", "parent")}
        try:
            if unit is None:
                services.unit_create(actor=request.user, organisation=organisation, **data)
            else:
                services.unit_update(actor=request.user, unit=unit, **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The unit has been saved."))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation, "unit": unit}
    return render(request, "organisations/unit_form.html", context)


@login_required
@require_POST
def unit_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, slug, "organisations.change_organisation")
    unit = get_object_or_404(Unit, pk=pk, organisation=organisation)
    try:
        services.unit_delete(actor=request.user, unit=unit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The unit has been removed."))
    return redirect(organisation)

"""Pages of organisations: list, detail, register, edit, members and units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import require, signed_in
from samskapa.core.actions import call_action
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.models import HelixSector
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.organisations import services
from samskapa.organisations.filters import OrganisationFilter
from samskapa.organisations.forms import MemberAddForm, OrganisationForm, UnitForm
from samskapa.organisations.models import OrganisationType
from samskapa.organisations.selectors import (
    access_membership,
    access_organisation,
    access_unit,
    organisation_list,
    organisation_members,
)


def organisation_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, OrganisationFilter, organisation_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=24),
        "filters": listed.filterset.data,
        "types": OrganisationType.choices,
        "sectors": HelixSector.choices,
    }
    return render(request, "organisations/organisation_list.html", context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(user=request.user, slug=slug)
    can_change = request.user.has_perm("organisations.change_organisation", organisation)
    context = {
        "organisation": organisation,
        "can_change": can_change,
        "can_add_project": request.user.has_perm("projects.add_project", organisation),
        "members": organisation_members(organisation=organisation) if can_change else None,
        "history": history_entries(organisation) if can_change else None,
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    require(user, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = call_service(
            form, services.organisation_create, actor=user, **form.cleaned_data
        )
        if organisation is not None:
            messages.success(request, _("The organisation has been registered."))
            return redirect(organisation)
    return render(request, "organisations/organisation_form.html", {"form": form})


@login_required
def organisation_update(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    organisation = access_organisation(
        user=user, slug=slug, rule="organisations.change_organisation"
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.organisation_update,
            actor=user,
            organisation=organisation,
            **form.cleaned_data,
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(organisation)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    organisation = access_organisation(user=user, slug=slug, rule="organisations.manage_members")
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.membership_add,
            actor=user,
            user=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            organisation=organisation,
        )
        if form.is_valid():
            messages.success(request, _("The member has been added."))
            return redirect(organisation)
    return render(
        request, "organisations/member_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    membership = access_membership(
        user=user, organisation_slug=slug, pk=pk, rule="organisations.manage_members"
    )
    call_action(
        request,
        services.membership_remove,
        actor=user,
        membership=membership,
        success=_("The membership has been removed."),
    )
    return redirect("organisations:detail", slug=slug)


@login_required
def unit_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    user = signed_in(request.user)
    rule = "organisations.change_organisation"
    if pk is None:
        organisation = access_organisation(user=user, slug=slug, rule=rule)
        unit = None
    else:
        unit = access_unit(user=user, organisation_slug=slug, pk=pk, rule=rule)
        organisation = unit.organisation
    form = UnitForm(request.POST or None, instance=unit, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        if unit is None:
            call_service(
                form,
                services.unit_create,
                actor=user,
                organisation=organisation,
                **form.cleaned_data,
            )
        else:
            call_service(form, services.unit_update, actor=user, unit=unit, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The unit has been saved."))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation, "unit": unit}
    return render(request, "organisations/unit_form.html", context)


@login_required
@require_POST
def unit_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    unit = access_unit(
        user=user, organisation_slug=slug, pk=pk, rule="organisations.change_organisation"
    )
    call_action(
        request,
        services.unit_delete,
        actor=user,
        unit=unit,
        success=_("The unit has been removed."),
    )
    return redirect(unit.organisation)

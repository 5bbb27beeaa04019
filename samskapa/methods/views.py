"""Pages of the methods toolbox: finding methods, a method with its versions, material files,
adaptations and experience reports, proposing and editing, the facilitators' curation, and the
lab workshops."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import require, signed_in
from samskapa.core.actions import call_action
from samskapa.core.filters import filter_list
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.core.pagination import paginate
from samskapa.core.uploads import upload_response
from samskapa.core.views import call_service
from samskapa.methods import services
from samskapa.methods.filters import RATING_CHOICES, LabFilter, MethodFilter
from samskapa.methods.forms import (
    AdaptationForm,
    LabForm,
    MaterialForm,
    MergeForm,
    MethodChangeForm,
    MethodForm,
    NoteForm,
    ParticipantForm,
    ReportForm,
    step_formset,
)
from samskapa.methods.models import (
    Adaptation,
    LabLevel,
    LabParticipant,
    LabTheme,
    Method,
    MethodPhase,
    MethodStatus,
)
from samskapa.methods.selectors import (
    access_adaptation,
    access_lab,
    access_method,
    access_report,
    access_version,
    lab_list,
    lab_years,
    method_list,
    method_material,
    method_proposals,
    municipalities_in_labs,
    municipalities_using_methods,
    previous_version,
    rating_summary,
    report_average,
    version_diff,
)
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.selectors import organisations_user_may_act_for

PER_PAGE = 20
CURATE = "methods.curate_methods"


def method_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, MethodFilter, method_list(user=request.user))
    used_in = municipalities_using_methods()
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "phases": MethodPhase.choices,
        "dimensions": SustainabilityDimension.objects.all(),
        "target_groups": StakeholderGroup.objects.all(),
        "ratings": RATING_CHOICES,
        "municipalities": used_in,
        "can_curate": request.user.has_perm(CURATE),
    }
    return render(request, "methods/method_list.html", context)


def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = access_method(user=request.user, slug=slug)
    user = request.user
    reports = [
        (report, report_average(report), user.has_perm("methods.change_experience", report))
        for report in method.reports.all()
    ]
    context = {
        "method": method,
        "ratings": rating_summary(method=method),
        "reports": reports,
        "can_change": user.has_perm("methods.change_method", method)
        and method.status != MethodStatus.MERGED,
        "can_curate": user.has_perm(CURATE),
        "can_add": user.has_perm("methods.add_experience", method),
        "user_id": getattr(user, "pk", None),
    }
    return render(request, "methods/method_detail.html", context)


def method_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = access_version(user=request.user, method_slug=slug, number=number)
    older = previous_version(version)
    context = {
        "method": version.method,
        "version": version,
        "older": older,
        "diff": version_diff(older=older, newer=version),
    }
    return render(request, "methods/method_version.html", context)


@login_required
def method_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    require(user, "methods.propose_method")
    form = MethodForm(request.POST or None)
    steps = step_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        method = call_service(
            form, services.method_create, actor=user, steps=steps.steps(), **form.cleaned_data
        )
        if method is not None:
            if method.status == MethodStatus.PUBLISHED:
                messages.success(request, _("The method has been published in the toolbox."))
            else:
                messages.success(
                    request,
                    _("Thank you! A facilitator will review your proposal before it is published."),
                )
            return redirect(method)
    context = {"form": form, "steps": steps, "can_curate": user.has_perm(CURATE)}
    return render(request, "methods/method_form.html", context)


@login_required
def method_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule="methods.change_method")
    form = MethodChangeForm(request.POST or None, instance=method)
    steps = step_formset(request.POST or None, method)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        data = dict(form.cleaned_data)
        call_service(
            form, services.method_update, actor=user, method=method, steps=steps.steps(), **data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved as a new version."))
            return redirect(method)
    return render(
        request, "methods/method_form.html", {"form": form, "steps": steps, "method": method}
    )


# --- Curation ----------------------------------------------------------------------------------


@login_required
def method_proposals_view(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    require(user, CURATE)
    page = paginate(request, method_proposals(user=user), per_page=PER_PAGE)
    return render(request, "methods/method_proposals.html", {"page_obj": page})


@login_required
@require_POST
def method_publish(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule=CURATE)
    call_action(
        request,
        services.method_publish,
        actor=user,
        method=method,
        success=_("The method has been published."),
    )
    return redirect(method)


@login_required
@require_POST
def method_feature(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule=CURATE)
    featured = not method.is_featured
    call_action(
        request,
        services.method_feature,
        actor=user,
        method=method,
        featured=featured,
        success=_("The method is now featured.")
        if featured
        else _("The method is no longer featured."),
    )
    return redirect(method)


def _note_page(request: HttpRequest, slug: str, *, action: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule=CURATE)
    form = NoteForm(request.POST or None)
    service = services.method_retire if action == "retire" else services.method_decline
    if request.method == "POST" and form.is_valid():
        call_service(form, service, actor=user, method=method, note=form.cleaned_data["note"])
        if form.is_valid():
            messages.success(
                request,
                _("The method has been retired.")
                if action == "retire"
                else _("The proposal has been declined."),
            )
            return redirect(method)
    context = {
        "method": method,
        "form": form,
        "title": _("Retire “%(title)s”") % {"title": method.title}
        if action == "retire"
        else _("Decline the proposal “%(title)s”") % {"title": method.title},
        "button": _("Retire the method") if action == "retire" else _("Decline the proposal"),
        "intro": _(
            "A retired method leaves the toolbox but stays readable with your note, so that "
            "those who used it can see why."
        )
        if action == "retire"
        else _("The proposer sees your note. Say what would make the method fit the toolbox."),
    }
    return render(request, "methods/method_subform.html", context)


@login_required
def method_retire(request: HttpRequest, slug: str) -> HttpResponse:
    return _note_page(request, slug, action="retire")


@login_required
def method_decline(request: HttpRequest, slug: str) -> HttpResponse:
    return _note_page(request, slug, action="decline")


@login_required
def method_merge(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule=CURATE)
    targets = (
        Method.objects.filter(status=MethodStatus.PUBLISHED).exclude(pk=method.pk).order_by("title")
    )
    form = MergeForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.method_merge, actor=user, method=method, **form.cleaned_data)
        if form.is_valid():
            messages.success(
                request,
                _("The method has been merged; its adaptations and reports moved along."),
            )
            return redirect(form.cleaned_data["into"])
    context = {
        "method": method,
        "form": form,
        "title": _("Merge “%(title)s” into another method") % {"title": method.title},
        "button": _("Merge"),
        "intro": _(
            "Use this for duplicates. The adaptations and experience reports move to the method "
            "you choose, and this method's page points there."
        ),
    }
    return render(request, "methods/method_subform.html", context)


# --- Adaptations and experience reports --------------------------------------------------------


@login_required
def adaptation_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule="methods.add_experience")
    organisations = organisations_user_may_act_for(user=user).order_by("name")
    form = AdaptationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        adaptation = call_service(
            form, services.adaptation_create, actor=user, method=method, **form.cleaned_data
        )
        if adaptation is not None:
            messages.success(request, _("The adaptation has been recorded."))
            return redirect(adaptation.get_absolute_url())
    context = {
        "method": method,
        "form": form,
        "title": _("Adapt “%(title)s”") % {"title": method.title},
        "button": _("Save the adaptation"),
        "intro": _(
            "Describe how your municipality adapted the method: what you changed and why, so "
            "that the next municipality can start from your version."
        ),
    }
    return render(request, "methods/method_subform.html", context)


@login_required
def report_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule="methods.add_experience")
    organisations = organisations_user_may_act_for(user=user).order_by("name")
    adaptations = Adaptation.objects.filter(method=method).select_related("municipality")
    form = ReportForm(
        request.POST or None,
        organisations=organisations,
        adaptations=adaptations,
        needs=needs_visible_to(user=user),
    )
    if request.method == "POST" and form.is_valid():
        report = call_service(
            form, services.report_create, actor=user, method=method, **form.service_arguments()
        )
        if report is not None:
            messages.success(request, _("Thank you for sharing your experience."))
            return redirect(report.get_absolute_url())
    context = {
        "method": method,
        "form": form,
        "title": _("Share an experience of “%(title)s”") % {"title": method.title},
        "button": _("Save the experience report"),
        "intro": _(
            "Where and when was the method used, by whom, what came of it and what did you learn?"
        ),
    }
    return render(request, "methods/method_subform.html", context)


@login_required
@require_POST
def adaptation_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    adaptation = access_adaptation(
        user=user, method_slug=slug, pk=pk, rule="methods.change_experience"
    )
    call_action(
        request,
        services.adaptation_delete,
        actor=user,
        adaptation=adaptation,
        success=_("The adaptation has been removed."),
    )
    return redirect(f"{adaptation.method.get_absolute_url()}#adaptations")


@login_required
@require_POST
def report_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    report = access_report(user=user, method_slug=slug, pk=pk, rule="methods.change_experience")
    call_action(
        request,
        services.report_delete,
        actor=user,
        report=report,
        success=_("The experience report has been removed."),
    )
    return redirect(f"{report.method.get_absolute_url()}#reports")


# --- Material files ----------------------------------------------------------------------------


@login_required
def method_materials(request: HttpRequest, slug: str) -> HttpResponse:
    """The material files of a method, with a form to add one; each change is a new version."""
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule="methods.change_method")
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.method_material_add, actor=user, method=method, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The file has been added as a new version."))
            return redirect("methods:materials", slug=method.slug)
    context = {
        "method": method,
        "form": form,
        "can_add": method.material_files.count() < services.MAX_MATERIAL_FILES,
        "max_files": services.MAX_MATERIAL_FILES,
    }
    return render(request, "methods/method_materials.html", context)


def method_material_file(request: HttpRequest, slug: str, upload_pk: int) -> HttpResponseBase:
    """A material file, for those who may see the method (of any of its versions)."""
    method = access_method(user=request.user, slug=slug)
    return upload_response(method_material(method=method, upload_pk=upload_pk))


@login_required
@require_POST
def method_material_remove(request: HttpRequest, slug: str, upload_pk: int) -> HttpResponse:
    user = signed_in(request.user)
    method = access_method(user=user, slug=slug, rule="methods.change_method")
    upload = get_object_or_404(method.material_files.all(), pk=upload_pk)
    call_action(
        request,
        services.method_material_remove,
        actor=user,
        method=method,
        upload=upload,
        success=_("The file has been removed from the new version; older versions keep it."),
    )
    return redirect("methods:materials", slug=method.slug)


# --- Lab workshops -----------------------------------------------------------------------------


def lab_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, LabFilter, lab_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "themes": LabTheme.choices,
        "levels": LabLevel.choices,
        "years": lab_years(),
        "municipalities": municipalities_in_labs(),
        "can_add": request.user.has_perm("methods.add_lab"),
    }
    return render(request, "methods/lab_list.html", context)


def lab_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lab = access_lab(user=request.user, pk=pk)
    participants = list(lab.participants.all())
    organisations: dict[int, tuple[str, int]] = {}
    for person in participants:
        name, count = organisations.get(person.organisation_id, (person.organisation.name, 0))
        organisations[person.organisation_id] = (name, count + 1)
    context = {
        "lab": lab,
        "participants": participants,
        "organisations": sorted(organisations.values()),
        "can_see_people": request.user.has_perm("methods.view_lab_participants", lab),
        "can_change": request.user.has_perm("methods.change_lab", lab),
    }
    return render(request, "methods/lab_detail.html", context)


@login_required
def lab_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    require(user, "methods.add_lab")
    form = LabForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lab = call_service(form, services.lab_create, actor=user, **form.service_arguments())
        if lab is not None:
            messages.success(request, _("The lab workshop has been saved."))
            return redirect(lab)
    return render(request, "methods/lab_form.html", {"form": form})


@login_required
def lab_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    lab = access_lab(user=user, pk=pk, rule="methods.change_lab")
    form = LabForm(request.POST or None, instance=lab)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.lab_update, actor=user, lab=lab, **form.service_arguments())
        if form.is_valid():
            messages.success(request, _("The lab workshop has been saved."))
            return redirect(lab)
    return render(request, "methods/lab_form.html", {"form": form, "lab": lab})


@login_required
@require_POST
def lab_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    lab = access_lab(user=user, pk=pk, rule="methods.change_lab")
    removed = call_action(
        request,
        services.lab_delete,
        actor=user,
        lab=lab,
        success=_("The lab workshop has been removed."),
    )
    return redirect("methods:labs") if removed else redirect(lab)


@login_required
def lab_participants(request: HttpRequest, pk: int) -> HttpResponse:
    """Who took part, with a form to add a person; for the toolbox's facilitators."""
    user = signed_in(request.user)
    lab = access_lab(user=user, pk=pk, rule="methods.change_lab")
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.lab_participant_add, actor=user, lab=lab, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The participant has been added."))
            return redirect("methods:lab_participants", pk=lab.pk)
    context = {"lab": lab, "form": form, "participants": lab.participants.all()}
    return render(request, "methods/lab_participants.html", context)


@login_required
@require_POST
def lab_participant_remove(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    user = signed_in(request.user)
    lab = access_lab(user=user, pk=pk, rule="methods.change_lab")
    participant = get_object_or_404(LabParticipant, lab=lab, pk=participant_pk)
    call_action(
        request,
        services.lab_participant_remove,
        actor=user,
        participant=participant,
        success=_("The participant has been removed."),
    )
    return redirect("methods:lab_participants", pk=lab.pk)

"""Pages of learning programmes: the list, a programme with its sessions and assignments,
handing in and feedback, the facilitators' progress table, and each municipality's plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import require, signed_in
from samskapa.core.actions import call_action
from samskapa.core.filters import filter_list
from samskapa.core.pagination import paginate
from samskapa.core.predicates import is_superuser, organisation_ids
from samskapa.core.uploads import upload_response
from samskapa.core.views import call_service
from samskapa.learning import documents, services
from samskapa.learning.filters import ProgrammeFilter
from samskapa.learning.forms import (
    AssignmentForm,
    CarryForm,
    FeedbackForm,
    LateAllowanceForm,
    MemberForm,
    ProgrammeForm,
    SessionForm,
    SubmissionForm,
    plan_content_from,
    plan_forms,
)
from samskapa.learning.models import Member, PlanVersion
from samskapa.learning.rules import ORGANISER_ROLES, municipality_in
from samskapa.learning.selectors import (
    access_assignment,
    access_plan,
    access_programme,
    access_session,
    access_submission,
    assignment_submissions,
    may_submit_now,
    own_submission,
    plan_projects,
    programme_assignments,
    programme_list,
    programme_members,
    programme_plans,
    programme_progress,
    programme_sessions,
)
from samskapa.organisations.models import Organisation

PER_PAGE = 20
MANAGE = "learning.manage_programme"
INSIDE = "learning.see_inside"
LANGUAGES = ("sv", "en")


def _organisers(user: object) -> object:
    organisations = Organisation.objects.order_by("name")
    if is_superuser(user):
        return organisations
    return organisations.filter(pk__in=organisation_ids(user, ORGANISER_ROLES))


def programme_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, ProgrammeFilter, programme_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "can_add": request.user.has_perm("learning.add_programme"),
    }
    return render(request, "learning/programme_list.html", context)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    require(user, "learning.add_programme")
    form = ProgrammeForm(request.POST or None, organisers=_organisers(user))
    if request.method == "POST" and form.is_valid():
        programme = call_service(form, services.programme_create, actor=user, **form.cleaned_data)
        if programme is not None and form.is_valid():
            messages.success(request, _("The programme has been created."))
            return redirect(programme)
    return render(request, "learning/programme_form.html", {"form": form})


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = access_programme(user=request.user, slug=slug)
    user = request.user
    inside = user.has_perm(INSIDE, programme)
    can_manage = user.has_perm(MANAGE, programme)
    members = programme_members(programme=programme) if inside else []
    municipality_id = municipality_in(user, programme.pk)
    plans = programme_plans(programme=programme) if inside else []
    context = {
        "programme": programme,
        "inside": inside,
        "can_manage": can_manage,
        "sessions": programme_sessions(programme=programme),
        "assignments": programme_assignments(programme=programme) if inside else [],
        "facilitators": [m for m in members if m.role == "facilitator"],
        "participants": [m for m in members if m.role == "participant"],
        "plans": plans,
        "can_start_plan": (
            municipality_id is not None
            and user.has_perm("learning.add_plan", programme)
            and not any(plan.municipality_id == municipality_id for plan in plans)
        ),
    }
    return render(request, "learning/programme_detail.html", context)


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.programme_update, actor=user, programme=programme, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The programme has been saved."))
            return redirect(programme)
    return render(request, "learning/programme_form.html", {"form": form, "programme": programme})


@login_required
def members_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call_service(
            form,
            services.member_add,
            actor=user,
            programme=programme,
            user=data["email"],
            role=data["role"],
            organisation=data["organisation"],
        )
        if form.is_valid():
            messages.success(request, _("The person has been added."))
            return redirect("learning:members", slug=slug)
    context = {
        "programme": programme,
        "form": form,
        "members": programme_members(programme=programme),
    }
    return render(request, "learning/members.html", context)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    member = get_object_or_404(Member.objects.select_related("user"), programme=programme, pk=pk)
    member.programme = programme
    call_action(
        request,
        services.member_remove,
        success=_("The person has been removed from the programme."),
        actor=user,
        member=member,
    )
    return redirect("learning:members", slug=slug)


# --- Sessions ----------------------------------------------------------------------------------


@login_required
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = call_service(
            form, services.session_create, actor=user, programme=programme, **form.cleaned_data
        )
        if session is not None and form.is_valid():
            messages.success(request, _("The session has been added."))
            return redirect(session)
    return render(request, "learning/session_form.html", {"form": form, "programme": programme})


def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = access_session(user=request.user, slug=slug, pk=pk)
    context = {
        "programme": session.programme,
        "session": session,
        "can_change": request.user.has_perm("learning.change_session", session),
        "assignments": session.assignments.order_by("due_at", "pk"),
    }
    return render(request, "learning/session_detail.html", context)


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    session = access_session(user=user, slug=slug, pk=pk, rule="learning.change_session")
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.session_update, actor=user, session=session, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The session has been saved."))
            return redirect(session)
    context = {"form": form, "programme": session.programme, "session": session}
    return render(request, "learning/session_form.html", context)


# --- Assignments and submissions ---------------------------------------------------------------


@login_required
def assignment_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    form = AssignmentForm(request.POST or None, request.FILES or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        assignment = call_service(
            form,
            services.assignment_create,
            actor=user,
            programme=programme,
            template=data.pop("template_file"),
            **data,
        )
        if assignment is not None and form.is_valid():
            messages.success(request, _("The assignment has been given."))
            return redirect(assignment)
    return render(request, "learning/assignment_form.html", {"form": form, "programme": programme})


@login_required
def assignment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    assignment = access_assignment(user=user, slug=slug, pk=pk)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    form = AssignmentForm(
        request.POST or None, request.FILES or None, instance=assignment, programme=programme
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        call_service(
            form,
            services.assignment_update,
            actor=user,
            assignment=assignment,
            template=data.pop("template_file"),
            **data,
        )
        if form.is_valid():
            messages.success(request, _("The assignment has been saved."))
            return redirect(assignment)
    context = {"form": form, "programme": programme, "assignment": assignment}
    return render(request, "learning/assignment_form.html", context)


@login_required
def assignment_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    assignment = access_assignment(user=user, slug=slug, pk=pk)
    programme = assignment.programme
    can_submit = user.has_perm("learning.submit_assignment", assignment)
    mine = own_submission(user=user, assignment=assignment) if can_submit else None
    team_possible = municipality_in(user, programme.pk) is not None
    form = None
    if can_submit:
        initial = {"text": mine.text, "for_team": mine.for_team} if mine else {}
        form = SubmissionForm(
            request.POST or None,
            request.FILES or None,
            initial=initial,
            team_possible=team_possible,
        )
        if request.method == "POST" and form.is_valid():
            submission = call_service(
                form,
                services.submission_submit,
                actor=user,
                assignment=assignment,
                **form.service_arguments(),
            )
            if submission is not None and form.is_valid():
                messages.success(request, _("Your submission has been handed in."))
                return redirect(submission)
    elif request.method == "POST":
        raise PermissionDenied(_("Only the programme's participants hand in assignments."))
    can_manage = user.has_perm(MANAGE, programme)
    context = {
        "programme": programme,
        "assignment": assignment,
        "form": form,
        "mine": mine,
        "open_now": may_submit_now(user=user, assignment=assignment),
        "submissions": assignment_submissions(user=user, assignment=assignment),
        "can_manage": can_manage,
        "late_form": LateAllowanceForm(programme=programme) if can_manage else None,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "learning/assignment_detail.html", context, status=status)


def assignment_template(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    assignment = access_assignment(user=request.user, slug=slug, pk=pk)
    if assignment.template is None:
        raise Http404(_("The assignment has no template."))
    return upload_response(assignment.template)


@login_required
@require_POST
def late_allowance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    assignment = access_assignment(user=user, slug=slug, pk=pk)
    programme = access_programme(user=user, slug=slug, rule=MANAGE)
    form = LateAllowanceForm(request.POST, programme=programme)
    if form.is_valid():
        call_action(
            request,
            services.late_allowance_grant,
            success=_("%(name)s may now hand in late.")
            % {"name": form.cleaned_data["member"].user.full_name},
            actor=user,
            assignment=assignment,
            user=form.cleaned_data["member"].user,
        )
    else:
        messages.error(request, _("Choose a participant of the programme."))
    return redirect(assignment)


def submission_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    submission = access_submission(user=request.user, slug=slug, pk=pk)
    user = request.user
    can_feedback = user.has_perm("learning.give_feedback", submission)
    form = FeedbackForm(request.POST or None) if can_feedback else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You cannot give feedback on this submission."))
        if form.is_valid():
            call_service(
                form,
                services.feedback_give,
                actor=signed_in(user),
                submission=submission,
                **form.cleaned_data,
            )
            if form.is_valid():
                messages.success(request, _("Your feedback has been sent."))
                return redirect(submission)
    context = {
        "programme": submission.assignment.programme,
        "assignment": submission.assignment,
        "submission": submission,
        "form": form,
        "can_change": user.has_perm("learning.change_submission", submission),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "learning/submission_detail.html", context, status=status)


def submission_file(request: HttpRequest, slug: str, pk: int, upload_pk: int) -> HttpResponseBase:
    submission = access_submission(user=request.user, slug=slug, pk=pk)
    upload = get_object_or_404(submission.attachments, pk=upload_pk)
    return upload_response(upload)


# --- Progress ----------------------------------------------------------------------------------


@login_required
def progress_view(request: HttpRequest, slug: str) -> HttpResponse:
    programme = access_programme(user=request.user, slug=slug, rule="learning.follow_progress")
    context = {"programme": programme, "progress": programme_progress(programme=programme)}
    return render(request, "learning/progress.html", context)


# --- Plans -------------------------------------------------------------------------------------


@login_required
@require_POST
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule="learning.add_plan")
    try:
        plan = services.plan_create(actor=user, programme=programme)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(programme)
    return redirect("learning:plan_edit", slug=slug, pk=plan.pk)


@login_required
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    plan = access_plan(user=user, slug=slug, pk=pk)
    projects = plan_projects(user=user, plan=plan)
    form = CarryForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        strategy = call_service(
            form,
            services.plan_carry_into_strategy,
            actor=user,
            plan=plan,
            project=form.cleaned_data["project"],
        )
        if strategy is not None and form.is_valid():
            messages.success(
                request,
                _("The plan's focus areas and goals have been added to the strategy."),
            )
            return redirect(strategy)
    context = {
        "programme": plan.programme,
        "plan": plan,
        "content": plan.content,
        "can_change": user.has_perm("learning.change_plan", plan),
        "carry_form": form if projects.exists() else None,
        "versions": plan.versions.all(),
    }
    status = 400 if form.errors else 200
    return render(request, "learning/plan_detail.html", context, status=status)


@login_required
def plan_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    plan = access_plan(user=user, slug=slug, pk=pk, rule="learning.change_plan")
    form, areas, steps = plan_forms(request.POST or None, plan)
    if request.method == "POST" and form.is_valid() and areas.is_valid() and steps.is_valid():
        call_service(
            form,
            services.plan_save,
            actor=user,
            plan=plan,
            title=form.cleaned_data["title"],
            content=plan_content_from(form, areas, steps),
            note=form.cleaned_data.get("note", ""),
        )
        if form.is_valid():
            messages.success(request, _("The plan has been saved as a new version."))
            return redirect(plan)
    context = {
        "programme": plan.programme,
        "plan": plan,
        "form": form,
        "areas": areas,
        "steps": steps,
    }
    invalid = request.method == "POST"
    return render(request, "learning/plan_form.html", context, status=400 if invalid else 200)


@login_required
def plan_version(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    plan = access_plan(user=request.user, slug=slug, pk=pk)
    version = get_object_or_404(
        PlanVersion.objects.select_related("created_by"), plan=plan, number=number
    )
    context = {
        "programme": plan.programme,
        "plan": plan,
        "version": version,
        "content": version.content,
    }
    return render(request, "learning/plan_version.html", context)


@login_required
def plan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = access_plan(user=request.user, slug=slug, pk=pk)
    wanted = request.GET.get("sprak", "")
    language = wanted if wanted in LANGUAGES else (translation.get_language() or "sv")[:2]
    with translation.override(language):
        content = documents.plan_pdf(plan)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="plan-{plan.municipality.slug}-{language}.pdf"'
    )
    return response

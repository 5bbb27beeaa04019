"""Start page, personal work inbox, search and notifications."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from samskapa.core.access import require
from samskapa.core.models import Notification
from samskapa.core.selectors import notifications_for, work_inbox
from samskapa.core.services import notification_mark_read
from samskapa.ideas.selectors import idea_list
from samskapa.needs.selectors import need_list
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisation_list, organisations_of
from samskapa.projects.selectors import project_list, projects_of, projects_visible_to


def paginate(request: HttpRequest, queryset: QuerySet, *, per_page: int = 20) -> Page:
    """The page of ``queryset`` asked for by ``?page=``; out-of-range pages give the last one."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def apply_validation_error(form: BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form whose data it was about."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def home(request: HttpRequest) -> HttpResponse:
    visible = projects_visible_to(user=request.user)
    context = {
        "projects": project_list(user=request.user).order_by("-created_at")[:6],
        "organisation_count": Organisation.objects.count(),
        "project_count": visible.count(),
        "municipality_count": visible.values("municipality").distinct().count(),
    }
    return render(request, "core/home.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Mitt arbete: the tasks waiting for the user, then their projects and organisations."""
    today = timezone.localdate()
    context = {
        "inbox": work_inbox(user=request.user, today=today),
        "today": today,
        "organisations": organisations_of(user=request.user),
        "projects": projects_of(user=request.user).order_by("name"),
        "notifications": notifications_for(user=request.user).filter(read_at__isnull=True)[:10],
    }
    return render(request, "core/dashboard.html", context)


def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    context: dict[str, object] = {"query": query}
    if query:
        context["projects"] = project_list(user=request.user, query=query)[:20]
        context["organisations"] = organisation_list(user=request.user, query=query)[:20]
        context["needs"] = need_list(user=request.user, query=query)[:20]
        context["ideas"] = idea_list(user=request.user, query=query)[:20]
    return render(request, "core/search.html", context)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, notifications_for(user=request.user), per_page=25)
    return render(request, "core/notifications.html", {"page_obj": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    notification = None
    if pk is not None:
        notification = get_object_or_404(Notification, pk=pk)
        require(request.user, "core.change_notification", notification)
    notification_mark_read(actor=request.user, notification=notification)
    if notification is not None and notification.url:
        return redirect(notification.url)
    return redirect("core:notifications")

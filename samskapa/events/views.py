"""Pages of events: the list, the month calendar, an event with its agenda and registration,
the organisers' participant list and exports, feedback, and the calendar feeds."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.accounts.models import User
from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.emails import site_link
from samskapa.core.exports import csv_response, xlsx_response
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.events import services
from samskapa.events.filters import EventFilter
from samskapa.events.forms import (
    AgendaItemForm,
    ColleagueRegistrationForm,
    DocumentForm,
    EventForm,
    FeedbackForm,
    RegistrationForm,
)
from samskapa.events.ical import calendar_response
from samskapa.events.models import (
    AgendaItem,
    CalendarToken,
    Event,
    EventDocument,
    Feedback,
    Registration,
    RegistrationStatus,
)
from samskapa.events.selectors import (
    access_event,
    access_network,
    access_registration,
    event_list,
    event_registrations,
    feedback_summary,
    month_calendar,
    my_registrations,
    networks_for_event,
    organisations_organising_for,
    organisations_registering_for,
    public_feed_events,
    user_feed_registrations,
    waiting_position,
)
from samskapa.organisations.selectors import access_organisation

PER_PAGE = 20
CHANGE = "events.change_event"


def event_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, EventFilter, event_list(user=request.user))
    today = timezone.localdate()
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "kinds": EventFilter.base_filters["kind"].extra["choices"],
        "this_month": today,
        "can_create": request.user.has_perm("events.start_event"),
    }
    return render(request, "events/event_list.html", context)


def event_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        raise Http404(_("The page could not be found."))
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    weeks = month_calendar(user=request.user, year=year, month=month)
    context = {
        "weeks": weeks,
        "has_events": any(day.events for week in weeks for day in week if day.in_month),
        "month": first,
        "previous": previous if previous.year >= 1900 else None,
        "following": following if following.year <= 2999 else None,
        "today": timezone.localdate(),
    }
    return render(request, "events/event_month.html", context)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(user=request.user, slug=slug)
    user = request.user
    mine = [
        (registration, waiting_position(registration=registration))
        for registration in my_registrations(user=user, event=event)
    ]
    own = next((r for r, _position in mine if r.user_id == user.pk), None)
    seated: int = event.confirmed_count  # type: ignore[attr-defined]  # with_seats
    can_change = user.has_perm(CHANGE, event)
    now = timezone.now()
    context = {
        "event": event,
        "mine": mine,
        "own": own,
        "is_full": event.capacity is not None and seated >= event.capacity,
        "registration_open": _registration_open(event, now),
        "has_ended": event.ends_at < now,
        "has_begun": event.starts_at <= now,
        "form": RegistrationForm(),
        "can_register": user.has_perm("events.register_event", event),
        "can_register_colleagues": event.organisation_quota is not None
        and user.is_authenticated
        and organisations_registering_for(user=user).exists(),
        "can_change": can_change,
        "history": history_entries(event) if can_change else None,
    }
    return render(request, "events/event_detail.html", context)


def _registration_open(event: Event, now: datetime.datetime) -> bool:
    opens, closes = event.registration_opens_at, event.registration_closes_at
    return (
        event.ends_at > now and (opens is None or opens <= now) and (closes is None or now < closes)
    )


def _event_form(request: HttpRequest, user: User, event: Event | None = None) -> EventForm:
    current = event.organiser if event is not None else None
    organisers = organisations_organising_for(user=user, current=current)
    initial = {}
    if event is None:
        choices = list(organisers[:2])
        if len(choices) == 1:
            initial["organiser"] = choices[0]
    return EventForm(
        request.POST or None,
        instance=event,
        initial=initial,
        organisers=organisers,
        networks=networks_for_event(user=user, current=event.network if event else None),
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if not user.has_perm("events.start_event"):
        raise PermissionDenied(
            _(
                "Events are organised by an organisation. You need to be a project leader, "
                "administrator or facilitator of one to announce an event."
            )
        )
    form = _event_form(request, user)
    if request.method == "POST" and form.is_valid():
        event = call_service(form, services.event_create, actor=user, **form.cleaned_data)
        if event is not None:
            messages.success(request, _("The event has been published."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule=CHANGE)
    form = _event_form(request, user, event)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.event_update, actor=user, event=event, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The changes have been saved."))
            return redirect(saved)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _subform(
    request: HttpRequest, event: Event, form: object, *, title: str, anchor: str
) -> HttpResponse:
    context = {"event": event, "form": form, "title": title, "anchor": anchor}
    return render(request, "events/event_subform.html", context)


@login_required
def agenda_item_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule=CHANGE)
    form = AgendaItemForm(
        request.POST or None, initial={"starts_at": timezone.localtime(event.starts_at)}
    )
    if request.method == "POST" and form.is_valid():
        call_service(form, services.agenda_item_add, actor=user, event=event, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The agenda item has been added."))
            return redirect(f"{event.get_absolute_url()}#agenda")
    return _subform(request, event, form, title=_("Add an agenda item"), anchor="agenda")


@login_required
@require_POST
def agenda_item_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule=CHANGE)
    item = get_object_or_404(AgendaItem, event=event, pk=pk)
    item.event = event
    call_action(
        request,
        services.agenda_item_remove,
        success=_("The agenda item has been removed."),
        actor=user,
        item=item,
    )
    return redirect(f"{event.get_absolute_url()}#agenda")


@login_required
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule=CHANGE)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.document_add, actor=user, event=event, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The document has been linked."))
            return redirect(f"{event.get_absolute_url()}#documentation")
    return _subform(request, event, form, title=_("Link a document"), anchor="documentation")


@login_required
@require_POST
def document_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule=CHANGE)
    document = get_object_or_404(EventDocument, event=event, pk=pk)
    document.event = event
    call_action(
        request,
        services.document_remove,
        success=_("The document has been removed."),
        actor=user,
        document=document,
    )
    return redirect(f"{event.get_absolute_url()}#documentation")


# --- Registration ------------------------------------------------------------------------------


def _registered_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITING:
        return _(
            "The event is full, so you are on the waiting list. You will be told when a seat becomes free."
        )
    return _("You are registered. Welcome!")


@login_required
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule="events.register_event")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration = call_service(
            form, services.registration_create, actor=user, event=event, **form.cleaned_data
        )
        if registration is not None:
            messages.success(request, _registered_message(registration))
            return redirect(f"{event.get_absolute_url()}#registration")
    return _subform(request, event, form, title=_("Register"), anchor="registration")


@login_required
def event_register_colleague(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug, rule="events.register_event")
    if event.organisation_quota is None:
        raise PermissionDenied(
            _("This event does not take registrations on behalf of organisations.")
        )
    form = ColleagueRegistrationForm(
        request.POST or None, organisations=organisations_registering_for(user=user)
    )
    if request.method == "POST" and form.is_valid():
        registration = call_service(
            form, services.registration_create, actor=user, event=event, **form.cleaned_data
        )
        if registration is not None:
            if registration.status == RegistrationStatus.WAITING:
                messages.success(
                    request,
                    _("The event is full, so %(name)s is on the waiting list.")
                    % {"name": registration.name},
                )
            else:
                messages.success(
                    request, _("%(name)s is registered.") % {"name": registration.name}
                )
            return redirect(f"{event.get_absolute_url()}#registration")
    return _subform(request, event, form, title=_("Register a colleague"), anchor="registration")


@login_required
@require_POST
def registration_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    registration = access_registration(user=user, event_slug=slug, pk=pk)
    call_action(
        request,
        services.registration_cancel,
        success=_("The registration has been cancelled."),
        actor=user,
        registration=registration,
    )
    if request.POST.get("next") == "participants" and user.has_perm(CHANGE, registration.event):
        return redirect("events:participants", slug=slug)
    return redirect(f"{registration.event.get_absolute_url()}#registration")


@login_required
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(user=request.user, slug=slug, rule=CHANGE)
    context = {
        "event": event,
        "page_obj": paginate(request, event_registrations(event=event), per_page=50),
    }
    return render(request, "events/participants.html", context)


@login_required
@require_POST
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    # The service checks events.change_event: only the organisers mark attendance.
    registration = access_registration(user=user, event_slug=slug, pk=pk)
    value = {"yes": True, "no": False}.get(request.POST.get("attended", ""))
    call_action(
        request,
        services.attendance_mark,
        success=_("Attendance has been saved."),
        actor=user,
        registration=registration,
        attended=value,
    )
    page = request.POST.get("page", "")
    suffix = f"?page={page}" if page.isdigit() else ""
    return redirect(
        f"{reverse('events:participants', kwargs={'slug': slug})}{suffix}#registration-{pk}"
    )


def _export_rows(event: Event) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Name"),
        _("E-mail address"),
        _("On behalf of"),
        _("Status"),
        _("Registered"),
        _("Special diet"),
        _("Accessibility needs"),
        _("Attended"),
    ]
    attended = {True: _("Yes"), False: _("No"), None: ""}
    rows = [
        [
            registration.name,
            registration.email,
            registration.organisation.name if registration.organisation else "",
            registration.get_status_display(),
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            registration.diet,
            registration.accessibility_needs,
            attended[registration.attended],
        ]
        for registration in event_registrations(event=event).exclude(
            status=RegistrationStatus.CANCELLED
        )
    ]
    return header, rows


@login_required
def participants_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    event = access_event(user=request.user, slug=slug, rule=CHANGE)
    header, rows = _export_rows(event)
    return csv_response(filename=f"deltagare-{event.slug}.csv", header=header, rows=rows)


@login_required
def participants_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(user=request.user, slug=slug, rule=CHANGE)
    header, rows = _export_rows(event)
    return xlsx_response(
        filename=f"deltagare-{event.slug}.xlsx", header=header, rows=rows, title=event.title
    )


# --- Feedback ----------------------------------------------------------------------------------


@login_required
def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    event = access_event(user=user, slug=slug)
    registration = Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise PermissionDenied(_("Only people who had a seat can answer the survey."))
    registration.event = event
    answered = Feedback.objects.filter(registration=registration).exists()
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        saved = call_service(
            form,
            services.feedback_submit,
            actor=user,
            registration=registration,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect(event)
    context = {
        "event": event,
        "form": form,
        "answered": answered,
        "has_begun": event.starts_at <= timezone.now(),
    }
    return render(request, "events/feedback_form.html", context)


@login_required
def feedback_results(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(user=request.user, slug=slug, rule=CHANGE)
    return render(
        request,
        "events/feedback_results.html",
        {"event": event, "summary": feedback_summary(event=event)},
    )


# --- Calendar feeds ----------------------------------------------------------------------------


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event, to add to one's calendar."""
    event = access_event(user=request.user, slug=slug)
    return calendar_response([event], name=event.title, filename=f"{event.slug}.ics")


def public_feed(request: HttpRequest) -> HttpResponse:
    return calendar_response(
        public_feed_events(), name=_("Samskapa events"), filename="samskapa.ics"
    )


def network_feed(request: HttpRequest, slug: str) -> HttpResponse:
    network = access_network(user=request.user, slug=slug)
    events = public_feed_events().filter(network=network)
    return calendar_response(events, name=network.name, filename=f"{network.slug}.ics")


def organisation_feed(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(user=request.user, slug=slug)
    events = public_feed_events().filter(organiser=organisation)
    return calendar_response(events, name=organisation.name, filename=f"{organisation.slug}.ics")


def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own registrations, at an address whose key only they know."""
    found = user_feed_registrations(token=token)
    if found is None:
        raise Http404(_("The page could not be found."))
    _user, events = found
    return calendar_response(events, name=_("My events"), filename="mina-evenemang.ics")


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    token = CalendarToken.objects.filter(user=user).first()
    upcoming = (
        Registration.objects.filter(
            user=user,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    context = {
        "token": token,
        "feed_url": site_link(reverse("events:private_feed", kwargs={"token": token.token}))
        if token
        else "",
        "page_obj": paginate(request, upcoming, per_page=PER_PAGE),
    }
    return render(request, "events/my_calendar.html", context)


@login_required
@require_POST
def my_calendar_key(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(actor=user)
        messages.success(request, _("Your calendar address has been turned off."))
    else:
        services.calendar_token_create(actor=user)
        messages.success(
            request, _("You have a new calendar address. Any earlier address no longer works.")
        )
    return redirect("events:my_calendar")


def organisation_events(request: HttpRequest, slug: str) -> HttpResponse:
    """Upcoming events an organisation organises, with its feed."""
    organisation = access_organisation(user=request.user, slug=slug)
    events = event_list(user=request.user).filter(
        organiser=organisation, ends_at__gte=timezone.now()
    )
    context = {
        "organisation": organisation,
        "page_obj": paginate(request, events, per_page=PER_PAGE),
    }
    return render(request, "events/organisation_events.html", context)

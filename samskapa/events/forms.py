"""Forms of networks, events, registrations, feedback and posts: they only check the input's shape.

Time order, seats and quotas are checked in the services, whose errors the views put on the
form (``core.views.call_service``), so the API gets the same messages.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.widgets import CheckboxPicker
from samskapa.events.models import (
    AgendaItem,
    Event,
    EventDocument,
    ExperiencePost,
    Feedback,
    Network,
    NetworkMember,
)
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.projects.forms import DateInput


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; times are local (Europe/Stockholm)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "Organisations in which you are a project leader, administrator or facilitator."
        ),
    )
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.none(), required=False
    )
    host_municipality = forms.ModelChoiceField(
        label=_("Host municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
    )
    online_url = forms.URLField(
        label=_("Link to join online"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "organiser",
            "network",
            "host_municipality",
            "summary",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "accessibility",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "organisation_quota",
            "materials",
            "visibility",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "starts_at": _("Swedish time."),
            "accessibility": _("Step-free access, hearing loop, interpretation, quiet room …"),
        }

    def __init__(
        self,
        *args: Any,
        organisers: QuerySet[Organisation],
        networks: QuerySet[Network],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            # On the field, so that the model's check constraint is not reported for the form.
            self.add_error("ends_at", _("The event must end after it starts."))
        return cleaned


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "starts_at", "ends_at", "speakers", "description"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("An agenda item must end after it starts."))
        return cleaned


class DocumentForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), max_length=200, assume_scheme="https")

    class Meta:
        model = EventDocument
        fields = ["title", "kind", "url"]


class RegistrationForm(forms.Form):
    """Registering oneself: the questions only the organisers see."""

    diet = forms.CharField(label=_("Special diet"), max_length=300, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=500,
        required=False,
        help_text=_("Only the organisers see your answers."),
    )


class ColleagueRegistrationForm(RegistrationForm):
    """Registering a colleague on behalf of an organisation, within the event's quota."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))

    field_order = ["organisation", "name", "email", "diet", "accessibility_needs"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


RATINGS = [(value, str(value)) for value in range(1, 6)]


class FeedbackForm(forms.ModelForm):
    overall = forms.TypedChoiceField(
        label=_("How was the event overall? (1 poor – 5 excellent)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    content = forms.TypedChoiceField(
        label=_("How useful was the content? (1–5)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    organisation = forms.TypedChoiceField(
        label=_("How well was the day organised? (1–5)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Feedback
        fields = ["overall", "content", "organisation", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}
        labels = {"comment": _("What should the organisers keep or change?")}


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "summary", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class NewNetworkForm(NetworkForm):
    coordinator = forms.ModelChoiceField(
        label=_("Coordinating organisation"), queryset=Organisation.objects.none()
    )
    theme = forms.CharField(label=_("Its theme"), max_length=200, required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = organisations  # type: ignore[attr-defined]


class MemberForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )

    class Meta:
        model = NetworkMember
        fields = [
            "organisation",
            "theme",
            "theme_description",
            "contact_name",
            "is_coordinator",
            "joined_on",
        ]
        widgets = {
            "joined_on": DateInput(),
            "theme_description": forms.Textarea(attrs={"rows": 4}),
        }


class PostForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none(), required=False)

    class Meta:
        model = ExperiencePost
        fields = ["title", "body", "organisation", "event", "methods", "initiatives"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "methods": CheckboxPicker,
            "initiatives": CheckboxPicker,
        }

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        events: QuerySet[Event],
        initiatives: QuerySet[Any],
        methods: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
        self.fields["initiatives"].queryset = initiatives  # type: ignore[attr-defined]
        self.fields["methods"].queryset = methods  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

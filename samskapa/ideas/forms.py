"""Forms of challenges, ideas and comments: they only validate the shape of the input."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.limits import MEDIUM_TEXT, SHORT_TEXT
from samskapa.core.models import SustainabilityDimension
from samskapa.core.widgets import CheckboxPicker
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Challenge, Idea
from samskapa.organisations.models import Organisation
from samskapa.projects.forms import DateInput
from samskapa.projects.models import Project
from samskapa.sdg.forms import TargetMultipleChoiceField


class ChallengeForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs the challenge answers"),
        queryset=Challenge.needs.field.related_model.objects.none(),  # type: ignore[attr-defined]
        widget=CheckboxPicker,
        required=False,
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "description",
            "needs",
            "opens_on",
            "deadline",
            "programme",
            "premoderated",
        ]
        widgets = {
            "opens_on": DateInput(),
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "opens_on": _("Leave empty to open the challenge at once."),
            "deadline": _("Ideas can be submitted up to and including this day."),
            "programme": _(
                "Optional. A challenge in a programme is assessed on the programme's shared "
                "criteria unless it has criteria of its own."
            ),
        }

    def __init__(
        self,
        *args: Any,
        needs: QuerySet[Any],
        programmes: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]
        # Only programmes the user may see and that include the challenge's project.
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["programme"].empty_label = _("No programme")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens_on, deadline = cleaned.get("opens_on"), cleaned.get("deadline")
        if opens_on and deadline and deadline < opens_on:
            self.add_error("deadline", _("The deadline cannot be before the opening date."))
        return cleaned


# One message whichever addresses cannot be added, naming none of them: telling which addresses
# have no account would let anyone find out who has one.
CO_AUTHORS_NOT_ADDED = _(
    "Not every address can be added as co-author. Co-authors need an account on Samskapa with "
    "the e-mail address you give; check the addresses or ask your co-authors which one they use."
)


class CoAuthorsField(forms.CharField):
    """E-mail addresses of existing users, separated by commas, spaces or new lines."""

    def clean(self, value: Any) -> list[User]:
        text = super().clean(value) or ""
        emails = sorted({part.strip().lower() for part in text.replace(",", " ").split() if part})
        if not emails:
            return []
        people = list(User.objects.filter(email__in=emails, is_active=True))
        if len(people) < len(emails):
            raise forms.ValidationError(CO_AUTHORS_NOT_ADDED, code="not_added")
        return people


class IdeaForm(forms.ModelForm):
    co_authors = CoAuthorsField(
        label=_("Co-authors"),
        required=False,
        help_text=_("E-mail addresses of people with an account, separated by commas."),
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Sustainability dimensions"),
        queryset=SustainabilityDimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdg_targets = TargetMultipleChoiceField(
        help_text=_(
            "Optional. Open a goal to see its targets, or search them by number or word. "
            "Choose as many as fit."
        ),
        suggest_from=("title", "summary", "description"),
    )

    class Meta:
        model = Idea
        fields = [
            "challenge",
            "title",
            "summary",
            "description",
            "municipality",
            "project",
            "organisation",
            "co_authors",
            "dimensions",
            "sdg_targets",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "summary": _("One or two sentences shown in the list of ideas."),
            "organisation": _("Leave empty to write in your own name."),
        }

    def __init__(
        self,
        *args: Any,
        challenges: QuerySet[Challenge],
        projects: QuerySet[Project],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = challenges  # type: ignore[attr-defined]
        self.fields["challenge"].required = False
        self.fields["challenge"].empty_label = _("No challenge: a standalone idea")  # type: ignore[attr-defined]
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
        self.fields["project"].help_text = _(
            "Optional. An idea for a challenge belongs to its project."
        )
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["municipality"].required = False
        self.fields["municipality"].help_text = _(
            "Required for a standalone idea; an idea for a challenge takes the project's municipality."
        )
        if self.instance.pk:
            del self.fields["challenge"]
            del self.fields["project"]
            self.initial["co_authors"] = ", ".join(
                person.email for person in self.instance.co_authors.all()
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        challenge, project = cleaned.get("challenge"), cleaned.get("project")
        if not cleaned.get("municipality"):
            source = challenge.project if challenge else project
            if source is not None:
                cleaned["municipality"] = source.municipality
            elif "municipality" not in self.errors:
                self.add_error("municipality", _("Choose the municipality the idea is for."))
        return cleaned


class ChallengeChoiceForm(forms.Form):
    """The challenge named in the address of the idea form (``?challenge=``)."""

    challenge = forms.IntegerField(min_value=1, required=False)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MEDIUM_TEXT
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ModerationForm(forms.Form):
    """What a moderator does with an idea: hide it, show it again, or approve it."""

    action = forms.ChoiceField(
        choices=[("hide", _("Hide")), ("restore", _("Show again")), ("approve", _("Approve"))],
        initial="hide",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kept in the history and sent to the author. Needed to hide or show again, "
            "not to approve."
        ),
    )


class CommentModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        required=False,
        help_text=_("Kept in the comment's history."),
    )


class ReportForm(forms.Form):
    """Anmälan of an idea or a comment."""

    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the project's moderators see your report and your name."),
        error_messages={"required": _("Say briefly what is wrong.")},
    )

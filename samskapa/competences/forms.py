"""Forms of competence matchmaking: they only check the input's shape; the services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.competences.models import (
    CompetenceNeed,
    Importance,
    Language,
    Profile,
)
from samskapa.competences.teams import MAX_TEAM_SIZE
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.geo.models import Municipality, Region
from samskapa.organisations.models import Organisation
from samskapa.projects.forms import DateInput

SEVERAL = _("Hold Ctrl (or Cmd) to choose several.")


class _Period(forms.ModelForm):
    """Puts a reversed period on the end date field rather than on the whole form."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start = cleaned.get("start_date", cleaned.get("available_from"))
        end = cleaned.get("end_date", cleaned.get("available_until"))
        if start and end and end < start:
            name = "end_date" if "end_date" in self.fields else "available_until"
            self.add_error(name, _("The end date cannot be before the start date."))
        return cleaned


class ProfileForm(_Period):
    organisation = forms.ModelChoiceField(
        label=_("Profile of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Yourself, or an organisation in which you are a leader or administrator."),
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Sustainability dimensions I work with"),
        queryset=SustainabilityDimension.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities where I can work"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        help_text=SEVERAL,
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions where I can work"),
        queryset=Region.objects.order_by("name"),
        required=False,
        help_text=SEVERAL,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    share_of_time = forms.IntegerField(label=_("Share of time (%)"), min_value=1, max_value=100)

    class Meta:
        model = Profile
        fields = [
            "organisation",
            "title",
            "helix_sector",
            "offers",
            "seeks",
            "other_competences",
            "dimensions",
            "whole_country",
            "municipalities",
            "regions",
            "languages",
            "available_from",
            "available_until",
            "share_of_time",
            "contact_email",
            "contact_phone",
            "is_published",
        ]
        widgets = {
            "available_from": DateInput(),
            "available_until": DateInput(),
            "offers": forms.Textarea(attrs={"rows": 4}),
            "seeks": forms.Textarea(attrs={"rows": 3}),
            "other_competences": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "contact_email": _("Shown only to those whose request you accept."),
            "contact_phone": _("Shown only to those whose request you accept."),
        }

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class CompetenceNeedForm(_Period):
    """A need for competence; on creation, what it belongs to (one of four kinds)."""

    target = forms.ChoiceField(label=_("Belongs to"), choices=[])

    class Meta:
        model = CompetenceNeed
        fields = [
            "title",
            "description",
            "municipality",
            "start_date",
            "end_date",
            "share_of_time",
            "is_open",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, targets: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["municipality"].help_text = _(
            "Empty: the municipality of the project, if it has one."
        )
        share = self.fields["share_of_time"]
        share.widget.attrs.update({"min": 1, "max": 100})
        self.targets = targets
        if targets is None:
            del self.fields["target"]
            return
        del self.fields["is_open"]
        self.order_fields(["target"])
        groups = [
            (_("Projects"), "project", targets.projects),
            (_("Challenges"), "challenge", targets.challenges),
            (_("Initiatives"), "initiative", targets.initiatives),
            (_("Needs"), "need", targets.needs),
        ]
        choices: list[Any] = [("", "---------")]
        for label, kind, queryset in groups:
            options = [(f"{kind}:{obj.pk}", str(obj)) for obj in queryset[:200]]
            if options:
                choices.append((label, options))
        self.fields["target"].choices = choices  # type: ignore[attr-defined]

    def clean_share_of_time(self) -> int | None:
        share = self.cleaned_data.get("share_of_time")
        if share is not None and not 1 <= share <= 100:
            raise forms.ValidationError(_("The share of time must be between 1 and 100 %."))
        return share

    def clean_target(self) -> dict[str, Any]:
        """``{"project": <Project>}`` and so on, of what the person may change."""
        kind, _sep, pk = (self.cleaned_data.get("target") or "").partition(":")
        querysets = {
            "project": self.targets.projects,
            "challenge": self.targets.challenges,
            "initiative": self.targets.initiatives,
            "need": self.targets.needs,
        }
        if kind not in querysets or not pk.isdigit():
            raise forms.ValidationError(_("Choose what the need belongs to."))
        found = querysets[kind].filter(pk=int(pk)).first()
        if found is None:
            raise forms.ValidationError(_("Choose what the need belongs to."))
        return {kind: found}


class DimensionRequirementForm(forms.Form):
    dimension = forms.ModelChoiceField(
        label=_("Sustainability dimension"),
        queryset=SustainabilityDimension.objects.order_by("position"),
    )
    importance = forms.ChoiceField(label=_("Importance"), choices=Importance.choices)


class SectorRequirementForm(forms.Form):
    sector = forms.ChoiceField(label=_("Helix sector"), choices=HelixSector.choices)
    importance = forms.ChoiceField(label=_("Importance"), choices=Importance.choices)


class ConceptAddForm(forms.Form):
    concept = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    importance = forms.ChoiceField(choices=Importance.choices, required=False)


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Say who you are and why you are asking. Your contact details are shown "
            "only if they say yes."
        ),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TeamForm(forms.Form):
    """The team builder's settings; it posts nothing, so it reads them from the address."""

    min_size = forms.IntegerField(
        label=_("Smallest team"), min_value=1, max_value=MAX_TEAM_SIZE, initial=2
    )
    max_size = forms.IntegerField(
        label=_("Largest team"), min_value=1, max_value=MAX_TEAM_SIZE, initial=5
    )
    lock_in = forms.TypedMultipleChoiceField(
        label=_("Always in the team"), coerce=int, required=False, choices=[]
    )
    lock_out = forms.TypedMultipleChoiceField(
        label=_("Never in the team"), coerce=int, required=False, choices=[]
    )

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lock_in"].choices = candidates  # type: ignore[attr-defined]
        self.fields["lock_out"].choices = candidates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_size"), cleaned.get("max_size")
        if low and high and high < low:
            self.add_error("max_size", _("The largest team cannot be smaller than the smallest."))
        both = set(cleaned.get("lock_in") or []) & set(cleaned.get("lock_out") or [])
        if both:
            self.add_error("lock_out", _("A member cannot be both in and out of the team."))
        if high and len(cleaned.get("lock_in") or []) > high:
            self.add_error("lock_in", _("More members are locked in than the team may have."))
        return cleaned

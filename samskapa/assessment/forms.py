"""Forms of assessment: they only validate the shape of the input."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.forms import CONSENT_LABELS
from samskapa.accounts.models import NAME_MAX_LENGTH, LegalDocumentKind, User
from samskapa.accounts.selectors import documents_in_force
from samskapa.assessment.models import Criterion, CriterionSet
from samskapa.assessment.services import clean_weight
from samskapa.core.limits import MEDIUM_TEXT, SHORT_TEXT
from samskapa.ideas.models import Idea


class ScaleForm(forms.ModelForm):
    class Meta:
        model = CriterionSet
        fields = ["scale_min", "scale_max"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The highest score must be above the lowest score."))
        return cleaned

    def validate_constraints(self) -> None:
        # The challenge or programme is set by the service; its constraints are checked there.
        pass


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Localised, so that "1,5" is read as one and a half in Swedish.
    weight = forms.DecimalField(
        label=_("Weight"),
        localize=True,
        initial=Decimal(1),
        help_text=_(
            "How much the criterion counts in the weighted mean, relative to the other "
            "criteria: a number greater than zero, for example 2 or 1.5."
        ),
        error_messages={"invalid": _("Give the weight as a number, for example 2 or 1.5.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean_weight(self) -> Decimal:
        try:
            return clean_weight(self.cleaned_data["weight"])
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["weight"]) from error


class InviteForm(forms.Form):
    idea: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Idea"), queryset=Idea.objects.none()
    )
    email = forms.EmailField(label=_("E-mail address of the assessor"))

    def __init__(self, *args: Any, ideas: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idea"].queryset = ideas  # type: ignore[attr-defined]
        self.fields["idea"].empty_label = _("Choose an idea")  # type: ignore[attr-defined]


def weight_text(weight: Decimal) -> str:
    """A weight as people write it: 3, 1.5 (1,5 in Swedish), never 3.00."""
    plain = weight.quantize(Decimal(1)) if weight == weight.to_integral_value() else weight
    return number_format(plain.normalize() if plain != plain.to_integral_value() else plain)


class ScoreForm(forms.Form):
    """One score field and one comment field per criterion."""

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        criterion_set: CriterionSet,
        draft: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                help_text=_("%(description)s Score from %(low)d to %(high)d, weight %(weight)s.")
                % {
                    "description": criterion.description,
                    "low": criterion_set.scale_min,
                    "high": criterion_set.scale_max,
                    "weight": weight_text(criterion.weight),
                },
                min_value=criterion_set.scale_min,
                max_value=criterion_set.scale_max,
                # A draft may leave scores out; the submission may not.
                required=not draft,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                required=False,
                max_length=MEDIUM_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def values(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}

    def draft_values(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}

    @staticmethod
    def initial_from_draft(draft: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for pk, entry in draft.items():
            initial[f"criterion_{pk}"] = entry.get("value")
            initial[f"comment_{pk}"] = entry.get("comment", "")
        return initial

    def review(self) -> list[tuple[Criterion, int, str]]:
        """What the assessor is about to submit, criterion by criterion, for the confirmation."""
        return [
            (
                c,
                self.cleaned_data[f"criterion_{c.pk}"],
                self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.criteria
        ]

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Conflict of interest"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: you are related to an author or work for their organisation."),
    )


class InviteManyForm(forms.Form):
    """Several assessors for several ideas at once: the ideas ticked, the addresses typed."""

    ideas = forms.ModelMultipleChoiceField(
        label=_("Ideas to assess"),
        queryset=Idea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one idea.")},
    )
    emails = forms.CharField(
        label=_("E-mail addresses of the assessors"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One or more, separated by commas or new lines. People without an account get an "
            "e-mail with a link that creates one."
        ),
    )

    def __init__(self, *args: Any, ideas: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = ideas  # type: ignore[attr-defined]
        self.fields["ideas"].initial = list(ideas.values_list("pk", flat=True))

    def clean_emails(self) -> list[str]:
        text = self.cleaned_data["emails"]
        addresses = sorted({part.strip().lower() for part in text.replace(",", " ").split()})
        wrong = [address for address in addresses if not _is_email(address)]
        if wrong:
            raise forms.ValidationError(
                _("Not an e-mail address: %(addresses)s") % {"addresses": ", ".join(wrong)}
            )
        return addresses


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except forms.ValidationError:
        return False
    return True


class InvitationSignupForm(forms.Form):
    """An invited person without an account: the name to show, a password and the terms."""

    display_name = forms.CharField(label=_("Display name"), max_length=NAME_MAX_LENGTH)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password (again)"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.documents = documents_in_force()
        for document in self.documents:
            self.fields[f"consent_{document.kind}"] = forms.BooleanField(
                label=CONSENT_LABELS[LegalDocumentKind(document.kind)],
                error_messages={"required": _("You need to tick this box to go on.")},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"], User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

"""Forms of the marketplace: they validate shape only; the services check the rules."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.models import DOCUMENT
from samskapa.core.uploads import UploadField
from samskapa.ideas.models import Challenge
from samskapa.marketplace.models import (
    Criterion,
    Outcome,
    ProcurementRequest,
    Requirement,
    Response,
    Service,
    ServiceReference,
)
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation, OrganisationType


class DateTimeInput(forms.DateTimeInput):
    """A date and time picker; the time is Swedish time (Europe/Stockholm)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


DEADLINE_HELP = _("Swedish time (Europe/Stockholm).")


class ServiceForm(forms.ModelForm):
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.none(),
        help_text=_("An organisation you belong to, with a Swedish organisation number."),
    )
    accessibility_statement_url = forms.URLField(
        label=_("Accessibility statement"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Service
        fields = [
            "provider",
            "name",
            "category",
            "summary",
            "description",
            "target_users",
            "pricing_model",
            "price_details",
            "wcag_level",
            "accessibility_statement_url",
            "data_location",
            "has_processor_agreement",
            "sub_processors",
            "open_standards",
            "dimensions",
            "goals",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "target_users": forms.Textarea(attrs={"rows": 3}),
            "sub_processors": forms.Textarea(attrs={"rows": 3}),
            "open_standards": forms.Textarea(attrs={"rows": 3}),
            "dimensions": forms.CheckboxSelectMultiple(),
            "goals": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["provider"]


class ReferenceForm(forms.ModelForm):
    class Meta:
        model = ServiceReference
        fields = ["municipality", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            type=OrganisationType.MUNICIPALITY
        ).order_by("name")


class RequestForm(forms.ModelForm):
    buyer = forms.ModelChoiceField(
        label=_("Buying organisation"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "Only public organisations in which you are a project leader or administrator."
        ),
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs"), queryset=Need.objects.none(), required=False
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Challenges"), queryset=Challenge.objects.none(), required=False
    )

    class Meta:
        model = ProcurementRequest
        fields = [
            "buyer",
            "title",
            "request_type",
            "category",
            "summary",
            "description",
            "question_deadline",
            "response_deadline",
            "cpv_code",
            "estimated_value",
            "needs",
            "challenges",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "question_deadline": DateTimeInput(),
            "response_deadline": DateTimeInput(),
            "needs": forms.SelectMultiple(attrs={"size": 6}),
            "challenges": forms.SelectMultiple(attrs={"size": 4}),
        }
        help_texts = {
            "question_deadline": DEADLINE_HELP,
            "response_deadline": DEADLINE_HELP,
        }

    def __init__(
        self,
        *args: Any,
        buyers: QuerySet[Organisation],
        needs: QuerySet[Need],
        challenges: QuerySet[Challenge],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers  # type: ignore[attr-defined]
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]
        self.fields["challenges"].queryset = challenges  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["buyer"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        question, response = cleaned.get("question_deadline"), cleaned.get("response_deadline")
        if question and response and question > response:
            self.add_error(
                "question_deadline",
                _("The last day for questions cannot be after the response deadline."),
            )
        return cleaned


class RequestDocumentForm(forms.Form):
    file = UploadField(kinds={DOCUMENT}, label=_("Document"))


class RequirementForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DeadlineForm(forms.Form):
    question_deadline = forms.DateTimeField(
        label=_("Last day for questions"), widget=DateTimeInput(), help_text=DEADLINE_HELP
    )
    response_deadline = forms.DateTimeField(
        label=_("Response deadline"), widget=DateTimeInput(), help_text=DEADLINE_HELP
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to every follower and every provider who has responded."),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The question and its answer are published to every provider, without your name "
            "or your organisation's."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Published at once to every provider, with the question and without the asker."
        ),
    )


MEETS_CHOICES = [("yes", _("Yes, met")), ("no", _("No, not met"))]


class ResponseForm(forms.Form):
    """The provider, a summary, a price, and one yes/no and comment per requirement."""

    provider = forms.ModelChoiceField(label=_("Respond for"), queryset=Organisation.objects.none())
    summary = forms.CharField(
        label=_("Summary of your response"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    price = forms.DecimalField(
        label=_("Price (SEK, excluding VAT)"),
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=0,
    )

    def __init__(
        self,
        *args: Any,
        providers: QuerySet[Organisation],
        requirements: list[Requirement],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.requirements = requirements
        for requirement in requirements:
            self.fields[f"meets_{requirement.pk}"] = forms.ChoiceField(
                label=requirement.text,
                choices=MEETS_CHOICES,
                widget=forms.RadioSelect,
                help_text=requirement.get_kind_display(),
            )
            self.fields[f"comment_{requirement.pk}"] = forms.CharField(
                label=_("How you meet it"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

        for number in range(1, 4):
            self.fields[f"document_{number}"] = UploadField(
                kinds={DOCUMENT},
                label=_("Document %(number)d") % {"number": number},
                required=False,
            )

    def files_to_seal(self) -> list[Any]:
        return [
            self.cleaned_data[f"document_{n}"]
            for n in range(1, 4)
            if self.cleaned_data.get(f"document_{n}")
        ]

    def answers(self) -> dict[int, dict[str, Any]]:
        return {
            r.pk: {
                "meets": self.cleaned_data[f"meets_{r.pk}"] == "yes",
                "comment": self.cleaned_data.get(f"comment_{r.pk}", ""),
            }
            for r in self.requirements
        }


SCORE_CHOICES = [("", _("Not scored"))] + [(str(n), str(n)) for n in range(6)]


class ScoreForm(forms.Form):
    """One score 0–5 and a comment per criterion of the request."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], current: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            score = current.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=_("%(name)s (weight %(weight)d %%)")
                % {"name": criterion.name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                required=False,
                initial="" if score is None else str(score.score),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=4000,
                initial="" if score is None else score.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    awarded_response = forms.ModelChoiceField(
        label=_("Awarded response"),
        queryset=Response.objects.none(),
        required=False,
        help_text=_("Only for an award."),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to every provider who responded, and published with the request."),
    )

    def __init__(self, *args: Any, responses: QuerySet[Response], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["awarded_response"].queryset = responses  # type: ignore[attr-defined]
        self.fields["awarded_response"].label_from_instance = lambda r: r.provider.name  # type: ignore[attr-defined]

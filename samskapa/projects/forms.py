from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.models import SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation, Unit
from samskapa.projects.models import Funding, PhaseRole, Project


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Sustainability dimensions"),
        queryset=SustainabilityDimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Project
        fields = [
            "organisation",
            "name",
            "municipality",
            "area",
            "phase",
            "start_date",
            "end_date",
            "summary",
            "description",
            "goals",
            "visibility",
            "dimensions",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "goals": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]
        # Left empty, the project takes the municipality of its organisation.
        self.fields["municipality"].required = bool(self.instance.pk)
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
                organisations if organisations is not None else Organisation.objects.none()
            )


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = [
            "funder",
            "call",
            "amount_sek",
            "reference_number",
            "start_date",
            "end_date",
            "status",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class ProjectUnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    contribution = forms.CharField(
        label=_("Contribution"),
        help_text=_("What the unit contributes from its own area of responsibility."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = project.unit_links.values_list("unit_id", flat=True)
        self.fields["unit"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(organisation=project.organisation)
            .exclude(pk__in=taken)
            .order_by("kind", "name")
        )


class PhaseRoleForm(forms.Form):
    """One cell of the matrix: how a unit takes part in a phase, or that it does not."""

    role = forms.ChoiceField(
        label=_("Role in this phase"),
        choices=[("", _("Does not take part")), *PhaseRole.choices],
        required=False,
    )
    contribution = forms.CharField(
        label=_("Contribution in this phase"),
        help_text=_("What the unit brings to this phase from its own area of responsibility."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("role") and (cleaned.get("contribution") or "").strip():
            self.add_error(
                "role",
                _("Choose how the unit takes part, or leave the contribution empty."),
            )
        return cleaned

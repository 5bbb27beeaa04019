from typing import Any, cast

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
        self,
        *args: Any,
        organisations: QuerySet[Organisation] | None = None,
        municipalities: QuerySet[Municipality] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # A new project's organisation is chosen on the same form, so every municipality is
        # offered and the service refuses one where the organisation may not run a project.
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = (
            municipalities if municipalities is not None else Municipality.objects.order_by("name")
        )
        # Left empty, the project takes the municipality of its organisation.
        municipality.required = bool(self.instance.pk)
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = (
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

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


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

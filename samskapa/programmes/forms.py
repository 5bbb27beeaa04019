"""Forms of programmes, participants, phases and milestones: they only check the input's shape.

Date order and the programme period are checked in the services, whose errors the views put
on the form (``core.views.call_service``), so the API gets the same messages.
"""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.widgets import CheckboxPicker, GroupedModelMultipleChoiceField
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.projects.forms import DateInput
from samskapa.projects.models import Project


class PeriodForm(forms.ModelForm):
    """A form with ``start_date`` and ``end_date`` that puts a reversed period on the end date.

    The model's check constraint would otherwise report it for the whole form; with the field
    in error, Django leaves that constraint out. The service checks the same for the API.
    """

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class ProgrammeForm(PeriodForm):
    organisation = forms.ModelChoiceField(
        label=_("Leading organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("Only organisations in which you are a project leader or administrator."),
    )
    municipalities = GroupedModelMultipleChoiceField(
        label=_("Participating municipalities"),
        queryset=Municipality.objects.select_related("region").order_by("region__name", "name"),
        group_by=lambda municipality: municipality.region.name,
        required=False,
        help_text=_(
            "Listed by county. Municipalities that join as participants are added automatically."
        ),
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Urban development projects"),
        queryset=Project.objects.none(),
        required=False,
        widget=CheckboxPicker,
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "organisation",
            "summary",
            "description",
            "start_date",
            "end_date",
            "portfolio_due_on",
            "visibility",
            "municipalities",
            "projects",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "portfolio_due_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "summary": _("One or two sentences shown in the list of programmes."),
            "visibility": _(
                "Members only: seen by the leading and the participating organisations."
            ),
        }

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        projects: QuerySet[Project],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["projects"].queryset = projects  # type: ignore[attr-defined]
        self.fields["portfolio_due_on"].help_text = _(
            "The date by which the programme's portfolio is to be decided; inside the programme "
            "period."
        )


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["organisation", "role", "contribution"]
        widgets = {"contribution": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "contribution": _("What the organisation brings to the programme."),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The organisation of a participant does not change: remove it and add another.
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
                pk__in=programme.participants.values("organisation_id")
            ).order_by("name")
        if self.instance.pk and self.instance.organisation_id == programme.organisation_id:
            # The lead keeps its role; it changes only with the programme's leading organisation.
            del self.fields["role"]
        else:
            self.fields["role"].choices = [  # type: ignore[attr-defined]
                choice for choice in ParticipantRole.choices if choice[0] != ParticipantRole.LEAD
            ]


class PhaseForm(PeriodForm):
    class Meta:
        model = Phase
        fields = ["name", "description", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "title",
            "description",
            "phase",
            "due_on",
            "status",
            "completed_on",
            "responsible",
        ]
        widgets = {
            "due_on": DateInput(),
            "completed_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "completed_on": _("Only for a milestone that is done. Left empty, today is used."),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = programme.phases.order_by("start_date", "pk")  # type: ignore[attr-defined]
        self.fields["phase"].empty_label = _("No phase")  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(
                Q(programme_participations__programme=programme) | Q(pk=programme.organisation_id)
            )
            .distinct()
            .order_by("name")
        )
        self.fields["responsible"].empty_label = _("No responsible organisation")  # type: ignore[attr-defined]


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)

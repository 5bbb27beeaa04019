"""Forms of initiatives and gate decisions: they only validate the shape of the input."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.core.widgets import CheckboxPicker
from samskapa.geo.models import Municipality
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation, Unit
from samskapa.portfolio import stages
from samskapa.portfolio.models import Initiative, Stage
from samskapa.programmes.models import Programme
from samskapa.projects.forms import DateInput
from samskapa.projects.models import Project
from samskapa.sdg.forms import TargetMultipleChoiceField

RATIONALE_REQUIRED = _("Give the rationale for the decision.")


class OrganisationWithSectorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_helix_sector_display()})"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation.name})"


class NeedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.project.name})"


class InitiativeForm(forms.ModelForm):
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.order_by("name"),
        help_text=_("The organisation that runs the initiative."),
    )
    partners = OrganisationWithSectorField(
        label=_("Partners"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=CheckboxPicker,
        help_text=_("Organisations from every helix sector that take part."),
    )
    responsible_unit = UnitChoiceField(
        label=_("Responsible unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("The administration or board that answers for the initiative."),
    )
    needs = NeedChoiceField(
        label=_("Needs it answers"),
        queryset=Need.objects.none(),
        required=False,
        widget=CheckboxPicker,
    )
    stakeholder_groups = forms.ModelMultipleChoiceField(
        label=_("Stakeholder groups it serves"),
        queryset=StakeholderGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Beyond the groups of the needs it answers."),
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Sustainability dimensions"),
        queryset=SustainabilityDimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdg_targets = TargetMultipleChoiceField(suggest_from=("title", "summary", "description"))

    class Meta:
        model = Initiative
        fields = [
            "title",
            "summary",
            "description",
            "lead_organisation",
            "project",
            "programme",
            "municipality",
            "responsible_unit",
            "partners",
            "needs",
            "stakeholder_groups",
            "dimensions",
            "sdg_targets",
            "risk",
            "expected_effect",
            "budget_sek",
            "next_gate_on",
            "visibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "next_gate_on": DateInput(),
            "risk": forms.RadioSelect,
            "expected_effect": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "summary": _("One or two sentences shown in the portfolio."),
            "next_gate_on": _("When the next gate decision is due; leaders are reminded."),
            "visibility": _("Members only: seen by the organisations, project and programme."),
        }

    def __init__(
        self,
        *args: Any,
        projects: QuerySet[Project],
        programmes: QuerySet[Programme],
        units: QuerySet[Unit],
        needs: QuerySet[Need],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
        self.fields["project"].help_text = _("The urban development project it belongs to, if any.")
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["municipality"].required = False
        self.fields["municipality"].help_text = _("Leave empty to use the project's municipality.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("municipality"):
            source = cleaned.get("project") or cleaned.get("lead_organisation")
            if source is not None and source.municipality is not None:
                cleaned["municipality"] = source.municipality
            elif "municipality" not in self.errors:
                self.add_error("municipality", _("Choose the municipality the initiative is for."))
        return cleaned


def decision_choices(initiative: Initiative, decisions: list[str]) -> list[tuple[str, str]]:
    """Radio labels that say what each decision does to this initiative (from ``stages.GATES``)."""
    choices = []
    for decision in decisions:
        outcome = stages.outcome(initiative.stage, decision)
        if not isinstance(outcome, stages.Move):
            continue
        to = stages.destination(outcome, parked_from_stage=initiative.parked_from_stage)
        choices.append((decision, str(outcome.label) % {"stage": str(Stage(to).label).lower()}))
    return choices


class PoliticalDecisionFields(forms.Form):
    """The board, date and reference number of the political decision behind a gate decision."""

    board = UnitChoiceField(
        label=_("Deciding board"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("No political decision cited"),
        help_text=_("Optional: the board or committee whose decision this gate decision rests on."),
    )
    board_decided_on = forms.DateField(
        label=_("Date of the board's decision"), widget=DateInput(), required=False
    )
    board_reference = forms.CharField(
        label=_("Reference number"),
        max_length=50,
        required=False,
        help_text=_("The diary number of the board's decision, e.g. KS 2026/123."),
    )

    def __init__(self, *args: Any, boards: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards  # type: ignore[attr-defined]


class GateDecisionForm(PoliticalDecisionFields):
    # The stage the decider saw, sent back with the decision: one about a stage the initiative
    # has since left (a second click, a colleague's decision in between) is refused.
    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": RATIONALE_REQUIRED},
        help_text=_("Why the decision was taken; it is logged and cannot be changed afterwards."),
    )
    next_gate_on = forms.DateField(
        label=_("Next gate decision due"),
        widget=DateInput(),
        required=False,
        help_text=_("Optional."),
    )

    field_order = [
        "stage",
        "decision",
        "rationale",
        "board",
        "board_decided_on",
        "board_reference",
        "next_gate_on",
    ]

    def __init__(
        self, *args: Any, initiative: Initiative, decisions: list[str], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"stage": initiative.stage})
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decision_choices(initiative, decisions)  # type: ignore[attr-defined]

    def add_error(self, field: str | None, error: Any) -> None:
        # The stage is a hidden field: what is wrong with it is about the decision as a whole.
        super().add_error(None if field == "stage" else field, error)


class GateCorrectionForm(PoliticalDecisionFields):
    to_stage = forms.ChoiceField(
        label=_("Correct stage"),
        choices=Stage.choices,
        help_text=_("The stage the initiative should be at once corrected."),
    )
    rationale = forms.CharField(
        label=_("What was wrong, and why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": RATIONALE_REQUIRED},
    )

    field_order = ["to_stage", "rationale", "board", "board_decided_on", "board_reference"]

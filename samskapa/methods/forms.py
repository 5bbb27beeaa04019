"""Forms of the toolbox: they check the input's shape; the services check the rest."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.core.uploads import UploadField
from samskapa.core.widgets import CheckboxPicker, GroupedModelMultipleChoiceField
from samskapa.geo.models import Municipality
from samskapa.methods.models import (
    Adaptation,
    ExperienceReport,
    Lab,
    LabParticipant,
    Method,
    MethodStatus,
    RatingAspect,
)
from samskapa.methods.services import MATERIAL_KINDS, StepInput, lab_facilitator_choices
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.projects.forms import DateInput
from samskapa.sdg.models import Target

# Empty step rows offered below the existing ones; more can be added after saving.
EXTRA_STEPS = 3


class MethodForm(forms.ModelForm):
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=StakeholderGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Sustainability dimensions"),
        queryset=SustainabilityDimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("Agenda 2030 targets"),
        queryset=Target.objects.select_related("goal").order_by("goal__number", "position"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Method
        fields = [
            "title",
            "summary",
            "purpose",
            "phase",
            "roles",
            "materials",
            "licence",
            "authors",
            "target_groups",
            "dimensions",
            "sdg_targets",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "roles": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"summary": _("One or two sentences shown in the toolbox.")}


class MethodChangeForm(MethodForm):
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("Shown in the list of versions."),
    )


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200, required=False)
    minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=60 * 24 * 30, required=False
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("title") and not cleaned.get("minutes"):
            self.add_error("minutes", _("Give the step's duration in minutes."))
        if not cleaned.get("title") and (cleaned.get("minutes") or cleaned.get("description")):
            self.add_error("title", _("Give the step a name."))
        return cleaned


class BaseStepFormSet(forms.BaseFormSet):
    def steps(self) -> list[StepInput]:
        """The filled-in rows, in order; empty rows are left out."""
        return [
            StepInput(
                title=form.cleaned_data["title"],
                minutes=form.cleaned_data["minutes"],
                description=form.cleaned_data.get("description", ""),
            )
            for form in self.forms
            if form.cleaned_data.get("title")
        ]


StepFormSet = forms.formset_factory(
    StepForm, formset=BaseStepFormSet, extra=EXTRA_STEPS, max_num=30, validate_max=True
)


def step_formset(data: Any, method: Method | None = None) -> BaseStepFormSet:
    initial = []
    if method is not None:
        initial = [
            {"title": step.title, "minutes": step.minutes, "description": step.description}
            for step in method.steps.all()
        ]
    return cast(BaseStepFormSet, StepFormSet(data, initial=initial, prefix="steps"))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Method.objects.none(), to_field_name="slug"
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args: Any, targets: QuerySet[Method], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets  # type: ignore[attr-defined]


class AdaptationForm(forms.ModelForm):
    class Meta:
        model = Adaptation
        fields = ["organisation", "title", "changes", "reasons"]
        widgets = {
            "changes": forms.Textarea(attrs={"rows": 5}),
            "reasons": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"organisation": _("The adaptation is recorded for its municipality.")}

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


SCORE_CHOICES = [("", _("Not rated"))] + [(str(score), str(score)) for score in range(1, 6)]


class ReportForm(forms.ModelForm):
    class Meta:
        model = ExperienceReport
        fields = [
            "organisation",
            "adaptation",
            "need",
            "used_on",
            "place",
            "group",
            "outcome",
            "lessons",
        ]
        widgets = {
            "used_on": DateInput(),
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        adaptations: QuerySet[Adaptation],
        needs: QuerySet[Need],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["adaptation"].queryset = adaptations  # type: ignore[attr-defined]
        # The need by its number (the one in its address): the needs one may see are too many
        # for a list. Only needs the reporter may see are accepted.
        need = self.fields["need"]
        need.queryset = needs  # type: ignore[attr-defined]
        need.widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        need.label = _("Number of the need it was used for")
        need.help_text = _(
            "Optional. If the method was used for a need on Samskapa: the number in the need's "
            "address, for example 42 in /behov/42/."
        )
        need.error_messages["invalid_choice"] = _("No need that you can see has this number.")
        for aspect in RatingAspect:
            self.fields[f"rating_{aspect.value}"] = forms.TypedChoiceField(
                label=_("Rating: %(aspect)s") % {"aspect": aspect.label},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("1 is poor, 5 is very good."),
            )

    def ratings(self) -> dict[str, int]:
        return {
            aspect.value: self.cleaned_data[f"rating_{aspect.value}"]
            for aspect in RatingAspect
            if self.cleaned_data.get(f"rating_{aspect.value}") is not None
        }

    def service_arguments(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "ratings": self.ratings()}


class MaterialForm(forms.Form):
    file = UploadField(kinds=MATERIAL_KINDS, label=_("Material file"))
    alt_text = forms.CharField(
        label=_("What the picture shows"),
        help_text=_("Needed for pictures: a short description for those who cannot see it."),
        max_length=300,
        required=False,
    )
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("Shown in the list of versions; left empty, the file's name is given."),
    )


class LabForm(forms.ModelForm):
    municipalities = GroupedModelMultipleChoiceField(
        label=_("Municipalities taking part"),
        queryset=Municipality.objects.select_related("region").order_by("region__name", "name"),
        group_by=lambda municipality: municipality.region.name,
        required=False,
        help_text=_("Listed by county."),
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=lab_facilitator_choices(),
        required=False,
        widget=CheckboxPicker,
        help_text=_("People who are facilitators in an organisation."),
    )
    methods = forms.ModelMultipleChoiceField(
        label=_("Methods from the workshop"),
        queryset=Method.objects.filter(status=MethodStatus.PUBLISHED).order_by("title"),
        required=False,
        widget=CheckboxPicker,
        help_text=_("The methods of the toolbox that the workshop developed or tried."),
    )
    reports = forms.ModelMultipleChoiceField(
        label=_("Experience reports from the workshop"),
        queryset=ExperienceReport.objects.filter(method__status=MethodStatus.PUBLISHED)
        .select_related("method", "municipality")
        .order_by("method__title", "-used_on"),
        required=False,
        widget=CheckboxPicker,
    )

    class Meta:
        model = Lab
        fields = [
            "title",
            "level",
            "theme",
            "organiser",
            "starts_on",
            "ends_on",
            "place",
            "description",
            "municipalities",
            "facilitators",
            "methods",
            "reports",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["reports"].label_from_instance = _report_label  # type: ignore[attr-defined]

    def service_arguments(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _report_label(report: ExperienceReport) -> str:
    return f"{report.method.title}: {report.place}, {report.municipality.name} ({report.used_on})"


class ParticipantForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("E-mail address of their account"),
        required=False,
        help_text=_(
            "Optional. With it the workshop shows in the person's own overview and data export."
        ),
    )

    class Meta:
        model = LabParticipant
        fields = ["name", "organisation", "department"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]

"""Forms of follow-up; they check the input's shape, the services the rest."""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.geo.models import Municipality
from samskapa.indicators.imports import MAX_FILE_BYTES, parse_number
from samskapa.indicators.models import (
    DECIMAL_PLACES,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DIGITS,
    Evaluation,
    Gender,
    Indicator,
)
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative
from samskapa.programmes.models import Milestone, Programme
from samskapa.projects.forms import DateInput
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

_TARGET_LINE = re.compile(r"^\s*(\d{4})\s*[:=;\t ]\s*(.+?)\s*$")


def _decimal_field(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        localize=True,
    )


class IndicatorForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("Only organisations in which you are a project leader or administrator."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        help_text=_("The municipality the values describe; required for a Kolada key figure."),
    )
    project = forms.ModelChoiceField(
        label=_("Urban development project"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("The project the indicator follows up; only projects you lead."),
    )
    baseline_value = _decimal_field(_("Baseline value"), required=False)
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("Agenda 2030 targets"),
        queryset=Target.objects.select_related("goal").order_by("goal__number", "position"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "kind",
            "kolada_id",
            "organisation",
            "municipality",
            "project",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "data_owner",
            "description",
            "method",
            "visibility",
            "programmes",
            "sdg_targets",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "method": forms.Textarea(attrs={"rows": 4}),
            "sdg_targets": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {
            "visibility": _("Members only: seen by the organisation's and the project's members."),
        }

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        projects: QuerySet[Project],
        programmes: QuerySet[Programme],
        needs: QuerySet[Need] | None = None,
        initiatives: QuerySet[Initiative] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
        self.fields["programmes"].queryset = programmes  # type: ignore[attr-defined]
        if needs is not None:
            self.fields["needs"] = forms.ModelMultipleChoiceField(
                label=_("Needs it follows up"),
                queryset=needs,
                required=False,
                initial=self.instance.needs.all() if self.instance.pk else None,
                widget=forms.SelectMultiple(attrs={"size": 8}),
                help_text=_("Needs of the indicator's project."),
            )
        if initiatives is not None:
            self.fields["initiatives"] = forms.ModelMultipleChoiceField(
                label=_("Initiatives it follows up"),
                queryset=initiatives,
                required=False,
                initial=self.instance.initiatives.all() if self.instance.pk else None,
                widget=forms.SelectMultiple(attrs={"size": 8}),
                help_text=_(
                    "Initiatives of the indicator's project, organisation or municipality."
                ),
            )


class TargetsForm(forms.Form):
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "One year and its target value a line, for example “2030: 45”. Years left out lose "
            "their target."
        ),
    )

    def clean_targets(self) -> dict[int, Decimal]:
        targets: dict[int, Decimal] = {}
        errors = []
        for number, line in enumerate(self.cleaned_data["targets"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _TARGET_LINE.match(line)
            value = None
            if match:
                try:
                    value = parse_number(match.group(2))
                except ValueError:
                    value = None
            if match is None or value is None:
                errors.append(
                    _("Line %(line)s: write a year, a colon and a number, e.g. “2030: 45”.")
                    % {"line": number}
                )
                continue
            year = int(match.group(1))
            if not FIRST_YEAR <= year <= LAST_YEAR:
                errors.append(
                    _("Line %(line)s: the year must be between %(first)s and %(last)s.")
                    % {"line": number, "first": FIRST_YEAR, "last": LAST_YEAR}
                )
            elif year in targets:
                errors.append(
                    _("Line %(line)s: the year %(year)s is given twice.")
                    % {
                        "line": number,
                        "year": year,
                    }
                )
            else:
                targets[year] = value
        if errors:
            raise forms.ValidationError(errors)
        return targets


class MeasurementForm(forms.Form):
    period = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    value = _decimal_field(_("Value"))
    gender = forms.ChoiceField(label=_("Breakdown"), choices=Gender.choices, initial=Gender.TOTAL)
    source_note = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("For example the report, the file or the survey the value comes from."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput,
        help_text=_(
            "CSV or Excel (.xlsx) with the columns “år” and “värde” (and if you like “kön”, "
            "“källa”, “kommentar”), or a Kolada answer saved as JSON."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the values"),
        required=False,
        max_length=MAX_FILE_BYTES,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The same columns, separated by semicolons or tabs, with the header first."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A "clear" value for the file (False) is no file, like an empty one.
        upload = cleaned.get("file") or None
        cleaned["file"] = upload
        if upload is None and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste the values."))
        if upload is not None and upload.size > MAX_FILE_BYTES:
            self.add_error(
                "file",
                _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // 1_000_000},
            )
        return cleaned


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=2_000_000)


class EvaluationForm(forms.ModelForm):
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators that show it"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Evaluation
        fields = ["milestone", "evaluated_on", "done", "effects", "lessons", "indicators"]
        widgets = {
            "evaluated_on": DateInput(),
            "done": forms.Textarea(attrs={"rows": 4}),
            "effects": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args: Any,
        milestones: QuerySet[Milestone],
        indicators: QuerySet[Indicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = milestones  # type: ignore[attr-defined]
        self.fields["indicators"].queryset = indicators  # type: ignore[attr-defined]

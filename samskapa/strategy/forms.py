"""Forms of innovation strategies; they check the input's shape, the services the rest."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.indicators.models import Indicator
from samskapa.needs.models import Need
from samskapa.portfolio.models import Initiative
from samskapa.projects.forms import DateInput
from samskapa.strategy.models import FocusArea, Strategy, StrategyGoal


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 5})}


class FocusAreaForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs it answers"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The project's needs, the most prioritised first."),
    )

    class Meta:
        model = FocusArea
        fields = ["title", "description", "needs"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, needs: QuerySet[Need], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]


class GoalForm(forms.ModelForm):
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives from the portfolio"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators that follow it up"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = StrategyGoal
        fields = ["title", "owner", "due_on", "initiatives", "indicators"]
        widgets = {"due_on": DateInput()}

    def __init__(
        self,
        *args: Any,
        initiatives: QuerySet[Initiative],
        indicators: QuerySet[Indicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].queryset = initiatives  # type: ignore[attr-defined]
        self.fields["indicators"].queryset = indicators  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("For example “Focus areas after the workshop in March”."),
    )

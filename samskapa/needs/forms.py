"""Forms of the needs inventory: they only check the shape of the input; services do the rest."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.core.limits import SHORT_TEXT
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.geo.models import Municipality
from samskapa.needs.clustering import DEFAULT_DISTANCE
from samskapa.needs.models import Campaign, Cluster, ModerationAction, Need, PriorityWeights
from samskapa.organisations.models import Organisation, Unit
from samskapa.projects.forms import DateInput
from samskapa.sdg.forms import TargetMultipleChoiceField

SCORE_CHOICES = [("", "–"), *[(str(i), str(i)) for i in range(1, 6)]]


class CampaignForm(forms.ModelForm):
    stakeholder_groups = forms.ModelMultipleChoiceField(
        label=_("Target stakeholder groups"),
        queryset=StakeholderGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Campaign
        fields = ["title", "purpose", "opens_on", "closes_on", "stakeholder_groups", "premoderated"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date cannot be before the opening date."))
        return data


class NeedForm(forms.ModelForm):
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Sustainability dimensions"),
        queryset=SustainabilityDimension.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdg_targets = TargetMultipleChoiceField(
        help_text=_(
            "Optional. Open a goal to see its targets, or search them by number or word. "
            "Choose as many as fit."
        ),
        suggest_from=("title", "description"),
    )

    class Meta:
        model = Need
        fields = [
            "title",
            "description",
            "campaign",
            "stakeholder_group",
            "organisation",
            "municipality",
            "area",
            "dimensions",
            "sdg_targets",
            "visibility",
        ]
        labels = {"area": _("Place (area, street or site)")}
        help_texts = {
            "visibility": _(
                "Public: everyone. Members only: people taking part in the project. "
                "Private: only you, the project leaders and the moderators."
            ),
            "organisation": _("Leave empty to submit the need as yourself."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(
        self,
        *args: Any,
        campaigns: QuerySet[Campaign] | None = None,
        organisations: QuerySet[Organisation] | None = None,
        municipalities: QuerySet[Municipality] | None = None,
        **kwargs: Any,
    ) -> None:
        """``campaigns``, ``organisations`` and ``municipalities`` are the choices the person
        may make (see ``needs.selectors``); the services refuse any other."""
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["municipality"].queryset = (
            municipalities if municipalities is not None else Municipality.objects.none()
        ).order_by("name")
        fields["municipality"].required = False
        fields["municipality"].help_text = _("Leave empty for the project's municipality.")
        fields["campaign"].queryset = (
            campaigns if campaigns is not None else Campaign.objects.none()
        )
        fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        if campaigns is None or not campaigns.exists():
            del self.fields["campaign"]
        fields["stakeholder_group"].label = _("Who has the need?")
        for name in ("title", "description"):
            fields[name].widget.attrs["autocomplete"] = "off"


class CampaignChoiceForm(forms.Form):
    """The campaign named in the address of the submit form (``?campaign=``), if it is open."""

    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(self, *args: Any, campaigns: QuerySet[Campaign], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]


class SimilarNeedsForm(forms.Form):
    """What is being typed in the submit form, to look for needs like it."""

    title = forms.CharField(required=False)
    description = forms.CharField(required=False)
    exclude = forms.IntegerField(required=False)

    def text(self) -> str:
        """Title and description, cut to a length worth comparing."""
        data = self.cleaned_data
        return f"{data.get('title', '')} {data.get('description', '')}"[:2000]


class SupportForm(forms.Form):
    """No fields: the need is in the address and the supporter is the one logged in."""


class ModerationForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=ModerationAction.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Logged and shown to the other moderators. Needed to hide or restore, not to approve."
        ),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this need?"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the project's moderators see your report and your name."),
        error_messages={"required": _("Say briefly what is wrong with the need.")},
    )


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the organisation's units.")},
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        ).order_by("kind", "name")


class ThresholdForm(forms.Form):
    distance = forms.FloatField(
        label=_("How different may needs in one group be?"),
        help_text=_("From 0.1 (nearly the same words) to 1.0 (loosely related)."),
        min_value=0.1,
        max_value=1.0,
        initial=DEFAULT_DISTANCE,
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )


class ClusterCreateForm(forms.Form):
    name = forms.CharField(label=_("Name of the cluster"), max_length=200)
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs"), queryset=Need.objects.none(), required=False
    )

    def __init__(self, *args: Any, needs: QuerySet[Need], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]


class ClusterRenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=200)


class ClusterMergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=Cluster.objects.none())

    def __init__(self, *args: Any, clusters: QuerySet[Cluster], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = clusters  # type: ignore[attr-defined]


class NeedMoveForm(forms.Form):
    """Where to move a need: another cluster, or out of every cluster (``none``).

    The choice starts empty, so that pressing "Move" by mistake moves nothing: the leader has to
    pick a cluster, or "No cluster" on purpose.
    """

    NO_CLUSTER = "none"

    cluster = forms.ChoiceField(
        label=_("Move to"),
        error_messages={
            "required": _("Choose the cluster to move the need to, or “No cluster”."),
            "invalid_choice": _("Choose one of the clusters of the project."),
        },
    )

    def __init__(self, *args: Any, clusters: QuerySet[Cluster], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clusters = {str(cluster.pk): cluster for cluster in clusters}
        self.fields["cluster"].choices = [  # type: ignore[attr-defined]
            (self.NO_CLUSTER, _("No cluster")),
            *((pk, cluster.name) for pk, cluster in self.clusters.items()),
        ]

    def clean_cluster(self) -> Cluster | None:
        value = self.cleaned_data["cluster"]
        return None if value == self.NO_CLUSTER else self.clusters[value]


class PriorityWeightsForm(forms.ModelForm):
    class Meta:
        model = PriorityWeights
        fields = ["reach", "urgency", "goal_fit", "support"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = [data.get(name) for name in self.Meta.fields]
        if all(value == 0 for value in values):
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return data


class ScoreForm(forms.Form):
    reach = forms.TypedChoiceField(
        label=_("Reach"), choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False
    )
    urgency = forms.TypedChoiceField(
        label=_("Urgency"), choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False
    )
    goal_fit = forms.TypedChoiceField(
        label=_("Goal fit"), choices=SCORE_CHOICES, coerce=int, empty_value=None, required=False
    )

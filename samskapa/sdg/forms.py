"""The SDG target picker used by every form that tags something with targets, and the small
forms of the suggestion endpoints."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskapa.core.widgets import CheckboxPicker, GroupedModelMultipleChoiceField, fold
from samskapa.sdg.models import Target
from samskapa.sdg.suggest import MAX_TEXT_LENGTH, keywords


class TargetPicker(CheckboxPicker):
    """The 169 targets under their 17 goals, found also by everyday words ("cykel" finds
    11.2, whose UN text speaks of transport systems), with suggestions from the text fields
    named in ``suggest_from`` (field names of the same form) as the person types."""

    template_name = "sdg/widgets/target_picker.html"

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, suggest_from: Sequence[str] = ()
    ) -> None:
        super().__init__(attrs)
        self.suggest_from = tuple(suggest_from)

    def search_extra(self, value: Any) -> str:
        instance = getattr(value, "instance", None)
        return fold(keywords().get(instance.code, "")) if instance is not None else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.suggest_from:
            context["widget"]["suggest_from"] = " ".join(self.suggest_from)
            context["widget"]["suggest_url"] = reverse("sdg:suggestions")
            context["widget"]["answer_url"] = reverse("sdg:answer")
        return context


class TargetMultipleChoiceField(GroupedModelMultipleChoiceField):
    """Agenda 2030 targets, chosen with the ``TargetPicker`` under their goals."""

    def __init__(self, *, suggest_from: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault(
            "queryset", Target.objects.select_related("goal").order_by("goal__number", "position")
        )
        kwargs.setdefault("label", _("Agenda 2030 targets"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", TargetPicker(suggest_from=suggest_from))
        super().__init__(group_by=lambda target: str(target.goal), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.text}"


class SuggestForm(forms.Form):
    """What is being written, and the targets already chosen (not suggested again)."""

    text = forms.CharField(max_length=MAX_TEXT_LENGTH, required=False, strip=True)
    chosen = forms.ModelMultipleChoiceField(queryset=Target.objects.all(), required=False)

    def clean_text(self) -> str:
        return str(self.cleaned_data.get("text") or "").replace("\x00", "")


class AnswerForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Target.objects.select_related("goal"))
    accepted = forms.TypedChoiceField(
        choices=[("1", _("accepted")), ("0", _("rejected"))], coerce=lambda value: value == "1"
    )
    text = forms.CharField(max_length=MAX_TEXT_LENGTH, required=False)

"""Form widgets shared by the apps.

``CheckboxPicker`` is the one widget for choosing several items out of a long list (SDG
targets, municipalities, organisations, needs). Django's ``SelectMultiple`` asks people to
hold Ctrl, cannot be used with a touch screen and grows as wide as its longest option; a plain
checkbox list of 290 municipalities is kilometres long. The picker renders grouped checkboxes
inside ``<details>`` (one per group: a goal, a county) or, without groups, a scrolling box of
checkboxes, so it works with no script at all. ``static/core/picker.js`` adds a search box that
narrows the list as one types (ignoring case and diacritics: "gavle" finds Gävle; a word
found in no item's own label finds a whole group: "gävleborg" lists the county), a count of
matches read by screen readers, and the list of chosen items with buttons to remove them.
"""

import itertools
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


def fold(text: str) -> str:
    """``text`` lower-cased and without diacritics, as the picker's script compares it."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class CheckboxPicker(forms.CheckboxSelectMultiple):
    """Searchable checkboxes, grouped when the field's choices are grouped.

    The form's field template (``includes/form/field.html``) writes the fieldset, its legend,
    help text and errors; this widget writes only what is inside. ``input_type`` is not
    "checkbox" so that the field template hands the rendering to this widget's own template.
    """

    template_name = "core/widgets/checkbox_picker.html"
    input_type = "picker"
    use_fieldset = True

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["search"] = fold(
            " ".join(filter(None, [option["label"], self.search_extra(option["value"])]))
        )
        return option

    def search_extra(self, value: Any) -> str:
        """More words under which an option is found, beyond its label (none here)."""
        return ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        groups = []
        flat: list[dict[str, Any]] = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name is None:
                flat.extend(options)
                continue
            groups.append(
                {
                    "label": group_name,
                    "search": fold(group_name),
                    "options": options,
                    "selected": sum(1 for option in options if option["selected"]),
                }
            )
        widget["groups"] = groups
        widget["flat_options"] = flat
        widget["option_count"] = len(flat) + sum(len(group["options"]) for group in groups)
        return context


class GroupedModelChoiceIterator(ModelChoiceIterator):
    """The queryset's objects as choices grouped by ``field.group_by(obj)``.

    The queryset must be ordered so that each group's objects come together. Validation is
    unchanged: ``ModelMultipleChoiceField`` checks submitted values against the queryset.
    """

    field: "GroupedModelMultipleChoiceField"

    def __iter__(self) -> Iterator[Any]:
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
            queryset = queryset.iterator()  # type: ignore[assignment]
        for label, objects in itertools.groupby(queryset, key=self.field.group_by):
            yield (label, [self.choice(obj) for obj in objects])


class GroupedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several objects chosen with a ``CheckboxPicker`` in groups named by ``group_by``."""

    iterator = GroupedModelChoiceIterator
    widget = CheckboxPicker

    def __init__(self, *args: Any, group_by: Callable[[Any], str], **kwargs: Any) -> None:
        self.group_by = group_by
        super().__init__(*args, **kwargs)

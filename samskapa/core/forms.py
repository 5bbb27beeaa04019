"""Forms of the core app: which notifications come by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskapa.core.models import NotificationKind


class EmailPreferencesForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail about"),
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("You always see every notification here on the site."),
    )

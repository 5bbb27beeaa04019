from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.geo.models import Municipality


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "municipality", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted."),
        required=True,
    )

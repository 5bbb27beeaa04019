from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation, Role, Unit
from samskapa.organisations.validators import normalise_org_number


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "helix_sector",
            "org_number",
            "municipality",
            "description",
            "website",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]
        # Room for the twelve-digit form with the "16" prefix, which clean_org_number accepts
        # and shortens to the eleven characters the model stores.
        org_number = self.fields["org_number"]
        org_number.max_length = 13  # type: ignore[attr-defined]
        org_number.widget.attrs["maxlength"] = "13"
        org_number.validators = [
            validator
            for validator in org_number.validators
            if not isinstance(validator, MaxLengthValidator)
        ]

    def clean_org_number(self) -> str:
        value = self.cleaned_data.get("org_number", "")
        return normalise_org_number(value) if value else ""


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "responsibility", "parent"]
        widgets = {"responsibility": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        parents = organisation.units.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person must already have an account on Samskapa."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No one with that e-mail address has an account."))
        return user

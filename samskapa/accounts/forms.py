from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samskapa.accounts import services
from samskapa.accounts.models import NAME_MAX_LENGTH, LegalDocument, LegalDocumentKind, User
from samskapa.accounts.selectors import documents_in_force
from samskapa.geo.models import Municipality

# What each kind of document asks the person to confirm.
CONSENT_LABELS = {
    LegalDocumentKind.TERMS: _("I accept the terms of use"),
    LegalDocumentKind.PRIVACY: _("I have read the privacy notice"),
}


def _consent_fields(form: forms.Form, documents: list[LegalDocument]) -> None:
    """One required checkbox per version in force; the page links to each version above them."""
    for document in documents:
        form.fields[f"consent_{document.kind}"] = forms.BooleanField(
            label=CONSENT_LABELS[LegalDocumentKind(document.kind)],
            required=True,
            error_messages={"required": _("You need to tick this box to go on.")},
        )


class SignupForm(forms.Form):
    """What allauth's sign-up form asks besides e-mail and password (``ACCOUNT_SIGNUP_FORM_CLASS``)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_(
            "Shown to others with the needs, ideas and comments you write. It need not be your "
            "full name. Your e-mail address is never shown."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={"required": _("Choose a name to show to others.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents_in_force()
        _consent_fields(self, self.documents)

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Choose a name to show to others."))
        if "@" in name:
            raise forms.ValidationError(_("A display name cannot contain an e-mail address."))
        return name

    def signup(self, request: HttpRequest, user: User) -> None:
        services.user_signup_complete(
            user=user, display_name=self.cleaned_data["display_name"], documents=self.documents
        )


class ConsentForm(forms.Form):
    """Accept the versions in force that the person has not accepted yet."""

    def __init__(self, *args: Any, documents: list[LegalDocument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents
        _consent_fields(self, documents)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "municipality", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if "@" in name:
            raise forms.ValidationError(_("A display name cannot contain an e-mail address."))
        return name


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted."),
        required=True,
    )

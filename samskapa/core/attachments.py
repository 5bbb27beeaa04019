"""Pictures and documents attached to an object (bilagor): needs, ideas, initiatives, ...

An app gives its model ``attachments = models.ManyToManyField("core.Upload", blank=True)`` and
adds ``attachment_urls(access=..., change_rule=...)`` to its URL patterns. That gives it three
pages, all checked on the server against the app's own rules:

- ``<pk>/filer/``: the attachments with a form to add one and a button to remove each, for those
  who may change the object (``change_rule``);
- ``<pk>/filer/<upload_pk>/``: the file itself, for those who may see the object;
- ``<pk>/filer/<upload_pk>/ta-bort/``: removal (POST), for those who may change it.

The object's page shows them with ``{% attachments_section object "<namespace>" can_change %}``
(``attachment_tags``). Files go through ``core.uploads``: type from content, size cap, pictures redrawn
without metadata and with a required text alternative.
"""

import io
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from PIL import Image, ImageDraw

from samskapa.core.access import require, signed_in
from samskapa.core.actions import call_action
from samskapa.core.models import DOCUMENT, IMAGE, Upload
from samskapa.core.uploads import UploadField, upload_delete, upload_response, upload_store
from samskapa.core.views import call_service

ATTACHMENT_KINDS = frozenset({IMAGE, DOCUMENT})
# Enough for the photos and papers of one need or idea; more belongs in a project's documents.
MAX_ATTACHMENTS = 10


class AttachmentForm(forms.Form):
    file = UploadField(kinds=ATTACHMENT_KINDS, label=gettext_lazy("Picture or document"))
    alt_text = forms.CharField(
        label=gettext_lazy("What the picture shows"),
        help_text=gettext_lazy(
            "Needed for pictures: a short description for those who cannot see it."
        ),
        max_length=300,
        required=False,
    )


@transaction.atomic
def attachment_add(
    *, actor: Any, owner: Model, change_rule: str, file: Any, alt_text: str = ""
) -> Upload:
    """Attach a checked file to ``owner``; only for those who may change it."""
    require(actor, change_rule, owner)
    attachments = owner.attachments  # type: ignore[attr-defined]
    if attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most %(count)d pictures and documents can be attached.")
            % {"count": MAX_ATTACHMENTS},
            code="too_many",
        )
    upload = upload_store(actor=actor, file=file, kinds=ATTACHMENT_KINDS, alt_text=alt_text)
    attachments.add(upload)
    return upload


@transaction.atomic
def attachment_remove(*, actor: Any, owner: Model, change_rule: str, upload: Upload) -> None:
    """Remove an attachment of ``owner`` and delete its file."""
    require(actor, change_rule, owner)
    if not owner.attachments.filter(pk=upload.pk).exists():  # type: ignore[attr-defined]
        raise ValidationError(_("The file is not attached here."), code="not_attached")
    upload_delete(upload=upload)


def attachment_urls(
    *, access: Callable[..., Model], change_rule: str, prefix: str = ""
) -> list[URLPattern]:
    """The attachment pages of one object type (see the module's docstring), under ``prefix``."""

    @login_required
    def manage(request: HttpRequest, pk: int) -> HttpResponse:
        user = signed_in(request.user)
        owner = access(user=user, pk=pk, rule=change_rule)
        form = AttachmentForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            call_service(
                form,
                attachment_add,
                actor=user,
                owner=owner,
                change_rule=change_rule,
                **form.cleaned_data,
            )
            if form.is_valid():
                messages.success(request, _("The file has been attached."))
                return redirect(request.path)
        context = {
            "owner": owner,
            "form": form,
            "attachments": owner.attachments.all(),  # type: ignore[attr-defined]
            "namespace": request.resolver_match.namespace if request.resolver_match else "",
            "max_attachments": MAX_ATTACHMENTS,
        }
        return render(request, "core/attachments.html", context, status=200)

    def serve(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponseBase:
        owner = access(user=request.user, pk=pk)
        upload = get_object_or_404(owner.attachments, pk=upload_pk)  # type: ignore[attr-defined]
        return upload_response(upload)

    @login_required
    @require_POST
    def remove(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
        user = signed_in(request.user)
        owner = access(user=user, pk=pk, rule=change_rule)
        upload = get_object_or_404(owner.attachments, pk=upload_pk)  # type: ignore[attr-defined]
        call_action(
            request,
            attachment_remove,
            success=_("The file has been removed."),
            actor=user,
            owner=owner,
            change_rule=change_rule,
            upload=upload,
        )
        namespace = request.resolver_match.namespace if request.resolver_match else ""
        return redirect(f"{namespace}:attachments", pk=pk)

    return [
        path(f"{prefix}<int:pk>/filer/", manage, name="attachments"),
        path(f"{prefix}<int:pk>/filer/<int:upload_pk>/", serve, name="attachment"),
        path(f"{prefix}<int:pk>/filer/<int:upload_pk>/ta-bort/", remove, name="attachment_remove"),
    ]


def demo_picture_attach(*, owner: Model, actor: Any, alt_text: str, colours: Sequence[str]) -> None:
    """Demo content: attach a simple drawn picture (sky, water, ground) unless one is there."""
    attachments = owner.attachments  # type: ignore[attr-defined]
    if attachments.exists():
        return
    sky, water, ground = colours
    image = Image.new("RGB", (640, 400), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 230, 640, 290), fill=water)
    draw.rectangle((0, 290, 640, 400), fill=ground)
    draw.rectangle((250, 250, 390, 268), fill="#6b4226")  # a bench, or a jetty
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    file = SimpleUploadedFile("demo.png", buffer.getvalue(), content_type="image/png")
    attachments.add(upload_store(actor=actor, file=file, kinds={IMAGE}, alt_text=alt_text))

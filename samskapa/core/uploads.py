"""Uploaded files (uppladdade filer): the one way a file enters and leaves Samskapa.

Every app that takes a file (pictures on needs and ideas, method materials, submissions,
procurement documents) goes through these functions, so that one set of rules holds everywhere:

- **The type comes from the content**, never from the name or the browser's Content-Type: a
  picture must open in Pillow as JPEG, PNG, WebP or GIF; a document must start like a PDF, be an
  Office Open XML or OpenDocument package with the parts such a file has, or be UTF-8 text. The
  stored name ends in the extension of the detected type, whatever the uploader called it.
- **The size is capped** (``UPLOAD_MAX_BYTES``), and so is a picture's pixel count
  (``UPLOAD_MAX_IMAGE_PIXELS``), which stops a small file that unpacks into gigabytes.
- **Pictures are redrawn**: turned upright by their EXIF orientation, scaled down to at most
  ``UPLOAD_IMAGE_MAX_SIDE`` pixels on the long side and saved anew without EXIF, GPS position,
  XMP, comments or colour-profile blobs; a picture needs a text alternative (alt text).
- **Files are never public by their address.** They live under ``MEDIA_ROOT`` with random names
  and are served only by ``upload_response`` from a view of the app that owns them, after that
  view has checked that the reader may see the object the file belongs to. (A file whose
  transaction rolls back after it was written stays on disk under a name that no row and no
  view knows.)
"""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from samskapa.core.models import DOCUMENT, IMAGE, Upload


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    kind: str
    label: str


PICTURE_TYPES = {
    "JPEG": FileType("image/jpeg", "jpg", IMAGE, "JPEG"),
    "PNG": FileType("image/png", "png", IMAGE, "PNG"),
    "WEBP": FileType("image/webp", "webp", IMAGE, "WebP"),
    "GIF": FileType("image/gif", "gif", IMAGE, "GIF"),
}
PDF = FileType("application/pdf", "pdf", DOCUMENT, "PDF")
# The part that an Office Open XML package of each kind must contain.
OOXML_TYPES = {
    "word/document.xml": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        DOCUMENT,
        "Word",
    ),
    "xl/workbook.xml": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        DOCUMENT,
        "Excel",
    ),
    "ppt/presentation.xml": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
        DOCUMENT,
        "PowerPoint",
    ),
}
# An OpenDocument package names its own type in a first, uncompressed entry called ``mimetype``.
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": FileType(
        "application/vnd.oasis.opendocument.text", "odt", DOCUMENT, "OpenDocument"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileType(
        "application/vnd.oasis.opendocument.spreadsheet", "ods", DOCUMENT, "OpenDocument"
    ),
    "application/vnd.oasis.opendocument.presentation": FileType(
        "application/vnd.oasis.opendocument.presentation", "odp", DOCUMENT, "OpenDocument"
    ),
}
TEXT = FileType("text/plain", "txt", DOCUMENT, "text")
CSV = FileType("text/csv", "csv", DOCUMENT, "CSV")

SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
    "GIF": {},
}


def allowed_types_label(kinds: frozenset[str] | set[str]) -> str:
    """The formats a field takes, for its help text: "JPEG, PNG, WebP, GIF, PDF, Word, ..."."""
    labels: list[str] = []
    if IMAGE in kinds:
        labels += [file_type.label for file_type in PICTURE_TYPES.values()]
    if DOCUMENT in kinds:
        labels += ["PDF", "Word", "Excel", "PowerPoint", "OpenDocument", _("text"), "CSV"]
    return ", ".join(labels)


def _max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


def _size_label(size: int) -> str:
    return _("%(size)s MB") % {"size": f"{size / (1024 * 1024):.0f}"}


def _read_head(file: IO[bytes], size: int = 8192) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _picture_type(file: IO[bytes]) -> FileType | None:
    limit = int(getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", 40_000_000))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.width * image.height > limit:
                    raise ValidationError(
                        _("The picture is too large: at most %(limit)s million pixels.")
                        % {"limit": limit // 1_000_000},
                        code="too_many_pixels",
                    )
                image.verify()
                file_type = PICTURE_TYPES.get(image.format or "")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The picture is too large: at most %(limit)s million pixels.")
            % {"limit": limit // 1_000_000},
            code="too_many_pixels",
        ) from error
    except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError):
        return None
    finally:
        file.seek(0)
    return file_type


def _package_type(file: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                declared = package.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODF_TYPES.get(declared)
            if "[Content_Types].xml" in names:
                for part, file_type in OOXML_TYPES.items():
                    if part in names:
                        return file_type
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        file.seek(0)
    return None


def _text_type(file: IO[bytes], name: str) -> FileType | None:
    data = file.read(_max_bytes() + 1)
    file.seek(0)
    if b"\0" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return CSV if PurePath(name).suffix.lower() == ".csv" else TEXT


def detect_type(file: IO[bytes], *, name: str = "") -> FileType | None:
    """The type of a file read from its content, or ``None`` when it is none that we take."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _package_type(file)
    picture = _picture_type(file)
    if picture is not None:
        return picture
    suffix = PurePath(name).suffix.lower()
    if suffix in {".txt", ".csv", ".md", ""}:
        return _text_type(file, name)
    return None


def check_upload(file: UploadedFile, *, kinds: frozenset[str] | set[str]) -> FileType:
    """Refuse a file that is too large or of a type the field does not take; return its type."""
    limit = _max_bytes()
    if file.size is None or file.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)s.") % {"limit": _size_label(limit)},
            code="too_large",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    file_type = detect_type(file, name=file.name or "")
    if file_type is None or file_type.kind not in kinds:
        raise ValidationError(
            _("This kind of file cannot be uploaded here. Allowed: %(types)s.")
            % {"types": allowed_types_label(kinds)},
            code="wrong_type",
        )
    return file_type


def _redraw_picture(file: IO[bytes], file_type: FileType) -> tuple[bytes, int, int]:
    """The picture upright, scaled down and saved anew without its metadata."""
    side = int(getattr(settings, "UPLOAD_IMAGE_MAX_SIDE", 2048))
    file.seek(0)
    with Image.open(file) as original:
        image_format = original.format or "PNG"
        image = ImageOps.exif_transpose(original) or original
        image.thumbnail((side, side))
        if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
            image = image.convert("RGB")
        buffer = io.BytesIO()
        # Saved without exif=, icc_profile=, pnginfo= or comment=: nothing of the original's
        # metadata reaches the new file.
        image.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
        return buffer.getvalue(), image.width, image.height


def _storage_name(file_type: FileType) -> str:
    today = timezone.now()
    return f"uploads/{today:%Y/%m}/{uuid.uuid4().hex}.{file_type.extension}"


def _clean_original_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name.replace("\0", "")
    return base[:255] or "file"


@transaction.atomic
def upload_store(
    *,
    actor: Any,
    file: UploadedFile,
    kinds: frozenset[str] | set[str],
    alt_text: str = "",
) -> Upload:
    """Check a file, redraw it if it is a picture, and store it under a random name.

    A picture needs ``alt_text``; the caller links the returned row to its object in the same
    transaction.
    """
    file_type = check_upload(file, kinds=kinds)
    alt_text = alt_text.strip()
    width = height = None
    if file_type.kind == IMAGE:
        if not alt_text:
            raise ValidationError(
                {"alt_text": _("Describe the picture for those who cannot see it.")},
                code="alt_text_required",
            )
        content, width, height = _redraw_picture(file, file_type)
    else:
        file.seek(0)
        content = file.read()
    upload = Upload(
        original_name=_clean_original_name(file.name or ""),
        content_type=file_type.content_type,
        kind=file_type.kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        width=width,
        height=height,
        alt_text=alt_text,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    upload.full_clean(exclude=["file"])
    upload.file.save(_storage_name(file_type), ContentFile(content), save=False)
    upload.save()
    return upload


def upload_delete(*, upload: Upload) -> None:
    """Delete the row, and the stored file once the deletion is committed."""
    name = upload.file.name or ""
    storage = upload.file.storage
    upload.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def upload_response(upload: Upload) -> FileResponse:
    """The file for a reader whom the owning view has already let in.

    Pictures are shown in the page; every other file is downloaded, so a document never runs in
    the site's origin. The answer may not be sniffed into another type, is sandboxed if it is
    opened directly, and is not kept by shared caches.
    """
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=not upload.is_image,
        filename=upload.original_name,
        content_type=upload.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


class UploadField(forms.FileField):
    """A form field that refuses a file of the wrong type or size before the service sees it."""

    def __init__(self, *, kinds: frozenset[str] | set[str], **kwargs: Any) -> None:
        self.kinds = frozenset(kinds)
        kwargs.setdefault("help_text", lazy(self._help_text, str)())
        super().__init__(**kwargs)

    def _help_text(self) -> str:
        # Read when the form is shown, in the reader's language.
        return _("%(types)s, at most %(size)s.") % {
            "types": allowed_types_label(self.kinds),
            "size": _size_label(_max_bytes()),
        }

    def clean(self, data: Any, initial: Any = None) -> Any:
        file = super().clean(data, initial)
        if isinstance(file, UploadedFile):
            check_upload(file, kinds=self.kinds)
        return file

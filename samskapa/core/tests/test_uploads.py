"""The one upload piece: type from content, size caps, pictures redrawn without metadata."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image

from samskapa.core.models import DOCUMENT, IMAGE, Upload
from samskapa.core.uploads import (
    UploadField,
    check_upload,
    upload_delete,
    upload_response,
    upload_store,
)

PICTURES = frozenset({IMAGE})
DOCUMENTS = frozenset({DOCUMENT})
ANYTHING = frozenset({IMAGE, DOCUMENT})
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(fmt: str = "JPEG", size: tuple[int, int] = (40, 20), *, gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Kamerafabriken"  # make
        exif[ORIENTATION] = 6  # taken with the phone turned: must be shown rotated
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (60.0, 40.0, 30.0), 3: "E", 4: (17.0, 8.0, 0.0)})
        options["exif"] = exif
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def package(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = package({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def uploaded(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bild.jpg", picture("JPEG"), "image/jpeg"),
        ("bild.png", picture("PNG"), "image/png"),
        ("bild.webp", picture("WEBP"), "image/webp"),
        ("rapport.pdf", b"%PDF-1.7\n%...\n", "application/pdf"),
        (
            "protokoll.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("protokoll.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("data.csv", "kommun;värde\nGävle;3\n".encode(), "text/csv"),
        ("anteckning.txt", "Hej från Kiruna".encode(), "text/plain"),
    ],
)
def test_the_type_is_read_from_the_content(name, content, expected):
    assert check_upload(uploaded(name, content), kinds=ANYTHING).content_type == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"MZ\x90\x00 a Windows program"),  # a program named as a PDF
        ("arkiv.docx", package({"virus.exe": b"MZ"})),  # a plain zip named as Word
        ("bild.jpg", b"\xff\xd8\xff\xe0 cut short"),  # a broken picture
        ("sida.html", b"<script>alert(1)</script>"),
        ("data.csv", b"kommun\0v\xe4rde"),  # a NUL byte: not text
        ("data.txt", "Gävle".encode("latin-1")),  # not UTF-8
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_with_the_allowed_types(name, content):
    with translation.override("sv"), pytest.raises(ValidationError) as refusal:
        check_upload(uploaded(name, content, "application/pdf"), kinds=ANYTHING)
    assert refusal.value.code == "wrong_type"
    assert "Tillåtna: JPEG, PNG" in refusal.value.messages[0]


def test_a_document_is_refused_where_only_pictures_are_taken():
    with pytest.raises(ValidationError) as refusal:
        check_upload(uploaded("rapport.pdf", b"%PDF-1.4 ..."), kinds=PICTURES)
    assert refusal.value.code == "wrong_type"


@override_settings(UPLOAD_MAX_BYTES=1000)
def test_a_file_over_the_size_cap_is_refused_in_the_readers_language():
    big = uploaded("stor.pdf", b"%PDF-" + b"x" * 1000)
    with translation.override("sv"), pytest.raises(ValidationError) as swedish:
        check_upload(big, kinds=DOCUMENTS)
    assert swedish.value.code == "too_large"
    assert "för stor" in swedish.value.messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        check_upload(big, kinds=DOCUMENTS)
    assert "too large" in english.value.messages[0]


@override_settings(UPLOAD_MAX_IMAGE_PIXELS=10_000)
def test_a_picture_with_too_many_pixels_is_refused_before_it_is_unpacked():
    with pytest.raises(ValidationError) as refusal:
        check_upload(uploaded("bomb.png", picture("PNG", (200, 200))), kinds=PICTURES)
    assert refusal.value.code == "too_many_pixels"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refusal:
        check_upload(uploaded("tom.txt", b""), kinds=DOCUMENTS)
    assert refusal.value.code == "empty"


@pytest.mark.django_db
def test_a_stored_picture_loses_its_position_and_camera_and_is_turned_upright(resident):
    upload = upload_store(
        actor=resident,
        file=uploaded("IMG_0042.JPG", picture("JPEG", (40, 20), gps=True)),
        kinds=PICTURES,
        alt_text="Trasig parkbänk vid Gavleån",
    )
    with upload.file.open("rb") as stored, Image.open(stored) as image:
        exif = image.getexif()
        assert GPS_IFD not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif
        assert image.size == (20, 40)  # rotated by the orientation it was taken with
    assert (upload.width, upload.height) == (20, 40)
    assert upload.content_type == "image/jpeg"
    assert upload.original_name == "IMG_0042.JPG"
    assert upload.file.name.endswith(".jpg")
    assert "IMG_0042" not in upload.file.name
    assert upload.uploaded_by == resident


@pytest.mark.django_db
@override_settings(UPLOAD_IMAGE_MAX_SIDE=100)
def test_a_large_picture_is_scaled_down_keeping_its_proportions(resident):
    upload = upload_store(
        actor=resident,
        file=uploaded("torg.png", picture("PNG", (400, 200))),
        kinds=PICTURES,
        alt_text="Stortorget",
    )
    assert (upload.width, upload.height) == (100, 50)


@pytest.mark.django_db
def test_a_picture_needs_a_text_alternative_and_nothing_is_stored_without_one(resident):
    with translation.override("sv"), pytest.raises(ValidationError) as refusal:
        upload_store(actor=resident, file=uploaded("a.png", picture("PNG")), kinds=PICTURES)
    assert "alt_text" in refusal.value.message_dict
    assert not Upload.objects.exists()


@pytest.mark.django_db
def test_a_document_is_stored_byte_for_byte_with_its_hash(resident):
    content = b"%PDF-1.7\n1 0 obj\n"
    upload = upload_store(
        actor=resident, file=uploaded("../../etc/Plan.pdf", content), kinds=DOCUMENTS
    )
    with upload.file.open("rb") as stored:
        assert stored.read() == content
    assert upload.original_name == "Plan.pdf"  # no folders from the uploader's name
    assert len(upload.sha256) == 64


@pytest.mark.django_db
def test_the_answer_downloads_documents_and_cannot_be_sniffed(resident):
    document = upload_store(actor=resident, file=uploaded("plan.pdf", b"%PDF-1.4"), kinds=ANYTHING)
    response = upload_response(document)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content) == b"%PDF-1.4"

    photo = upload_store(
        actor=resident, file=uploaded("a.png", picture("PNG")), kinds=ANYTHING, alt_text="En bild"
    )
    assert upload_response(photo)["Content-Disposition"].startswith("inline;")


@pytest.mark.django_db(transaction=True)
def test_deleting_an_upload_removes_the_file(resident):
    upload = upload_store(actor=resident, file=uploaded("a.txt", b"hej"), kinds=DOCUMENTS)
    storage, name = upload.file.storage, upload.file.name
    assert storage.exists(name)
    upload_delete(upload=upload)
    assert not storage.exists(name)
    assert not Upload.objects.exists()


@pytest.mark.django_db
def test_stored_files_are_not_reachable_by_their_address(client, resident):
    upload = upload_store(actor=resident, file=uploaded("a.txt", b"hemligt"), kinds=DOCUMENTS)
    assert client.get("/media/" + upload.file.name).status_code == 404


def test_the_form_field_puts_the_refusal_on_the_field_and_names_the_formats():
    from django import forms

    class PictureForm(forms.Form):
        photo = UploadField(kinds=PICTURES)

    with translation.override("sv"):
        form = PictureForm(files={"photo": uploaded("a.pdf", b"%PDF-1.4")})
        assert not form.is_valid()
        assert "Tillåtna: JPEG, PNG, WebP, GIF" in form.errors["photo"][0]
        assert str(form.fields["photo"].help_text).startswith("JPEG, PNG, WebP, GIF, högst 20 MB")
    with translation.override("en"):
        assert str(PictureForm().fields["photo"].help_text).endswith("at most 20 MB.")
    assert PictureForm(files={"photo": uploaded("a.png", picture("PNG"))}).is_valid()

"""Pictures and documents on needs (core.attachments), and the same pages on ideas and initiatives."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from samskapa.accounts.models import User
from samskapa.core.attachments import MAX_ATTACHMENTS
from samskapa.core.models import Upload
from samskapa.ideas.tests.factories import IdeaFactory
from samskapa.needs.models import Need
from samskapa.portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _photo(name: str = "bank.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (60.0, 40.0, 30.0)})
    Image.new("RGB", (30, 20), (10, 120, 40)).save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _add(client: Client, need: Need, **data: object):
    return client.post(f"/sv/behov/{need.pk}/filer/", data)


def test_the_author_attaches_a_photo_that_others_see_without_its_position(
    needs: dict[str, Need], author: User, resident: User
) -> None:
    need = needs["public"]
    response = _add(_client(author), need, file=_photo(), alt_text="Trasig bänk vid ån")
    assert response.status_code == 302

    upload = need.attachments.get()
    page = _client(resident).get(f"/sv/behov/{need.pk}/").text
    assert 'alt="Trasig bänk vid ån"' in page
    assert f"/sv/behov/{need.pk}/filer/{upload.pk}/" in page
    served = _client().get(f"/sv/behov/{need.pk}/filer/{upload.pk}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert not image.getexif().get_ifd(0x8825)


def test_a_photo_without_alt_text_is_refused_and_the_form_says_why(
    needs: dict[str, Need], author: User
) -> None:
    response = _add(_client(author), needs["public"], file=_photo(), alt_text="")
    assert response.status_code == 200
    assert "Beskriv bilden för den som inte kan se den." in response.text
    assert not Upload.objects.exists()


def test_a_file_of_the_wrong_type_is_refused_keeping_the_text_typed(
    needs: dict[str, Need], author: User
) -> None:
    program = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf")
    response = _add(_client(author), needs["public"], file=program, alt_text="Min text")
    assert response.status_code == 200
    assert "Tillåtna: JPEG" in response.text
    assert 'value="Min text"' in response.text
    assert not Upload.objects.exists()


def test_files_of_a_need_nobody_else_may_see_are_not_served(
    needs: dict[str, Need], author: User, resident: User
) -> None:
    private = needs["private"]
    _add(_client(author), private, file=SimpleUploadedFile("a.txt", b"hemligt"))
    upload = private.attachments.get()
    url = f"/sv/behov/{private.pk}/filer/{upload.pk}/"
    assert _client(author).get(url).status_code == 200
    assert _client(resident).get(url).status_code == 404
    assert _client().get(url).status_code == 404
    # A file of another need is not reached through a need one may see.
    assert (
        _client(resident).get(f"/sv/behov/{needs['public'].pk}/filer/{upload.pk}/").status_code
        == 404
    )


def test_only_those_who_may_change_the_need_add_or_remove(
    needs: dict[str, Need], author: User, resident: User
) -> None:
    need = needs["public"]
    assert _client(resident).get(f"/sv/behov/{need.pk}/filer/").status_code == 403
    assert _add(_client(resident), need, file=_photo(), alt_text="x").status_code == 403
    _add(_client(author), need, file=SimpleUploadedFile("a.txt", b"hej"))
    upload = need.attachments.get()
    remove = f"/sv/behov/{need.pk}/filer/{upload.pk}/ta-bort/"
    assert _client(resident).post(remove).status_code == 403
    assert need.attachments.count() == 1
    assert _client(author).post(remove).status_code == 302
    assert not need.attachments.exists()
    assert not Upload.objects.exists()


def test_a_need_takes_a_limited_number_of_files(needs: dict[str, Need], author: User) -> None:
    need = needs["public"]
    client = _client(author)
    for number in range(MAX_ATTACHMENTS):
        _add(client, need, file=SimpleUploadedFile(f"{number}.txt", b"hej"))
    response = _add(client, need, file=SimpleUploadedFile("en-till.txt", b"hej"))
    assert need.attachments.count() == MAX_ATTACHMENTS
    assert "Högst 10 bilder och dokument" in response.text


def test_ideas_and_initiatives_have_the_same_pages(resident: User, gavle_leader: User) -> None:
    idea = IdeaFactory(author=resident)
    response = _client(resident).post(
        f"/sv/ideer/{idea.pk}/filer/", {"file": SimpleUploadedFile("skiss.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 302
    upload = idea.attachments.get()
    download = _client().get(f"/sv/ideer/{idea.pk}/filer/{upload.pk}/")
    assert download["Content-Disposition"].startswith("attachment;")

    initiative = InitiativeFactory(lead_organisation=gavle_leader.memberships.get().organisation)
    assert _client(resident).get(f"/sv/portfolj/initiativ/{initiative.pk}/filer/").status_code in {
        403,
        404,
    }
    assert (
        _client(gavle_leader).get(f"/sv/portfolj/initiativ/{initiative.pk}/filer/").status_code
        == 200
    )

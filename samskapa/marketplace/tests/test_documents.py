"""Documents: checked by the platform's upload rules, sealed inside responses, served by access."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samskapa.accounts.models import User
from samskapa.core.models import Upload
from samskapa.marketplace import services
from samskapa.marketplace.models import ProcurementRequest, RequestStatus, Response
from samskapa.marketplace.tests.conftest import Clock
from samskapa.marketplace.tests.factories import RequestFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\nHemlig bilaga Blaklint"


def _url(request: ProcurementRequest, rest: str = "") -> str:
    return f"/en/marknadsplats/forfragningar/{request.pk}/{rest}"


def test_a_sealed_document_is_read_only_after_the_opening(
    client: Client,
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    gavle_leader: User,
    gavle_second: User,
    clock: Clock,
) -> None:
    requirement = procurement.requirements.get()
    client.force_login(provider_user)
    posted = client.post(
        _url(procurement, "svara/"),
        {
            "provider": provider.pk,
            "summary": "Se bilagan.",
            f"meets_{requirement.pk}": "yes",
            "document_1": SimpleUploadedFile("anbud.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert posted.status_code == 302
    response = Response.objects.get()
    assert b"Blaklint" not in bytes(response.sealed) and not Upload.objects.exists()
    assert response.receipts.get().documents[0]["name"] == "anbud.pdf"
    client.force_login(gavle_leader)
    assert client.get(_url(procurement, f"svar/{response.pk}/dokument/0/")).status_code == 404

    clock(21 * DAY)
    services.opening_start(actor=gavle_leader, request=procurement)
    services.opening_confirm(actor=gavle_second, request=procurement)
    download = client.get(_url(procurement, f"svar/{response.pk}/dokument/0/"))
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_file_of_the_wrong_type_is_refused_and_the_answer_kept(
    client: Client, procurement: ProcurementRequest, provider_user: User, provider: Organisation
) -> None:
    requirement = procurement.requirements.get()
    client.force_login(provider_user)
    page = client.post(
        _url(procurement, "svara/"),
        {
            "provider": provider.pk,
            "summary": "Ett svar som ska finnas kvar.",
            f"meets_{requirement.pk}": "yes",
            "document_1": SimpleUploadedFile("anbud.pdf", b"MZ\x90\x00 not a pdf at all"),
        },
    )
    assert page.status_code == 200
    assert "This kind of file cannot be uploaded here" in page.text
    assert "Ett svar som ska finnas kvar." in page.text
    assert not Response.objects.exists()


def test_request_documents_follow_the_request_visibility(
    client: Client, gavle: Organisation, gavle_leader: User, kiruna_leader: User
) -> None:
    draft = RequestFactory(buyer=gavle, status=RequestStatus.DRAFT)
    client.force_login(gavle_leader)
    posted = client.post(
        _url(draft, "dokument/ny/"),
        {"file": SimpleUploadedFile("villkor.txt", "Villkor för upphandlingen.".encode())},
    )
    assert posted.status_code == 302
    document = draft.documents.get()
    assert client.get(_url(draft, f"dokument/{document.pk}/")).status_code == 200
    client.force_login(kiruna_leader)
    assert client.get(_url(draft, f"dokument/{document.pk}/")).status_code == 404

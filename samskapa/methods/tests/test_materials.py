"""Material files of methods, kept per version, and pictures and documents on experience
reports: checked by type and size, served only to those who may see the method."""

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from docx import Document

from samskapa.accounts.models import User
from samskapa.core.models import Upload
from samskapa.methods import services
from samskapa.methods.models import Method
from samskapa.methods.services import StepInput
from samskapa.methods.tests.factories import ReportFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _template(name: str = "protokoll.docx") -> SimpleUploadedFile:
    document = Document()
    document.add_paragraph("Plats, vad deltagarna såg, förslag, ansvar")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


class TestVersions:
    def test_adding_a_file_makes_a_version_and_later_versions_keep_it(
        self, facilitator: User, method: Method
    ) -> None:
        upload = services.method_material_add(actor=facilitator, method=method, file=_template())
        method.refresh_from_db()
        assert method.version == 2
        assert list(method.versions.get(number=2).material_files.all()) == [upload]
        assert list(method.versions.get(number=1).material_files.all()) == []
        services.method_update(
            actor=facilitator,
            method=method,
            title=method.title,
            summary="Ny sammanfattning.",
            purpose=method.purpose,
            phase=method.phase,
            steps=[StepInput(title="Bjud in", minutes=60), StepInput(title="Vandra", minutes=90)],
        )
        method.refresh_from_db()
        assert method.version == 3
        assert list(method.versions.get(number=3).material_files.all()) == [upload]

    def test_removing_a_file_keeps_it_for_the_older_versions(
        self, facilitator: User, method: Method, client: Client
    ) -> None:
        upload = services.method_material_add(actor=facilitator, method=method, file=_template())
        services.method_material_remove(actor=facilitator, method=method, upload=upload)
        method.refresh_from_db()
        assert method.version == 3 and not method.material_files.exists()
        assert "protokoll.docx" in method.versions.get(number=3).change_note
        served = client.get(f"/en/metoder/{method.slug}/material/{upload.pk}/")
        assert served.status_code == 200
        assert "protokoll" in client.get(f"/en/metoder/{method.slug}/versioner/2/").text

    def test_only_those_who_may_change_the_method_add_files(
        self, kungalv_member: User, method: Method, proposal: Method, resident: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.method_material_add(actor=kungalv_member, method=method, file=_template())
        # The proposer may, while the proposal is open.
        services.method_material_add(actor=resident, method=proposal, file=_template())
        assert proposal.material_files.count() == 1


class TestMaterialPages:
    def test_the_facilitator_uploads_and_a_visitor_downloads(
        self, facilitator: User, method: Method
    ) -> None:
        response = _client(facilitator).post(
            f"/en/metoder/{method.slug}/material/",
            {"file": _template(), "change_note": "Protokollsmallen"},
        )
        assert response.status_code == 302
        upload = method.material_files.get()
        page = _client().get(f"/en/metoder/{method.slug}/").text
        assert f"/en/metoder/{method.slug}/material/{upload.pk}/" in page
        served = _client().get(f"/en/metoder/{method.slug}/material/{upload.pk}/")
        assert served.status_code == 200
        assert "attachment" in served["Content-Disposition"]
        assert _body(served).startswith(b"PK")
        assert method.versions.get(number=2).change_note == "Protokollsmallen"

    def test_a_wrong_type_is_refused_and_the_note_typed_stays(
        self, facilitator: User, method: Method
    ) -> None:
        program = SimpleUploadedFile("mall.docx", b"MZ\x90\x00 not a document")
        response = _client(facilitator).post(
            f"/en/metoder/{method.slug}/material/",
            {"file": program, "change_note": "Min anteckning"},
        )
        assert response.status_code == 200
        assert "This kind of file cannot be uploaded here." in response.text
        assert 'value="Min anteckning"' in response.text
        assert not Upload.objects.exists()

    @override_settings(UPLOAD_MAX_BYTES=1000)
    def test_an_oversized_file_is_refused_with_a_message(
        self, facilitator: User, method: Method
    ) -> None:
        response = _client(facilitator).post(
            f"/en/metoder/{method.slug}/material/",
            {"file": _template(), "change_note": "Stor fil"},
        )
        assert response.status_code == 200
        assert "The file is too large" in response.text
        assert 'value="Stor fil"' in response.text
        method.refresh_from_db()
        assert method.version == 1

    def test_a_picture_needs_a_description(self, facilitator: User, method: Method) -> None:
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (20, 10), (0, 90, 0)).save(buffer, format="PNG")
        response = _client(facilitator).post(
            f"/en/metoder/{method.slug}/material/",
            {"file": SimpleUploadedFile("karta.png", buffer.getvalue()), "alt_text": ""},
        )
        assert response.status_code == 200
        assert "Describe the picture" in response.text

    def test_files_of_a_proposal_are_served_only_to_those_who_see_it(
        self, resident: User, proposal: Method, kungalv_member: User, facilitator: User
    ) -> None:
        upload = services.method_material_add(actor=resident, method=proposal, file=_template())
        url = f"/en/metoder/{proposal.slug}/material/{upload.pk}/"
        assert _client().get(url).status_code == 404
        assert _client(kungalv_member).get(url).status_code == 404
        assert _client(resident).get(url).status_code == 200
        assert _client(facilitator).get(url).status_code == 200

    def test_a_file_of_another_method_is_not_served_under_this_one(
        self, facilitator: User, method: Method, proposal: Method, resident: User
    ) -> None:
        hidden = services.method_material_add(actor=resident, method=proposal, file=_template())
        url = f"/en/metoder/{method.slug}/material/{hidden.pk}/"
        assert _client().get(url).status_code == 404

    def test_others_cannot_manage_files(
        self, kungalv_member: User, method: Method, facilitator: User
    ) -> None:
        upload = services.method_material_add(actor=facilitator, method=method, file=_template())
        member = _client(kungalv_member)
        assert member.get(f"/en/metoder/{method.slug}/material/").status_code == 403
        remove = f"/en/metoder/{method.slug}/material/{upload.pk}/ta-bort/"
        assert member.post(remove).status_code == 403
        assert method.material_files.count() == 1
        assert _client(facilitator).post(remove).status_code == 302
        assert method.material_files.count() == 0


class TestReportAttachments:
    def test_the_author_attaches_a_document_that_readers_download(
        self, kungalv_member: User, method: Method, kungalv: Organisation, resident: User
    ) -> None:
        report = ReportFactory(method=method, organisation=kungalv, author=kungalv_member)
        url = f"/en/metoder/erfarenheter/{report.pk}/filer/"
        response = _client(kungalv_member).post(url, {"file": _template("utvardering.docx")})
        assert response.status_code == 302
        upload = report.attachments.get()
        page = _client().get(f"/en/metoder/{method.slug}/").text
        assert "utvardering.docx" in page
        assert _client().get(f"{url}{upload.pk}/").status_code == 200
        assert _client(resident).get(url).status_code == 403
        assert _client(resident).post(url, {"file": _template()}).status_code == 403
        assert report.attachments.count() == 1

    def test_a_report_on_a_proposal_keeps_its_files_hidden(
        self, resident: User, proposal: Method, kungalv: Organisation, facilitator: User
    ) -> None:
        report = ReportFactory(method=proposal, organisation=kungalv)
        upload = Upload.objects.create(
            file="uploads/x.txt", original_name="x.txt", content_type="text/plain", size=1
        )
        report.attachments.add(upload)
        url = f"/en/metoder/erfarenheter/{report.pk}/filer/{upload.pk}/"
        assert _client().get(url).status_code == 404
        assert (
            _client(facilitator).get(f"/en/metoder/erfarenheter/{report.pk}/filer/").status_code
            == 200
        )

    def test_the_method_page_costs_the_same_with_files_on_reports(
        self,
        client: Client,
        method: Method,
        kungalv: Organisation,
        kungalv_member: User,
        django_assert_max_num_queries: Any,
    ) -> None:
        ReportFactory(method=method, organisation=kungalv)
        with django_assert_max_num_queries(17):
            client.get(f"/en/metoder/{method.slug}/")
        for _ in range(5):
            report = ReportFactory(method=method, organisation=kungalv, author=kungalv_member)
            report.attachments.add(
                Upload.objects.create(
                    file="uploads/x.txt", original_name="x.txt", content_type="text/plain", size=1
                )
            )
        with django_assert_max_num_queries(17):
            client.get(f"/en/metoder/{method.slug}/")

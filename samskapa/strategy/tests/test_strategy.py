"""Innovation strategies: who may write them, what they may link, versions, and the PDF and
Word documents read back with a parser."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from samskapa.accounts.models import User
from samskapa.needs.tests.factories import NeedFactory
from samskapa.projects.models import Project
from samskapa.strategy import services
from samskapa.strategy.models import Strategy
from samskapa.strategy.selectors import access_strategy

pytestmark = pytest.mark.django_db


def test_only_the_projects_leaders_change_it_and_it_is_one_per_project(
    naringen: Project, kiruna_leader: User, gavle_leader: User, strategy: Strategy
) -> None:
    with pytest.raises(PermissionDenied):
        services.strategy_update(actor=kiruna_leader, strategy=strategy, title="Kapad")
    with pytest.raises(PermissionDenied):
        services.strategy_create(actor=kiruna_leader, project=naringen, title="Kapad")
    with pytest.raises(ValidationError):
        services.strategy_create(actor=gavle_leader, project=naringen, title="En till")


def test_needs_of_another_project_cannot_be_chosen(
    strategy: Strategy, gavle_leader: User, nya_kiruna: Project
) -> None:
    foreign = NeedFactory(project=nya_kiruna)
    with pytest.raises(ValidationError) as error:
        services.focus_area_add(
            actor=gavle_leader, strategy=strategy, title="Annat", needs=[foreign]
        )
    assert "needs" in error.value.error_dict


def test_versions_keep_the_strategy_as_it_stood(strategy: Strategy, gavle_leader: User) -> None:
    first = services.version_save(actor=gavle_leader, strategy=strategy, note="Efter workshoppen")
    services.strategy_update(actor=gavle_leader, strategy=strategy, title="Ny titel")
    second = services.version_save(actor=gavle_leader, strategy=strategy)
    assert (first.number, second.number) == (1, 2)
    assert first.content["title"] == "Innovationsstrategi för Näringen"
    assert first.content["focus_areas"][0]["needs"] == ["Trygga cykelvägar till skolan"]
    assert second.content["title"] == "Ny titel"


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("sv", ["Vision", "Fokusområden", "Indikatorer mot sina målvärden"]),
        ("en", ["Vision", "Focus areas", "Indicators against their targets"]),
    ],
)
def test_pdf_and_word_documents_have_the_headings(
    strategy: Strategy, language: str, headings: list[str]
) -> None:
    from docx import Document
    from pypdf import PdfReader

    client = Client()
    slug = strategy.project.slug
    pdf = client.get(reverse("strategy:pdf", args=[slug]), {"sprak": language})
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for heading in [
        strategy.title,
        *headings,
        "Hållbar mobilitet",
        "Sextio procent hållbara resor",
    ]:
        assert heading in text, heading
    word = client.get(reverse("strategy:docx", args=[slug]), {"sprak": language})
    document = Document(io.BytesIO(word.content))
    found = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in [
        strategy.title,
        *headings,
        "Hållbar mobilitet",
        "Sextio procent hållbara resor",
    ]:
        assert heading in found, heading
    assert document.inline_shapes, "the indicator's chart is in the document"


def test_guided_editor_shows_the_steps_and_hides_tools_from_visitors(
    strategy: Strategy, gavle_leader: User
) -> None:
    url = reverse("strategy:detail", args=[strategy.project.slug])
    visitor = Client().get(url).content.decode()
    assert "Hållbar mobilitet" in visitor
    assert reverse("strategy:focus_area_add", args=[strategy.project.slug]) not in visitor
    leader = Client()
    leader.force_login(gavle_leader)
    page = leader.get(url).content.decode()
    assert reverse("strategy:focus_area_add", args=[strategy.project.slug]) in page
    assert access_strategy(user=gavle_leader, slug=strategy.project.slug) == strategy

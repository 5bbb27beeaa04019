"""The pages of learning programmes: who may open what, refusals that keep what was typed,
bad input without a 500, lists in a constant number of queries, the plan as a PDF."""

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskapa.learning import services
from samskapa.learning.models import Submission
from samskapa.learning.tests.conftest import World
from samskapa.learning.tests.factories import ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"learning:{name}", kwargs={"slug": world.programme.slug, **kwargs})


def test_the_public_sees_title_and_description_but_not_the_inside(world: World) -> None:
    SessionFactory(programme=world.programme, title="Träff om behov", agenda="Hemlig agenda")
    page = _client().get(_url("detail", world))
    assert page.status_code == 200
    text = page.content.decode()
    assert world.programme.title in text and "Träff om behov" in text
    assert "Hemlig agenda" not in text and "Inventera behoven" not in text
    assert _client().get(_url("assignment", world, pk=world.assignment.pk)).status_code == 302
    assert (
        _client(world.outsider).get(_url("assignment", world, pk=world.assignment.pk)).status_code
        == 403
    )
    draft = ProgrammeFactory(status="draft")
    assert _client(world.outsider).get(draft.get_absolute_url()).status_code == 404


def test_a_participant_hands_in_sees_feedback_and_the_facilitator_follows_progress(
    world: World,
) -> None:
    participant = _client(world.gavle_one)
    page = participant.get(_url("assignment", world, pk=world.assignment.pk))
    assert page.status_code == 200
    answer = participant.post(
        _url("assignment", world, pk=world.assignment.pk), {"text": "Tre behov"}
    )
    submission = Submission.objects.get()
    assert answer.status_code == 302 and answer["Location"] == submission.get_absolute_url()
    facilitator = _client(world.facilitator)
    feedback = facilitator.post(submission.get_absolute_url(), {"text": "Tydligt beskrivet"})
    assert feedback.status_code == 302
    assert "Tydligt beskrivet" in participant.get(submission.get_absolute_url()).content.decode()
    # Without peer review the others see nothing of it.
    assert _client(world.kiruna_one).get(submission.get_absolute_url()).status_code == 404
    assert participant.get(_url("progress", world)).status_code == 403
    progress = facilitator.get(_url("progress", world))
    assert progress.status_code == 200
    assert "samskapa-table-scroll" in progress.content.decode()


def test_a_closed_assignment_refuses_and_keeps_the_text(world: World) -> None:
    world.assignment.due_at = timezone.now() - datetime.timedelta(hours=1)
    world.assignment.save()
    page = _client(world.gavle_one).post(
        _url("assignment", world, pk=world.assignment.pk), {"text": "Mitt långa svar"}
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "Mitt långa svar" in text
    assert not Submission.objects.exists()


def test_a_session_after_the_end_is_refused_on_the_form(world: World) -> None:
    after = world.programme.ends_on + datetime.timedelta(days=3)
    page = _client(world.facilitator).post(
        _url("session_create", world),
        {
            "title": "Sen träff",
            "starts_at": f"{after}T09:00",
            "ends_at": f"{after}T12:00",
            "place": "Stadshuset",
        },
    )
    assert page.status_code == 200
    assert "Sen träff" in page.content.decode()
    assert not world.programme.sessions.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "hej\x00då"},
        {"text": ["", ""], "for_team": "kanske", "file_1": "inte en fil"},
        {"text": "x" * 60_000},
        {},
    ],
)
def test_bad_input_to_a_submission_gives_no_500(world: World, data: dict[str, Any]) -> None:
    page = _client(world.gavle_one).post(_url("assignment", world, pk=world.assignment.pk), data)
    assert page.status_code in (200, 400)
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("session_create", {"title": "\x00", "starts_at": "igår", "ends_at": "1"}),
        (
            "assignment_create",
            {"title": "A", "instructions": "B", "due_at": "x", "session": "9999"},
        ),
        ("members", {"email": "nobody@example.org", "role": "king", "organisation": "\x00"}),
        ("edit", {"title": "T", "starts_on": "2027-02-30", "ends_on": "nej", "status": "x"}),
    ],
)
def test_bad_input_to_the_facilitators_forms_gives_no_500(
    world: World, name: str, data: dict[str, Any]
) -> None:
    page = _client(world.facilitator).post(_url(name, world), data)
    assert page.status_code in (200, 400)


def test_only_facilitators_manage(world: World) -> None:
    for name in ("edit", "members", "session_create", "assignment_create", "progress"):
        assert _client(world.gavle_one).get(_url(name, world)).status_code == 403, name


def test_the_list_takes_a_constant_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = _client(world.gavle_one)
    client.get(reverse("learning:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("learning:list"))
    for _ in range(5):
        ProgrammeFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("learning:list")).status_code == 200


def _plan(world: World) -> Any:
    plan = services.plan_create(actor=world.gavle_one, programme=world.programme)
    services.plan_save(
        actor=world.gavle_one,
        plan=plan,
        title="Gävles plan",
        content={
            "aim": "Innovation i varje etapp",
            "focus_areas": [{"title": "Hållbara resor", "goals": ["Mobilitetspool"]}],
            "next_steps": [{"action": "Förankra i nämnden", "owner": "Projektledaren"}],
        },
    )
    return plan


def test_the_plan_form_saves_a_new_version_and_keeps_bad_dates(world: World) -> None:
    plan = _plan(world)
    url = _url("plan_edit", world, pk=plan.pk)
    client = _client(world.gavle_two)
    assert client.get(url).status_code == 200
    data = {
        "title": "Gävles plan",
        "aim": "Nytt mål",
        "areas-TOTAL_FORMS": "1",
        "areas-INITIAL_FORMS": "0",
        "areas-0-title": "Testbäddar",
        "areas-0-goals": "En testbädd\nTvå testbäddar",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-action": "Börja",
        "steps-0-due_on": "nästa vecka",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Nytt mål" in refused.content.decode()
    data["steps-0-due_on"] = "2027-03-01"
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2
    assert plan.content["focus_areas"][0]["goals"] == ["En testbädd", "Två testbäddar"]
    assert _client(world.kiruna_one).get(url).status_code == 403
    assert _client(world.outsider).get(_url("plan", world, pk=plan.pk)).status_code == 404


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("sv", ["Övergripande mål", "Fokusområden och mål", "Nästa steg"]),
        ("en", ["Overall goal", "Focus areas and goals", "Next steps"]),
    ],
)
def test_the_plan_pdf_has_the_headings(world: World, language: str, headings: list[str]) -> None:
    from pypdf import PdfReader

    plan = _plan(world)
    pdf = _client(world.kiruna_one).get(_url("plan_pdf", world, pk=plan.pk), {"sprak": language})
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for heading in [
        *headings,
        "Gävles plan",
        "Hållbara resor",
        "Mobilitetspool",
        "Förankra i nämnden",
    ]:
        assert heading in text, heading
    assert _client(world.outsider).get(_url("plan_pdf", world, pk=plan.pk)).status_code == 404


def test_carrying_into_a_project_of_another_municipality_is_refused(
    world: World, naringen: Any
) -> None:
    plan = _plan(world)
    page = _client(world.gavle_one).post(
        _url("plan", world, pk=plan.pk), {"project": naringen.slug}
    )
    assert page.status_code == 400  # not a leader of Näringen: not among the choices


@pytest.mark.parametrize("year", ["-1", "99999999999999999999", "\x00", "2020.5"])
def test_a_bad_year_in_the_filter_shows_the_whole_list(world: World, year: str) -> None:
    page = _client().get(reverse("learning:list"), {"year": year})
    # A NUL byte is refused before any view (400); any other bad year leaves the whole list.
    assert page.status_code == (400 if "\x00" in year else 200)
    if page.status_code == 200:
        assert world.programme.title in page.content.decode()

"""The resident's journey in a real browser, as the people of issue 10 walk it.

A visitor on a phone finds Gävle by typing "gavle", signs up with a display name and consent,
confirms the address from the e-mail, writes a need in a pre-moderated campaign with the
Agenda 2030 picker and a photo, and follows it in Mitt arbete until a moderator has approved
it. An outside expert without an account accepts an e-mail invitation and assesses two ideas.
On every page: nothing scrolls sideways, and axe finds nothing serious.
"""

import io
import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import Page, expect

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, AssignmentStatus, CriterionSet
from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.ideas.models import Challenge
from samskapa.needs.models import Campaign, Need

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LEADER = "projektledare.gavle@samskapa.example"
RESIDENT = "invanare@samskapa.example"
PASSWORD = "Torget-i-Gävle-2031"
NEED = "Trygga cykelbanor till torget"


def _looks_right(page: Page, axe_check: AxeCheck) -> None:
    """The page fits its viewport without sideways scrolling and has no serious axe finding."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    width = page.viewport_size["width"] if page.viewport_size else "?"
    assert overflow <= 0, f"{page.url} is {overflow} px too wide at {width} px"
    axe_check(page)


def _link_in_mail(to: str, pattern: str) -> str:
    """The path of the first link matching ``pattern`` in the last e-mail sent to ``to``.

    The live server runs in a thread of this process, so its locmem outbox is this one.
    """
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, f"no e-mail to {to}; outbox: {[m.to for m in mail.outbox]}"
    match = re.search(rf"https?://[^/\s]+({pattern})", messages[-1].body)
    assert match, f"no link in:\n{messages[-1].body}"
    return match.group(1)


def _photo() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), "#4b8bbe").save(picture, format="JPEG")
    return picture.getvalue()


def test_a_resident_finds_gavle_signs_up_and_follows_a_need_until_it_is_approved(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    email = "ny.invanare@example.se"
    campaign = Campaign.objects.get(premoderated=True, project__slug="naringen")
    page.set_viewport_size(PHONE)

    # A visitor finds the municipality by typing its name without the dots over the a.
    page.goto("/sv/")
    _looks_right(page, axe_check)
    field = page.get_by_role("combobox", name="Kommunens namn")
    field.press_sequentially("gavle", delay=20)
    expect(page.get_by_role("option", name="Gävle")).to_be_visible()
    field.press("ArrowDown")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/sv/kommun/gavle/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gävle kommun")
    _looks_right(page, axe_check)

    # Signs up with a name of their choosing and consent to the terms and the privacy notice.
    page.goto("/sv/konto/signup/")
    _looks_right(page, axe_check)
    page.get_by_role("textbox", name="E-postadress", exact=True).fill(email)
    page.get_by_role("textbox", name="Lösenord", exact=True).fill(PASSWORD)
    page.get_by_role("textbox", name="Lösenord (igen)", exact=True).fill(PASSWORD)
    page.get_by_role("textbox", name="Visningsnamn", exact=True).fill("Cyklisten på Brynäs")
    page.get_by_role("checkbox", name="Jag godkänner användarvillkoren").check()
    page.get_by_role("checkbox", name="Jag har läst integritetsmeddelandet").check()
    page.get_by_role("button", name="Skapa konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")
    _looks_right(page, axe_check)
    person = User.objects.get(email=email)
    assert person.display_name == "Cyklisten på Brynäs"
    assert person.consents.count() == 2  # type: ignore[attr-defined]

    # Confirms the address from the e-mail, which logs them in.
    page.goto(_link_in_mail(email, r"/\S*/konto/confirm-email/\S+/"))
    _looks_right(page, axe_check)
    page.get_by_role("button", name="Bekräfta").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_attached()

    # Writes a need in the pre-moderated campaign, on the phone.
    page.goto(f"/sv/behov/kampanjer/{campaign.pk}/")
    _looks_right(page, axe_check)
    page.get_by_role("link", name="Skicka in ett behov").first.click()
    with page.expect_request(lambda request: "/liknande/" in request.url):
        page.locator("#id_title").press_sequentially(NEED, delay=20)
    similar = page.locator("#similar-needs")
    expect(similar).to_contain_text("Trygga cykelbanor till centrum")
    title_box, hint_box = page.locator("#id_title").bounding_box(), similar.bounding_box()
    description_box = page.locator("#id_description").bounding_box()
    assert title_box and hint_box and description_box
    assert title_box["y"] < hint_box["y"] < description_box["y"], "the hint is not by the title"
    page.locator("#id_description").fill("Cykelbanan till torget tar slut vid Brynäs.")
    picker = page.locator("#id_sdg_targets_picker")
    page.get_by_role("searchbox", name="Sök i listan").fill("skyfall")
    expect(picker.get_by_role("status")).to_contain_text("träff")
    picker.get_by_role("checkbox", name=re.compile(r"^13\.1 ")).check()
    _looks_right(page, axe_check)
    page.get_by_role("button", name="Skicka in behovet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    expect(page.get_by_text(re.compile("^Väntar på godkännande"))).to_be_visible()
    _looks_right(page, axe_check)
    need = Need.objects.get(title=NEED)
    assert need.awaiting_approval and need.author == person

    # Adds a photo, which must say what it shows.
    page.get_by_role("link", name="Lägg till eller ta bort bilder och dokument").click()
    _looks_right(page, axe_check)
    page.get_by_label("Bild eller dokument").set_input_files(
        {"name": "cykelbanan.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    )
    page.get_by_label("Vad bilden visar").fill("Cykelbanan slutar tvärt vid en trottoarkant.")
    page.get_by_role("button", name="Ladda upp").click()
    page.goto(need.get_absolute_url())
    expect(
        page.get_by_role("img", name="Cykelbanan slutar tvärt vid en trottoarkant.")
    ).to_be_visible()
    _looks_right(page, axe_check)

    # Mitt arbete shows the need and that it waits for a moderator.
    page.goto("/sv/mitt-arbete/")
    mine = page.get_by_role("region", name=re.compile("^Mina behov"))
    expect(mine.get_by_role("listitem").filter(has_text=NEED)).to_contain_text(
        "Väntar på godkännande"
    )
    _looks_right(page, axe_check)

    # The project leader approves it from the moderation queue, on a desktop.
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    login(page, LEADER)
    page.goto("/sv/behov/")
    page.get_by_role("link", name="Moderering", exact=True).click()
    page.get_by_label("Visa").select_option(label="Väntar på godkännande")
    page.get_by_role("button", name="Filtrera").click()
    _looks_right(page, axe_check)
    # The queue's table scrolls in its own box on a phone; the page does not.
    page.set_viewport_size(PHONE)
    _looks_right(page, axe_check)
    page.get_by_role("button", name=f"Godkänn {NEED}").click()
    expect(page.get_by_role("button", name=f"Godkänn {NEED}")).to_have_count(0)
    need.refresh_from_db()
    assert not need.awaiting_approval

    # Back on the phone, the resident sees it approved, and so does everyone else.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    login(page, email, PASSWORD)
    page.goto("/sv/mitt-arbete/")
    item = page.get_by_role("region", name=re.compile("^Mina behov")).get_by_role("listitem")
    expect(item.filter(has_text=NEED)).not_to_contain_text("Väntar på godkännande")
    expect(page.get_by_role("link", name=re.compile("godkänts"))).to_be_visible()
    page.context.clear_cookies()
    page.goto(need.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    expect(page.get_by_text(re.compile("^Väntar på godkännande"))).to_have_count(0)


def test_an_outside_expert_accepts_an_invitation_and_assesses_two_ideas(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    expert = "expert@hogskolan.example"
    challenge = Challenge.objects.get(title="Mötesplatser för grannar i en ny stadsdel")
    ideas = list(challenge.ideas.order_by("title"))
    assert len(ideas) == 2
    criteria = list(
        CriterionSet.objects.get(programme=challenge.programme).criteria.order_by("position")
    )

    # The leader invites the expert by e-mail to both ideas, in the form for many at once.
    login(page, LEADER)
    page.goto(f"/sv/bedomning/utmaningar/{challenge.pk}/")
    group = page.get_by_role("group", name="Idéer att bedöma")
    for idea in ideas:
        group.get_by_role("checkbox", name=idea.title).check()
    page.get_by_label("Bedömarnas e-postadresser").fill(expert)
    page.get_by_role("button", name="Bjud in", exact=True).click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    _looks_right(page, axe_check)
    link = _link_in_mail(expert, r"/\S*/bedomning/inbjudan/\S+/")

    # The expert, on a phone and without an account, accepts it and gets one.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(link)
    _looks_right(page, axe_check)
    page.get_by_role("textbox", name="Visningsnamn", exact=True).fill("Eva Expert")
    page.get_by_role("textbox", name="Lösenord", exact=True).fill(PASSWORD)
    page.get_by_role("textbox", name="Lösenord (igen)", exact=True).fill(PASSWORD)
    for consent in page.get_by_role("checkbox").all():
        consent.check()
    page.get_by_role("button", name="Skapa konto och tacka ja").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _looks_right(page, axe_check)
    person = User.objects.get(email=expert)
    # An account for this challenge only: assignments to its two ideas, no role anywhere.
    assert not person.memberships.exists()  # type: ignore[attr-defined]
    assigned = Assignment.objects.filter(assessor=person)
    assert {a.idea_id for a in assigned} == {idea.pk for idea in ideas}

    for number, idea in enumerate(ideas):
        page.goto("/sv/bedomning/")
        page.get_by_role("link", name=idea.title).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(idea.title)
        _looks_right(page, axe_check)
        for criterion in criteria:
            page.locator(f"#id_criterion_{criterion.pk}").fill(str(3 + number))
        # A draft first: nothing is final, and the scores are there when they come back.
        page.get_by_role("button", name="Spara utkast").click()
        expect(page.get_by_text("Ditt utkast har sparats.")).to_be_visible()
        page.reload()
        expect(page.locator(f"#id_criterion_{criteria[0].pk}")).to_have_value(str(3 + number))
        page.get_by_role("button", name="Granska och skicka in").click()
        _looks_right(page, axe_check)
        page.get_by_role("button", name="Bekräfta och skicka in").click()
        expect(page.get_by_text("Din bedömning är inskickad. Tack!")).to_be_visible()
        _looks_right(page, axe_check)
    assert set(assigned.values_list("status", flat=True)) == {AssignmentStatus.SUBMITTED}


def test_an_idea_waits_for_approval_and_reports_reach_the_moderators(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    idea = "Skuggande träd runt torget"
    challenge = Challenge.objects.get(premoderated=True, project__slug="naringen")
    reported = "Öppen data om hur stråken används"

    # A resident on a phone answers the pre-moderated challenge and reports another idea.
    page.set_viewport_size(PHONE)
    login(page, RESIDENT)
    page.goto(challenge.get_absolute_url())
    page.get_by_role("link", name="Skicka in en idé").click()
    page.get_by_label("Rubrik").fill(idea)
    page.get_by_label("Sammanfattning").fill("Träd som ger skugga på sommaren.")
    page.get_by_label("Beskrivning").fill("Lindar runt torget, med bänkar under.")
    page.get_by_role("button", name="Publicera idén").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(idea)
    expect(page.get_by_text(re.compile("^Väntar på godkännande"))).to_be_visible()
    _looks_right(page, axe_check)
    page.goto("/sv/ideer/")
    page.get_by_role("link", name=reported).click()
    page.get_by_text("Anmäl den här idén").click()
    page.get_by_label("Vad är fel?").fill("Det här är reklam för ett företag.")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(
        page.get_by_text("Tack! Projektets moderatorer kommer att titta på det.")
    ).to_be_visible()
    _looks_right(page, axe_check)

    # Visitors do not see the waiting idea.
    page.context.clear_cookies()
    page.goto(challenge.get_absolute_url())
    expect(page.get_by_role("link", name=idea)).to_have_count(0)

    # The leader finds both in the queue of ideas; approves the one and hides a comment.
    login(page, LEADER)
    page.goto("/sv/ideer/")
    page.get_by_role("link", name="Moderering", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderering av idéer och kommentarer")
    expect(page.get_by_role("main")).to_contain_text("Det här är reklam för ett företag.")
    _looks_right(page, axe_check)
    page.get_by_role("button", name=f"Godkänn {idea}").click()
    expect(page.get_by_text("Idén har godkänts")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Dölj kommentaren")).first.click()
    expect(page.get_by_text("Kommentaren har dolts.")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    _looks_right(page, axe_check)

    # The author sees it approved in Mitt arbete.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    login(page, RESIDENT)
    page.goto("/sv/mitt-arbete/")
    mine = page.get_by_role("region", name=re.compile("^Mina idéer"))
    expect(mine.get_by_role("listitem").filter(has_text=idea)).not_to_contain_text(
        "Väntar på godkännande"
    )
    expect(
        page.get_by_role("link", name=re.compile("har godkänts och publicerats"))
    ).to_be_visible()

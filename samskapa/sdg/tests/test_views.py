"""The suggestion endpoints that the target picker calls, and the picker in a form."""

import re

import pytest
from django import forms
from django.test import Client

from samskapa.accounts.models import User
from samskapa.sdg.forms import TargetMultipleChoiceField
from samskapa.sdg.models import SuggestionFeedback, Target

pytestmark = pytest.mark.usefixtures("reference_data")

SUGGEST = "/sv/agenda-2030/forslag/"
ANSWER = "/sv/agenda-2030/forslag/svar/"


def test_suggestions_for_the_text_being_written_name_target_and_words(client: Client) -> None:
    response = client.post(SUGGEST, {"text": "Bussen går för sällan till vårdcentralen"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-code="11.2"' in page
    assert "bussen" in page
    assert "Välj" in page


def test_targets_already_chosen_are_not_suggested_again(client: Client) -> None:
    chosen = Target.objects.get(code="11.2")

    response = client.post(SUGGEST, {"text": "Bussen går för sällan", "chosen": [chosen.pk]})

    assert 'data-code="11.2"' not in response.content.decode()


def test_suggestions_refuse_get_and_bad_input(client: Client) -> None:
    assert client.get(SUGGEST).status_code == 405
    assert client.post(SUGGEST, {"text": "x" * 6000}).status_code == 400
    assert client.post(SUGGEST, {"text": "buss", "chosen": ["elva"]}).status_code == 400


def test_suggestions_need_the_csrf_token_in_the_header(resident: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    page = client.get("/sv/")
    token = page.cookies["csrftoken"].value

    assert client.post(SUGGEST, {"text": "Bussen"}).status_code == 403
    assert client.post(SUGGEST, {"text": "Bussen"}, HTTP_X_CSRFTOKEN=token).status_code == 200


def test_an_answer_is_recorded_for_the_person(client: Client, resident: User) -> None:
    client.force_login(resident)
    target = Target.objects.get(code="11.7")

    response = client.post(ANSWER, {"target": target.pk, "accepted": "0", "text": "Parken"})

    assert response.status_code == 204
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.user, feedback.target, feedback.accepted) == (resident, target, False)


def test_answers_need_an_account_and_a_real_target(client: Client, resident: User) -> None:
    target = Target.objects.get(code="11.7")
    assert client.post(ANSWER, {"target": target.pk, "accepted": "1"}).status_code == 302

    client.force_login(resident)
    assert client.post(ANSWER, {"target": 999999, "accepted": "1"}).status_code == 400
    assert client.post(ANSWER, {"target": target.pk, "accepted": "kanske"}).status_code == 400
    assert not SuggestionFeedback.objects.exists()


class TaggingForm(forms.Form):
    title = forms.CharField()
    sdg_targets = TargetMultipleChoiceField(suggest_from=("title",))


def test_the_picker_lists_goals_then_their_targets_as_checkboxes() -> None:
    chosen = Target.objects.get(code="11.2")

    html = str(TaggingForm(initial={"sdg_targets": [chosen.pk]})["sdg_targets"])

    assert html.count("<details") == 17
    assert html.count('type="checkbox"') == 169
    assert "<select" not in html
    # The goal holding the chosen target starts open, the others closed.
    assert len(re.findall(r"<details[^>]* open>", html)) == 1
    assert f'value="{chosen.pk}" id="id_sdg_targets_' in html and "checked" in html
    # Found by everyday words: 11.2 by "cykel", though its text speaks of transport systems.
    option_11_2 = html[
        html.index(f'value="{chosen.pk}"') - 400 : html.index(f'value="{chosen.pk}"')
    ]
    assert "cykel" in option_11_2
    assert 'data-suggest-from="title"' in html


def test_the_picker_accepts_targets_and_refuses_made_up_ones() -> None:
    target = Target.objects.get(code="13.1")

    good = TaggingForm({"title": "Skyfall", "sdg_targets": [target.pk]})
    bad = TaggingForm({"title": "Skyfall", "sdg_targets": ["999999"]})

    assert good.is_valid()
    assert list(good.cleaned_data["sdg_targets"]) == [target]
    assert not bad.is_valid()
    assert "sdg_targets" in bad.errors

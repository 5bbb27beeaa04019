"""Pages of assessment: my assessments, scoring, criteria management and results."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.assessment import services
from samskapa.assessment.models import (
    Assignment,
    AssignmentStatus,
    Criterion,
    CriterionSet,
    Score,
)
from samskapa.assessment.tests.conftest import submit
from samskapa.core.models import Visibility
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Programme

pytestmark = pytest.mark.django_db


def test_my_assessments_lists_invitations(client: Client, assignment: Assignment) -> None:
    client.force_login(assignment.assessor)
    response = client.get("/sv/bedomning/")
    assert response.status_code == 200
    assert assignment.idea.title in response.text
    assert assignment.get_absolute_url() in response.text


def test_idea_page_links_assessor_and_leader(
    client: Client, assignment: Assignment, gavle_leader: User, resident: User
) -> None:
    url = assignment.idea.get_absolute_url()
    client.force_login(assignment.assessor)
    assert "/sv/bedomning/" in client.get(url).text
    client.force_login(resident)
    assert "/sv/bedomning/" not in client.get(url).text
    client.force_login(gavle_leader)
    challenge = assignment.idea.challenge
    assert f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/" in client.get(url).text
    assert (
        f"/sv/bedomning/utmaningar/{challenge.pk}/" in client.get(challenge.get_absolute_url()).text
    )


def test_scoring_form_keeps_typed_values_on_error(
    client: Client, assignment: Assignment, criteria: list[Criterion]
) -> None:
    client.force_login(assignment.assessor)
    data = {
        f"criterion_{criteria[0].pk}": "9",
        f"criterion_{criteria[1].pk}": "3",
        f"comment_{criteria[1].pk}": "Billig att pröva",
    }
    response = client.post(assignment.get_absolute_url(), data)
    assert response.status_code == 400
    assert 'value="9"' in response.text
    assert "Billig att pröva" in response.text
    assert not Score.objects.exists()
    data[f"criterion_{criteria[0].pk}"] = "4"
    # Valid scores first lead to a confirmation step; only "confirm" makes them final.
    review = client.post(assignment.get_absolute_url(), {**data, "action": "review"})
    assert review.status_code == 200
    assert "Kontrollera dina poäng innan du skickar in" in review.text
    assert not Score.objects.exists()
    response = client.post(assignment.get_absolute_url(), {**data, "action": "confirm"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED


def test_a_draft_is_kept_for_the_assessor_and_counts_nowhere(
    client: Client, assignment: Assignment, criteria: list[Criterion]
) -> None:
    client.force_login(assignment.assessor)
    draft = {
        f"criterion_{criteria[0].pk}": "4",
        f"comment_{criteria[0].pk}": "Lovande",
        "action": "draft",
    }

    assert client.post(assignment.get_absolute_url(), draft).status_code == 302

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.INVITED
    assert assignment.draft == {str(criteria[0].pk): {"value": 4, "comment": "Lovande"}}
    assert not Score.objects.exists()
    page = client.get(assignment.get_absolute_url()).text
    assert 'value="4"' in page and "Lovande" in page
    out_of_range = {**draft, f"criterion_{criteria[0].pk}": "99"}
    assert client.post(assignment.get_absolute_url(), out_of_range).status_code == 400


def test_others_scores_shown_only_after_submitting(
    client: Client,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
) -> None:
    submit(other_assignment, criteria, 2, 2)
    other_assignment.scores.filter(criterion=criteria[0]).update(comment="Hemlig kommentar")
    client.force_login(assignment.assessor)
    assert "Hemlig kommentar" not in client.get(assignment.get_absolute_url()).text
    submit(assignment, criteria, 4, 4)
    assert "Hemlig kommentar" in client.get(assignment.get_absolute_url()).text


def test_non_invited_gets_404(client: Client, assignment: Assignment, resident: User) -> None:
    client.force_login(resident)
    assert client.get(assignment.get_absolute_url()).status_code == 404
    assert client.post(f"{assignment.get_absolute_url()}jav/", {"reason": "x"}).status_code == 404


def test_conflict_declared_from_page(client: Client, assignment: Assignment) -> None:
    client.force_login(assignment.assessor)
    response = client.post(f"{assignment.get_absolute_url()}jav/", {"reason": "Min kollega"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.EXCLUDED


def test_manage_page_adds_criteria_and_invites(
    client: Client, gavle_leader: User, challenge: Challenge, idea: Idea, assessor: User
) -> None:
    client.force_login(gavle_leader)
    url = f"/sv/bedomning/utmaningar/{challenge.pk}/"
    response = client.post(url, {"action": "criterion", "name": "Kostnad", "weight": "0"})
    assert response.status_code == 400
    assert 'value="Kostnad"' in response.text
    response = client.post(url, {"action": "criterion", "name": "Kostnad", "weight": "2"})
    assert response.status_code == 302
    response = client.post(url, {"action": "invite", "ideas": [idea.pk], "emails": assessor.email})
    assert response.status_code == 302
    assert Assignment.objects.filter(assessor=assessor, idea=idea).exists()


def test_manage_and_results_refused_to_others(
    client: Client, challenge: Challenge, assignment: Assignment, resident: User
) -> None:
    for user in (resident, assignment.assessor):
        client.force_login(user)
        assert client.get(f"/sv/bedomning/utmaningar/{challenge.pk}/").status_code == 403
        assert client.get(f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/").status_code == 403


def test_results_page_ranks_and_flags(
    client: Client,
    gavle_leader: User,
    challenge: Challenge,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
) -> None:
    submit(assignment, criteria, 5, 3)
    submit(other_assignment, criteria, 1, 3)
    client.force_login(gavle_leader)
    response = client.get(f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/")
    assert response.status_code == 200
    assert assignment.idea.title in response.text
    assert "3,00" in response.text or "3.00" in response.text
    assert "<table" in response.text


def test_results_offer_taking_an_idea_forward_only_once(
    client: Client,
    gavle_leader: User,
    gavle: Organisation,
    challenge: Challenge,
    assignment: Assignment,
    criteria: list[Criterion],
) -> None:
    from samskapa.portfolio.tests.factories import InitiativeFactory

    submit(assignment, criteria, 4, 2)
    client.force_login(gavle_leader)
    address = f"/sv/bedomning/utmaningar/{challenge.pk}/resultat/"
    offer = f"?idea={assignment.idea.pk}"
    assert offer in client.get(address).text

    InitiativeFactory(idea=assignment.idea, lead_organisation=gavle)

    assert offer not in client.get(address).text


# --- Criteria of a programme, and which set applies to a challenge ----------------------------


def test_manage_page_says_programme_set_applies_and_switches(
    client: Client,
    naringen_leader: User,
    programme_challenge: Challenge,
    programme_criteria: list[Criterion],
) -> None:
    client.force_login(naringen_leader)
    url = f"/en/bedomning/utmaningar/{programme_challenge.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "shared criteria of the programme" in response.text
    assert "Nytta" in response.text
    assert 'value="make_own"' in response.text
    # Not a leader of the programme: no link to change the programme's criteria.
    assert "/bedomning/program/innovationsprogram/" not in response.text

    assert client.post(url, {"action": "make_own"}).status_code == 302
    response = client.get(url)
    assert "has criteria of its own" in response.text
    assert 'value="use_programme"' in response.text
    assert "/bedomning/kriterier/" in response.text  # edit and remove buttons of its own

    assert client.post(url, {"action": "use_programme"}).status_code == 302
    assert not CriterionSet.objects.filter(challenge=programme_challenge).exists()


def test_manage_page_links_programme_leaders_to_programme_criteria(
    client: Client,
    gavle_leader: User,
    programme_challenge: Challenge,
    programme_criteria: list[Criterion],
) -> None:
    client.force_login(gavle_leader)
    response = client.get(f"/en/bedomning/utmaningar/{programme_challenge.pk}/")
    assert "/en/bedomning/program/innovationsprogram/" in response.text


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("mycket", "Give the weight as a number"),
        ("-1", "A weight must be greater than zero."),
        ("0", "A weight must be greater than zero."),
        ("1000", "A weight can be at most 999.99."),
    ],
)
def test_weight_errors_are_clear_and_keep_the_input(
    client: Client, gavle_leader: User, challenge: Challenge, weight: str, message: str
) -> None:
    client.force_login(gavle_leader)
    response = client.post(
        f"/en/bedomning/utmaningar/{challenge.pk}/",
        {"action": "criterion", "name": "Kostnad", "weight": weight},
    )
    assert response.status_code == 400
    assert message in response.text
    assert f'value="{weight}"' in response.text
    assert 'value="Kostnad"' in response.text
    assert not Criterion.objects.exists()


def test_swedish_decimal_comma_is_read(
    client: Client, gavle_leader: User, challenge: Challenge
) -> None:
    client.force_login(gavle_leader)
    response = client.post(
        f"/sv/bedomning/utmaningar/{challenge.pk}/",
        {"action": "criterion", "name": "Kostnad", "weight": "1,5"},
    )
    assert response.status_code == 302
    assert Criterion.objects.get().weight == Decimal("1.5")


def test_programme_page_for_programme_leaders_only(
    client: Client,
    programme: Programme,
    gavle_leader: User,
    naringen_leader: User,
    kiruna_admin: User,
    resident: User,
) -> None:
    url = f"/en/bedomning/program/{programme.slug}/"
    response = client.get(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    for user in (naringen_leader, kiruna_admin, resident):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert (
            client.post(url, {"action": "criterion", "name": "X", "weight": "1"}).status_code == 403
        )
    assert not Criterion.objects.exists()
    client.force_login(gavle_leader)
    assert client.get(url).status_code == 200
    assert client.get("/en/bedomning/program/finns-inte/").status_code == 404


def test_members_only_programme_is_not_found_for_others(
    client: Client, programme: Programme, kiruna_admin: User
) -> None:
    programme.visibility = Visibility.MEMBERS
    programme.save()
    client.force_login(kiruna_admin)
    assert client.get(f"/en/bedomning/program/{programme.slug}/").status_code == 404


def test_programme_page_defines_criteria_and_lists_challenges(
    client: Client,
    gavle_leader: User,
    programme: Programme,
    programme_challenge: Challenge,
) -> None:
    client.force_login(gavle_leader)
    url = f"/en/bedomning/program/{programme.slug}/"
    response = client.post(url, {"action": "criterion", "name": "Nytta", "weight": "abc"})
    assert response.status_code == 400
    assert "Give the weight as a number" in response.text
    assert (
        client.post(url, {"action": "criterion", "name": "Nytta", "weight": "3"}).status_code == 302
    )
    response = client.post(url, {"action": "scale", "scale_min": "5", "scale_max": "1"})
    assert response.status_code == 400
    assert "The highest score must be above the lowest score." in response.text
    assert (
        client.post(url, {"action": "scale", "scale_min": "0", "scale_max": "10"}).status_code
        == 302
    )
    criterion_set = CriterionSet.objects.get(programme=programme)
    assert (criterion_set.scale_min, criterion_set.scale_max) == (0, 10)
    response = client.get(url)
    assert "Nytta" in response.text
    assert programme_challenge.title in response.text
    assert "The programme&#x27;s" in response.text or "The programme's" in response.text


def test_criterion_edit_and_remove_go_back_to_their_page(
    client: Client,
    gavle_leader: User,
    programme: Programme,
    programme_criteria: list[Criterion],
    resident: User,
) -> None:
    criterion = programme_criteria[0]
    url = f"/en/bedomning/kriterier/{criterion.pk}/"
    client.force_login(resident)
    assert client.get(url).status_code == 403
    assert client.post(f"{url}ta-bort/").status_code == 403
    client.force_login(gavle_leader)
    response = client.post(url, {"name": "Nytta för invånarna", "weight": "-2"})
    assert response.status_code == 400
    assert "greater than zero" in response.text
    assert 'value="Nytta för invånarna"' in response.text
    response = client.post(url, {"name": "Nytta för invånarna", "weight": "4"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/bedomning/program/{programme.slug}/"
    criterion.refresh_from_db()
    assert (criterion.name, criterion.weight) == ("Nytta för invånarna", Decimal(4))
    response = client.post(f"{url}ta-bort/")
    assert response["Location"] == f"/en/bedomning/program/{programme.slug}/"
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


def test_challenge_form_offers_visible_programmes_with_the_project(
    client: Client,
    gavle_leader: User,
    challenge: Challenge,
    programme: Programme,
    kiruna: Organisation,
) -> None:
    other = Programme.objects.create(
        name="Kirunas program",
        slug="kirunas-program",
        organisation=kiruna,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    challenge.created_by = gavle_leader
    challenge.save()
    client.force_login(gavle_leader)
    url = f"/en/ideer/utmaningar/{challenge.pk}/andra/"
    response = client.get(url)
    assert response.status_code == 200
    assert programme.name in response.text
    assert other.name not in response.text  # does not include Näringen
    data = {
        "title": challenge.title,
        "description": challenge.description,
        "deadline": challenge.deadline.isoformat(),
        "programme": other.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    data["programme"] = programme.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    challenge.refresh_from_db()
    assert challenge.programme == programme
    assert programme.name in client.get(challenge.get_absolute_url()).text


def test_manage_and_programme_pages_queries_do_not_grow(
    client: Client,
    gavle_leader: User,
    challenge: Challenge,
    criteria: list[Criterion],
    programme: Programme,
    programme_criteria: list[Criterion],
) -> None:
    client.force_login(gavle_leader)
    manage = f"/en/bedomning/utmaningar/{challenge.pk}/"
    page = f"/en/bedomning/program/{programme.slug}/"

    def grow(n: int) -> None:
        for _ in range(n):
            idea = IdeaFactory(challenge=challenge, project=challenge.project)
            services.assessor_invite(actor=gavle_leader, idea=idea, email=UserFactory().email)
            ChallengeFactory(project=challenge.project, programme=programme)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    grow(1)
    count(manage)  # warms the cache (the terms in force are read once, then cached)
    small = (count(manage), count(page))
    grow(5)
    assert (count(manage), count(page)) == small

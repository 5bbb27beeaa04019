"""Writes of challenges, ideas, comments, support and follows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Notification
from samskapa.geo.models import Municipality
from samskapa.ideas import services
from samskapa.ideas.models import Challenge, Comment, Follow, Idea
from samskapa.ideas.tests.factories import ChallengeFactory
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _idea_fields() -> dict[str, str]:
    return {"title": "Lånecyklar", "summary": "Cykelpool.", "description": "En cykelpool."}


class TestChallenge:
    def test_leader_creates(self, gavle_leader: User, naringen: Project) -> None:
        challenge = services.challenge_create(
            actor=gavle_leader,
            project=naringen,
            title="Mötesplatser",
            description="Var ska grannar mötas?",
            deadline=TODAY,
        )
        assert challenge.created_by == gavle_leader
        assert challenge.history.count() == 1

    def test_resident_is_refused(self, resident: User, naringen: Project) -> None:
        with pytest.raises(PermissionDenied):
            services.challenge_create(
                actor=resident, project=naringen, title="x", description="y", deadline=TODAY
            )

    def test_deadline_before_opening_is_refused(
        self, gavle_leader: User, naringen: Project
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.challenge_create(
                actor=gavle_leader,
                project=naringen,
                title="x",
                description="y",
                opens_on=TODAY,
                deadline=TODAY - datetime.timedelta(days=1),
            )
        assert "deadline" in str(error.value) or "__all__" in error.value.message_dict

    def test_a_deadline_already_past_is_refused(
        self, gavle_leader: User, naringen: Project
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.challenge_create(
                actor=gavle_leader,
                project=naringen,
                title="Gårdagens utmaning",
                description="y",
                deadline=TODAY - datetime.timedelta(days=1),
            )
        assert "Välj i dag eller ett senare datum" in error.value.message_dict["deadline"][0]
        assert not Challenge.objects.filter(title="Gårdagens utmaning").exists()

    def test_a_closed_challenge_keeps_its_deadline_when_edited(
        self, gavle_leader: User, naringen: Project
    ) -> None:
        past = TODAY - datetime.timedelta(days=30)
        closed = ChallengeFactory(
            project=naringen, opens_on=None, deadline=past, created_by=gavle_leader
        )

        services.challenge_update(actor=gavle_leader, challenge=closed, title="Nytt namn")
        with pytest.raises(ValidationError):
            services.challenge_update(
                actor=gavle_leader, challenge=closed, deadline=past + datetime.timedelta(days=1)
            )
        closed.refresh_from_db()
        assert (closed.title, closed.deadline) == ("Nytt namn", past)


class TestIdeaSubmit:
    def test_to_open_challenge_takes_project_and_municipality(
        self, resident: User, challenge: Challenge
    ) -> None:
        idea = services.idea_submit(actor=resident, challenge=challenge, **_idea_fields())
        assert idea.project == challenge.project
        assert idea.municipality == challenge.project.municipality
        assert Follow.objects.filter(idea=idea, user=resident).exists()

    def test_after_deadline_is_refused(self, resident: User, naringen: Project) -> None:
        closed = ChallengeFactory(
            project=naringen,
            opens_on=TODAY - datetime.timedelta(days=60),
            deadline=TODAY - datetime.timedelta(days=1),
        )
        with pytest.raises(ValidationError) as error:
            services.idea_submit(actor=resident, challenge=closed, **_idea_fields())
        assert "challenge" in error.value.message_dict
        assert not Idea.objects.exists()

    def test_standalone_with_co_authors_who_follow(self, resident: User) -> None:
        co_author = UserFactory()
        idea = services.idea_submit(
            actor=resident,
            municipality=Municipality.objects.get(code="1401"),
            co_authors=[co_author, resident],
            **_idea_fields(),
        )
        assert list(idea.co_authors.all()) == [co_author]
        assert Follow.objects.filter(idea=idea).count() == 2

    def test_on_behalf_of_foreign_organisation_is_refused(
        self, resident: User, gavle: Organisation
    ) -> None:
        with pytest.raises(ValidationError):
            services.idea_submit(
                actor=resident,
                municipality=gavle.municipality,
                organisation=gavle,
                **_idea_fields(),
            )

    def test_only_authors_and_leaders_change(
        self, idea: Idea, resident: User, gavle_leader: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.idea_update(actor=resident, idea=idea, title="Kapad")
        services.idea_update(actor=gavle_leader, idea=idea, title="Förtydligad")
        assert Idea.objects.get(pk=idea.pk).title == "Förtydligad"


class TestSupport:
    def test_once_per_user_and_withdrawable(self, idea: Idea, resident: User) -> None:
        assert services.idea_support(actor=resident, idea=idea) is True
        assert services.idea_support(actor=resident, idea=idea) is False
        idea.refresh_from_db()
        assert idea.support_count == 1
        assert services.idea_support_withdraw(actor=resident, idea=idea) is True
        assert services.idea_support_withdraw(actor=resident, idea=idea) is False
        idea.refresh_from_db()
        assert idea.support_count == 0

    def test_hidden_idea_cannot_be_supported(self, idea: Idea, resident: User) -> None:
        Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
        idea.refresh_from_db()
        with pytest.raises(PermissionDenied):
            services.idea_support(actor=resident, idea=idea)


class TestComments:
    def test_reply_to_reply_attaches_to_top_level(self, idea: Idea, resident: User) -> None:
        top = services.comment_add(actor=resident, idea=idea, text="Bra!")
        reply = services.comment_add(actor=resident, idea=idea, text="Håller med", parent=top)
        deeper = services.comment_add(actor=resident, idea=idea, text="Jag med", parent=reply)
        assert reply.parent == top
        assert deeper.parent == top
        idea.refresh_from_db()
        assert idea.comment_count == 3

    def test_parent_of_another_idea_is_refused(
        self, idea: Idea, resident: User, challenge: Challenge
    ) -> None:
        other = services.idea_submit(actor=resident, challenge=challenge, **_idea_fields())
        foreign = services.comment_add(actor=resident, idea=other, text="Hej")
        with pytest.raises(ValidationError):
            services.comment_add(actor=resident, idea=idea, text="Svar", parent=foreign)

    def test_hiding_a_comment_lowers_the_count(
        self, idea: Idea, resident: User, gavle_leader: User
    ) -> None:
        top = services.comment_add(actor=resident, idea=idea, text="Spam")
        services.comment_add(actor=resident, idea=idea, text="Mer", parent=top)
        services.comment_hide(actor=gavle_leader, comment=top)
        idea.refresh_from_db()
        assert idea.comment_count == 0
        with pytest.raises(PermissionDenied):
            services.comment_hide(actor=resident, comment=Comment.objects.first())  # type: ignore[arg-type]


class TestNotifications:
    def test_followers_hear_of_comments_but_not_the_writer(
        self, idea: Idea, author: User, resident: User
    ) -> None:
        follower = UserFactory()
        services.idea_follow(actor=follower, idea=idea)
        services.comment_add(actor=resident, idea=idea, text="Fin idé")
        assert Notification.objects.filter(recipient=author).count() == 1
        assert Notification.objects.filter(recipient=follower).count() == 1
        assert not Notification.objects.filter(recipient=resident).exists()

    def test_followers_hear_of_edits_and_unfollowers_do_not(self, idea: Idea, author: User) -> None:
        follower, former = UserFactory(), UserFactory()
        services.idea_follow(actor=follower, idea=idea)
        services.idea_follow(actor=former, idea=idea)
        services.idea_unfollow(actor=former, idea=idea)
        services.idea_update(actor=author, idea=idea, summary="Ny sammanfattning")
        assert Notification.objects.filter(recipient=follower).count() == 1
        assert not Notification.objects.filter(recipient=former).exists()
        assert not Notification.objects.filter(recipient=author).exists()

    def test_author_hears_of_a_support_milestone(self, idea: Idea, author: User) -> None:
        for _ in range(10):
            services.idea_support(actor=UserFactory(), idea=idea)
        assert Notification.objects.filter(recipient=author).count() == 1

"""The named rules of organisations and projects as a role x object matrix.

Each row is a person (by their role) and each column a named rule on Gävle kommun, its public
project Näringen, or Kiruna's members-only project.
"""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.predicates import forget_memberships
from samskapa.core.services import notification_send
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

ALL_RULES = [
    ("organisations.view_organisation", "gavle"),
    ("organisations.change_organisation", "gavle"),
    ("organisations.manage_members", "gavle"),
    ("organisations.delete_organisation", "gavle"),
    ("projects.add_project", "gavle"),
    ("projects.view_project", "naringen"),
    ("projects.change_project", "naringen"),
    ("projects.manage_members", "naringen"),
    ("projects.delete_project", "naringen"),
    ("projects.view_project", "hidden"),
    ("projects.change_project", "hidden"),
]

# Which of ALL_RULES each person has; every other rule must be refused.
ALLOWED: dict[str, set[tuple[str, str]]] = {
    "anonymous": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
    },
    "resident": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
    },
    "gavle_member": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
    },
    "gavle_leader": {
        ("organisations.view_organisation", "gavle"),
        ("projects.add_project", "gavle"),
        ("projects.view_project", "naringen"),
        ("projects.change_project", "naringen"),
        ("projects.manage_members", "naringen"),
    },
    "gavle_admin": {
        ("organisations.view_organisation", "gavle"),
        ("organisations.change_organisation", "gavle"),
        ("organisations.manage_members", "gavle"),
        ("projects.add_project", "gavle"),
        ("projects.view_project", "naringen"),
        ("projects.change_project", "naringen"),
        ("projects.manage_members", "naringen"),
        ("projects.delete_project", "naringen"),
    },
    "kiruna_admin": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
        ("projects.view_project", "hidden"),
        ("projects.change_project", "hidden"),
    },
    "naringen_leader": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
        ("projects.change_project", "naringen"),
        ("projects.manage_members", "naringen"),
    },
    "naringen_assessor": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
    },
    "hidden_facilitator": {
        ("organisations.view_organisation", "gavle"),
        ("projects.view_project", "naringen"),
        ("projects.view_project", "hidden"),
    },
    "platform_admin": set(ALL_RULES),
}


def _person(
    key: str, gavle: Organisation, kiruna: Organisation, naringen: Project, hidden: Project
) -> Any:
    org_roles = {
        "gavle_member": (gavle, Role.MEMBER),
        "gavle_leader": (gavle, Role.PROJECT_LEADER),
        "gavle_admin": (gavle, Role.ADMINISTRATOR),
        "kiruna_admin": (kiruna, Role.ADMINISTRATOR),
    }
    project_roles = {
        "naringen_leader": (naringen, Role.PROJECT_LEADER),
        "naringen_assessor": (naringen, Role.ASSESSOR),
        "hidden_facilitator": (hidden, Role.FACILITATOR),
    }
    if key == "anonymous":
        return AnonymousUser()
    if key == "platform_admin":
        return UserFactory(is_superuser=True)
    if key in org_roles:
        organisation, role = org_roles[key]
        return MembershipFactory(organisation=organisation, role=role).user
    if key in project_roles:
        project, role = project_roles[key]
        return MembershipFactory(organisation=None, project=project, role=role).user
    return UserFactory()


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_permission_matrix(
    key: str,
    gavle: Organisation,
    kiruna: Organisation,
    naringen: Project,
    hidden_project: Project,
) -> None:
    person = _person(key, gavle, kiruna, naringen, hidden_project)
    objects = {"gavle": gavle, "naringen": naringen, "hidden": hidden_project}

    granted = {(rule, name) for rule, name in ALL_RULES if person.has_perm(rule, objects[name])}

    assert granted == ALLOWED[key]


def test_only_the_recipient_may_read_a_notification(reference_data: None) -> None:
    recipient, other = UserFactory(), UserFactory()
    (notification,) = notification_send(recipients=[recipient], title="Hej", email=False)

    assert recipient.has_perm("core.change_notification", notification)
    assert not other.has_perm("core.change_notification", notification)
    assert not AnonymousUser().has_perm("core.view_notification", notification)


def test_new_membership_counts_once_the_cache_is_forgotten(
    gavle: Organisation, naringen: Project
) -> None:
    person = UserFactory()
    assert not person.has_perm("projects.change_project", naringen)

    MembershipFactory(user=person, organisation=gavle, role=Role.PROJECT_LEADER)
    forget_memberships(person)

    assert person.has_perm("projects.change_project", naringen)

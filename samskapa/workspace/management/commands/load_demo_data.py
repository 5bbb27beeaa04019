from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samskapa.accounts.demo import DEMO_PASSWORD, USERS
from samskapa.organisations.models import Membership
from samskapa.workspace.demo import load_demo_data


def _roles_of(email: str) -> str:
    """What the person may do, read from their memberships, so the list cannot drift."""
    memberships = (
        Membership.objects.filter(user__email=email)
        .select_related("organisation", "project")
        .order_by("organisation__name", "project__name", "role")
    )
    roles: dict[str, list[str]] = {}
    for membership in memberships:
        scope = membership.organisation or membership.project
        roles.setdefault(str(scope), []).append(membership.get_role_display())
    return "; ".join(f"{', '.join(names)}: {scope}" for scope, names in roles.items())


class Command(BaseCommand):
    help = "Load demo content built on the actors of the seed texts (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data is for development; pass --force to load it anyway.")
        counts = load_demo_data()
        self.stdout.write(
            f"Demo data: {counts['organisations']} organisations, {counts['projects']} projects, "
            f"{counts['users']} users."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for key, spec in USERS.items():
            roles = "platform administrator" if key == "admin" else _roles_of(spec.email)
            self.stdout.write(f"  {spec.email:45} {roles or 'resident, no memberships'}")

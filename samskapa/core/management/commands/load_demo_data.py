from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samskapa.core.demo import DEMO_PASSWORD, USERS, load_demo_data


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
        for spec in USERS.values():
            self.stdout.write(f"  {spec.email:45} {spec.role_text}")

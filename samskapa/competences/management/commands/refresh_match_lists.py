from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samskapa.competences.match_lists import match_lists_refresh


class Command(BaseCommand):
    help = (
        "Recompute the stored best matches of every open need for competence (after an upgrade, "
        "a taxonomy update or a restore); the page of a need's matches searches until then."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--missing", action="store_true", help="Only needs that have no stored list yet."
        )
        parser.add_argument(
            "--dated",
            action="store_true",
            help="Only needs without a start date (the nightly task does these).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = match_lists_refresh(dated_only=options["dated"], missing_only=options["missing"])
        self.stdout.write(f"Stored matches recomputed for {count} needs.")

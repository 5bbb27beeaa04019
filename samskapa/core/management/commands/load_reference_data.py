from typing import Any

from django.core.management.base import BaseCommand

from samskapa.core.reference import load_vocabularies
from samskapa.geo.reference import load_regions_and_municipalities
from samskapa.sdg.reference import load_goals_and_targets


class Command(BaseCommand):
    help = "Load or update the reference data: regions, municipalities, SDGs, vocabularies."

    def handle(self, *args: Any, **options: Any) -> None:
        regions, municipalities = load_regions_and_municipalities()
        goals, targets = load_goals_and_targets()
        dimensions, groups = load_vocabularies()
        self.stdout.write(
            f"Reference data: {regions} regions, {municipalities} municipalities, {goals} goals, "
            f"{targets} targets, {dimensions} sustainability dimensions, {groups} stakeholder groups."
        )

from typing import Any

from django.core.management.base import BaseCommand

from samskapa.competences.reference import load_taxonomy


class Command(BaseCommand):
    help = "Load or update the JobTech competence taxonomy (occupations, groups, skills)."

    def handle(self, *args: Any, **options: Any) -> None:
        concepts, relations = load_taxonomy()
        self.stdout.write(
            f"Competence taxonomy: {concepts} concepts, {relations} substitutability relations."
        )

"""Factories of people."""

import factory
from factory.django import DjangoModelFactory

from samskapa.accounts.models import User

PASSWORD = "ett-langt-testlosenord"


class UserFactory(DjangoModelFactory):
    """A person with a usable password (``PASSWORD``) and Swedish as interface language."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    language = "sv"

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

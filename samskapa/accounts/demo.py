"""Demo people for ``make run``: fictional, one per role, all with the same password.

The other apps' demo loaders find them by key (``demo_user("leader_gavle")``); what each person
may do comes from the memberships that the organisations and projects demo gives them.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from samskapa.accounts.models import User

DEMO_PASSWORD = "samskapa-demo"  # noqa: S105 - printed to the person who runs make run


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str


# What each person may do comes from their memberships (organisations and projects demo); the
# list printed by ``load_demo_data`` is read from those, so it cannot drift from the truth.
USERS = {
    "admin": DemoUser("admin@samskapa.example", "Alva Admin (fiktiv)"),
    "leader_gavle": DemoUser("projektledare.gavle@samskapa.example", "Gustav Gävlesson (fiktiv)"),
    "leader_harryda": DemoUser(
        "projektledare.harryda@samskapa.example", "Hanna Härrydasson (fiktiv)"
    ),
    "leader_kiruna": DemoUser("projektledare.kiruna@samskapa.example", "Kalle Kirunasson (fiktiv)"),
    "facilitator": DemoUser("processledare@samskapa.example", "Frida Processledare (fiktiv)"),
    "assessor": DemoUser("bedomare@samskapa.example", "Bertil Bedömare (fiktiv)"),
    "moderator": DemoUser("moderator@samskapa.example", "Maja Moderator (fiktiv)"),
    "company": DemoUser("foretag@samskapa.example", "Fia Företagare (fiktiv)"),
    "association": DemoUser("forening@samskapa.example", "Folke Föreningsson (fiktiv)"),
    "researcher": DemoUser("forskare@samskapa.example", "Rut Forskare (fiktiv)"),
    "resident": DemoUser("invanare@samskapa.example", "Ingrid Invånare (fiktiv)"),
}


def demo_user(key: str) -> User | None:
    """The demo person of ``key`` if the demo has been loaded."""
    return User.objects.filter(email=USERS[key].email).first()


def _user(key: str) -> User:
    spec = USERS[key]
    user, created = User.objects.get_or_create(email=spec.email, defaults={"full_name": spec.name})
    if created:
        user.set_password(DEMO_PASSWORD)
        if key == "admin":
            user.is_superuser = user.is_staff = True
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load_demo() -> dict[str, User]:
    """Create the demo people that are missing, with a verified e-mail address each."""
    return {key: _user(key) for key in USERS}

"""Demo people for ``make run``: fictional, one per role, all with the same password.

The other apps' demo loaders find them by key (``demo_user("leader_gavle")``); what each person
may do comes from the memberships that the organisations and projects demo gives them.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from samskapa.accounts.models import Consent, LegalDocument, LegalDocumentKind, User
from samskapa.accounts.selectors import document_ids_in_force
from samskapa.accounts.services import legal_documents_changed

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


def demo_person(*, email: str, name: str, superuser: bool = False) -> User:
    """A demo person who can log in at once: the demo password and a verified address.

    The other apps' demos (the marketplace's second buyer) make their extra people with it and
    then ``accept_documents_in_force``, as ``load_demo`` does for the people of ``USERS``.
    """
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = superuser
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def accept_documents_in_force(user: User) -> None:
    """Record that the demo person accepted the terms and privacy notice now in force."""
    Consent.objects.bulk_create(
        [Consent(user=user, document_id=pk) for pk in document_ids_in_force()],
        ignore_conflicts=True,
    )


def _user(key: str) -> User:
    spec = USERS[key]
    return demo_person(email=spec.email, name=spec.name, superuser=key == "admin")


TERMS_SV = """Samskapa är en plattform där kommuner, företag, forskare, föreningar och invånare tar fram lösningar för hållbar stadsutveckling tillsammans.

Det du skriver – behov, idéer och kommentarer – visas med det visningsnamn du har valt. Din e-postadress visas aldrig för andra.

Skriv sakligt och respektfullt. Kommunens moderatorer får dölja innehåll som bryter mot lag eller mot de här villkoren och ska då ange skälet.

Du kan när som helst ladda ner dina uppgifter eller radera ditt konto från din profil."""

TERMS_EN = """Samskapa is a platform where municipalities, businesses, researchers, associations and residents develop solutions for sustainable urban development together.

What you write – needs, ideas and comments – is shown with the display name you chose. Your e-mail address is never shown to others.

Write objectively and respectfully. The municipality's moderators may hide content that breaks the law or these terms, and must give their reason.

You can download your data or delete your account from your profile at any time."""

PRIVACY_SV = """Vi behandlar din e-postadress, ditt visningsnamn, din hemkommun och det du skriver på plattformen för att du ska kunna delta i kommunernas arbete med behov och idéer. Den rättsliga grunden är ditt samtycke och kommunens uppgift av allmänt intresse.

Uppgifterna sparas så länge du har ett konto. Du kan ladda ner allt vi har om dig och radera ditt konto från din profil. Frågor om dina personuppgifter ställer du till den kommun som driver projektet."""

PRIVACY_EN = """We process your e-mail address, display name, home municipality and what you write on the platform so that you can take part in the municipalities' work with needs and ideas. The legal basis is your consent and the municipality's task in the public interest.

The data is kept as long as you have an account. You can download everything we hold about you and delete your account from your profile. Questions about your personal data go to the municipality that runs the project."""


def _documents() -> list[LegalDocument]:
    texts = {
        LegalDocumentKind.TERMS: ("Användarvillkor", "Terms of use", TERMS_SV, TERMS_EN),
        LegalDocumentKind.PRIVACY: (
            "Integritetsmeddelande",
            "Privacy notice",
            PRIVACY_SV,
            PRIVACY_EN,
        ),
    }
    documents = []
    for kind, (title_sv, title_en, body_sv, body_en) in texts.items():
        document, _created = LegalDocument.objects.get_or_create(
            kind=kind,
            version=1,
            defaults={
                "title_sv": title_sv,
                "title_en": title_en,
                "body_sv": body_sv,
                "body_en": body_en,
                "published_at": timezone.now(),
            },
        )
        documents.append(document)
    legal_documents_changed()
    return documents


@transaction.atomic
def load_demo() -> dict[str, User]:
    """Create the demo people that are missing, with a verified e-mail address each, the terms
    and privacy notice, and each person's acceptance of them."""
    people = {key: _user(key) for key in USERS}
    documents = _documents()
    Consent.objects.bulk_create(
        [
            Consent(user=user, document=document)
            for user in people.values()
            for document in documents
        ],
        ignore_conflicts=True,
    )
    return people

"""A hand-made piece of the taxonomy with known relations, for the tests of matching.

SSYK 2163 (group "Planarkitekter"): Planarkitekt, Översiktsplanerare
SSYK 2161: Arkitekt, which JobTech says can replace a Planarkitekt to 75 %
SSYK 2162: Landskapsarkitekt, in the same minor group 216: a related occupation
SSYK 2621: Antikvarie, related to none of them
a skill: Medborgardialog
"""

from dataclasses import dataclass

import pytest

from samskapa.competences.models import Concept, ConceptKind, Substitutability
from samskapa.competences.tests.factories import ConceptFactory


@dataclass
class Taxonomy:
    group: Concept
    planarkitekt: Concept
    oversiktsplanerare: Concept
    arkitekt: Concept
    landskapsarkitekt: Concept
    antikvarie: Concept
    dialog: Concept


@pytest.fixture
def taxonomy(reference_data: None) -> Taxonomy:
    group = ConceptFactory(kind=ConceptKind.GROUP, label="Planarkitekter m.fl.", ssyk_code="2163")
    planarkitekt = ConceptFactory(label="Planarkitekt", ssyk_code="2163", group=group)
    arkitekt = ConceptFactory(label="Arkitekt", ssyk_code="2161")
    Substitutability.objects.create(occupation=planarkitekt, substitute=arkitekt, percentage=75)
    return Taxonomy(
        group=group,
        planarkitekt=planarkitekt,
        oversiktsplanerare=ConceptFactory(
            label="Översiktsplanerare", ssyk_code="2163", group=group
        ),
        arkitekt=arkitekt,
        landskapsarkitekt=ConceptFactory(label="Landskapsarkitekt", ssyk_code="2162"),
        antikvarie=ConceptFactory(label="Antikvarie", ssyk_code="2621"),
        dialog=ConceptFactory(kind=ConceptKind.SKILL, label="Medborgardialog", ssyk_code=""),
    )

"""Clustering groups needs by their Swedish words, deterministically."""

import pytest

from samskapa.accounts.models import User
from samskapa.needs import selectors
from samskapa.needs.clustering import cluster_texts, stems
from samskapa.needs.tests.factories import NeedFactory
from samskapa.projects.models import Project

TEXTS = [
    (1, "Fler cykelbanor till centrum. Cykelbanorna är för smala för att cykla tryggt."),
    (2, "Säkra cykelvägar och cykelbanor så att barnen kan cykla till skolan."),
    (3, "Vi vill cykla året runt: cykelvägar som plogas och cykelbanor med belysning."),
    (4, "Fler förskoleplatser i området. Förskolan behövs innan familjerna flyttar in."),
    (5, "En förskola med gård nära bostaden, det saknas förskoleplatser."),
    (6, "Förskoleplatser och förskola för alla barn i nya stadsdelen."),
]


def test_stop_words_dropped_and_words_stemmed() -> None:
    assert stems("Vi behöver cykelbanor och att cykla") == ["cykelban", "cykl"]


def test_cycling_and_preschool_needs_form_separate_groups() -> None:
    groups = [set(s.need_ids) for s in cluster_texts(TEXTS)]

    assert {1, 2, 3} in groups
    assert {4, 5, 6} in groups


def test_deterministic_with_top_terms() -> None:
    first = cluster_texts(TEXTS)
    second = cluster_texts(list(TEXTS))

    assert [(s.need_ids, s.top_terms) for s in first] == [(s.need_ids, s.top_terms) for s in second]
    assert any("cykelbanor" in s.top_terms for s in first)


@pytest.mark.django_db
def test_suggestions_only_visible_unclustered_needs(naringen: Project, gavle_leader: User) -> None:
    for pk, text in TEXTS:
        NeedFactory(project=naringen, title=f"Behov {pk}", description=text)

    suggestions = selectors.cluster_suggestions(user=gavle_leader, project=naringen)

    assert sorted(len(s.needs) for s in suggestions) == [3, 3]

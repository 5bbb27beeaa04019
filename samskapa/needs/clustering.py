"""Grouping a project's needs by what their Swedish text is about (klustring av behov).

Each need's title and description become words; Swedish stop words (``data/stopwords_sv.txt``)
are dropped and the rest are stemmed with the Snowball Swedish stemmer, so "cykelbanor" and
"cykelbanan" count as one term. TF-IDF weighs the terms and scikit-learn's agglomerative
clustering joins needs whose cosine distance stays under a threshold the project leader picks.
Everything here is pure computation on rows already read, so it runs the same on PostgreSQL and
SQLite and gives the same answer every time.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import snowballstemmer
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords_sv.txt"
DEFAULT_DISTANCE = 0.9
MIN_DISTANCE = 0.1
MAX_DISTANCE = 1.0
# Agglomerative clustering keeps an n x n distance matrix; past this many needs, use a sample.
MAX_NEEDS = 2000

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("swedish")


@cache
def swedish_stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stop words and one-letter words."""
    stop = swedish_stopwords()
    return [
        w for w in (m.lower() for m in _WORD.findall(text or "")) if len(w) > 1 and w not in stop
    ]


def stems(text: str) -> list[str]:
    """Snowball-Swedish stems of the content words of ``text``."""
    return [stem for stem in _stemmer.stemWords(words(text)) if len(stem) > 1]


@dataclass
class Suggestion:
    """A group of needs that the algorithm found similar, with the terms they share most."""

    need_ids: list[int]
    top_terms: list[str]
    needs: list[Any] = field(default_factory=list)


def cluster_texts(
    texts: Sequence[tuple[int, str]],
    *,
    distance_threshold: float = DEFAULT_DISTANCE,
    top_n: int = 4,
) -> list[Suggestion]:
    """Group ``(id, text)`` pairs by similarity; biggest groups first, single needs left out.

    ``distance_threshold`` is the largest average cosine distance (0 = the same words, 1 = no
    word in common) at which two groups are still joined.
    """
    threshold = min(max(distance_threshold, MIN_DISTANCE), MAX_DISTANCE)
    documents = [(pk, stems(text)) for pk, text in texts[:MAX_NEEDS]]
    documents = [(pk, terms) for pk, terms in documents if terms]
    if len(documents) < 2:
        return []
    # The documents are already lists of stems; the vectoriser only counts and weighs them.
    vectoriser = TfidfVectorizer(analyzer=_features, sublinear_tf=True)
    matrix = vectoriser.fit_transform([terms for _pk, terms in documents])
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    ).fit_predict(matrix.toarray())
    vocabulary = vectoriser.get_feature_names_out()
    display = _display_words([text for _pk, text in texts[:MAX_NEEDS]])
    suggestions: list[Suggestion] = []
    for label in sorted(set(labels.tolist())):
        rows = np.flatnonzero(labels == label)
        if len(rows) < 2:
            continue
        weights = np.asarray(matrix[rows].mean(axis=0)).ravel()
        order = [
            i
            for i in np.argsort(-weights, kind="stable")
            if weights[i] > 0 and not vocabulary[i].startswith(_GRAM)
        ][:top_n]
        terms = [display.get(vocabulary[i], vocabulary[i]) for i in order]
        suggestions.append(Suggestion(need_ids=[documents[i][0] for i in rows], top_terms=terms))
    suggestions.sort(key=lambda s: (-len(s.need_ids), min(s.need_ids)))
    return suggestions


_GRAM = "#"


def _features(terms: list[str]) -> list[str]:
    """The stems, plus the three- and four-letter pieces of each stem.

    Swedish writes compounds as one word: "cykelbanor", "cykelvägar" and "cykla" share no stem
    but share "cyk", "cykl"/"cyke" pieces; the pieces let the algorithm see that, while TF-IDF
    keeps pieces that every text has from counting.
    """
    features = list(terms)
    for term in terms:
        padded = f"<{term}"
        for size in (3, 4):
            features.extend(
                f"{_GRAM}{padded[i : i + size]}" for i in range(max(1, len(padded) - size + 1))
            )
    return features


def _display_words(texts: Sequence[str]) -> dict[str, str]:
    """The most common full word for each stem, so that top terms read as words, not stems."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        for word in words(text):
            counts.setdefault(_stemmer.stemWord(word), Counter())[word] += 1
    return {stem: counter.most_common(1)[0][0] for stem, counter in counts.items()}

"""Suggesting SDG targets for a Swedish text (förslag på delmål).

A small classifier that runs offline on the CPU, built from files in the repository when it is
first used: no model to download, no service to call.

- Each of the 169 targets is described by its Swedish text, its goal's Swedish name and title,
  its English text (for texts written in English) and curated Swedish keywords for the target
  and its goal (``data/keywords_sv.txt``), the last weighted highest because they name what
  local urban development texts talk about (buses, flooding, rents) where the UN text speaks
  of "sustainable transport systems".
- Words are lower-cased, Swedish stop words dropped and the rest stemmed with the Snowball
  Swedish stemmer ("cykelbanorna" and "cykelbana" become one term). Stems of words that only
  say what kind of official document a text is ("lagrådsremissen föreslår", "utredaren ska";
  ``data/stopwords_admin_sv.txt``) are dropped too. Swedish compounds that the description
  does not contain whole are split into a known head and modifier ("dagvattenledningar" ->
  "dagvatten" + "ledning"); a short head alone is not trusted.
- Keywords may be phrases of two words ("fast+egendom", "regional+utveckling"), matched by
  consecutive content words of the text.
- Terms are weighed by TF-IDF over the 169 descriptions; a text's score for a target is the
  cosine of the two vectors. Each term's share of that score is kept, so every suggestion can
  name the words of the text that led to it. The best target of each goal is then lifted by
  the mean score of the goal's targets, so that words about a goal as a whole (goal keywords
  such as "bygglov" for goal 11, spread thinly over its ten targets) are not outweighed by one
  stray word of a single target.
- What people accepted and rejected (``SuggestionFeedback``) adds a learned part: a term seen
  in texts where a target was accepted raises that target for later texts with the term, a
  term seen where it was rejected lowers it.

Suggesting for a text of a few hundred words takes well under a millisecond of arithmetic; the
measured times are in ``docs/benchmarks.md`` (``bench/sdg_suggest.py``).
"""

import csv
import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import snowballstemmer

DATA_DIR = Path(__file__).resolve().parent / "data"

# How much each part of a target's description counts (as if its words appeared this often).
TARGET_TEXT_WEIGHT = 1.0
GOAL_TEXT_WEIGHT = 0.5
ENGLISH_TEXT_WEIGHT = 1.0
TARGET_KEYWORD_WEIGHT = 3.0
GOAL_KEYWORD_WEIGHT = 1.5
# A part of a split compound counts less than a word found whole.
COMPOUND_PART_WEIGHT = 0.7
# The head of a compound whose modifier is unknown counts only if it is at least this long.
MIN_LONE_HEAD = 5
# How much the mean score of a target's goal adds to the target's own.
GOAL_WEIGHT = 2.0
# A curated two-word phrase found in the text counts as much as a word.
PHRASE_WEIGHT = 1.0
# The learned part: how far one term's accept/reject record can move a target's score.
LEARNED_WEIGHT = 0.15
# Below this score a target is not suggested at all.
MIN_SCORE = 0.04
# Texts longer than this are cut: a suggestion needs the gist, not a whole report.
MAX_TEXT_LENGTH = 5000

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
PHRASE_JOIN = "+"
_ENGLISH_PREFIX = "en:"


@cache
def _swedish_stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("swedish")


@cache
def _english_stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def stopwords() -> frozenset[str]:
    lines = (DATA_DIR / "stopwords_sv.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stop words and one- or two-letter words."""
    stop = stopwords()
    found = (match.lower() for match in _WORD.findall(text[:MAX_TEXT_LENGTH]))
    return [word for word in found if len(word) > 2 and word not in stop]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_swedish_stemmer().stemWord(word))


@cache
def genre_stems() -> frozenset[str]:
    """Stems of words that say what kind of official document a text is ("lagrådsremissen",
    "föreslås", "utredaren"), not what it is about (``data/stopwords_admin_sv.txt``)."""
    lines = (DATA_DIR / "stopwords_admin_sv.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(stem(line.strip()) for line in lines if line.strip() and line[0] != "#")


def stems(text: str) -> list[str]:
    """Snowball-Swedish stems of the content words of ``text``."""
    genre = genre_stems()
    return [term for term in (stem(word) for word in words(text)) if term not in genre]


def phrase_stems(text: str) -> list[str]:
    """Stems of a keyword list where "fast+egendom" is a phrase: the pairs of consecutive
    content words in it ("regional+fysisk+planering" gives "regional fysisk" and "fysisk
    planering") are terms of two stems that the text's consecutive words must match
    (see ``Suggester.terms``)."""
    found = []
    for token in text.split():
        if PHRASE_JOIN not in token:
            found.extend(stems(token))
            continue
        parts = stems(" ".join(token.split(PHRASE_JOIN)))
        found.extend(a + PHRASE_JOIN + b for a, b in itertools.pairwise(parts))
    return found


@dataclass(frozen=True)
class TargetDescription:
    code: str
    goal: int
    text_sv: str
    text_en: str
    goal_sv: str


@dataclass(frozen=True)
class Suggestion:
    """One suggested target: its code and goal, the score (0..1) and the words behind it."""

    code: str
    goal: int
    score: float
    words: tuple[str, ...]


@dataclass
class Learned:
    """Accepted and rejected (target, terms) pairs, summed per term and target."""

    weights: dict[str, dict[str, float]] = field(default_factory=dict)

    @classmethod
    def from_feedback(cls, rows: Iterable[tuple[str, bool, Iterable[str]]]) -> "Learned":
        """``rows`` are (target code, accepted, terms of the text) as ``SuggestionFeedback``
        keeps them. A term's weight for a target is (accepted - rejected) / (seen + 2): one
        vote moves it a third of the way, many agreeing votes approach 1 or -1."""
        accepted: Counter[tuple[str, str]] = Counter()
        seen: Counter[tuple[str, str]] = Counter()
        for code, was_accepted, terms in rows:
            for term in set(terms):
                seen[(term, code)] += 1
                if was_accepted:
                    accepted[(term, code)] += 1
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        for (term, code), count in seen.items():
            rejected = count - accepted[(term, code)]
            weights[term][code] = (accepted[(term, code)] - rejected) / (count + 2)
        return cls(weights=dict(weights))


class Suggester:
    """TF-IDF over the target descriptions, plus what feedback has taught it."""

    def __init__(
        self,
        *,
        targets: list[TargetDescription],
        keywords: Mapping[str, str],
    ) -> None:
        self.targets = {target.code: target for target in targets}
        self.goal_sizes = Counter(target.goal for target in targets)
        documents: dict[str, Counter[str]] = {}
        for target in targets:
            document: Counter[str] = Counter()
            self._add(document, stems(target.text_sv), TARGET_TEXT_WEIGHT)
            self._add(document, stems(target.goal_sv), GOAL_TEXT_WEIGHT)
            target_keywords = phrase_stems(keywords.get(target.code, ""))
            self._add(document, target_keywords, TARGET_KEYWORD_WEIGHT)
            goal_keywords = phrase_stems(keywords.get(str(target.goal), ""))
            self._add(document, goal_keywords, GOAL_KEYWORD_WEIGHT)
            english = [_ENGLISH_PREFIX + w for w in _english_words(target.text_en)]
            self._add(document, english, ENGLISH_TEXT_WEIGHT)
            documents[target.code] = document
        count = len(documents)
        frequency: Counter[str] = Counter()
        for document in documents.values():
            frequency.update(document.keys())
        self.idf = {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequency.items()}
        # term -> {target code: weight in the target's unit-length vector}
        self.postings: dict[str, dict[str, float]] = defaultdict(dict)
        for code, document in documents.items():
            vector = {
                term: (1 + math.log(weight)) * self.idf[term]
                if weight >= 1
                else weight * self.idf[term]
                for term, weight in document.items()
            }
            norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
            for term, value in vector.items():
                self.postings[term][code] = value / norm
        self.postings = dict(self.postings)
        self.vocabulary = frozenset(
            term for term in self.postings if ":" not in term and PHRASE_JOIN not in term
        )
        self.learned = Learned()

    @staticmethod
    def _add(document: Counter[str], terms: Iterable[str], weight: float) -> None:
        for term in terms:
            document[term] += weight  # type: ignore[assignment]

    def _split(self, term: str) -> list[str]:
        """The known parts of a compound stem, longest head first, or [] if none is known.
        A short head alone is not trusted: "sammanträd" is not about trees ("träd") when
        "samman" is no known word."""
        genre = genre_stems()
        head = ""
        for start in range(3, len(term) - 2):
            if term[start:] in self.vocabulary or term[start:] in genre:
                head = term[start:]
                break
        if not head:
            return []
        modifier = term[: len(term) - len(head)]
        # A head of the document genre ("förköpslag") leaves only the modifier ("förköp").
        parts = [] if head in genre else [head]
        for candidate in (modifier, modifier[:-1] if modifier.endswith("s") else ""):
            if len(candidate) >= 3 and stem(candidate) in self.vocabulary:
                parts.append(stem(candidate))
                break
        if parts == [head] and len(head) < MIN_LONE_HEAD:
            return []
        return parts

    def terms(self, text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
        """The text's weighted terms and, for each term and each stem of the text, the words
        of the text it came from."""
        counts: Counter[str] = Counter()
        origin: dict[str, list[str]] = defaultdict(list)
        genre = genre_stems()
        previous: tuple[str, str] | None = None
        for word in words(text):
            term = stem(word)
            if term in genre:
                previous = None
                continue
            if previous is not None:
                # Two consecutive content words may make a curated phrase ("fast egendom").
                phrase = previous[0] + PHRASE_JOIN + term
                if phrase in self.postings:
                    counts[phrase] += PHRASE_WEIGHT  # type: ignore[assignment]
                    origin[phrase] = [previous[1], word]
            previous = (term, word)
            # Every stem may carry what feedback taught, known to the descriptions or not.
            if word not in origin[term]:
                origin[term].append(word)
            found = [(term, 1.0)] if term in self.postings else []
            if not found and len(term) >= 7:
                found = [(part, COMPOUND_PART_WEIGHT) for part in self._split(term)]
            if not found and word.isascii():
                english = _ENGLISH_PREFIX + str(_english_stemmer().stemWord(word))
                if english in self.postings:
                    found = [(english, 1.0)]
            for found_term, weight in found:
                counts[found_term] += weight  # type: ignore[assignment]
                if word not in origin[found_term]:
                    origin[found_term].append(word)
        vector = {
            term: (1 + math.log(weight) if weight >= 1 else weight) * self.idf[term]
            for term, weight in counts.items()
        }
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}, dict(origin)

    def suggest(
        self, text: str, *, limit: int = 5, exclude: Iterable[str] = ()
    ) -> list[Suggestion]:
        """The targets ``text`` most likely concerns, best first, at most ``limit``."""
        vector, origin = self.terms(text)
        scores: dict[str, float] = defaultdict(float)
        shares: dict[str, dict[str, float]] = defaultdict(dict)
        for term, value in vector.items():
            for code, weight in self.postings.get(term, {}).items():
                share = value * weight
                scores[code] += share
                shares[code][term] = share
        if GOAL_WEIGHT:
            # A goal whose targets share the text's words (goal keywords, or several targets
            # each matched) is lifted through its best target: "byggnadsverk" is about goal
            # 11 as a whole. Only the best one, so one goal does not crowd out the others.
            per_goal: dict[int, float] = defaultdict(float)
            best: dict[int, str] = {}
            for code, score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
                goal = self.targets[code].goal
                per_goal[goal] += score
                best.setdefault(goal, code)
            for goal, code in best.items():
                scores[code] += GOAL_WEIGHT * per_goal[goal] / self.goal_sizes[goal]
        for term in origin:
            for code, weight in self.learned.weights.get(term, {}).items():
                share = LEARNED_WEIGHT * weight
                scores[code] += share
                shares[code][term] = shares[code].get(term, 0.0) + share
        skip = set(exclude)
        ranked = sorted(
            (code for code, score in scores.items() if score >= MIN_SCORE and code not in skip),
            key=lambda code: (-scores[code], code),
        )
        suggestions = []
        for code in ranked[:limit]:
            best_terms = sorted(
                (term for term, share in shares[code].items() if share > 0),
                key=lambda term: -shares[code][term],
            )[:4]
            behind = tuple(dict.fromkeys(w for term in best_terms for w in origin[term][:1]))
            suggestions.append(
                Suggestion(
                    code=code,
                    goal=self.targets[code].goal,
                    score=round(min(scores[code], 1.0), 3),
                    words=behind,
                )
            )
        return suggestions


def _english_words(text: str) -> list[str]:
    stemmer = _english_stemmer()
    english_stop = {"the", "and", "for", "all", "with", "including", "by", "of", "in", "to"}
    found = (m.lower() for m in _WORD.findall(text))
    return [str(stemmer.stemWord(w)) for w in found if len(w) > 2 and w not in english_stop]


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def keywords() -> dict[str, str]:
    """Curated Swedish keywords by goal number ("11") or target code ("11.2")."""
    result: dict[str, str] = {}
    for line in (DATA_DIR / "keywords_sv.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, text = line.partition(":")
        result[code.strip()] = f"{result.get(code.strip(), '')} {text.strip()}".strip()
    return result


def target_descriptions() -> list[TargetDescription]:
    """The 169 targets as the repository's data files describe them (no database needed)."""
    goals = {row["goal"]: f"{row['short_sv']} {row['title_sv']}" for row in _rows("goals_sv.csv")}
    swedish = {row["target"]: row["text_sv"] for row in _rows("targets_sv.csv")}
    return [
        TargetDescription(
            code=row["target"],
            goal=int(row["goal"]),
            text_sv=swedish[row["target"]],
            text_en=row["text_en"],
            goal_sv=goals[row["goal"]],
        )
        for row in _rows("targets_en.csv")
    ]


@cache
def base_suggester() -> Suggester:
    """The suggester built from the data files, once per process (about 50 ms)."""
    return Suggester(targets=target_descriptions(), keywords=keywords())

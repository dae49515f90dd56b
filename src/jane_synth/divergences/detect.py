"""Where sources give different figures for the same thing.

Two kinds, both read from the current documents only (a draft and its final are versions,
not sources: superseded documents are never read):

- **Between sentences.** Two highly similar sentences (cosine of their MiniLM vectors at least
  ``min_similarity``) about the same subject (a common network, programme or NoE domain;
  without one, at least ``min_similarity_unnamed``), where a figure of one has no equal figure
  of the same measure in the other while the other gives that measure a different value. The
  sentences come from different documents, or from one document that attributes them to
  different sources (different ``[S..]`` markers). A sentence that gives both figures agrees
  with each side and diverges from neither.
- **Within a sentence.** A sentence that itself gives two values for one measure and says
  they differ ("differ", "while", "whereas", "according to", "or", "vs") or cites a different
  source for each ("102 centres [S25], while ... 106 centres [S26]").

A sentence's subject is what it names, or else what the nearest sentence before it in its
passage names ("Its website lists ..."). Divergent sentences are grouped by subject and measure
into a :class:`Divergence`; each statement is a verbatim sentence at its page offsets, so it
passes the same page check as a quote. A percentage is compared between sentences only when
both are narrowed to what they count (an acronym such as ``ALL``): "41% more" and "5% of the
population" are not the same measure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..evidence.boilerplate import not_evidence_reason
from ..evidence.sentences import Sentence, split_passage
from ..records import Chunk
from .quantities import MARKER, Quantity, quantities, source_markers

# Entity labels that name what a sentence is about (not dimensions or countries).
_NETWORK_LABELS = frozenset({"ERN", "RESEARCH_INFRA", "JOINT_ACTION"})
SUBJECT_LABELS = _NETWORK_LABELS | {"PROGRAMME", "NOE_DOMAIN"}
_GENERIC = frozenset({"erns"})  # "the ERNs": a subject only when nothing more specific is named
_LOOK_BACK = 3  # sentences naming something, read back for a sentence that names nothing
MAX_STATEMENTS = 6
# Words by which a sentence says its figures disagree ("while" and "or" also join figures of
# different things, so they do not count).
_DIFFER = re.compile(
    r"\b(?:differ\w*|different(?:ly)?|conflicting|depending on the source|some sources|"
    r"according to (?:some|others))\b",
    re.I,
)
MAX_RATIO = 3.0  # two reports of one figure are within this factor of each other


@dataclass(frozen=True)
class FigureSentence:
    """A sentence of the corpus holding at least one figure, and what it is about."""

    sentence: Sentence
    figures: tuple[Quantity, ...]
    subject: tuple[str, str] | None  # (label, slug): named before its first figure, or earlier
    figure_subjects: tuple[tuple[str, str] | None, ...]  # per figure: the nearest named before

    @property
    def doc_id(self) -> str:
        return self.sentence.chunk.doc_id

    @property
    def markers(self) -> frozenset[str]:
        return source_markers(self.sentence.text)


@dataclass(frozen=True)
class DivergentStatement:
    """One side of a divergence: a verbatim sentence and the figures it gives.

    ``start``/``end`` are offsets into the page text of ``doc_id``'s page ``page``."""

    text: str
    doc_id: str
    page: int
    chunk_id: str
    start: int
    end: int
    value: str  # the figures as written: "106 centres", or "102 centres; 106 centres"
    title: str = ""
    publisher: str = ""
    year: int | None = None
    path: str = ""  # the document's file, relative to the corpus folder


@dataclass(frozen=True)
class Divergence:
    """Different figures for one measure of one subject (see the module's docstring)."""

    divergence_id: str
    topic: str  # "ERN EURACAN: centre", "Adolescents and young adults (AYA): % (ALL, AYA)"
    statements: tuple[DivergentStatement, ...]
    noe_domains: frozenset[str]  # NoE slugs its documents (main subject) or sentences name

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.doc_id for s in self.statements))


def _named(chunk: Chunk) -> list[tuple[int, tuple[str, str]]]:
    """(offset, (label, slug)) of the subject entities of a chunk, in order."""
    return sorted((e.start, (e.label, e.slug)) for e in chunk.entities if e.label in SUBJECT_LABELS)


def _rank(tag: tuple[str, str]) -> int:
    if tag[0] in _NETWORK_LABELS and tag[1] not in _GENERIC:
        return 0
    return 1 if tag[0] != "NOE_DOMAIN" else 2


def _specific(tags: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The most specific of ``tags``: the last network named (a named network before "the
    ERNs"), else a programme or the ERNs as a whole, else a NoE domain."""
    if not tags:
        return None
    best = min(map(_rank, tags))
    return [t for t in tags if _rank(t) == best][-1]


def _is_list_or_table(text: str) -> bool:
    """A table's cells or a list's items run together by the sentencizer, not a sentence."""
    lines = [line for line in text.splitlines() if line.strip()]
    items = sum(line.lstrip().startswith(("-", "•", "*", "|")) for line in lines)
    short = sum(len(line) < 40 for line in lines)
    return "•" in text or "|" in text or items >= 2 or (len(lines) >= 4 and short * 2 >= len(lines))


def figure_sentences(
    chunks: Iterable[Chunk], split: Callable[[Chunk], list[Sentence]] = split_passage
) -> list[FigureSentence]:
    """The sentences of ``chunks`` with figures, never tables, lists or lines that are not
    evidence (references, captions, contents, addresses). ``split`` gives a chunk's sentences
    (the evidence selector's, which it has already split, by default the sentencizer's)."""
    out = []
    # per document, what the last sentences naming anything named (chunks come in page order)
    previous: dict[str, list[list[tuple[str, str]]]] = {}
    for chunk in chunks:
        named = _named(chunk)
        for s in split(chunk):
            inside = [(at - s.start, tag) for at, tag in named if s.start <= at < s.end]
            figures = () if _is_list_or_table(s.text) else tuple(quantities(s.text))
            back = previous.setdefault(chunk.doc_id, [])
            if figures and not_evidence_reason(s.text) is None:
                earlier = [tag for tags in back for tag in tags]
                out.append(_figure_sentence(s, figures, inside, earlier))
            if inside:
                back[:] = [*back[1 - _LOOK_BACK :], [tag for _, tag in inside]]
    return out


def _figure_sentence(
    s: Sentence,
    figures: tuple[Quantity, ...],
    inside: list[tuple[int, tuple[str, str]]],
    previous: list[tuple[str, str]],
) -> FigureSentence:
    """The figures of ``s`` with their subjects: per figure, the most specific subject named
    before it in the sentence; for the sentence, the first figure's, else what the sentence
    names, else what the last few sentences of its document naming anything named ("Its
    website lists ...")."""
    per_figure = tuple(_specific([tag for at, tag in inside if at < q.start]) for q in figures)
    subject = per_figure[0] or _specific([tag for _, tag in inside]) or _specific(previous)
    return FigureSentence(s, figures, subject, per_figure)


def _same(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0)


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Same measure, in two different sentences (a bare percentage is not a measure), and
    values of one order of magnitude (EUR 77 million of grants is not a EUR 5.3 billion budget)."""
    if a.unit == "%" and not (a.qualifiers and b.qualifiers):
        return False
    low, high = sorted((abs(a.value), abs(b.value)))
    return (
        a.measures_the_same_as(b) and a.in_same_context(b) and high <= MAX_RATIO * max(low, 1e-12)
    )


def diverging(a: Sequence[Quantity], b: Sequence[Quantity]) -> tuple[Quantity, Quantity] | None:
    """A figure of ``a`` and one of ``b`` for the same measure with different values, where
    neither sentence also gives the other's value."""
    for qa in a:
        for qb in b:
            if not _comparable(qa, qb) or _same(qa.value, qb.value):
                continue
            a_has_b = any(x.measures_the_same_as(qb) and _same(x.value, qb.value) for x in a)
            b_has_a = any(x.measures_the_same_as(qa) and _same(x.value, qa.value) for x in b)
            if not (a_has_b or b_has_a):
                return qa, qb
    return None


def _marker_after(fs: FigureSentence, i: int) -> str | None:
    """The source marker cited right after figure ``i``, before the next figure."""
    text, figures = fs.sentence.text, fs.figures
    later = [q.start for q in figures[i + 1 :] if q.unit == figures[i].unit]
    stop = later[0] if later else len(text)
    found = MARKER.search(text, figures[i].end, stop)
    return found.group() if found else None


def self_diverging(fs: FigureSentence) -> list[Quantity]:
    """The values of one measure of one subject in one sentence that says they differ, or
    that cites a different source right after each (a percentage narrowed to what it counts);
    empty when the sentence has no such pair."""
    says_so = _DIFFER.search(fs.sentence.text) is not None
    figures = fs.figures
    for i, qa in enumerate(figures):
        for j in range(i + 1, len(figures)):
            qb = figures[j]
            if not _one_measure(fs, i, j) or _same(qa.value, qb.value):
                continue
            cited = {_marker_after(fs, i), _marker_after(fs, j)}
            attributed = None not in cited and len(cited) == 2
            narrowed = qa.unit != "%" or bool(qa.qualifiers or qb.qualifiers)
            if says_so or (attributed and narrowed):
                return [q for k, q in enumerate(figures) if k == i or _one_measure(fs, i, k)]
    return []


def _one_measure(fs: FigureSentence, i: int, j: int) -> bool:
    """Whether figures ``i`` and ``j`` of one sentence measure the same thing of one subject
    ("JANE: EUR 4M [S2]; CraNE: about EUR 3.7M [S46]" do not)."""
    qa, qb = fs.figures[i], fs.figures[j]
    if qa.unit != qb.unit or fs.figure_subjects[i] != fs.figure_subjects[j]:
        return False
    return not (qa.qualifiers and qb.qualifiers) or bool(qa.qualifiers & qb.qualifiers)


@dataclass
class DivergenceFinder:
    """Finds divergences among figure sentences (see the module's docstring)."""

    min_similarity: float = 0.72
    min_similarity_unnamed: float = 0.82
    max_statements: int = MAX_STATEMENTS
    versions: Callable[[str, str], bool] = lambda a, b: False
    """Whether two different documents are versions of one (a draft and its final)."""

    def _related(self, a: FigureSentence, b: FigureSentence, cosine: float) -> bool:
        if cosine < self.min_similarity or self.versions(a.doc_id, b.doc_id):
            return False
        if a.doc_id == b.doc_id and not (
            a.markers and b.markers and a.markers.isdisjoint(b.markers)
        ):
            return False  # one document, one source
        if a.subject and b.subject:
            return a.subject == b.subject
        return cosine >= self.min_similarity_unnamed

    def pairs(
        self, sentences: Sequence[FigureSentence], vectors: np.ndarray
    ) -> list[tuple[int, int, Quantity, Quantity]]:
        """Every divergent pair of different sentences: indices and the two figures."""
        if not sentences:
            return []
        sims = vectors @ vectors.T
        found = []
        rows, cols = np.nonzero(np.triu(sims >= self.min_similarity, k=1))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            a, b = sentences[i], sentences[j]
            if self._related(a, b, float(sims[i, j])):
                pair = diverging(a.figures, b.figures)
                if pair is not None:
                    found.append((i, j, *pair))
        return found

    def find(
        self,
        sentences: Sequence[FigureSentence],
        vectors: np.ndarray,
        names: Callable[[tuple[str, str]], str],
        noes_of: Callable[[FigureSentence], frozenset[str]],
    ) -> list[Divergence]:
        """Divergences grouped by subject and measure, in a deterministic order.

        ``names`` gives an entity's display name; ``noes_of`` the NoE slugs a sentence bears on.
        """
        groups: dict[tuple[tuple[str, str] | None, str], dict[int, list[Quantity]]] = {}

        def add(subject: tuple[str, str] | None, members: dict[int, list[Quantity]]) -> None:
            unit = next(iter(members.values()))[0].unit
            group = groups.setdefault((subject, unit), {})
            for i, qs in members.items():
                kept = group.setdefault(i, [])
                kept.extend(q for q in qs if q not in kept)

        for i, j, qa, qb in self.pairs(sentences, vectors):
            add(sentences[i].subject or sentences[j].subject, {i: [qa], j: [qb]})
        for i, fs in enumerate(sentences):
            values = self_diverging(fs)
            if values:
                add(fs.figure_subjects[fs.figures.index(values[0])] or fs.subject, {i: values})
        found = [
            self._divergence(names(subject) if subject else "", unit, members, sentences, noes_of)
            for (subject, unit), members in groups.items()
        ]
        return sorted(found, key=lambda d: (d.topic, d.divergence_id))

    def _divergence(
        self,
        subject: str,
        unit: str,
        members: dict[int, list[Quantity]],
        sentences: Sequence[FigureSentence],
        noes_of: Callable[[FigureSentence], frozenset[str]],
    ) -> Divergence:
        qualifiers = sorted(set().union(*(q.qualifiers for qs in members.values() for q in qs)))
        measure = f"{unit} ({', '.join(qualifiers)})" if qualifiers else unit
        topic = f"{subject}: {measure}" if subject else measure
        statements = sorted(
            (self._statement(sentences[i], qs) for i, qs in members.items()),
            key=lambda s: (s.doc_id, s.page, s.start),
        )[: self.max_statements]
        digest = hashlib.sha256(
            "\x1f".join([topic, *(f"{s.chunk_id}:{s.start}" for s in statements)]).encode()
        ).hexdigest()[:12]
        noes = frozenset[str]().union(*(noes_of(sentences[i]) for i in members))
        return Divergence(digest, topic, tuple(statements), noes)

    @staticmethod
    def _statement(fs: FigureSentence, figures: list[Quantity]) -> DivergentStatement:
        s = fs.sentence
        ordered = sorted(figures, key=lambda q: q.start)
        return DivergentStatement(
            text=s.text,
            doc_id=s.chunk.doc_id,
            page=s.chunk.page,
            chunk_id=s.chunk.chunk_id,
            start=s.chunk.start + s.start,
            end=s.chunk.start + s.end,
            value="; ".join(dict.fromkeys(q.text for q in ordered)),
        )

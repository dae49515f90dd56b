"""Key points: a brief's strongest findings, quoted first. No generated text.

A quote's strength is, in order: the grade of its strand (strong, moderate, thin, none), the
independent documents that say the same thing, the distinct publishers among them, and the
evidence model's probability; ties keep the brief's order. At most one key point per design
dimension, at most :data:`MAX_KEY_POINTS`; a quote whose strand is graded ``none`` (nothing
there reaches the evidence threshold) is never a key point. A brief built without grades has
none.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evidence.strength import Grade
from .model import Brief, BriefSection, Evidence

MAX_KEY_POINTS = 5
_RANK = {Grade.STRONG: 3, Grade.MODERATE: 2, Grade.THIN: 1, Grade.NONE: 0}


@dataclass(frozen=True)
class KeyPoint:
    """One of the brief's strongest quotes, with the section it answers."""

    section: BriefSection
    evidence: Evidence
    grade: Grade  # of the quote's strand


def _strand_grade(section: BriefSection, ev: Evidence) -> Grade | None:
    cell = section.grade_of("about_noe" if ev.noe_specific else "lessons")
    return None if cell is None else cell.grade


def key_points(brief: Brief, limit: int = MAX_KEY_POINTS) -> list[KeyPoint]:
    """The strongest quotes of ``brief``, strongest first, one per dimension at most."""
    ranked: list[tuple[tuple[float, ...], int, KeyPoint]] = []
    for section in brief.sections:
        for ev in section.evidence:
            grade = _strand_grade(section, ev)
            if grade in (None, Grade.NONE) or ev.support is None:
                continue
            assert grade is not None
            s = ev.support
            key = (-_RANK[grade], -s.documents, -s.publishers, -ev.probability)
            ranked.append((key, len(ranked), KeyPoint(section, ev, grade)))
    chosen: list[KeyPoint] = []
    for _, _, point in sorted(ranked, key=lambda item: (item[0], item[1])):
        if len(chosen) == limit:
            break
        if all(c.section.dimension.slug != point.section.dimension.slug for c in chosen):
            chosen.append(point)
    return chosen

"""Links from findings to EU cancer policy: Beating Cancer Plan flagships and Cancer Mission
recommendations (the taxonomy's ``policies``).

A finding bears on a policy when its sentence uses one of the policy's phrases or names a
taxonomy entity the policy lists under ``via`` (CraNE and EUnetCCC for flagship 5). Phrases match
whole words; phrases of several words match in any case, short names and single words with
capitals inside ("ECPDC", "CCCs") only as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .taxonomy import Taxonomy, Term


def _pattern(term: str) -> str:
    escaped = re.escape(term)
    one_word = " " not in term
    sensitive = len(term) <= 5 or (one_word and any(c.isupper() for c in term[1:]))
    return escaped if sensitive else f"(?i:{escaped})"


@dataclass(frozen=True)
class PolicyTagger:
    """Tags a sentence with the slugs of the policies it bears on, in taxonomy order."""

    policies: tuple[Term, ...]
    _compiled: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> PolicyTagger:
        """A tagger for the taxonomy's policies."""
        return cls(taxonomy.policies)

    def __post_init__(self) -> None:
        compiled = {
            p.slug: re.compile(r"(?<!\w)(?:" + "|".join(map(_pattern, p.terms)) + r")(?!\w)")
            for p in self.policies
            if p.terms
        }
        object.__setattr__(self, "_compiled", compiled)

    def tags(self, text: str, entity_slugs: Iterable[str] = ()) -> tuple[str, ...]:
        """The policies ``text`` bears on, given the slugs of the entities inside it."""
        named = set(entity_slugs)
        compiled: dict[str, re.Pattern[str]] = self._compiled
        return tuple(
            p.slug
            for p in self.policies
            if named & set(p.via) or (p.slug in compiled and compiled[p.slug].search(text))
        )

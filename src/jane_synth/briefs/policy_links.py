"""Links to policy: each statement of a brief tagged with the Beating Cancer Plan flagships and
Cancer Mission recommendations it bears on (:mod:`jane_synth.policy`), from its own words and the
taxonomy entities inside it."""

from __future__ import annotations

from dataclasses import replace

from ..policy import PolicyTagger
from ..search import Searcher
from ..taxonomy import Taxonomy
from .model import Brief, BriefSection, Evidence


def _entity_slugs(searcher: Searcher, ev: Evidence) -> list[str]:
    chunk = searcher.chunk(ev.chunk_id)
    if chunk is None:
        return []
    return [
        e.slug
        for e in chunk.entities
        if chunk.start + e.start >= ev.start and chunk.start + e.end <= ev.end
    ]


def with_policy_links(briefs: list[Brief], searcher: Searcher, taxonomy: Taxonomy) -> list[Brief]:
    """The briefs with every statement's policy tags and the taxonomy's policies to name them."""
    tagger = PolicyTagger.from_taxonomy(taxonomy)

    def tagged(section: BriefSection) -> BriefSection:
        evidence = tuple(
            replace(ev, policies=tagger.tags(ev.quote, _entity_slugs(searcher, ev)))
            for ev in section.evidence
        )
        return replace(section, evidence=evidence)

    return [
        replace(b, sections=tuple(map(tagged, b.sections)), policies=taxonomy.policies)
        for b in briefs
    ]

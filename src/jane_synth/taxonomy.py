"""The controlled vocabulary: NoE domains, design dimensions, networks, programmes, countries,
and the EU cancer policy (Beating Cancer Plan flagships, Cancer Mission recommendations) that
findings are linked to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Term:
    """A taxonomy entry: a slug, a display name, an entity label and the phrases that name it."""

    slug: str
    name: str
    label: str
    terms: tuple[str, ...]
    description: str = ""
    answers: tuple[str, ...] = ()
    """For a design dimension: statements an answer to its question would make, in the claim
    form the evidence model was trained on (its question split into its parts)."""
    via: tuple[str, ...] = ()
    """For a policy: slugs of other entries whose mention links a finding to it."""


@dataclass(frozen=True)
class Taxonomy:
    noe_domains: tuple[Term, ...]
    dimensions: tuple[Term, ...]
    networks: tuple[Term, ...]
    programmes: tuple[Term, ...]
    countries: tuple[Term, ...]
    policies: tuple[Term, ...] = ()
    """Policy a finding can bear on (``jane_synth.policy``); not entities of the pipeline."""

    def all_terms(self) -> tuple[Term, ...]:
        return self.noe_domains + self.dimensions + self.networks + self.programmes + self.countries

    def slugs(self, kind: str) -> set[str]:
        return {t.slug for t in getattr(self, kind)}

    def by_slug(self, slug: str) -> Term:
        for term in self.all_terms():
            if term.slug == slug:
                return term
        raise KeyError(slug)


NETWORK_LABELS = {
    "ern": "ERN",
    "research_infrastructure": "RESEARCH_INFRA",
    "joint_action": "JOINT_ACTION",
}


def _slugify(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def parse_taxonomy(data: dict[str, Any]) -> Taxonomy:
    """Build a :class:`Taxonomy` from the YAML structure of ``data/taxonomy.yaml``."""

    def terms(
        entries: list[dict[str, Any]], label: str, text_key: str = "description"
    ) -> tuple[Term, ...]:
        return tuple(
            Term(
                slug=e["slug"],
                name=e["name"],
                label=label,
                terms=tuple(e.get("terms", [])) or (e["name"],),
                description=e.get(text_key, "") or "",
                answers=tuple(e.get("answers", [])),
                via=tuple(e.get("via", [])),
            )
            for e in entries
        )

    networks: list[Term] = []
    for kind, entries in data["networks"].items():
        networks.extend(terms(entries, NETWORK_LABELS[kind]))
    countries = tuple(
        Term(slug=_slugify(c), name=c, label="COUNTRY", terms=(c,)) for c in data["countries"]
    )
    return Taxonomy(
        noe_domains=terms(data["noe_domains"], "NOE_DOMAIN"),
        dimensions=terms(data["dimensions"], "DIMENSION", text_key="question"),
        networks=tuple(networks),
        programmes=terms(data["programmes"], "PROGRAMME"),
        countries=countries,
        policies=terms(data.get("policies", []), "POLICY"),
    )


@cache
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Load the bundled taxonomy, or the YAML file at ``path``."""
    if path is None:
        text = resources.files("jane_synth").joinpath("data/taxonomy.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    # libyaml's safe loader when PyYAML has it: the same data, about ten times faster (the
    # pure-Python loader took a quarter of a second of every run that chunks a document).
    return parse_taxonomy(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))

"""Checks of a document's metadata against the field list, the taxonomy and the document types."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jane_synth.records import DOC_TYPES
from jane_synth.taxonomy import load_taxonomy

REQUIRED_FIELDS = (
    "title",
    "publisher",
    "year",
    "doc_type",
    "language",
    "networks",
    "noe_domains",
    "dimensions",
    "sources",
)
OPTIONAL_FIELDS = ("main_noe_domain", "version")
LIST_FIELDS = ("networks", "noe_domains", "dimensions", "sources")
SLUG_FIELDS = ("networks", "noe_domains", "dimensions")
VERSIONS = ("draft", "final")
YEAR_RANGE = (2013, 2026)
SOURCE_KEY_RE = re.compile(r"^S\d+[a-z]?$")
LANGUAGE_RE = re.compile(r"^[a-z]{2}$")

Meta = dict[str, Any]
Slugs = dict[str, set[str]]


def taxonomy_slugs() -> Slugs:
    """The slugs a metadata field may use: NoE domains, dimensions, networks and programmes."""
    taxonomy = load_taxonomy()
    return {
        "noe_domains": taxonomy.slugs("noe_domains"),
        "dimensions": taxonomy.slugs("dimensions"),
        "networks": taxonomy.slugs("networks") | taxonomy.slugs("programmes"),
    }


def _fields(meta: Meta, taxonomy: Slugs) -> list[str]:
    problems = [f"missing field {key!r}" for key in REQUIRED_FIELDS if meta.get(key) is None]
    unknown = set(meta) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
    if unknown:
        problems.append(f"unknown fields {sorted(unknown)}")
    for key in ("title", "publisher"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(f"{key} must be a non-empty string")
    return problems


def _year(meta: Meta, taxonomy: Slugs) -> list[str]:
    year = meta.get("year")
    if "year" not in meta or (
        isinstance(year, int)
        and not isinstance(year, bool)
        and YEAR_RANGE[0] <= year <= YEAR_RANGE[1]
    ):
        return []
    return [f"year {year!r} is not an integer in {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"]


def _type_and_language(meta: Meta, taxonomy: Slugs) -> list[str]:
    problems = []
    if "doc_type" in meta and meta["doc_type"] not in DOC_TYPES:
        problems.append(f"doc_type {meta['doc_type']!r} not in {DOC_TYPES}")
    lang = meta.get("language")
    if "language" in meta and not (isinstance(lang, str) and LANGUAGE_RE.match(lang)):
        problems.append(f"language {lang!r} is not an ISO 639-1 code")
    return problems


def _lists(meta: Meta, taxonomy: Slugs) -> list[str]:
    problems = [f"{k} must be a list" for k in LIST_FIELDS if k in meta and not _is_list(meta[k])]
    for key in SLUG_FIELDS:
        values = meta.get(key)
        if not isinstance(values, list):
            continue
        bad = [v for v in values if v not in taxonomy[key]]
        if bad:
            problems.append(f"{key}: unknown slugs {bad}")
        if len(set(map(str, values))) != len(values):
            problems.append(f"{key}: duplicate slugs")
    return problems


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _sources(meta: Meta, taxonomy: Slugs) -> list[str]:
    sources = meta.get("sources")
    if not isinstance(sources, list):
        return []
    problems = [] if sources else ["sources is empty"]
    bad = [s for s in sources if not (isinstance(s, str) and SOURCE_KEY_RE.match(s))]
    if bad:
        problems.append(f"sources: malformed keys {bad}")
    return problems


def _main_domain_and_version(meta: Meta, taxonomy: Slugs) -> list[str]:
    problems = []
    main = meta.get("main_noe_domain")
    if main is not None and main not in taxonomy["noe_domains"]:
        problems.append(f"main_noe_domain {main!r} is not a NoE slug")
    elif main is not None and _is_list(meta.get("noe_domains")) and main not in meta["noe_domains"]:
        problems.append(f"main_noe_domain {main!r} is not listed in noe_domains")
    if meta.get("version") is not None and meta["version"] not in VERSIONS:
        problems.append(f"version {meta['version']!r} not in {VERSIONS}")
    return problems


_CHECKS: tuple[Callable[[Meta, Slugs], list[str]], ...] = (
    _fields,
    _year,
    _type_and_language,
    _lists,
    _sources,
    _main_domain_and_version,
)


def metadata_problems(meta: Meta, taxonomy: Slugs) -> list[str]:
    """Everything wrong with one document's metadata (empty list when valid)."""
    return [problem for check in _CHECKS for problem in check(meta, taxonomy)]

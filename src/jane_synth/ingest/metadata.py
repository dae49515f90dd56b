"""Document metadata from YAML front matter or a ``<file>.meta.yaml`` sidecar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..records import DOC_TYPES, DocumentMeta
from .errors import IngestError

SIDECAR_SUFFIX = ".meta.yaml"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split ``text`` into (front matter dict, body, offset of the body in ``text``)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, 0
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise IngestError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise IngestError("front matter is not a mapping of fields")
    return data, text[m.end() :], m.end()


def read_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar metadata of ``path``, or an empty dict when there is none."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = yaml.safe_load(side.read_text("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise IngestError(f"sidecar {side.name} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise IngestError(f"sidecar {side.name} is not a mapping of fields")
    return data


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v) for v in value)


def _as_year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    m = _YEAR.search(str(value))
    return int(m.group(1)) if m else None


_PLACEHOLDER_AUTHORS = frozenset(
    {"user", "admin", "administrator", "author", "unknown", "owner", "microsoft office user"}
)
_LETTERS = "a-z'\u00c0-\u017f"
_NAME_PART = re.compile(
    rf"^(?:[A-Z][{_LETTERS}]+(?:-?[A-Z][{_LETTERS}]+)*|[A-Z]\.(?:-?[A-Z]\.)*"
    r"|van|von|de|der|den|da|di|du|la|le)$"
)
_USER_NAME = re.compile(r"^[a-z0-9._-]+$")  # "gabriele.anton", "jsmith"


_ORGANISATION_WORDS = frozenset(
    [
        "commission",
        "organization",
        "organisation",
        "agency",
        "institute",
        "institut",
        "university",
        "office",
        "ministry",
        "council",
        "network",
        "centre",
        "center",
        "foundation",
        "association",
        "society",
        "committee",
        "board",
        "group",
        "department",
        "unit",
        "programme",
        "program",
        "project",
        "consortium",
        "alliance",
        "hospital",
        "service",
        "services",
        "health",
        "europe",
        "european",
        "national",
        "federal",
        "team",
        "task",
        "force",
        "secretariat",
        "authority",
        "partnership",
        "initiative",
        "academy",
        "college",
        "school",
        "laboratory",
        "lab",
        "trust",
        "fund",
        "union",
        "parliament",
        "bank",
        "press",
        "publishing",
        "publications",
    ]
)


def _is_personal_name(name: str) -> bool:
    """Whether ``name`` is a person's ("Martijn Kersloot", "J.-Y. Blay", "Ana de la Cruz"): two
    to five name-like words, no acronym, no digit, no word of an organisation's name
    ("Commission", "Institute")."""
    words = name.split()
    return (
        2 <= len(words) <= 5
        and all(_NAME_PART.match(w) for w in words)
        and not any(w.casefold() in _ORGANISATION_WORDS for w in words)
    )


def publisher_from_author(author: str) -> str:
    """A file's author field as a publisher: kept when it names an organisation, dropped when
    it is a person (or people) or a placeholder such as "Microsoft Office User"."""
    text = " ".join(author.split())
    if text.casefold() in _PLACEHOLDER_AUTHORS or _USER_NAME.match(text):
        return ""
    surname_first = re.fullmatch(r"([A-Z][\w'-]+), ([A-Z][\w.'-]+)", text)
    if surname_first and _is_personal_name(f"{surname_first[2]} {surname_first[1]}"):
        return ""  # "Smith, John"
    people = [p.strip() for p in re.split(r"[;,]| and | & ", text) if p.strip()]
    if people and all(_is_personal_name(p) for p in people):
        return ""
    return text


def title_from_path(path: Path) -> str:
    stem = path.name.split(".")[0]
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or path.name


def build_meta(
    declared: dict[str, Any],
    *,
    path: Path,
    inferred_title: str = "",
    inferred_year: int | None = None,
    inferred_publisher: str = "",
    default_doc_type: str = "report",
) -> tuple[DocumentMeta, list[str]]:
    """Merge declared metadata over inferred values; return the metadata and warnings."""
    warnings: list[str] = []
    doc_type = str(declared.get("doc_type") or default_doc_type)
    if doc_type not in DOC_TYPES:
        warnings.append(f"unknown doc_type {doc_type!r}; using 'report'")
        doc_type = "report"
    title = str(declared.get("title") or inferred_title or title_from_path(path)).strip()
    main = declared.get("main_noe_domain")
    meta = DocumentMeta(
        title=title,
        publisher=str(declared.get("publisher") or inferred_publisher or "").strip(),
        year=_as_year(declared.get("year")) or inferred_year,
        doc_type=doc_type,
        language=str(declared.get("language") or "").strip().lower(),
        networks=_as_tuple(declared.get("networks")),
        noe_domains=_as_tuple(declared.get("noe_domains")),
        main_noe_domain=str(main) if main else None,
        dimensions=_as_tuple(declared.get("dimensions")),
        sources=_as_tuple(declared.get("sources")),
        version=str(declared["version"]) if declared.get("version") else None,
    )
    return meta, warnings


def year_from_text(*texts: str) -> int | None:
    for text in texts:
        if text and (m := _YEAR.search(text)):
            return int(m.group(1))
    return None

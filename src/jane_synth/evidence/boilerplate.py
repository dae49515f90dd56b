"""Sentences that are never evidence, whatever they say: a rule set with named rules.

A brief quotes statements of fact or experience. Reference-list entries, web addresses,
copyright and disclaimer boilerplate, tables of contents, captions, running headers, postal
addresses, contact lines, instructions to the reader and ISBN lines can look relevant to a
question (they share its words) but never answer it. :func:`not_evidence_reason` names the
first rule a sentence breaks, or returns ``None``.

The rules look at one sentence (or line block) at a time and are written to let ordinary
statements through: a sentence that merely *contains* a web address or cites "Smith et al."
is still a statement; one that is mostly an address, or is shaped like a reference entry,
is not.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_I = re.IGNORECASE

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", _I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Rule:
    """A named reason why a sentence is never evidence."""

    name: str
    test: Callable[[str], bool]


def _pattern(*patterns: str, flags: int = _I) -> Callable[[str], bool]:
    compiled = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    return lambda text: compiled.search(text) is not None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# -- references and citations ---------------------------------------------------------------

_AUTHOR_START = re.compile(
    r"^(?:\[\d+\]\s*|\d{1,3}\.\s+)?"  # a numbered entry
    r"(?:[A-Z][\w'\u00c0-\u024f-]+,?\s+(?:[A-Z]\.?\s?-?){1,3}[,.;&]"  # Smith, J. / Smith JA,
    r"|[A-Z][\w'\u00c0-\u024f-]+,\s+[A-Z][a-z]+(?:\s[A-Z]\.)?,?\s(?:and|&)\s)"  # Smith, John and
)
_REFERENCE_MARKS = (
    re.compile(r"\bet\s+al\b\.?", _I),
    # "(2020)." ends an author list; "(2020) showed" is a statement citing a study.
    re.compile(r"\((?:19|20)\d\d[a-z]?\)\s*[.,:]|\b(?:19|20)\d\d[a-z]?[;:]\s*\d"),
    re.compile(r"\b\d+\s*\(\d+(?:[-\u2013]\d+)?\)\s*[:,]\s*\w?\d+"),  # 12(3): 45 / 12(3), e45
    re.compile(r"\bpp?\.\s*\d+(?:\s*[-\u2013]\s*\d+)?", _I),  # pp. 45-67
    re.compile(r"\b(?:vol|no)\.\s*\d+", _I),
    re.compile(r"\bIn:\s|\(eds?\.?\)|\beds?\.\s", _I),
    re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s+[A-Z][\w ]+[,(]"),  # New York: United Nations (
    re.compile(r"\b(?:J|Journal|Lancet|Nature|BMJ|PLoS|Eur|Int|Ann|Proc|Rev)\b[\w .&]*,?\s+\d"),
)
_DOI = re.compile(r"\bdoi\s*:\s*10\.|\bdoi\.org/|\b10\.\d{4,9}/\S+", _I)
_ET_AL_SOURCE = re.compile(r"^[\w\u00c0-\u024f-]+ et al\.?,", _I)  # "Brack et al., PLoS ..."


def _is_reference(text: str) -> bool:
    if _DOI.search(text) or _ET_AL_SOURCE.match(text):
        return True
    marks = sum(1 for pattern in _REFERENCE_MARKS if pattern.search(text))
    return marks >= 2 or (marks >= 1 and _AUTHOR_START.match(text) is not None)


# -- web addresses ----------------------------------------------------------------------------

_ACCESSED = re.compile(
    r"\b(?:accessed|last accessed|retrieved|consulted|viewed)(?:\s+on)?\s*:?\s*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}|\d{4}-\d\d|\d{1,2}[./]\d)"
    r"|\bretrieved from\b|\bavailable (?:at|from|online)\s*:?\s*(?:https?://|www\.)"
    r"|^(?:source|based on|see|link|url|website|web|online)\s*:\s*(?:https?://|www\.)",
    _I,
)


def _is_web_address(text: str) -> bool:
    if _ACCESSED.search(text):
        return True
    urls = _URL.findall(text)
    if not urls:
        return False
    # Mostly an address: little prose once the addresses are gone.
    rest = _URL.sub(" ", text)
    return _words(rest) < 6 or sum(len(u) for u in urls) > 0.5 * len(text.strip())


# -- tables of contents -----------------------------------------------------------------------

_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}\b|(?:\u2026\s?){2,}\s*\d{1,3}\b")
_TOC_HEAD = re.compile(r"^\s*(?:table of contents|contents|sommaire|inhalt)\s*(?:$|\n|\d)", _I)
_TOC_LINE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?]{2,80}?\s+\d{1,3}\s*$")
_TABLE_ROW = re.compile(r"^\s*[^\d.!?]{2,60}?(?:\s+[\d.,%]+){2,}\s*$")


def _is_table_of_contents(text: str) -> bool:
    if _DOT_LEADER.search(text) or _TOC_HEAD.match(text):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    # Entries ending in page numbers, or rows of a data table: either way, not a statement.
    numbered = sum(1 for line in lines if _TOC_LINE.match(line) or _TABLE_ROW.match(line))
    return numbered >= 2 and numbered >= 0.5 * len(lines)


# -- postal addresses -------------------------------------------------------------------------

_STREET = re.compile(
    r"\b(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd|Lane|Square|Rue|Via|Viale|"
    r"Strasse|Stra\u00dfe|Straat|Weg|Laan|Calle|Plaza|Piazza|Campus|Building|Floor)\b"
    r"|\w(?:strasse|stra\u00dfe|straat|weg|laan|gasse|vej|gatan)\s+\d",
)
_POSTCODE = re.compile(
    r"\b[A-Z]{1,2}-\d{4,5}\b"  # B-1049, L-2920
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # CB10 1SD
    r"|\b\d{4,5}\s+[A-Z][a-z]+(?:\s*,\s*[A-Z][a-z]+)?\s*$"  # ... 20133 Milan
    r"|\bP\.?\s?O\.?\s?Box\b|\bCEDEX\b",
)


def _is_postal_address(text: str) -> bool:
    if _words(text) > 25:
        return False
    street = _STREET.search(text) is not None and re.search(r"\d", text) is not None
    return _POSTCODE.search(text) is not None or (street and text.count(",") >= 2)


# -- contact lines ----------------------------------------------------------------------------

_PHONE = re.compile(
    r"(?:\b(?:tel|phone|telephone|fax|mobile)\b\.?\s*:?\s*)?(?:\+|\b00)\d{1,3}[\s\d()./-]{7,}\d"
    r"|\b(?:tel|phone|telephone|fax)\b\.?\s*:\s*\(?\d",
    _I,
)


def _is_contact(text: str) -> bool:
    return _EMAIL.search(text) is not None or _PHONE.search(text) is not None


RULES: tuple[Rule, ...] = (
    Rule("reference entry or citation", _is_reference),
    Rule(
        "ISBN or ISSN line",
        _pattern(r"\bIS[BS]N(?:-1[03])?\b\s*:?\s*[\dX-]", r"\bcatalogue number\b"),
    ),
    Rule("web address or access date", _is_web_address),
    Rule("e-mail or phone line", _is_contact),
    Rule(
        "copyright or licence notice",
        _pattern(
            r"\u00a9|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|\ball rights reserved\b",
            r"\b(?:is|are) (?:licensed|made available|published|distributed) under\b",
            r"\breproduction is authori[sz]ed\b|\bprovided the source is acknowledged\b",
            r"\bcreative commons attribution\b|\bCC BY(?:-[A-Z]{2})*\s*\d\.\d\b",
        ),
    ),
    Rule(
        "disclaimer or funding acknowledgement",
        _pattern(
            r"\bdoes not imply that (?:they|it) (?:are|is) endorsed\b",
            r"\bthe mention of specific companies\b|\bthe designations employed\b",
            r"\b(?:do|does) not necessarily (?:reflect|represent|state)\b",
            r"\b(?:views|opinions) expressed (?:here|herein|in this)",
            r"\bcannot be held responsible\b|\bfor any use (?:which|that) may be made\b",
            r"\ball reasonable precautions have been taken\b",
            r"\bresponsibility for the interpretation and use\b|\bin no event shall\b",
            r"\bunder grant agreement (?:no\b|number|n\s?\u00b0)",
        ),
    ),
    Rule("table of contents or table rows", _is_table_of_contents),
    Rule(
        "figure or table caption",
        _pattern(
            r"^\s*(?:figure|fig\.|table|box|chart|graph|map|exhibit|panel|infographic)\s*"
            r"(?:[IVX]+|\d+(?:\.\d+)*[a-z]?|[A-Z])\s*[:.\u2013\u2014|-]",
            r"^\s*(?:source|sources|note|notes|photo|image|credit|photo credits?)\s*:",
        ),
    ),
    Rule(
        "running header or page number",
        _pattern(
            r"\bpage\s+\d+\s*(?:of|/)\s*\d+\b",
            r"^\s*\d{1,3}\s*[|\u2022]\s|\s[|\u2022]\s*\d{1,3}\s*$",
            r"^\s*-\s*\d{1,3}\s*-\s*$",
        ),
    ),
    Rule("postal address", _is_postal_address),
    Rule(
        "instruction to the reader",
        _pattern(
            r"\byou will find\b|\bwhat you will find here\b|\bas a (?:teacher|reader|user)\b",
            r"^\s*(?:click|scan|visit|download|register|subscribe|sign up|read more|find out more|"
            r"learn more|explore|follow us|join us|see (?:also|annex|section|chapter|page|table|"
            r"figure|box))\b",
            r"\bplease (?:refer|see|visit|contact|send|read|click|consult)\b",
            r"\bfor (?:more|further) information,? (?:please |see |visit |contact |go )",
            r"\bthis (?:document|report|toolkit|guide|package|section|chapter|booklet) is "
            r"(?:structured|organi[sz]ed|divided|intended for)\b",
            r"\bthe following (?:sections|chapters) (?:describe|present|cover)\b",
            r"\bin this (?:section|chapter|document|toolkit|guide|package),? (?:you|we) will\b",
        ),
    ),
    Rule(
        "credits line",
        _pattern(
            r"^\s*(?:authors?|editors?|edited by|prepared by|written by|compiled by|layout|"
            r"design(?:ed)? by|graphic design|printed (?:in|by)|cover (?:photo|image)|"
            r"acknowledg(?:e)?ments?|suggested citation|please cite|how to cite|cite as)\b\s*:?",
        ),
    ),
)
"""Checked in this order; the first match names the reason."""


RULES_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
"""Names this rule set (a digest of this file), so that verdicts kept from an earlier run are
used only while the rules are the same."""


@dataclass
class Verdicts:
    """:func:`not_evidence_reason` of sentence texts, worked out once per text (by its hash)
    and kept in ``reasons``; ``judged`` counts the texts judged by this object."""

    reasons: dict[str, str | None] = field(default_factory=dict)
    judged: int = 0
    seen: set[str] = field(default_factory=set)

    def __call__(self, text: str) -> str | None:
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.seen.add(key)
        if key in self.reasons:
            return self.reasons[key]
        self.judged += 1
        reason = self.reasons[key] = not_evidence_reason(text)
        return reason


def not_evidence_reason(text: str) -> str | None:
    """Why ``text`` (one sentence or line block) can never be evidence, or ``None`` if it can."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if not text:
        return "empty"
    for rule in RULES:
        if rule.test(text):
            return rule.name
    return None

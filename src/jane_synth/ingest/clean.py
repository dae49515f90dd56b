"""Text cleaning shared by the loaders: whitespace, hyphenation, running headers and footers,
two-column reading order."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache

_HYPHENS = "-\u2010\u2011"
_HYPHEN_BREAK = re.compile(rf"(\w+)[{_HYPHENS}]\n(\w+)")
_HYPHENATED_WORD = re.compile(rf"\b(\w+)[{_HYPHENS}](\w+)\b")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:page|seite|pagina|página|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?"
    r"(?:\s*(?:/|of|de|di|von|sur)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)
# Control characters other than newline and tab, zero-width characters and byte-order marks.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")

# Characters that extractors emit for ligatures and soft hyphens.
_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
    }
)


def normalize_whitespace(text: str) -> str:
    """NFC-normalise, expand ligatures, fold runs of spaces, trim lines and collapse blank runs."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text.translate(_TRANSLATE)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def hyphen_vocabulary(texts: list[str]) -> tuple[set[str], set[str]]:
    """Lower-cased words and hyphenated compounds ("self-assessment") written inside lines."""
    words: set[str] = set()
    compounds: set[str] = set()
    for text in texts:
        words.update(w.lower() for w in _WORD.findall(text))
        compounds.update(f"{a}-{b}".lower() for a, b in _HYPHENATED_WORD.findall(text))
    return words, compounds


def repair_hyphenation(text: str, vocabulary: tuple[set[str], set[str]] | None = None) -> str:
    """Join words split by a hyphen at a line end ("organi-\\nsation" -> "organisation").

    The hyphen is kept when the next part starts with a capital or a digit, or the first part is
    an acronym or a number ("BBMRI-\\nERIC", "COVID-\\n19"), and when ``vocabulary`` (from
    :func:`hyphen_vocabulary` over the whole document) shows the compound written with a hyphen
    elsewhere but never the joined word ("self-\\nassessment").
    """
    words, compounds = vocabulary or (set(), set())

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        keep = f"{left}-{right}"
        if right[0].isupper() or right[0].isdigit() or left.isupper() or left[-1].isdigit():
            return keep
        if keep.lower() in compounds and (left + right).lower() not in words:
            return keep
        return left + right

    return _HYPHEN_BREAK.sub(join, text)


_BLOCK_START = re.compile(r"^([-•*·▪–]|\d+[.)]|[A-Z]\))\s")


def reflow_lines(text: str) -> str:
    """Join lines that wrap inside a paragraph; keep breaks after sentence ends, bullets and headings."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line:
            out.append("")
            continue
        prev = out[-1] if out else ""
        starts_block = bool(_BLOCK_START.match(line))
        prev_ends = prev.endswith((".", ":", "?", "!", ";")) or len(prev) < 40
        if prev and not starts_block and not prev_ends and line[:1].islower():
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _signature(line: str) -> str:
    return " ".join(_DIGITS.sub("#", line.lower()).split())


_EDGE_NUMBER = re.compile(r"^\D{0,12}?(\d{1,4})\b|\b(\d{1,4})\D{0,3}$")


_DOT_LEADER = re.compile(r"(?:\.\s?){4,}|…")


def _edge_number(line: str) -> int | None:
    """The number a header or footer line starts or ends with ("8 1.2. Spaces" -> 8)."""
    m = _EDGE_NUMBER.search(line.strip())
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def _edge_count(n_lines: int, edge_lines: int) -> int:
    return max(2, min(edge_lines, n_lines // 3))


def _page_offsets(pages: list[list[str]], edge_idx: list[list[int]]) -> set[int]:
    """Constant ``index - printed number`` of numbered headers and footers on many pages."""
    offsets: Counter[int] = Counter()
    for number, (lines, idx) in enumerate(zip(pages, edge_idx, strict=True), start=1):
        found = {number - n for i in idx if (n := _edge_number(lines[i])) is not None}
        offsets.update(found)
    needed = max(3, 0.4 * len(pages))
    return {offset for offset, count in offsets.items() if count >= needed}


def strip_running_lines(pages: list[str], edge_lines: int = 3, min_share: float = 0.4) -> list[str]:
    """Remove headers, footers and page numbers from the page texts of one document.

    Removed, among the first and last ``edge_lines`` lines of a page: lines that repeat (digits
    masked) on at least ``min_share`` of the pages and at least 3 pages, so alternating left and
    right headers count too; lines that start or end with the printed page number, when the
    pages are numbered consistently ("8 1.2. Metric spaces" on the 10th page of the file); and a
    bare page number equal to the page's position. A page that consists only of such lines is
    kept as it is: then the line is the content, not furniture.
    """
    if not pages:
        return pages
    split = [text.split("\n") for text in pages]
    non_empty = [[i for i, ln in enumerate(lines) if ln.strip()] for lines in split]
    # A short page (a slide) has fewer edge lines, or its whole body would count as edges.
    edge_idx = [
        sorted(
            set(ne[: _edge_count(len(ne), edge_lines)] + ne[-_edge_count(len(ne), edge_lines) :])
        )
        for ne in non_empty
    ]
    counts: Counter[str] = Counter()
    for lines, idx in zip(split, edge_idx, strict=True):
        counts.update({_signature(lines[i]) for i in idx})
    threshold = max(3, int(len(pages) * min_share + 0.999))
    running = {sig for sig, n in counts.items() if n >= threshold and len(pages) >= 3}
    offsets = _page_offsets(split, edge_idx) if len(pages) >= 3 else set()

    cleaned = []
    for number, (lines, idx, ne) in enumerate(zip(split, edge_idx, non_empty, strict=True), 1):
        drop = set()
        outer = {ne[0], ne[-1]} if ne else set()
        for i in idx:
            printed = _edge_number(lines[i])
            numbered = (
                printed is not None
                and number - printed in offsets
                and i in outer
                and not _DOT_LEADER.search(lines[i])
            )
            bare = bool(_PAGE_NUMBER_LINE.match(lines[i]))
            if _signature(lines[i]) in running or numbered or (bare and printed == number):
                drop.add(i)
        if drop and len(drop) == len(ne):
            drop = {i for i in drop if _PAGE_NUMBER_LINE.match(lines[i])}
        cleaned.append("\n".join(ln for i, ln in enumerate(lines) if i not in drop))
    return cleaned


def unreadable_share(text: str) -> float:
    """Share of visible characters that are replacement or private-use glyphs (fonts without
    a usable character map)."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    bad = sum(1 for c in visible if c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    return bad / len(visible)


def _compatible(line: str, col: int) -> bool:
    """Whether ``line`` is blank at ``col`` and its neighbours (or ends before it)."""
    return line[col - 1 : col + 2].strip() == ""


def _two_sided(line: str, col: int) -> bool:
    return bool(line[:col].strip()) and bool(line[col:].strip())


def _best_block(lines: list[str], width: int) -> tuple[int, int, int] | None:
    """``(gutter column, first line, last line)`` of the largest two-column block, if any."""
    best: tuple[int, int, int, int] | None = None  # (two-sided lines, col, first, last)
    for col in range(int(width * 0.3), int(width * 0.7) + 1):
        first = None
        two_sided = 0
        for i, line in enumerate([*lines, "\x00" * (col + 2)]):
            if _compatible(line, col):
                if first is None and line.strip():
                    first, two_sided = i, 0
                two_sided += _two_sided(line, col)
                continue
            if first is not None and (best is None or two_sided > best[0]):
                last = max(j for j in range(first, i) if lines[j].strip())
                best = (two_sided, col, first, last)
            first = None
    if best is None or best[0] == 0:
        return None
    # Centre the split in the gutter: all columns that give the same block with the same score.
    score, col, first, last = best
    cols = [col]
    while cols[-1] < width * 0.7 and _compatible_block(lines, cols[-1] + 1, first, last, score):
        cols.append(cols[-1] + 1)
    return cols[len(cols) // 2], first, last


def _compatible_block(lines: list[str], col: int, first: int, last: int, score: int) -> bool:
    block = lines[first : last + 1]
    return (
        all(_compatible(ln, col) for ln in block)
        and sum(_two_sided(ln, col) for ln in block) >= score
    )


def split_columns(layout_text: str, min_lines: int = 6, min_words: float = 3.0) -> str | None:
    """Reading order for a two-column page rendered in layout mode (text placed by position).

    Finds a gutter: a character column in the middle of the page that is blank on every line of a
    block with at least ``min_lines`` lines that have text on both sides, and prose on both sides
    (``min_words`` words per line on average). Returns the text above the block, the left
    column, the right column and the text below (itself split again when it has another block);
    ``None`` when there is no such gutter (one column, or a table with short cells).
    """
    lines = layout_text.split("\n")
    width = max((len(ln.rstrip()) for ln in lines), default=0)
    if width < 40:
        return None
    found = _best_block(lines, width)
    if found is None:
        return None
    col, first, last = found
    block = lines[first : last + 1]
    if sum(_two_sided(ln, col) for ln in block) < min_lines:
        return None
    left = [ln[:col].strip() for ln in block]
    right = [ln[col:].strip() for ln in block]
    for side in (left, right):
        counts = [len(t.split()) for t in side if t]
        if not counts or sum(counts) / len(counts) < min_words:
            return None
    rest = "\n".join(lines[last + 1 :])
    below = split_columns(rest, min_lines, min_words) or rest
    return "\n".join([*lines[:first], *left, "", *right, below])


# A word with a NUL inside: what pypdf gives for a ligature glyph its font cannot map to text
# ("not-for-pro\x00t" in a BY-COVID newsletter, whose Ubuntu font maps the "fi" glyph to nothing).
_LOST_LIGATURE = re.compile(r"[^\W\d_]*(?:\x00[^\W\d_]*)+")  # letters and NULs, one NUL at least
_LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")  # the usual ones, most frequent first


@cache
def _wordpiece() -> Callable[[str], int] | None:
    """How many WordPiece tokens a lower-cased word takes in the bundled model's vocabulary
    (30,522 English pieces, already on disk); ``None`` when the model is not installed."""
    try:
        from tokenizers import Tokenizer

        from ..embedding import bundled_model_path

        tokenizer = Tokenizer.from_file(str(bundled_model_path() / "tokenizer.json"))
    except ImportError:  # pragma: no cover - both come with the product's dependencies
        return None
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return lambda word: len(tokenizer.encode(word.lower(), add_special_tokens=False).ids)


def repair_lost_ligatures(pages: list[str]) -> list[str]:
    """Put back the letters of ligatures an extractor gave as NUL characters inside words.

    Of fi, fl, ff, ffi and ffl, the one that makes the most ordinary English word: the fewest
    WordPiece tokens in the embedding model's vocabulary ("o_cials" -> "officials", one token,
    "work_ow" -> "workflow"), then a word the document spells out elsewhere, then the most
    frequent ligature. Other NULs are left to :func:`normalize_whitespace`, which drops them."""
    if not any("\x00" in p for p in pages):
        return pages
    known = {w.lower() for p in pages for w in _WORD.findall(p.replace("\x00", " "))}
    pieces = _wordpiece()

    def repair(match: re.Match[str]) -> str:
        word = match.group(0)
        if not word.strip("\x00"):
            return word  # no letter beside it: not a ligature
        candidates = [word.replace("\x00", ligature) for ligature in _LIGATURES]
        # Fewest pieces, then a word the document spells out, then the more frequent ligature.
        ranks = [
            (pieces(c) if pieces else 0, c.lower() not in known, order)
            for order, c in enumerate(candidates)
        ]
        return candidates[min(ranks)[2]]

    return [_LOST_LIGATURE.sub(repair, p) for p in pages]


def clean_page_texts(pages: list[str]) -> list[str]:
    """The whole cleaning chain for the raw page texts of one document."""
    pages = [normalize_whitespace(p) for p in repair_lost_ligatures(pages)]
    pages = strip_running_lines(pages)
    vocabulary = hyphen_vocabulary(pages)
    return [normalize_whitespace(reflow_lines(repair_hyphenation(p, vocabulary))) for p in pages]

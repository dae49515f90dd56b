"""The corpus markup: a small Markdown subset (headings, paragraphs, lists, tables, directives).

:func:`parse_markup` turns a source body into :class:`Block` objects and warns about anything
outside the subset (corpus/README.md describes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class ListEntry:
    """One item of a list: nesting depth (0 or 1), numbered or not, its number and text."""

    depth: int
    ordered: bool
    number: int
    text: str


@dataclass
class Block:
    """One block of a source body.

    kind: title, h2, h3, para, list, table, pagebreak, columns.
    """

    kind: str
    text: str = ""
    line: int = 0
    items: list[ListEntry] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    aligns: list[str] = field(default_factory=list)
    value: int = 0


_COMMENT_RE = re.compile(r"^<!--\s*(.*?)\s*-->$")
_COLUMNS_RE = re.compile(r"columns\s*:\s*(\d+)")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBER_RE = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_SEPARATOR_CELL_RE = re.compile(r"^:?-{1,}:?$")
_RULE_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_URL_RE = re.compile(r"\bhttps?://[^\s)\]>]+")
_INLINE_CHECKS = (
    (re.compile(r"\*\*|__"), "bold markup"),
    (re.compile(r"(?<![\w*])\*(?=\S)[^*\n]+(?<=\S)\*(?![\w*])"), "italic markup"),
    (re.compile(r"`"), "code markup"),
    (re.compile(r"!?\[[^\]]*\]\([^)]*\)"), "link or image markup"),
    (re.compile(r"</?[A-Za-z][^>]*>"), "HTML tag"),
)
ALLOWED_EXTRA_CHARS = "\u20ac\u2013"  # euro sign, en dash


def inline_warnings(text: str, line: int) -> list[str]:
    """Warnings about inline markup and characters the corpus markup does not allow."""
    without_urls = _URL_RE.sub("URL", text)
    warnings = [
        f"line {line}: {what} is not part of the corpus markup"
        for pattern, what in _INLINE_CHECKS
        if pattern.search(without_urls)
    ]
    odd = sorted({c for c in text if ord(c) > 0xFF and c not in ALLOWED_EXTRA_CHARS})
    if odd:
        names = ", ".join(f"U+{ord(c):04X}" for c in odd)
        warnings.append(f"line {line}: characters outside Latin-1: {names}")
    return warnings


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = re.split(r"(?<!\\)\|", s)
    return [c.strip().replace("\\|", "|") for c in cells]


def _alignment(cell: str) -> str:
    c = cell.replace(" ", "")
    if c.startswith(":") and c.endswith(":"):
        return "center"
    return "right" if c.endswith(":") else "left"


def _parse_table(lines: list[str], start: int, warnings: list[str]) -> Block:
    rows = [_split_row(line) for line in lines]
    aligns: list[str] = []
    if len(rows) >= 2 and all(_SEPARATOR_CELL_RE.match(c.replace(" ", "")) for c in rows[1]):
        aligns = [_alignment(cell) for cell in rows[1]]
        del rows[1]
    else:
        warnings.append(f"line {start}: table without a '| --- |' separator row")
    header, body = rows[0], rows[1:]
    width = len(header)
    aligns = (aligns + ["left"] * width)[:width]
    fixed = []
    for n, row in enumerate(body):
        if len(row) != width:
            warnings.append(
                f"line {start + n + 2}: table row has {len(row)} cells, header has {width}"
            )
            row = (row + [""] * width)[:width]
        fixed.append(row)
    for n, row in enumerate([header, *fixed]):
        for cell in row:
            warnings.extend(inline_warnings(cell, start + n))
    return Block("table", line=start, header=header, rows=fixed, aligns=aligns)


class _Parser:
    """Line-by-line state of :func:`parse_markup`; each ``_on_*`` method handles one line kind."""

    def __init__(self, body: str, first_line: int):
        self.lines = body.splitlines()
        self.first_line = first_line
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.para: list[str] = []
        self.para_line = 0
        self.current_list: Block | None = None
        self.after_blank = False
        self.i = 0

    def run(self) -> tuple[list[Block], list[str]]:
        handlers = (
            self._on_blank,
            self._on_directive,
            self._on_heading,
            self._on_table,
            self._on_list_item,
            self._on_rule,
            self._on_text,
        )
        while self.i < len(self.lines):
            raw = self.lines[self.i].rstrip()
            lineno = self.first_line + self.i
            next(h for h in handlers if h(raw, raw.strip(), lineno))
        self._flush_para()
        return self.blocks, self.warnings

    def _flush_para(self) -> None:
        if self.para:
            self.blocks.append(Block("para", " ".join(self.para), line=self.para_line))
            self.para = []

    def _end_block(self) -> None:
        """A line that ends the open paragraph and the open list."""
        self._flush_para()
        self.current_list = None

    def _on_blank(self, raw: str, stripped: str, lineno: int) -> bool:
        if stripped:
            return False
        self._flush_para()
        self.after_blank = True
        self.i += 1
        return True

    def _on_directive(self, raw: str, stripped: str, lineno: int) -> bool:
        if not stripped.startswith("<!--"):
            return False
        self._end_block()
        match = _COMMENT_RE.match(stripped)
        directive = match.group(1).strip().lower() if match else ""
        columns = _COLUMNS_RE.fullmatch(directive)
        if directive == "pagebreak":
            self.blocks.append(Block("pagebreak", line=lineno))
        elif columns and 1 <= int(columns.group(1)) <= 3:
            self.blocks.append(Block("columns", line=lineno, value=int(columns.group(1))))
        else:
            self.warnings.append(
                f"line {lineno}: unknown or malformed directive {stripped!r} ignored"
            )
        self.i += 1
        return True

    def _on_heading(self, raw: str, stripped: str, lineno: int) -> bool:
        heading = _HEADING_RE.match(stripped)
        if not heading:
            return False
        self._end_block()
        level, text = len(heading.group(1)), heading.group(2).strip()
        self.warnings.extend(inline_warnings(text, lineno))
        if level == 1 and self.blocks:
            self.warnings.append(f"line {lineno}: '# ' heading after the start, rendered as ##")
        elif level > 3:
            self.warnings.append(f"line {lineno}: heading level {level} rendered as ###")
        kind = "title" if level == 1 and not self.blocks else "h2" if level <= 2 else "h3"
        self.blocks.append(Block(kind, text, line=lineno))
        self.i += 1
        return True

    def _on_table(self, raw: str, stripped: str, lineno: int) -> bool:
        if not stripped.startswith("|"):
            return False
        self._end_block()
        table_lines = []
        while self.i < len(self.lines) and self.lines[self.i].strip().startswith("|"):
            table_lines.append(self.lines[self.i])
            self.i += 1
        self.blocks.append(_parse_table(table_lines, lineno, self.warnings))
        return True

    def _on_list_item(self, raw: str, stripped: str, lineno: int) -> bool:
        bullet = _BULLET_RE.match(raw)
        number = _NUMBER_RE.match(raw)
        if not (bullet or number) or _RULE_RE.match(stripped):
            return False
        self._flush_para()
        if bullet:
            indent, ordered, num, text = bullet.group(1), False, 0, bullet.group(2)
        else:
            assert number is not None
            indent, ordered = number.group(1), True
            num, text = int(number.group(2)), number.group(3)
        depth = min(len(indent.expandtabs(4)) // 2, 1)
        items = self.current_list.items if self.current_list is not None else []
        if items and depth == 0 and items[0].ordered != ordered:
            self.current_list = None  # a bullet list after a numbered one (or back) is a new list
        if self.current_list is None:
            depth = self._open_list(depth, lineno)
        assert self.current_list is not None
        self.current_list.items.append(ListEntry(depth, ordered, num, text.strip()))
        self.warnings.extend(inline_warnings(text, lineno))
        self.after_blank = False
        self.i += 1
        return True

    def _open_list(self, depth: int, lineno: int) -> int:
        """Start a new list; return the depth of its first item (always 0)."""
        if depth:
            self.warnings.append(f"line {lineno}: indented list item without a parent item")
        self.current_list = Block("list", line=lineno)
        self.blocks.append(self.current_list)
        return 0

    def _on_rule(self, raw: str, stripped: str, lineno: int) -> bool:
        if not _RULE_RE.match(stripped):
            return False
        self._end_block()
        self.warnings.append(f"line {lineno}: horizontal rule is not part of the markup, ignored")
        self.i += 1
        return True

    def _on_text(self, raw: str, stripped: str, lineno: int) -> bool:
        self.warnings.extend(inline_warnings(stripped, lineno))
        self.i += 1
        if self.current_list is not None and (raw[:1].isspace() or not self.after_blank):
            # continuation of the last list item (indented, or a lazy continuation line)
            self.current_list.items[-1].text += " " + stripped
            return True
        self.current_list = None
        if not self.para:
            self.para_line = lineno
        self.para.append(stripped)
        self.after_blank = False
        return True


def parse_markup(body: str, first_line: int = 1) -> tuple[list[Block], list[str]]:
    """Parse a source body into blocks; return (blocks, warnings)."""
    return _Parser(body, first_line).run()

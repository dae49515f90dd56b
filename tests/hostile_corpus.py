"""A corpus of hostile and careless input, built in a folder: for tests and ``bench/faults.py``.

``build_hostile_corpus(root)`` writes ``root/corpus`` (the corpus) and ``root/outside`` (files
the corpus links to but that are not part of it) and returns the corpus folder. ``EXPECTED``
holds each file's outcome under the default limits: its status and a part of its reason.
Everything is made here, streaming where it is large: the DOCX bomb inflates to
``bomb_mb`` MB but is never held in memory.
"""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

SENTENCE = "Patient representatives sit on the network board. "
BIG_TEXT = SENTENCE * 42000
"""2.1 million characters: more than spaCy takes in one piece (E088)."""
OUTSIDE_MARKER = "OUTSIDE-THE-CORPUS root:x:0:0:root:/root:/bin/bash nologin daemon"
SCRIPT_TITLE = "<script>alert(1)</script> Governance <img src=x onerror=alert(1)>"
UNICODE_NAME = "Отчёт сети 网络 報告.md"
QUOTED_NAME = 'it\'s "quoted" & odd.txt'

LINK_OUTSIDE = ("quarantined", "link outside the corpus")
EXPECTED: dict[str, tuple[str, str]] = {
    "big.txt": ("ingested", ""),
    "bomb.docx": ("quarantined", "bytes unzipped (limit max_unzipped_bytes = 104,857,600)"),
    "empty.txt": ("quarantined", "empty: the file has no content"),
    "loop.md": ("quarantined", "broken link: a loop or a missing target"),
    "loop-a.txt": ("quarantined", "broken link: a loop or a missing target"),
    "loop-b.txt": ("quarantined", "broken link: a loop or a missing target"),
    "notes/linked-overview.md": ("ingested", ""),
    "overview.md": ("ingested", ""),
    "random.pdf": ("quarantined", "corrupt or unreadable PDF structure"),
    "renamed.docx": ("quarantined", "corrupt or unreadable DOCX: not a zip archive"),
    "report with spaces.md": ("ingested", ""),
    "secret.txt": LINK_OUTSIDE,
    "shared-drive": LINK_OUTSIDE,
    "small-bomb.docx": ("quarantined", "times (limit max_zip_ratio = 100)"),
    "xss.md": ("ingested", ""),
    QUOTED_NAME: ("ingested", ""),
    UNICODE_NAME: ("ingested", ""),
}

_DOCX_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>"
)
_DOCX_PARAGRAPH = b"<w:p><w:r><w:t>Networks of Expertise share patient data.</w:t></w:r></w:p>"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
    '+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_bomb(path: Path, megabytes: int) -> Path:
    """A valid-looking DOCX whose ``word/document.xml`` inflates to ``megabytes`` MB of one
    repeated paragraph, written in a stream (its compressed size stays far under 1 MB)."""
    total = megabytes * 1024 * 1024
    block = _DOCX_PARAGRAPH * (64 * 1024 // len(_DOCX_PARAGRAPH))
    tail = b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(_DOCX_HEAD)
            written = len(_DOCX_HEAD) + len(tail)
            while written + len(block) <= total:
                fh.write(block)
                written += len(block)
            fh.write(b" " * (total - written) + tail)
    return path


def _markdown(title: str, body: str) -> str:
    return f"---\ntitle: '{title}'\nyear: 2024\n---\n# {title}\n\n{body}\n"


def _write_documents(corpus: Path) -> None:
    body = (
        "European Reference Networks connect healthcare providers across Europe. "
        "Virtual expert panels discuss complex cases without moving the patient."
    )
    (corpus / "overview.md").write_text(_markdown("ERN overview", body), "utf-8")
    (corpus / "report with spaces.md").write_text(_markdown("Spaces", body + " One."), "utf-8")
    (corpus / QUOTED_NAME).write_text("Quoted names still work. " + body, "utf-8")
    (corpus / UNICODE_NAME).write_text(_markdown("Отчёт", body + " Два."), "utf-8")
    xss = f"{SCRIPT_TITLE} is in the text too. {body}"
    (corpus / "xss.md").write_text(_markdown(SCRIPT_TITLE.replace("'", "''"), xss), "utf-8")
    (corpus / "big.txt").write_text(BIG_TEXT, "utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "renamed.docx").write_text("A plain text file that was renamed to .docx.", "utf-8")
    (corpus / "random.pdf").write_bytes(random.Random(13).randbytes(64 * 1024))


def _write_links(corpus: Path, outside: Path) -> None:
    (outside / "secret.txt").write_text(OUTSIDE_MARKER + "\n", "utf-8")
    (outside / "more.md").write_text("# More\n\n" + OUTSIDE_MARKER + "\n", "utf-8")
    os.symlink(outside / "secret.txt", corpus / "secret.txt")
    os.symlink(outside, corpus / "shared-drive", target_is_directory=True)
    os.symlink("loop.md", corpus / "loop.md")
    os.symlink("loop-b.txt", corpus / "loop-a.txt")
    os.symlink("loop-a.txt", corpus / "loop-b.txt")
    (corpus / "notes").mkdir()
    os.symlink("../overview.md", corpus / "notes" / "linked-overview.md")
    os.symlink("..", corpus / "notes" / "up", target_is_directory=True)


def build_hostile_corpus(root: Path, bomb_mb: int = 256) -> Path:
    """Write the hostile corpus below ``root`` and return its corpus folder."""
    corpus, outside = Path(root) / "corpus", Path(root) / "outside"
    corpus.mkdir(parents=True)
    outside.mkdir(parents=True)
    _write_documents(corpus)
    _write_links(corpus, outside)
    docx_bomb(corpus / "bomb.docx", bomb_mb)
    docx_bomb(corpus / "small-bomb.docx", 20)
    return corpus

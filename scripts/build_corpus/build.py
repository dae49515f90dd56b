"""Build (or check) the generated documents, their sidecars and the README table."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jane_synth.ingest.metadata import sidecar_path

from .discovery import output_path, source_files
from .metadata import SOURCES_DIRNAME, CorpusError, source_for
from .readme_table import corpus_table, readme_with_table
from .sidecars import outputs_with_generated_sidecar, sidecar_text
from .source import Source, read_source
from .validation import Slugs, metadata_problems, taxonomy_slugs

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "corpus"

Log = Callable[[str], None]


@dataclass
class Built:
    """One rendered source: its output path and bytes, its sidecar, what went wrong."""

    source: Source
    output: Path
    data: bytes
    sidecar: str
    warnings: list[str]
    problems: list[str]  # round-trip failures


@dataclass
class Report:
    """What a build (or a check) found."""

    built: list[Built] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # sources that failed to render
    stale: list[str] = field(default_factory=list)  # --check: outputs missing or out of date

    @property
    def problems(self) -> list[str]:
        out = list(self.errors)
        for b in self.built:
            out.extend(f"{b.output.name}: {p}" for p in b.problems)
        return out


def build_source(src: Source, corpus: Path, verify: bool = True) -> Built:
    """Render one source (PDFs with the pypdf round trip unless ``verify`` is off)."""
    output = output_path(corpus, src.path, src.fmt)
    warnings = list(src.warnings)
    problems: list[str] = []
    if src.fmt == "pdf":
        from .pdf.render import render_pdf
        from .pdf.verify import verify_pdf

        result = render_pdf(src)
        data = result.data
        warnings.extend(result.warnings)
        if verify:
            problems = verify_pdf(result)
    else:
        from .docx import render_docx

        data = render_docx(src)
    return Built(src, output, data, sidecar_text(src), warnings, problems)


def zip_members(data: bytes) -> list[tuple[str, tuple[int, ...], bytes]]:
    """(name, date, contents) of every member of a zip archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, i.date_time, archive.read(i)) for i in archive.infolist()]


def same_output(existing: bytes, wanted: bytes, fmt: str) -> bool:
    """Whether a committed output matches a fresh build (DOCX: same members, same contents)."""
    if existing == wanted:
        return True
    if fmt == "docx":
        try:
            return zip_members(existing) == zip_members(wanted)
        except zipfile.BadZipFile:
            return False
    return False


def _write_if_changed(path: Path, data: bytes, fmt: str = "") -> None:
    """Write unless the file already holds the same output (no churn from another zlib)."""
    if path.is_file() and same_output(path.read_bytes(), data, fmt):
        return
    path.write_bytes(data)


def _selected(corpus: Path, only: Sequence[str] | None) -> list[Path]:
    sources = source_files(corpus)
    if not only:
        return sources
    wanted = {Path(name).name.split(".")[0] for name in only}
    chosen = [s for s in sources if s.stem in wanted]
    unknown = wanted - {s.stem for s in chosen}
    if unknown:
        raise CorpusError(f"no source named {sorted(unknown)} in {corpus / SOURCES_DIRNAME}")
    return chosen


def _stale(built: Built) -> list[str]:
    """What differs between a fresh build and the files on disk."""
    stale = []
    output, sidecar = built.output, sidecar_path(built.output)
    if not output.is_file():
        stale.append(f"{output.name}: missing")
    elif not same_output(output.read_bytes(), built.data, built.source.fmt):
        stale.append(f"{output.name}: differs from its source")
    if not sidecar.is_file():
        stale.append(f"{sidecar.name}: missing")
    elif sidecar.read_text(encoding="utf-8") != built.sidecar:
        stale.append(f"{sidecar.name}: differs from its source")
    return stale


def _log_built(built: Built, verify: bool, log: Log) -> None:
    status = "ok" if not built.problems else "ROUND-TRIP FAILED"
    log(f"{built.output.name}: {status if verify else 'rendered'}")
    for warning in built.warnings:
        log(f"  warning: {warning}")
    for problem in built.problems:
        log(f"  problem: {problem}")


@dataclass
class _Run:
    """The options of one build and its report."""

    corpus: Path
    check: bool
    verify: bool
    log: Log | None
    taxonomy: Slugs
    report: Report = field(default_factory=Report)

    def source(self, path: Path) -> None:
        """Render one source, then compare or write its output and sidecar."""
        try:
            src = read_source(path)
            built = build_source(src, self.corpus, verify=self.verify)
        except Exception as exc:  # report every broken source, not just the first
            self.report.errors.append(f"{path.name}: {type(exc).__name__}: {exc}")
            return
        built.warnings.extend(f"metadata: {p}" for p in metadata_problems(src.meta, self.taxonomy))
        self.report.built.append(built)
        if self.check:
            self.report.stale.extend(_stale(built))
        else:
            _write_if_changed(built.output, built.data, src.fmt)
            _write_if_changed(sidecar_path(built.output), built.sidecar.encode("utf-8"))
        if self.log and (not self.check or built.warnings or built.problems):
            _log_built(built, self.verify, self.log)

    def orphans(self) -> None:
        """Generated outputs whose source is gone."""
        expected = {b.output for b in self.report.built}
        for orphan in outputs_with_generated_sidecar(self.corpus):
            if orphan not in expected and source_for(orphan) is None:
                self.report.stale.append(f"{orphan.name}: generated output without a source")

    def readme(self) -> None:
        """Regenerate (or with ``check`` compare) the document table of the README."""
        readme = self.corpus / "README.md"
        if not readme.is_file():
            return
        current = readme.read_text(encoding="utf-8")
        wanted = readme_with_table(current, corpus_table(self.corpus))
        if wanted == current:
            return
        if self.check:
            self.report.stale.append("README.md: document table out of date")
        else:
            readme.write_text(wanted, encoding="utf-8")


def build(
    corpus: Path = DEFAULT_CORPUS,
    only: Sequence[str] | None = None,
    check: bool = False,
    verify: bool = True,
    log: Log | None = None,
) -> Report:
    """Build (or with ``check`` compare) the generated documents, sidecars and README table."""
    run = _Run(Path(corpus), check, verify, log, taxonomy_slugs())
    for path in _selected(run.corpus, only):
        run.source(path)
    if not only:
        run.orphans()
    run.readme()
    return run.report


def check(corpus: Path = DEFAULT_CORPUS) -> list[str]:
    """Everything that ``--check`` would complain about (empty list when up to date)."""
    report = build(corpus, check=True, verify=False)
    return report.errors + report.stale

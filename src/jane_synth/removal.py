"""What a run would remove from the store, and when it must refuse to.

An empty corpus folder is more often an unmounted share or a mistyped path than a wish to
delete every document, so a run that finds no file where the store has documents stops unless
it is told that an empty corpus is meant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .store import Store


@dataclass(frozen=True)
class RemovalPlan:
    """The stored files that are no longer in the corpus folder."""

    corpus_dir: Path
    found: int
    """Document files in the corpus folder now."""
    stored: int
    """Files with a stored outcome before the run."""
    documents: int
    """Documents in the store before the run."""
    paths: tuple[str, ...]
    """Stored files the run would forget, in path order."""

    @property
    def wipes_everything(self) -> bool:
        """The folder has no file while the store has documents."""
        return self.found == 0 and self.documents > 0

    @property
    def removes_most(self) -> bool:
        """More than half of the stored files would go."""
        return self.stored > 0 and 2 * len(self.paths) > self.stored

    def refusal(self) -> str:
        """Why an empty folder is not synced, naming the folder and what would go."""
        return (
            f"the corpus folder {self.corpus_dir} has no document file, and the store holds "
            f"{self.documents} document(s) from {self.stored} file(s): refusing to remove them "
            "(is the folder mounted? pass --allow-empty to empty the store)"
        )

    def warning(self) -> str | None:
        """A warning when most of the stored files are removed, else None."""
        if not self.removes_most:
            return None
        return (
            f"this run removes {len(self.paths)} of the {self.stored} stored files "
            f"(not in {self.corpus_dir} any more), with their documents, chunks and vectors"
        )


class EmptyCorpusError(RuntimeError):
    """A run met an empty corpus folder and a store with documents, and was not allowed to
    empty the store."""

    def __init__(self, plan: RemovalPlan):
        super().__init__(plan.refusal())
        self.plan = plan


def plan_removal(store: Store, corpus_dir: Path, current: Iterable[str]) -> RemovalPlan:
    """Compare the store with ``current``, the relative paths of the corpus folder's files."""
    found = set(current)
    stored = store.file_hashes()
    return RemovalPlan(
        corpus_dir=Path(corpus_dir),
        found=len(found),
        stored=len(stored),
        documents=store.count("documents"),
        paths=tuple(sorted(set(stored) - found)),
    )


def check_removal(plan: RemovalPlan, allow_empty: bool = False) -> None:
    """Raise :class:`EmptyCorpusError` when the plan would empty the store unasked."""
    if plan.wipes_everything and not allow_empty:
        raise EmptyCorpusError(plan)

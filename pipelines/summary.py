"""What a run did, as plain records: the command line prints these and needs no Dagster type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MetadataScalar = int | float | str


@dataclass(frozen=True)
class AssetSummary:
    """One asset's materializations in a run: how many partitions, and its scalar metadata."""

    name: str
    partitions: int
    metadata: dict[str, MetadataScalar]


@dataclass(frozen=True)
class CheckSummary:
    """One asset check's outcome."""

    asset: str
    name: str
    status: Literal["passed", "warning", "failed"]


@dataclass(frozen=True)
class RunSummary:
    """What a run did, with no Dagster type in it."""

    success: bool
    assets: tuple[AssetSummary, ...]
    checks: tuple[CheckSummary, ...]

    @property
    def failed_checks(self) -> list[str]:
        """Names of the checks that failed (warnings aside)."""
        return [c.name for c in self.checks if c.status == "failed"]

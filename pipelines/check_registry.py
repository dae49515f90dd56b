"""Asset checks evaluated by their asset's own step, as ``check_specs`` of the asset.

A check is a plain function of the run's resources that returns an ``AssetCheckResult``
(tests call it directly); :func:`asset_check_of` registers it under its asset. The asset
declares ``check_specs=check_specs("name")`` and returns ``checked(result, "name", ...)``, so the
checks show in Dagster as the asset's checks and run after its work, in the same step: a run
has no separate step (and its events) per check.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    MaterializeResult,
    MetadataValue,
)

CheckFunction = Callable[..., AssetCheckResult]


@dataclass(frozen=True)
class RegisteredCheck:
    """A check function, the asset it checks and what it checks."""

    asset: str
    function: CheckFunction
    description: str

    @property
    def name(self) -> str:
        return self.function.__name__

    def evaluate(self, resources: dict[str, Any]) -> AssetCheckResult:
        """The function's result, named for Dagster; it is given the resources it asks for.

        A check that raises fails (as an error, with the exception as metadata) instead of
        failing the asset's step, whose work is done: as a separate check step did, it leaves
        the materialization and the downstream assets alone, and ``jane-synth run`` exits 1.
        """
        wanted = inspect.signature(self.function).parameters
        try:
            result = self.function(**{k: v for k, v in resources.items() if k in wanted})
        except Exception as exc:
            return AssetCheckResult(
                passed=False,
                check_name=self.name,
                severity=AssetCheckSeverity.ERROR,
                metadata={
                    "error": f"{type(exc).__name__}: {exc}",
                    "traceback": MetadataValue.text(traceback.format_exc()),
                },
            )
        return result._replace(check_name=self.name)


REGISTERED: list[RegisteredCheck] = []


def asset_check_of(asset: str, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as a check of ``asset`` (the function is unchanged)."""

    def register(function: CheckFunction) -> CheckFunction:
        REGISTERED.append(RegisteredCheck(asset, function, description))
        return function

    return register


def _of(asset: str) -> list[RegisteredCheck]:
    return [c for c in REGISTERED if c.asset == asset]


def check_specs(asset: str) -> list[AssetCheckSpec]:
    """The specs of the checks registered for ``asset``, for its ``check_specs=``."""
    return [AssetCheckSpec(c.name, asset=asset, description=c.description) for c in _of(asset)]


def checked(result: MaterializeResult, asset: str, **resources: Any) -> MaterializeResult:
    """``result`` (metadata, data version, tags kept) with the results of ``asset``'s checks,
    evaluated now with ``resources``."""
    return result._replace(check_results=[c.evaluate(resources) for c in _of(asset)])

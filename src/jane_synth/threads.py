"""Thread limits for interactive queries.

On a small machine the thread pools of torch (OpenMP) and numpy's BLAS spin against each other
when one short query runs through both; one thread each is faster for a single query. Batch
embedding runs outside this context and keeps every core.

The limit is set through the BLAS libraries' own calls (found once by threadpoolctl) and only
when it differs from the current count, and torch is limited only when something has already
imported it: a query answered on ONNX Runtime and numpy never loads torch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


@cache
def _blas_libraries() -> tuple[Any, ...]:
    from threadpoolctl import ThreadpoolController

    return tuple(ThreadpoolController().select(user_api="blas").lib_controllers)


@contextmanager
def limited_threads(n: int | None) -> Iterator[None]:
    """Run the block with at most ``n`` torch and BLAS threads (``None``: no limit)."""
    if not n:
        yield
        return
    changed = []
    for lib in _blas_libraries():
        before = lib.get_num_threads()
        if before is not None and before > n:
            lib.set_num_threads(n)
            changed.append((lib, before))
    torch = sys.modules.get("torch")
    torch_before = torch.get_num_threads() if torch is not None else n
    if torch is not None and torch_before > n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if torch is not None and torch_before > n:
            torch.set_num_threads(torch_before)
        for lib, before in changed:
            lib.set_num_threads(before)

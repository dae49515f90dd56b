"""Thread limits for interactive queries and small numeric fits.

On a small machine the thread pools of torch (OpenMP) and numpy's BLAS spin against each other
when one short query runs through both; one thread each is faster for a single query. Batch
embedding runs outside this context and keeps every core.

The limit is set through the BLAS libraries' own calls (found once by threadpoolctl) and only
when it differs from the current count, and torch is limited only when something has already
imported it: a query answered on ONNX Runtime and numpy never loads torch.
The theme model's many small scikit-learn fits run on one thread too (:func:`one_thread`).
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
def one_thread() -> Iterator[None]:
    """Run the block with one thread in every native pool (OpenMP and BLAS).

    For many small fits (k-means and PCA over a few thousand rows): their threads spend most
    of the time waiting on each other, the more so on a shared machine (measured on the
    bundled corpus: the theme model's clustering took 59 s with two threads at load average
    12, 11 s with one), and one thread adds up in one fixed order.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


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

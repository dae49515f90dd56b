"""Thread limits for interactive queries and small numeric fits.

On a small machine the thread pools of torch (OpenMP) and numpy's BLAS spin against each other
when one short query runs through both; one thread each is faster for a single query. Batch
embedding runs outside this context and keeps every core. The theme model's many small
scikit-learn fits run on one thread too (:func:`one_thread`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


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
    import torch

    before = torch.get_num_threads()
    with _controller().limit(limits=n, user_api="blas"):
        if before != n:
            torch.set_num_threads(n)
        try:
            yield
        finally:
            if before != n:
                torch.set_num_threads(before)

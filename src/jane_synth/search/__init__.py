"""Search over the embedded corpus: BM25, dense and hybrid, with filters, snippets and citations.

Public API: :class:`Searcher`, :class:`Filters`, :func:`build_search_index`.
"""

from .filters import FILTER_KEYS, FilterError, Filters
from .searcher import IndexNotBuiltError, Searcher, build_search_index

__all__ = [
    "FILTER_KEYS",
    "FilterError",
    "Filters",
    "IndexNotBuiltError",
    "Searcher",
    "build_search_index",
]

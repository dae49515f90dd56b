"""Search over the embedded corpus: BM25, dense and hybrid, with filters, snippets and citations.

Public API: :class:`Searcher` (with :class:`SearchSettings`), :class:`Filters`,
:func:`build_search_index`. The web page over it is :mod:`jane_synth.web`.
"""

from .filters import FILTER_KEYS, FilterError, Filters
from .searcher import IndexNotBuiltError, Searcher, SearchSettings, build_search_index

__all__ = [
    "FILTER_KEYS",
    "FilterError",
    "Filters",
    "IndexNotBuiltError",
    "SearchSettings",
    "Searcher",
    "build_search_index",
]

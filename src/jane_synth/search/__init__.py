"""Search over the embedded corpus: registered retrievers (BM25, dense) alone or fused, with
filters, snippets and citations.

Public API: :class:`Searcher` (with :class:`SearchSettings`), :class:`SearchRequest` (the one
validation of user input), :class:`Filters`, :func:`build_search_index`, and the retriever
registry (:func:`register`, :func:`retriever_names`, :func:`search_modes`). The web page over
it is :mod:`jane_synth.web`.
"""

from .bm25 import BM25Retriever
from .dense import DenseRetriever
from .filters import FILTER_KEYS, FilterError, Filters
from .index import BuiltIndex, build_search_index
from .request import MAX_K, InvalidRequest, SearchRequest
from .retrievers import (
    HYBRID,
    IndexNotBuiltError,
    Retriever,
    VectorRetriever,
    register,
    retriever_names,
    search_modes,
)
from .searcher import Searcher
from .settings import BM25Params, SearchSettings

# The registered retrievers, in the order hybrid fusion adds them.
register(BM25Retriever)
register(DenseRetriever)

__all__ = [
    "FILTER_KEYS",
    "HYBRID",
    "MAX_K",
    "BM25Params",
    "BuiltIndex",
    "FilterError",
    "Filters",
    "IndexNotBuiltError",
    "InvalidRequest",
    "Retriever",
    "SearchRequest",
    "SearchSettings",
    "Searcher",
    "VectorRetriever",
    "build_search_index",
    "register",
    "retriever_names",
    "search_modes",
]

from .indexing import embeddings, search_index
from .ingestion import chunks, corpus, documents
from .synthesis import briefs, themes

ALL_ASSETS = [documents, corpus, chunks, embeddings, search_index, themes, briefs]

__all__ = [
    "ALL_ASSETS",
    "briefs",
    "chunks",
    "corpus",
    "documents",
    "embeddings",
    "search_index",
    "themes",
]

from .indexing import embeddings, search_index
from .ingestion import chunks, documents
from .synthesis import briefs, themes

ALL_ASSETS = [documents, chunks, embeddings, search_index, themes, briefs]

__all__ = ["ALL_ASSETS", "briefs", "chunks", "documents", "embeddings", "search_index", "themes"]

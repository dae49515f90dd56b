"""jane-synth: ETL and evidence synthesis for the JANE EU cancer Networks of Expertise.

The library is plain Python, one module or package per stage:

- :mod:`jane_synth.ingest`: discover files and extract clean, page-cited text with metadata;
- :mod:`jane_synth.chunking`: sentence-aligned chunks tagged with taxonomy entities;
- :mod:`jane_synth.embedding`: sentence embeddings with a content-hash cache;
- :mod:`jane_synth.store`: the SQLite database that holds documents, pages, chunks and vectors;
- :mod:`jane_synth.search`: BM25, dense and hybrid retrieval with filters and snippets;
- :mod:`jane_synth.themes`: clusters of recurring themes;
- :mod:`jane_synth.briefs`: cited evidence briefs for each Network of Expertise.

``pipelines/`` wires these stages into Dagster assets.
"""

__version__ = "0.1.0"

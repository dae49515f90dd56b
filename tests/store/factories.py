"""Records for the store tests."""

from jane_synth.records import DocumentMeta, IngestOutcome, Page, ParsedDocument


def parsed(doc_id, path, text="The BoMS approves networks. EURACAN has 102 centres."):
    return ParsedDocument(
        doc_id,
        path,
        "markdown",
        DocumentMeta(title=path, year=2024, networks=("erns",)),
        [Page(1, text)],
    )


def outcome(path, doc_id, status="ingested"):
    return IngestOutcome(path, status, "", 1, 10, "en", doc_id)

from jane_synth.search.snippets import make_snippet, matching_spans, snippet_segments

TEXT = (
    "Background words fill the opening of this long passage about many unrelated matters. " * 4
    + "The Governance of networks: boards govern membership and governing rules. "
    + "Closing words follow here and carry on for a while without any of the terms. " * 4
)


def test_terms_are_marked_by_stem():
    snippet = make_snippet("Network governance and governing boards.", "governance of networks")
    assert snippet == "**Network** **governance** and **governing** boards."


def test_stop_words_and_unknown_words_are_not_marked():
    assert matching_spans("the of and", "the of") == []
    assert make_snippet("Nothing here.", "zebra") == "Nothing here."


def test_window_is_centred_on_the_terms_with_ellipses():
    segments = snippet_segments(TEXT, "governance boards", width=160)
    text = "".join(s for s, _ in segments)
    assert text.startswith("… ") and text.endswith(" …")
    assert len(text) <= 160 + 4
    marked = [s for s, term in segments if term]
    assert marked[:2] == ["Governance", "boards"]


def test_whitespace_is_collapsed_and_text_kept_verbatim():
    segments = snippet_segments("A  <b>board</b>\n\nmeets.", "board")
    assert segments == [("A <b>", False), ("board", True), ("</b> meets.", False)]


def test_short_text_without_query_terms_is_whole():
    assert make_snippet("Short text.", "") == "Short text."


def test_candidate_scan_finds_every_word_that_stems_to_a_term():
    import re

    from jane_synth.search.tokenize import query_terms, stem, stop_words

    text = (
        "Therapies and therapy; hoping for hope, studies studied a study. Relational relations "
        "organisation organizational generalization CT scans scanned MRI. Happily happy dying."
    )
    for query in ("therapy", "hope", "study relation", "organization general", "ct scan",
                  "happiness", "the happy days"):  # fmt: skip
        terms = set(query_terms(query))
        full = [
            (m.start(), m.end())
            for m in re.finditer(r"(?u)\b\w\w+\b", text)
            if m.group(0).lower() not in stop_words() and stem(m.group(0).lower()) in terms
        ]
        assert matching_spans(text, query) == full, query

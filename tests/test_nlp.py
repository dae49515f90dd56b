from jane_synth.nlp import MAX_DOC_CHARS, WINDOW_CHARS, default_nlp, text_windows


def ents(text):
    return {(e.text, e.label_, e.ent_id_) for e in default_nlp()(text).ents}


def test_entity_ruler_tags_networks_domains_and_dimensions():
    found = ents(
        "EURACAN and BBMRI-ERIC discussed palliative care and patient representatives in Italy."
    )
    assert ("EURACAN", "ERN", "ern-euracan") in found
    assert ("BBMRI-ERIC", "RESEARCH_INFRA", "bbmri-eric") in found
    assert ("palliative care", "NOE_DOMAIN", "palliative-care") in found
    assert ("patient representatives", "DIMENSION", "patient-involvement") in found
    assert ("Italy", "COUNTRY", "italy") in found


def test_multiword_terms_match_case_insensitively():
    assert ("Palliative Care", "NOE_DOMAIN", "palliative-care") in ents(
        "Palliative Care services are scarce."
    )


def test_acronyms_match_case_sensitively_so_pronouns_are_not_it_systems():
    labels = {
        (t, label)
        for t, label, _ in ents("It is clear that it works; the IT platform and AI tools help.")
    }
    assert ("IT platform", "DIMENSION") in labels  # the longest match wins
    assert ("AI", "DIMENSION") in labels
    assert not any(t in {"It", "it"} for t, _ in labels)


def test_sentencizer_splits_sentences():
    doc = default_nlp()("ERNs started in 2017. They now have 1,619 centres. JANE ran until 2024.")
    assert len(list(doc.sents)) == 3


def test_a_short_text_is_one_window():
    assert list(text_windows("One sentence. Two.", 100)) == [(0, "One sentence. Two.")]


def test_windows_cover_the_text_exactly_and_end_at_breaks():
    text = "".join(
        f"Sentence {i} is here.\n" if i % 7 == 0 else f"Sentence {i}. " for i in range(400)
    )
    windows = list(text_windows(text, 500))
    assert len(windows) > 10
    assert "".join(piece for _, piece in windows) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in windows)
    assert all(len(piece) <= 500 for _, piece in windows)
    assert all(piece.endswith(("\n", ". ")) for _, piece in windows[:-1])


def test_text_without_breaks_is_cut_hard():
    windows = list(text_windows("x" * 1050, 500))
    assert [len(p) for _, p in windows] == [500, 500, 50]


def test_windows_are_far_below_what_spacy_accepts():
    assert WINDOW_CHARS * 10 <= MAX_DOC_CHARS

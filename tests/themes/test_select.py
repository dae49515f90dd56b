from jane_synth.themes import ReferenceListFilter

SOURCES = "Sources: https://health.ec.europa.eu/european-reference-networks/overview_en https://www.eurordis.org/epags"


def test_reference_lists_are_dropped_prose_is_kept():
    kept = ReferenceListFilter().keep([SOURCES, "ERN funding grants were multi-annual.", ""])
    assert kept.tolist() == [False, True, True]
    assert ReferenceListFilter(max_url_share=1.0).keep([SOURCES]).tolist() == [True]

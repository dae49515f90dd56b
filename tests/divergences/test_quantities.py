import pytest

from jane_synth.divergences.quantities import quantities, singular, source_markers


def _figures(text):
    return [(q.text, q.unit, q.value, sorted(q.qualifiers)) for q in quantities(text)]


def test_counts_keep_their_measure_and_text():
    text = "A 2024 review counted 106 centres in 26 countries [S26]."
    assert _figures(text) == [
        ("106 centres", "centre", 106.0, []),
        ("26 countries", "country", 26.0, []),
    ]
    for q in quantities(text):
        assert text[q.start : q.end] == q.text


def test_money_is_one_measure_whatever_the_multiplier():
    assert _figures("EU co-funding of EUR 18 million, EUR 30M or EUR 5.3 billion.") == [
        ("EUR 18 million", "EUR", 18e6, []),
        ("EUR 30M", "EUR", 30e6, []),
        ("EUR 5.3 billion", "EUR", 5.3e9, []),
    ]


def test_percentages_are_narrowed_by_the_acronyms_after_them():
    text = "Survival was 59% for acute lymphoblastic leukaemia (ALL), 61% for AML [S58b]."
    assert _figures(text) == [("59%", "%", 59.0, ["ALL"]), ("61%", "%", 61.0, ["AML"])]
    # a study's name is not what is counted, and a plural acronym is singular
    assert _figures("61% for AYAs in EUROCARE-6") == [("61%", "%", 61.0, ["AYA"])]


@pytest.mark.parametrize(
    "text",
    [
        "The network was set up in 2017 and renewed in 2023.",  # years
        "Grants for 2023-2027 were signed.",  # a range
        "It is cited as [S25] and [S58b].",  # source markers
        "6.3 Funding and sustainability",  # a section number
        "A 5-year evaluation and a 2nd call.",  # compounds and ordinals
        "Regulation (EU) 2025/327 applies.",  # a code
        "It opened on 20 November 2017.",  # a date
        "CPMS 2.0 is used by 12 of them.",  # no measure after the number
    ],
)
def test_what_is_not_a_figure(text):
    assert quantities(text) == []


def test_singular_and_markers():
    assert [singular(w) for w in ("countries", "centres", "ePAGs", "analysis", "hospitals")] == [
        "country", "centre", "epag", "analysis", "hospital"]  # fmt: skip
    assert source_markers("102 [S25], 106 [S26][S26]") == {"[S25]", "[S26]"}


def test_context_separates_different_counts_of_one_unit():
    alive, long_term = (
        quantities("EUROCARE-6 counted 23.7 million people alive after a cancer diagnosis.")[0],
        quantities("It reports 9.1 million people more than ten years after diagnosis.")[0],
    )
    assert alive.unit == long_term.unit == "people"
    assert not alive.in_same_context(long_term)
    a, b = (
        quantities("102 centres in 25 countries")[0],
        quantities("106 centres in 26 countries")[0],
    )
    assert a.in_same_context(b)

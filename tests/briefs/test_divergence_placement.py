from dataclasses import replace

from jane_synth.briefs.build import bearing_on
from tests.briefs.sample import divergence, make_brief


def test_a_divergence_goes_to_the_briefs_of_its_noes_or_to_those_citing_its_documents():
    brief = make_brief()  # survivorship, cites d1 and d2
    about_it = divergence()  # about survivorship
    about_other = replace(
        divergence(), divergence_id="b", noe_domains=frozenset({"palliative-care"})
    )
    general_cited = replace(divergence(), divergence_id="c", noe_domains=frozenset())  # cites d1
    general_uncited = replace(
        general_cited,
        divergence_id="d",
        statements=tuple(replace(s, doc_id="d9") for s in general_cited.statements),
    )
    shown = bearing_on(brief, [about_it, about_other, general_cited, general_uncited])
    assert [d.divergence_id for d in shown] == [about_it.divergence_id, "c"]

import re

from jane_synth.policy import PolicyTagger
from jane_synth.taxonomy import Term, load_taxonomy, parse_taxonomy

F5 = Term("ebcp-flagship-5", "Beating Cancer Plan, flagship 5", "POLICY",
          ("flagship 5", "Comprehensive Cancer Centres", "CCCs"), "A network of CCCs [S46].",
          via=("crane", "eunetccc"))  # fmt: skip
R13 = Term("mission-r13", "Cancer Mission, recommendation 13", "POLICY", ("capacity building",),
           "Capacity building [S50].", via=("cci4eu",))  # fmt: skip


def test_a_sentence_is_linked_by_its_words_or_by_the_entities_inside_it():
    tagger = PolicyTagger((F5, R13))
    assert tagger.tags("A network of comprehensive cancer centres in every country.") == (
        "ebcp-flagship-5",
    )
    assert tagger.tags("CraNE set the preconditions.", ["crane"]) == ("ebcp-flagship-5",)
    assert tagger.tags("Capacity building with CCI4EU.", ["cci4eu"]) == ("mission-r13",)
    # whole words only, and a short name only as written
    assert tagger.tags("Reflagship 50 and the cccs of a list.") == ()
    assert tagger.tags("Both: CCCs and capacity building.") == ("ebcp-flagship-5", "mission-r13")


def test_the_taxonomy_lists_the_policies_with_their_sources_and_they_are_not_entities():
    taxonomy = load_taxonomy()
    slugs = [p.slug for p in taxonomy.policies]
    assert {"ebcp-flagship-5", "mission-r10", "mission-r12", "mission-r13"} <= set(slugs)
    assert all(re.search(r"\[S\d+[a-z]?\]", p.description) for p in taxonomy.policies)
    assert not set(slugs) & {t.slug for t in taxonomy.all_terms()}  # no entity label POLICY
    known = {t.slug for t in taxonomy.all_terms()}
    assert all(set(p.via) <= known for p in taxonomy.policies)


def test_a_taxonomy_without_policies_still_parses():
    data = {"noe_domains": [], "dimensions": [], "networks": {}, "programmes": [], "countries": []}
    assert parse_taxonomy(data).policies == ()

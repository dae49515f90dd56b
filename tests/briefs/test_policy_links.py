from dataclasses import replace

from jane_synth.briefs.policy_links import with_policy_links
from jane_synth.records import Chunk, Entity
from jane_synth.taxonomy import load_taxonomy
from tests.briefs.sample import make_brief

TEXT = "CraNE prepared it. The board approves members."


class _Searcher:
    """Only what the links read: each quote's chunk with its entities."""

    def chunk(self, chunk_id):
        crane = Entity("JOINT_ACTION", "crane", "CraNE", 0, 5)
        return Chunk(chunk_id, "d1", 2, 100, 100 + len(TEXT), 0, TEXT, "h", (crane,))


def test_an_entity_inside_the_quote_links_it_and_one_outside_does_not():
    brief = make_brief()
    first = brief.sections[0].evidence[0]  # "The board approves members."
    inside = replace(first, quote=TEXT[:18], start=100, end=118)  # "CraNE prepared it."
    outside = replace(first, quote=TEXT[19:], start=119, end=100 + len(TEXT))
    section = replace(brief.sections[0], evidence=(inside, outside))
    (linked,) = with_policy_links(
        [replace(brief, sections=(section,))], _Searcher(), load_taxonomy()
    )
    assert [ev.policies for ev in linked.sections[0].evidence] == [("ebcp-flagship-5",), ()]
    assert linked.policies == load_taxonomy().policies
    assert [p.slug for p, _ in linked.policy_links()] == ["ebcp-flagship-5"]

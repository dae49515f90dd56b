from jane_synth.briefs.renderers.templating import TemplateRenderer, anchor
from tests.briefs.sample import make_brief


def test_anchor_matches_github_heading_ids():
    assert anchor("2. Membership and criteria") == "2-membership-and-criteria"
    assert anchor("4. IT and data infrastructure") == "4-it-and-data-infrastructure"


def test_markdown_cites_every_statement_and_links_every_section():
    brief = make_brief()
    md = TemplateRenderer("markdown", ".md", "brief.md.j2", autoescape=False).render(brief).decode()
    for s in brief.sections:
        assert f"(#{anchor(f'{brief.sections.index(s) + 1}. {s.dimension.name}')})" in md
        for ev in s.evidence:
            assert f"[{brief.source_number(ev.citation.doc_id)}, p. {ev.citation.page}]" in md
    assert "1. ERN governance note, Board &amp; Co (2024). File `d1.md`; pages cited: 2, 3." in md
    assert "an evidence gap" in md


def test_html_links_every_citation_to_its_source():
    brief = make_brief()
    page = (
        TemplateRenderer("html", ".html", "brief.html.j2", autoescape=True).render(brief).decode()
    )
    assert page.count('href="#source-1"') == 2 and page.count('href="#source-2"') == 1
    assert 'id="source-2"' in page and "Board &amp; Co" in page


def test_where_sources_differ_shows_both_sides_or_says_there_is_nothing():
    from dataclasses import replace

    from jane_synth.briefs.renderers import get_renderer
    from tests.briefs.renderers.text_of import markdown_lines
    from tests.briefs.sample import divergence, make_brief

    def lines(brief):
        return markdown_lines(get_renderer("markdown").render(brief))

    shown = lines(replace(make_brief(), divergences=(divergence(),)))
    end = len(shown) - 1 - shown[::-1].index("Sources")
    section = shown[shown.index("Where sources differ") : end]
    assert "ERN EURACAN: centre" in section
    assert (
        '102 centres: "Its website lists 102 centres [S25]." (ERN governance note, '
        "Board & Co, 2024, p. 2; file d1.md)" in section
    )
    assert any(line.startswith('106 centres: "The network counts 106 centres') for line in section)
    none = lines(replace(make_brief(), divergences=()))
    assert any(line.startswith("No source gives a figure that differs") for line in none)
    assert "Where sources differ" not in lines(make_brief())


def test_links_to_policy_list_each_policy_with_its_statements():
    from jane_synth.briefs.renderers import get_renderer
    from tests.briefs.renderers.text_of import markdown_lines
    from tests.briefs.sample import make_brief, with_policy

    def lines(brief):
        return markdown_lines(get_renderer("markdown").render(brief))

    shown = lines(with_policy(make_brief()))
    at = shown.index("Links to policy")
    assert shown[at + 2].startswith("Beating Cancer Plan, flagship 5: A network of")
    assert shown[at + 3] == '"The board approves members." [1, p. 2] (Governance)'
    brief = make_brief()
    assert "Links to policy" not in lines(brief)  # built without policy links
    from dataclasses import replace

    none = lines(replace(brief, policies=()))
    assert any(line.startswith("No statement of this brief bears on") for line in none)

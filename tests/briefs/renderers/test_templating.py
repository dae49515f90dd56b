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

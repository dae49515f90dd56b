"""Word counts of corpus documents (scripts/build_corpus/words.py)."""

from __future__ import annotations

from scripts.build_corpus.words import count_words, document_words, html_visible_text, normalise
from tests.build_corpus.helpers import write_source


def test_html_visible_words():
    page = (
        "<html><head><title>Not counted</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home menu</a></nav><main><h1>Two words</h1><p>Three more words"
        "<br>here.</p><script>var x = 1;</script></main><footer>Legal notice</footer></body></html>"
    )
    assert html_visible_text(page) == "Two words Three more words here."
    assert count_words(html_visible_text(page)) == 6
    assert count_words("Risk-stratified screening, EU4Health (2021) and 23.7 million.") == 8


def test_document_words_use_the_source(tmp_path):
    write_source(
        tmp_path, "gen", "# Four words title here\n\n| a | b |\n| --- | --- |\n| c | d |\n"
    )
    assert document_words(tmp_path / "gen.pdf") == 8
    (tmp_path / "n.md").write_text("---\ntitle: Many words here\n---\nJust three words.\n")
    assert document_words(tmp_path / "n.md") == 3
    (tmp_path / "p.htm").write_text("<html><body><p>Two words</p></body></html>")
    assert document_words(tmp_path / "p.htm") == 2
    (tmp_path / "x.docx").write_bytes(b"not counted without a source")
    assert document_words(tmp_path / "x.docx") == 0


def test_normalise():
    assert normalise(" a\xa0 b\n\tc ") == "a b c"

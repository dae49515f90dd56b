import base64
import re

from markupsafe import escape

from jane_synth.themes import render_theme_report
from jane_synth.themes.report import STYLE, csp
from tests.themes.test_write import _inputs


def test_report_is_a_static_page_with_its_pictures_and_escaped_text():
    fit, chunks, docs = _inputs()
    html = render_theme_report(fit, chunks, docs)
    assert "<script" not in html.lower()
    assert f'content="{escape(csp())}"' in html and "script-src" not in csp()
    assert "default-src 'none'" in csp()
    assert "A &lt;b&gt; report, p. 2" in html
    assert 'id="theme-5"' in html and "(in 4)" in html
    assert "1 chunks (33.3%)" in html
    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(images) == 2 and all(b"<svg" in base64.b64decode(i) for i in images)
    assert f"<style>{STYLE}</style>" in html
    assert render_theme_report(fit, chunks, docs) == html

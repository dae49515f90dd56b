import base64
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

from jane_synth.embedding import MODEL_NAME
from jane_synth.pipeline import build_themes
from jane_synth.store import Store
from jane_synth.themes import render_theme_report
from jane_synth.themes.report import STYLE, csp
from tests.themes.store_data import planted_store
from tests.themes.test_write import _inputs
from tests.web.test_app import browser  # noqa: F401  (the headless Chromium fixture)


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
    texts = []
    for image in images:  # well-formed SVG
        root = ET.fromstring(base64.b64decode(image).decode().split("\n", 1)[1])
        texts.append([t.text for t in root.iter("{http://www.w3.org/2000/svg}text")])
    assert "5: grants" in texts[0] and "4: funding / grants" in texts[1]  # sub-theme, broad theme
    assert f"<style>{STYLE}</style>" in html
    assert render_theme_report(fit, chunks, docs) == html


@pytest.mark.slow
@pytest.mark.browser
def test_report_renders_in_headless_chromium(tmp_path, embedder, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    layout = planted_store(tmp_path / "out", embedder)
    with Store(layout.database) as store:
        fit = build_themes(store, layout, MODEL_NAME)
    browser.get(layout.themes.with_suffix(".html").as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Recurring themes"
    rows = browser.find_elements(By.CSS_SELECTOR, "#themes tbody tr")
    assert len(rows) == len(fit.themes)
    for figure in ("map", "domains"):
        image = browser.find_element(By.CSS_SELECTOR, f"#{figure} img")
        # The SVG loaded under the page's policy: a broken image has no natural size.
        assert browser.execute_script("return arguments[0].naturalWidth", image) > 100
    assert browser.execute_script("return document.scripts.length") == 0
    assert "<report> d" in browser.find_element(By.ID, "themes").text  # markup shown as text

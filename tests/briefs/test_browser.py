"""The HTML briefs and the index in headless Chromium: no console error, script text as text."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from jane_synth.briefs import write_briefs
from jane_synth.briefs.changes import changes_since
from tests.briefs.sample import SCRIPT, graded_brief, hostile_brief, sample_manifest

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture()
def chromium(tmp_path):
    if not CHROMIUM.exists() or not Path(CHROMEDRIVER).exists():
        pytest.skip("needs Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_brief_and_index_pages_load_cleanly_and_show_script_as_text(tmp_path, chromium):
    from selenium.webdriver.common.by import By

    brief = replace(graded_brief(hostile_brief()), manifest=sample_manifest())
    brief = replace(brief, changes=changes_since(brief, None, {"d1.md": "d1"}))
    write_briefs([brief], tmp_path)
    for name in ("survivorship.html", "index.html"):
        chromium.get((tmp_path / name).as_uri())
        errors = [e for e in chromium.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], name
        assert chromium.execute_script("return document.scripts.length") == 0
        assert not chromium.find_elements(By.CSS_SELECTOR, "main img[onerror], main script")
    assert "moderate, 3 quotes" in chromium.find_element(By.ID, "coverage").text  # the index
    image = chromium.find_element(By.CSS_SELECTOR, "#coverage-map img")
    assert chromium.execute_script("return arguments[0].naturalWidth", image) > 100
    chromium.get((tmp_path / "survivorship.html").as_uri())
    body = chromium.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in body and "Run date: 2026-01-02T03:04:05Z" in body
    assert "Key points" in body and "This is the first run" in body

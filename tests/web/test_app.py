"""The search web page and JSON API: FastAPI TestClient tests and a headless Chromium test."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jane_synth.cli import app as cli_app
from jane_synth.web import create_app
from tests.search_helpers import build_store

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def web_app(tmp_path_factory, embedder):
    layout = build_store(tmp_path_factory.mktemp("web"), embedder)
    application = create_app(layout.root, embedder=embedder)
    yield application
    application.state.service.searcher.close()


@pytest.fixture(scope="module")
def client(web_app):
    with TestClient(web_app) as c:
        yield c


def test_empty_page_has_search_box_and_filters(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert '<input type="search" name="q"' in html
    for key in ("doc_type", "publisher", "network", "noe_domain", "country", "language", "theme"):
        assert f'<select name="{key}">' in html
    assert 'name="year_from"' in html and 'name="year_to"' in html
    assert '<option value="germany">Germany</option>' in html
    assert "0: workload of case discussions" in html
    assert "Content-Security-Policy" in r.headers


def test_results_carry_citations_snippets_and_page_links(client):
    html = client.get("/", params={"q": "CPMS workload"}).text
    first = html.split('<li class="hit">')[1]
    assert "<mark>workload</mark>" in first
    assert re.search(
        r"ERN evaluation report 2021( \(revised\))?, European Commission \(202[12]\), p\. [12]",
        first,
    )
    link = re.search(r'<a class="page-link" href="([^"]+)"', first).group(1)
    assert link.startswith("/doc/d-eval") and "#hit" in link
    assert "also in:" in first
    page = client.get(link.replace("&amp;", "&").split("#")[0])
    assert page.status_code == 200
    assert '<mark class="passage" id="hit">' in page.text
    assert "<mark>workload</mark>" in page.text


def test_document_markup_is_shown_as_text(client):
    html = client.get("/", params={"q": "markup injection"}).text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "Markup &lt;b&gt;test&lt;/b&gt; page" in html
    page = client.get("/doc/d-script/page/1", params={"q": "markup"}).text
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Test &amp; Co" in page


def test_filters_narrow_results(client):
    html = client.get("/", params={"q": "workload", "doc_type": "factsheet"}).text
    assert html.count('<li class="hit">') == 1 and "AYA fertility services factsheet" in html
    html = client.get("/", params={"q": "workload", "year_from": "2030"}).text
    assert 'id="no-hits"' in html
    r = client.get("/", params={"q": "workload", "year_from": "soon"})
    assert r.status_code == 400 and "whole years" in r.text


def test_json_api(client):
    r = client.get("/api/search", params={"q": "funding of ERICs", "k": 2, "mode": "hybrid"})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "funding of ERICs" and body["k"] == 2
    hit = body["hits"][0]
    assert hit["doc_id"] == "d-eric" and hit["publisher"] == "BBMRI-ERIC" and hit["year"] == 2019
    assert hit["url"].startswith("/doc/d-eric/page/1?")
    r = client.get("/api/search", params=[("q", "workload"), ("publisher", "commission"),
                                          ("country", "Germany")])  # fmt: skip
    assert r.json()["filters"] == {"publisher": ["commission"], "country": ["Germany"]}
    assert r.json()["hits"] == [] or {h["doc_id"] for h in r.json()["hits"]} == {"d-eval"}
    unknown = client.get("/api/search", params={"q": "x", "colour": "red"})
    assert unknown.status_code == 400 and "colour" in unknown.json()["detail"]
    assert client.get("/api/search", params={"q": "x", "theme": "one"}).status_code == 400
    assert client.get("/api/search", params={"q": "x", "mode": "magic"}).status_code == 400
    assert client.get("/api/search").status_code == 400
    facets = client.get("/api/facets").json()
    assert {"value": "evaluation", "label": "evaluation"} in facets["doc_type"]


def test_page_api_and_missing_pages(client):
    r = client.get("/api/doc/d-eval/page/2")
    assert r.status_code == 200 and r.json()["n_pages"] == 2 and "workload" in r.json()["text"]
    assert client.get("/doc/d-eval/page/3").status_code == 404
    assert client.get("/doc/nope/page/1").status_code == 404
    assert client.get("/api/doc/nope/page/1").status_code == 404


def test_serve_binds_loopback_by_default(monkeypatch, web_app):
    import uvicorn

    seen = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda app, host, port, **kw: seen.update(host=host, port=port)
    )
    monkeypatch.setattr("jane_synth.web.create_app", lambda out, **options: web_app)
    out = web_app.state.service.database.parent.parent
    result = CliRunner().invoke(cli_app, ["serve", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8000}


@pytest.mark.parametrize("kind", ["missing", "empty", "file"])
def test_serve_without_index_exits_2_naming_the_path(tmp_path, kind):
    out = tmp_path / "out"
    if kind == "empty":
        out.mkdir()
    elif kind == "file":
        out.write_text("not a folder")
    result = CliRunner().invoke(cli_app, ["serve", "--out", str(out)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "jane-synth run" in result.output and str(out) in result.output.replace("\n", "")


@pytest.mark.parametrize("page", ["0", "-1", "3", "10000000000000000000000000"])
def test_pages_out_of_range_are_404(client, page):
    assert client.get(f"/api/doc/d-eval/page/{page}").status_code == 404
    assert client.get(f"/doc/d-eval/page/{page}").status_code == 404


def test_modes_on_the_page_come_from_the_registry(client):
    from jane_synth.search import search_modes

    html = client.get("/").text
    assert re.findall(r'<option value="(\w+)"[^>]*>\1</option>', html.split('name="mode"')[1])[
        : len(search_modes())
    ] == list(search_modes())


# -- headless Chromium --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_app):
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def browser(tmp_path):
    if not CHROMIUM.exists() or not Path(CHROMEDRIVER).exists():
        pytest.skip("needs Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.mark.browser
def test_browser_query_shows_cited_results_and_script_as_text(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(server + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("CPMS workload of case discussions")
    box.submit()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "hits")))
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert hits
    citation = hits[0].find_element(By.CLASS_NAME, "citation").text
    assert re.search(r"ERN evaluation report 2021.*p\. \d", citation)
    assert hits[0].find_element(By.TAG_NAME, "mark").text.lower() in {"workload", "case", "cpms"}
    hits[0].find_element(By.CLASS_NAME, "page-link").click()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "page-text")))
    assert "workload" in browser.find_element(By.ID, "hit").text

    browser.get(server + "/")
    Select(browser.find_element(By.NAME, "doc_type")).select_by_value("webpage")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("markup injection")
    box.submit()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "hits")))
    snippet = browser.find_element(By.CSS_SELECTOR, "li.hit .snippet").text
    assert '<script>alert("xss")</script>' in snippet
    assert browser.find_element(By.CSS_SELECTOR, "li.hit a.title").text == "Markup <b>test</b> page"
    assert not browser.find_elements(By.CSS_SELECTOR, "li.hit script, li.hit b")
    browser.find_element(By.CLASS_NAME, "page-link").click()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "page-text")))
    assert "<script>" in browser.find_element(By.ID, "page-text").text
    assert browser.execute_script("return document.scripts.length") == 0


def test_back_to_results_keeps_the_filters(client):
    import html as html_lib

    results = client.get("/", params={"q": "workload", "doc_type": "factsheet"}).text
    link = html_lib.unescape(re.search(r'<a class="page-link" href="([^"]+)"', results).group(1))
    page = client.get(link.split("#")[0]).text
    back = html_lib.unescape(re.search(r'<a href="([^"]+)">back to results</a>', page).group(1))
    assert back.startswith("/?") and "doc_type=factsheet" in back and "q=workload" in back
    again = client.get(back).text
    assert again.count('<li class="hit">') == 1 and "AYA fertility services factsheet" in again

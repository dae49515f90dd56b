"""One validation for the command line and the API: SearchRequest, and a table showing that
both answer alike."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jane_synth.cli import app as cli_app
from jane_synth.search import InvalidRequest, SearchRequest, search_modes
from jane_synth.search.request import MAX_K, MAX_QUERY_CHARS, clamp_k, clean_query
from jane_synth.web import create_app
from tests.search_helpers import build_store


def test_parse_cleans_the_query_and_keeps_the_rest():
    r = SearchRequest.parse("  patient\tinvolvement\x00\x1b[31m ", 5, "bm25", ["doc_type=report"])
    assert r.query == "patient involvement[31m"
    assert (r.k, r.mode) == (5, "bm25")
    assert r.filters.values == {"doc_type": ("report",)}
    assert SearchRequest.parse("x").mode == "hybrid" and SearchRequest.parse("x").k == 10


def test_undecodable_bytes_are_dropped():
    # Python hands undecodable command-line bytes over as lone surrogates.
    assert clean_query("\udcff\udcfe governance") == "governance"
    assert clean_query(b"\xff\xfe governance") == "governance"
    assert clean_query("caf\u00e9 \ue000private") == "caf\u00e9 private"


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", "\udcff", None])
def test_empty_queries_are_refused(query):
    with pytest.raises(InvalidRequest, match="query is empty"):
        SearchRequest.parse(query)


def test_long_queries_are_refused():
    with pytest.raises(InvalidRequest, match=str(MAX_QUERY_CHARS)):
        SearchRequest.parse("word " * MAX_QUERY_CHARS)


def test_k_is_clamped_and_must_be_a_number():
    assert [clamp_k(v) for v in (0, -3, 1, 50, 1000, "7", None, "")] == [1, 1, 1, 50, MAX_K, 7,
                                                                         10, 10]  # fmt: skip
    with pytest.raises(InvalidRequest, match="whole number"):
        clamp_k("ten")


def test_unknown_mode_and_filters_are_refused_by_name():
    with pytest.raises(InvalidRequest, match="unknown mode 'magic'; known: hybrid"):
        SearchRequest.parse("x", mode="magic")
    with pytest.raises(InvalidRequest, match="unknown filter 'colour'; known: country"):
        SearchRequest.parse("x", filters=["colour=red"])
    with pytest.raises(InvalidRequest, match="unknown filter 'colour'"):
        SearchRequest.parse("x", filters={"colour": ["red"]})
    with pytest.raises(InvalidRequest, match="whole years"):
        SearchRequest.parse("x", filters={"year_from": "soon"})
    for mode in search_modes():
        assert SearchRequest.parse("x", mode=mode).mode == mode


# -- the command line and the API agree --------------------------------------------------------


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, embedder):
    return build_store(tmp_path_factory.mktemp("agree"), embedder).root


@pytest.fixture(scope="module")
def client(out_dir, embedder):
    application = create_app(out_dir, embedder=embedder)
    with TestClient(application) as c:
        yield c
    application.state.service.searcher.close()


def _cli(out_dir, query: str, k: int = 10, mode: str = "hybrid", filters=()) -> tuple[int, object]:
    args = ["search", query, "-k", str(k), "--mode", mode, "--json", "--out", str(out_dir)]
    for f in filters:
        args += ["--filter", f]
    result = CliRunner().invoke(cli_app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 0:
        return 0, [h["chunk_id"] for h in json.loads(result.stdout)]
    assert "Traceback" not in result.output and result.output.strip().count("\n") <= 1
    return result.exit_code, result.output


def _api(client, query: str, k: int = 10, mode: str = "hybrid", filters=()) -> tuple[int, object]:
    params = [("q", query), ("k", str(k)), ("mode", mode)]
    params += [tuple(f.split("=", 1)) for f in filters]
    r = client.get("/api/search", params=params)
    if r.status_code == 200:
        return 200, [h["chunk_id"] for h in r.json()["hits"]]
    return r.status_code, r.json()["detail"]


CASES = {
    "empty query": (dict(query="  "), "query is empty"),
    "k=0": (dict(query="fertility", k=0), 1),
    "k=1000": (dict(query="evaluation funding", k=1000), None),
    "unknown filter key": (dict(query="x", filters=["colour=red"]), "colour"),
    "unknown mode": (dict(query="x", mode="magic"), "magic"),
    "control characters": (dict(query="fertility\x00\x07\x1b preservation"), None),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_cli_and_api_agree(case, out_dir, client, embedder, monkeypatch):
    # The command opens the index as usual, with the model already loaded for this session.
    monkeypatch.setattr("jane_synth.search.searcher.Embedder", lambda: embedder)
    kwargs, expect = CASES[case]
    cli_code, cli_out = _cli(out_dir, **kwargs)
    api_code, api_out = _api(client, **kwargs)
    assert {0: 200, 2: 400}[cli_code] == api_code, (cli_out, api_out)
    if api_code == 400:
        assert expect in cli_out and expect in api_out
    else:
        assert cli_out == api_out and cli_out
        if isinstance(expect, int):
            assert len(cli_out) == expect


@pytest.mark.slow
def test_non_utf8_bytes_on_the_command_line_give_a_clean_result(out_dir, embedder, monkeypatch):
    monkeypatch.setattr("jane_synth.search.searcher.Embedder", lambda: embedder)
    code, hits = _cli(out_dir, "\udcff\udcfe fertility")
    assert code == 0 and hits

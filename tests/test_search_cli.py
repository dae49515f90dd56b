"""``jane-synth search --json`` over a small store."""

import json

import pytest
from typer.testing import CliRunner

from jane_synth.cli import app
from tests.search_helpers import build_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, embedder):
    return build_store(tmp_path_factory.mktemp("cli"), embedder).root


def test_json_output_lists_cited_hits(out_dir):
    result = CliRunner().invoke(
        app, ["search", "CPMS workload", "-k", "2", "--json", "--out", str(out_dir)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert 1 <= len(rows) <= 2
    top = rows[0]
    assert set(top) >= {"chunk_id", "doc_id", "title", "page", "score", "snippet", "text", "path",
                        "also_in"}  # fmt: skip
    assert top["doc_id"] in {"d-eval", "d-eval-v2"}
    assert isinstance(top["page"], int) and top["title"].startswith("ERN evaluation report")
    assert [set(c) >= {"doc_id", "title", "page", "path"} for c in top["also_in"]] == [True]


def test_json_output_with_filters(out_dir):
    result = CliRunner().invoke(
        app,
        ["search", "fertility", "--json", "--filter", "noe_domain=adolescents-young-adults",
         "--filter", "year_from=2023", "--out", str(out_dir)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [r["doc_id"] for r in json.loads(result.stdout)] == ["d-aya"]


def test_bad_year_filter_exits_2(out_dir):
    result = CliRunner().invoke(
        app, ["search", "x", "--filter", "year_from=soon", "--out", str(out_dir)]
    )
    assert result.exit_code == 2


@pytest.mark.parametrize("kind", ["file", "empty folder"])
def test_out_that_holds_no_index_exits_2_naming_it(tmp_path, kind):
    out = tmp_path / "out"
    out.write_text("x") if kind == "file" else out.mkdir()
    result = CliRunner().invoke(app, ["search", "governance", "--out", str(out)])
    assert result.exit_code == 2
    assert str(out) in result.output and "Traceback" not in result.output


def test_modes_in_the_help_come_from_the_registry():
    from jane_synth.search import search_modes

    result = CliRunner().invoke(app, ["search", "--help"], terminal_width=200)
    assert ", ".join(search_modes()) in result.output
    assert "1 to 100" in result.output


def _ranked(out_dir, mode: str, env: dict[str, str] | None = None) -> list[str]:
    args = ["search", "network governance and funding", "-k", "5", "--json", "--mode", mode]
    result = CliRunner().invoke(app, [*args, "--out", str(out_dir)], env=env)
    assert result.exit_code == 0, result.output
    return [row["chunk_id"] for row in json.loads(result.stdout)]


def test_search_settings_come_from_the_environment(out_dir):
    """``JANE_SEARCH__ALPHA=1`` gives all the hybrid weight to the dense side."""
    dense = _ranked(out_dir, "dense")
    assert _ranked(out_dir, "hybrid", {"JANE_SEARCH__ALPHA": "1.0"}) == dense


def test_a_bad_search_setting_exits_2_naming_it(out_dir):
    result = CliRunner().invoke(
        app, ["search", "funding", "--out", str(out_dir)], env={"JANE_SEARCH__COLOUR": "blue"}
    )
    assert result.exit_code == 2 and "colour" in result.output

from typer.testing import CliRunner

from jane_synth.cli import app


def test_run_with_a_missing_corpus_folder_fails_clearly(tmp_path):
    result = CliRunner().invoke(
        app, ["run", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "corpus folder not found" in result.output


def test_search_before_any_run_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["search", "governance", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "jane-synth run" in result.output


def test_search_rejects_unknown_filters(tmp_path):
    result = CliRunner().invoke(
        app, ["search", "x", "--filter", "colour=blue", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "unknown filter" in result.output


def test_help_lists_the_commands():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "search", "ui"):
        assert command in result.output


def test_the_committed_instance_config_is_the_one_the_cli_writes():
    import yaml

    from jane_synth.cli import INSTANCE_CONFIG
    from jane_synth.config import PROJECT_ROOT

    committed = yaml.safe_load((PROJECT_ROOT / ".dagster_home" / "dagster.yaml").read_text())
    assert committed == yaml.safe_load(INSTANCE_CONFIG)
    assert committed["telemetry"] == {"enabled": False}

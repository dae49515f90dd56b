from typer.testing import CliRunner

from jane_synth.cli import app


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


def test_the_library_cli_has_the_commands_that_need_no_dagster():
    import subprocess
    import sys

    listed = subprocess.run(
        [sys.executable, "-c", "from jane_synth.cli import app; import sys; "
         "print(sorted(c.name or c.callback.__name__ for c in app.registered_commands)); "
         "print('dagster' in sys.modules)"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    assert listed[0] == "['search', 'serve']"
    assert listed[1] == "False"

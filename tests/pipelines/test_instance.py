import yaml

from jane_synth.config import PROJECT_ROOT
from pipelines.instance import INSTANCE_CONFIG, dagster_home


def test_the_committed_instance_config_is_the_one_the_cli_writes():
    committed = yaml.safe_load((PROJECT_ROOT / ".dagster_home" / "dagster.yaml").read_text())
    assert committed == yaml.safe_load(INSTANCE_CONFIG)
    assert committed["run_monitoring"]["enabled"] is True
    assert committed["telemetry"] == {"enabled": False}


def test_dagster_home_writes_the_config_once_and_exports_the_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    assert dagster_home() == home.resolve()
    assert yaml.safe_load((home / "dagster.yaml").read_text())["concurrency"]["runs"] == {
        "max_concurrent_runs": 1
    }
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")  # an operator's own
    dagster_home()
    assert (home / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"

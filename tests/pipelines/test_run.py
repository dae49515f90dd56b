from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
    materialize,
)

from pipelines.run import summarize


@asset
def numbers() -> MaterializeResult:
    return MaterializeResult(
        metadata={
            "rows": 3,
            "share": 0.5,
            "note": "fine",
            "table": MetadataValue.md("| a |\n| - |"),
            "listing": MetadataValue.json({"a": 1}),
        }
    )


@asset_check(asset=numbers)
def numbers_are_few() -> AssetCheckResult:
    return AssetCheckResult(passed=True)


@asset_check(asset=numbers)
def numbers_are_round() -> AssetCheckResult:
    return AssetCheckResult(passed=False, severity=AssetCheckSeverity.WARN)


@asset_check(asset=numbers)
def numbers_are_even() -> AssetCheckResult:
    return AssetCheckResult(passed=False)


def test_summarize_reads_materializations_and_checks_into_plain_records():
    result = materialize([numbers, numbers_are_few, numbers_are_round, numbers_are_even])
    summary = summarize(result)
    assert summary.success
    (only,) = summary.assets
    assert only.name == "numbers" and only.partitions == 1
    assert only.metadata == {"rows": 3, "share": 0.5, "note": "fine"}  # no tables, no JSON
    assert {c.name: c.status for c in summary.checks} == {
        "numbers_are_few": "passed",
        "numbers_are_round": "warning",
        "numbers_are_even": "failed",
    }
    assert summary.failed_checks == ["numbers_are_even"]


def test_checks_of_an_asset_run_in_its_step_and_are_summarized(monkeypatch):
    from dagster import AssetCheckSeverity as Severity

    from pipelines import check_registry
    from pipelines.check_registry import asset_check_of, check_specs, checked

    monkeypatch.setattr(check_registry, "REGISTERED", [])

    @asset_check_of("counted", "Passes.")
    def counted_is_fine(settings: int) -> AssetCheckResult:
        return AssetCheckResult(passed=settings == 3)

    @asset_check_of("counted", "Fails, as a warning.")
    def counted_is_odd() -> AssetCheckResult:
        return AssetCheckResult(passed=False, severity=Severity.WARN, metadata={"n": 3})

    @asset_check_of("counted", "Raises.")
    def counted_check_breaks() -> AssetCheckResult:
        raise OSError("disk gone")

    @asset(check_specs=check_specs("counted"))
    def counted() -> MaterializeResult:
        return checked(MaterializeResult(metadata={"rows": 3}), "counted", settings=3)

    result = materialize([counted])
    summary = summarize(result)
    assert summary.success and [a.name for a in summary.assets] == ["counted"]
    assert [(c.asset, c.name, c.status) for c in summary.checks] == [
        ("counted", "counted_is_fine", "passed"),
        ("counted", "counted_is_odd", "warning"),
        ("counted", "counted_check_breaks", "failed"),
    ]
    odd, broken = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert odd.metadata["n"].value == 3 and odd.description is None
    assert broken.metadata["error"].value == "OSError: disk gone"
    steps = {e.step_key for e in result.all_events if e.step_key}
    assert steps == {"counted"}  # no step of their own


def test_checked_keeps_what_the_asset_returned_besides_its_metadata(monkeypatch):
    from dagster import DataVersion

    from pipelines import check_registry
    from pipelines.check_registry import asset_check_of, checked

    monkeypatch.setattr(check_registry, "REGISTERED", [])

    @asset_check_of("counted", "Passes.")
    def counted_is_fine() -> AssetCheckResult:
        return AssetCheckResult(passed=True)

    result = checked(
        MaterializeResult(metadata={"rows": 3}, data_version=DataVersion("v1"), tags={"t": "1"}),
        "counted",
    )
    assert result.metadata == {"rows": 3} and result.tags == {"t": "1"}
    assert result.data_version == DataVersion("v1")
    assert [c.check_name for c in result.check_results] == ["counted_is_fine"]

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

"""Failed runs are recorded in failures.jsonl and posted to a webhook on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from dagster import (
    DagsterInstance,
    Definitions,
    asset,
    build_run_status_sensor_context,
    define_asset_job,
)

from jane_synth.failures import WEBHOOK_ENV, error_summary, post_failure, read_failures
from pipelines.failures import failure_report_sensor, report_in_process_failure
from pipelines.resources import JaneSettings


@asset
def healthy() -> int:
    return 1


@asset(deps=[healthy])
def broken() -> None:
    raise ValueError("the store is on fire\nsecond line of detail")


JOB = Definitions(
    assets=[healthy, broken], jobs=[define_asset_job("refresh", selection=[healthy, broken])]
).resolve_job_def("refresh")


class Webhook:
    """A local HTTP server that records the JSON bodies posted to it."""

    def __init__(self, status: int = 200):
        received: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.received = received
        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


def _failed_run(instance: DagsterInstance):
    result = JOB.execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    return result


def test_the_sensor_writes_a_record_and_posts_it_to_the_webhook(tmp_path, monkeypatch, webhook):
    monkeypatch.setenv(WEBHOOK_ENV, webhook.url)
    settings = JaneSettings(corpus_dir=str(tmp_path), output_dir=str(tmp_path / "out"))
    instance = DagsterInstance.ephemeral()
    result = _failed_run(instance)
    with build_run_status_sensor_context(
        sensor_name=failure_report_sensor.name,
        dagster_event=result.get_run_failure_event(),
        dagster_instance=instance,
        dagster_run=result.dagster_run,
        resources={"settings": settings},
    ) as context:
        failure_report_sensor(context.for_run_failure())
    (record,) = read_failures(tmp_path / "out" / "failures.jsonl")
    assert record.run_id == result.run_id and record.job == "refresh"
    assert record.asset == "broken"
    assert record.error == "ValueError: the store is on fire"
    assert record.time.endswith("Z")
    assert webhook.received == [json.loads(record.to_json())]


def test_jane_synth_run_records_its_own_failure_without_a_daemon(tmp_path, monkeypatch):
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    result = _failed_run(DagsterInstance.ephemeral())
    said: list[str] = []
    report_in_process_failure(result, str(tmp_path), said.append)
    report_in_process_failure(result, str(tmp_path), said.append)  # appended, not replaced
    records = read_failures(tmp_path / "failures.jsonl")
    assert [r.asset for r in records] == ["broken", "broken"]
    assert said[0] == f"failure recorded in {tmp_path / 'failures.jsonl'}"


def test_an_unreachable_or_failing_webhook_is_reported_not_raised(tmp_path):
    result = _failed_run(DagsterInstance.ephemeral())
    from pipelines.failures import failure_record

    record = failure_record(result.run_id, "refresh", result.get_run_failure_event(), [])
    assert record.asset is None and "Execution of run" in record.error
    hook = Webhook(status=500)
    try:
        assert post_failure(hook.url, record) == f"webhook {hook.url} answered HTTP 500"
    finally:
        hook.close()
    problem = post_failure("http://127.0.0.1:9/nothing-listens", record, timeout=2)
    assert problem is not None and problem.startswith("webhook http://127.0.0.1:9/")
    assert post_failure("file:///etc/passwd", record) is not None


def test_error_summaries_are_one_short_line():
    assert error_summary("\n  KeyError: 'x'\n  at line 3") == "KeyError: 'x'"
    assert len(error_summary("x" * 2000)) == 500
    assert error_summary("") == "unknown error"

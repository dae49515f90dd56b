"""Failure records of pipeline runs: one JSON line each in ``failures.jsonl``, and a webhook.

A record says which run failed, at which asset (or step), with the first line of the error, and
when. It is appended to ``<output>/failures.jsonl`` with one ``write`` of one line (so two writers
never interleave inside a line) and, when ``$JANE_FAILURE_WEBHOOK`` names a URL, posted there as
JSON. A webhook that cannot be reached never hides the failure: the line is written first, and
the post's own error is returned for the caller to log.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

WEBHOOK_ENV = "JANE_FAILURE_WEBHOOK"
WEBHOOK_TIMEOUT_S = 10.0
MAX_ERROR_CHARS = 500


@dataclass(frozen=True)
class FailureRecord:
    """One failed run: its id, job, failed asset (or step; ``None`` when no step failed), a
    one-line error summary, and the time of the failure (ISO 8601, UTC)."""

    run_id: str
    job: str
    asset: str | None
    error: str
    time: str

    def to_json(self) -> str:
        """The record as one line of JSON (keys in a fixed order)."""
        return json.dumps(asdict(self), ensure_ascii=False)


def utc_timestamp(seconds: float | None = None) -> str:
    """``2026-12-01T16:00:00Z`` for ``seconds`` since the epoch (default: now)."""
    moment = datetime.now(UTC) if seconds is None else datetime.fromtimestamp(seconds, UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def error_summary(message: str) -> str:
    """The first non-empty line of an error message, at most ``MAX_ERROR_CHARS`` long."""
    line = next((s.strip() for s in message.splitlines() if s.strip()), "unknown error")
    return line if len(line) <= MAX_ERROR_CHARS else line[: MAX_ERROR_CHARS - 1] + "…"


def append_failure(path: Path, record: FailureRecord) -> None:
    """Append the record to ``path`` as one line, in one write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, (record.to_json() + "\n").encode("utf-8"))
    finally:
        os.close(fd)


def read_failures(path: Path) -> list[FailureRecord]:
    """Every record of a failures file (none when it does not exist)."""
    if not path.is_file():
        return []
    lines = path.read_text("utf-8").splitlines()
    return [FailureRecord(**json.loads(line)) for line in lines if line.strip()]


def post_failure(url: str, record: FailureRecord, timeout: float = WEBHOOK_TIMEOUT_S) -> str | None:
    """POST the record as JSON to ``url``; the error as text when that failed, else None."""
    if not url.startswith(("http://", "https://")):
        return f"webhook URL must start with http:// or https://: {url!r}"
    request = urllib.request.Request(
        url,
        data=record.to_json().encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"webhook {url} failed: {exc}"
    return None if 200 <= status < 300 else f"webhook {url} answered HTTP {status}"


def report_failure(failures_file: Path, record: FailureRecord) -> str | None:
    """Append the record, then post it to ``$JANE_FAILURE_WEBHOOK`` if set; the webhook's error
    as text when posting failed, else None."""
    append_failure(failures_file, record)
    url = os.environ.get(WEBHOOK_ENV, "").strip()
    return post_failure(url, record) if url else None

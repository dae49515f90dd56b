"""`jane-synth ui` serves the asset graph on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.processes import stop_group

pytestmark = pytest.mark.slow

QUERY = json.dumps({"query": "{ assetNodes { assetKey { path } groupName } }"}).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ui_serves_the_asset_graph_on_loopback(tmp_path):
    port = free_port()
    cli = Path(sys.executable).with_name("jane-synth")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "home"),
        "JANE_OUTPUT_DIR": str(tmp_path / "out"),
    }
    proc = subprocess.Popen(
        [str(cli), "ui", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        nodes = None
        while time.monotonic() < deadline and nodes is None:
            time.sleep(1)
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/graphql",
                    data=QUERY,
                    headers={"content-type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    nodes = json.load(response)["data"]["assetNodes"]
            except (OSError, KeyError, TypeError):
                assert proc.poll() is None, "dagster dev exited early"
        assert nodes is not None, "the UI did not answer in time"
        assert {n["assetKey"]["path"][0] for n in nodes} == {
            "documents", "corpus", "chunks", "embeddings", "search_index", "themes", "briefs"
        }  # fmt: skip
        assert (tmp_path / "home" / "dagster.yaml").read_text().count("enabled: false") == 1
    finally:
        stop_group(proc)

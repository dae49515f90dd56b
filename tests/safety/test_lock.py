"""The output folder's lock, between real processes."""

from __future__ import annotations

import os
import signal

import pytest

from jane_synth.lock import LOCK_NAME, OutputLock, OutputLocked, read_holder

from .lock_holder import start_holder


def test_a_second_writer_stops_with_a_message_naming_the_holder(tmp_path):
    holder = start_holder(tmp_path, 60)
    try:
        with pytest.raises(OutputLocked) as caught:
            OutputLock(tmp_path).acquire(timeout=0)
        message = str(caught.value)
        assert f"pid {holder.pid}" in message and "test holder" in message
        assert caught.value.holder is not None and caught.value.holder.started.endswith("Z")
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_does_not_keep_the_lock(tmp_path):
    holder = start_holder(tmp_path, 60)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    lock = OutputLock(tmp_path, "after the kill").acquire(timeout=5)
    try:
        assert lock.held_here()
        held = read_holder(tmp_path / LOCK_NAME)
        assert held is not None and held.pid == os.getpid() and held.command == "after the kill"
    finally:
        lock.release()
    assert (tmp_path / LOCK_NAME).exists()  # never deleted


def test_a_waiting_writer_is_told_who_it_waits_for_then_gets_the_lock(tmp_path):
    holder = start_holder(tmp_path, 1.0)
    told = []
    try:
        with OutputLock(tmp_path).hold(timeout=60, on_wait=told.append) as lock:
            assert lock.held_here()
    finally:
        holder.wait()
    assert len(told) == 1 and told[0] is not None and told[0].pid == holder.pid


def test_the_lock_is_re_entrant_within_one_process(tmp_path):
    outer = OutputLock(tmp_path)
    with outer.hold():
        with OutputLock(tmp_path).hold():  # e.g. a Dagster step inside `jane-synth run`
            assert outer.held_here()
        assert outer.held_here()
    assert not outer.held_here()
    OutputLock(tmp_path).acquire().release()

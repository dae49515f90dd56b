"""Corpus files as Dagster dynamic partitions: one key per file version (``path@sha256-prefix``)."""

from pathlib import Path

from dagster import DagsterInstance, DynamicPartitionsDefinition

from jane_synth.corpus_cache import cached_corpus_state
from jane_synth.pipeline import corpus_state

corpus_files = DynamicPartitionsDefinition(name="corpus_files")


def partition_key(path: str, sha256: str) -> str:
    """The key of one file version: its path and the start of its content hash."""
    return f"{path}@{sha256[:16]}"


def path_of_partition_key(key: str) -> str:
    """The corpus-relative path a partition key stands for."""
    return key.rpartition("@")[0]


def wanted_keys(corpus_dir: Path, cache_file: Path | None = None) -> list[str]:
    """The partition keys the corpus folder calls for now, in path order; with ``cache_file``,
    only files whose size or times changed since it was written are hashed."""
    if cache_file is None:
        state = corpus_state(corpus_dir)
    else:
        state, _ = cached_corpus_state(corpus_dir, cache_file)
    return [partition_key(path, sha) for path, sha in sorted(state.items())]


def partition_changes(existing: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    """``(added, removed)``: the wanted keys the instance lacks (in ``keys`` order) and the
    instance's keys that no file has any more."""
    have, wanted = set(existing), set(keys)
    return [k for k in keys if k not in have], sorted(k for k in existing if k not in wanted)


def sync_partitions(instance: DagsterInstance, keys: list[str]) -> tuple[list[str], list[str]]:
    """Add the keys the instance lacks and delete the ones no file has any more."""
    added, removed = partition_changes(instance.get_dynamic_partitions(corpus_files.name), keys)
    if added:
        instance.add_dynamic_partitions(corpus_files.name, added)
    for key in removed:
        instance.delete_dynamic_partition(corpus_files.name, key)
    return added, removed


def keys_not_in_store(keys: list[str], stored: dict[str, str]) -> list[str]:
    """The keys whose file version the store does not hold (``stored``: path -> sha256)."""
    return [
        k
        for k in keys
        if (path := path_of_partition_key(k)) not in stored
        or partition_key(path, stored[path]) != k
    ]


def range_tags(instance: DagsterInstance, keys: list[str]) -> dict[str, str]:
    """Run tags for one run over ``keys``: the smallest range of instance keys that covers them
    (dynamic partitions keep the order in which they were added)."""
    ordered = instance.get_dynamic_partitions(corpus_files.name)
    position = {k: i for i, k in enumerate(ordered)}
    covered = sorted(position[k] for k in keys)
    return {
        "dagster/asset_partition_range_start": ordered[covered[0]],
        "dagster/asset_partition_range_end": ordered[covered[-1]],
    }

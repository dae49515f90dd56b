"""Corpus files as Dagster dynamic partitions: one key per file version (``path@sha256-prefix``)."""

from dagster import DagsterInstance, DynamicPartitionsDefinition

from jane_synth.pipeline import corpus_state, partition_key

corpus_files = DynamicPartitionsDefinition(name="corpus_files")


def wanted_keys(corpus_dir) -> list[str]:
    """The partition keys the corpus folder calls for now, in path order."""
    return [partition_key(path, sha) for path, sha in sorted(corpus_state(corpus_dir).items())]


def sync_partitions(instance: DagsterInstance, keys: list[str]) -> tuple[list[str], list[str]]:
    """Add the keys the instance lacks and delete the ones no file has any more."""
    existing = instance.get_dynamic_partitions(corpus_files.name)
    wanted = set(keys)
    added = [k for k in keys if k not in set(existing)]
    removed = [k for k in existing if k not in wanted]
    if added:
        instance.add_dynamic_partitions(corpus_files.name, added)
    for key in removed:
        instance.delete_dynamic_partition(corpus_files.name, key)
    return added, removed


def range_tags(instance: DagsterInstance, keys: list[str]) -> dict[str, str]:
    """Run tags for one run over ``keys``: the smallest range of instance keys that covers them."""
    order = {k: i for i, k in enumerate(instance.get_dynamic_partitions(corpus_files.name))}
    positions = sorted(order[k] for k in keys)
    ordered = instance.get_dynamic_partitions(corpus_files.name)
    return {
        "dagster/asset_partition_range_start": ordered[positions[0]],
        "dagster/asset_partition_range_end": ordered[positions[-1]],
    }

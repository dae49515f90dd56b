from pipelines.partitions import partition_changes, partition_key, path_of_partition_key


def test_a_key_holds_the_path_and_the_start_of_the_hash():
    key = partition_key("reports/a@b.md", "0123456789abcdef" + "f" * 48)
    assert key == "reports/a@b.md@0123456789abcdef"
    assert path_of_partition_key(key) == "reports/a@b.md"


def test_partition_changes_keep_the_order_of_the_wanted_keys():
    added, removed = partition_changes(["b@1", "z@9"], ["c@3", "a@1", "b@1"])
    assert added == ["c@3", "a@1"] and removed == ["z@9"]

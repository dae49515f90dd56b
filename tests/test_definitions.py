from dagster import (
    AssetKey,
    SensorResult,
    SkipReason,
    build_asset_context,
    build_sensor_context,
    instance_for_test,
)

from pipelines.definitions import build_definitions, defs
from pipelines.partitions import wanted_keys


def test_definitions_load_assets_job_schedule_sensor_and_checks():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {
        "documents",
        "corpus",
        "chunks",
        "embeddings",
        "search_index",
        "themes",
        "briefs",
    }
    assert defs.resolve_job_def("refresh_all") is not None
    assert defs.resolve_job_def("ingest_files") is not None
    assert defs.resolve_schedule_def("weekly_refresh").cron_schedule == "0 6 * * 1"
    assert defs.resolve_sensor_def("corpus_change_sensor") is not None
    check_names = {k.name for k in graph.asset_check_keys}
    assert {
        "every_file_has_an_outcome",
        "every_chunk_has_a_vector",
        "brief_quotes_match_their_pages",
    } <= check_names


def test_every_asset_has_a_group_and_a_description():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.group_name in {"ingestion", "indexing", "synthesis"}
        assert node.description


def test_asset_dependencies_form_the_pipeline():
    graph = defs.resolve_asset_graph()
    parents = {
        k.to_user_string(): {p.to_user_string() for p in graph.get(k).parent_keys}
        for k in graph.get_all_asset_keys()
    }
    assert parents["corpus"] == {"documents"}
    assert parents["chunks"] == {"corpus"}
    assert parents["embeddings"] == {"chunks"}
    assert parents["briefs"] == {"search_index", "themes"}


def test_documents_asset_ingests_its_partitions_and_corpus_reconciles(tmp_path):
    from pipelines.assets.ingestion import corpus, documents
    from pipelines.resources import JaneSettings
    from tests.conftest import ERN_NOTE, make_text_corpus

    folder = make_text_corpus(
        tmp_path / "corpus",
        {
            "note.md": ERN_NOTE,
            "bad.xyz": "?",
            "other.md": "# Other\n\nECRIN supports trials in Europe.",
        },
    )
    settings = JaneSettings(corpus_dir=str(folder), output_dir=str(tmp_path / "out"))
    keys = [k for k in wanted_keys(folder) if k.startswith("note.md@")]
    with instance_for_test() as instance:
        instance.add_dynamic_partitions("corpus_files", keys)
        result = documents(
            build_asset_context(partition_key=keys[0], instance=instance), settings=settings
        )
    assert result.metadata["files"] == 1 and result.metadata["parsed"] == 1
    with settings.open_store() as store:
        assert set(store.file_hashes()) == {"note.md"}
    # The unpartitioned corpus asset ingests the rest and writes the report.
    result = corpus(build_asset_context(), settings=settings)
    assert result.metadata["files"] == 3
    assert result.metadata["status_quarantined"] == 1
    assert result.metadata["parsed_this_run"] == 2
    assert (tmp_path / "out" / "ingest_report.json").is_file()


def test_sensor_adds_and_removes_partitions_and_requests_runs(tmp_path):
    from pipelines.jobs import corpus_change_sensor
    from pipelines.resources import JaneSettings
    from tests.conftest import ERN_NOTE, make_text_corpus

    folder = make_text_corpus(tmp_path / "corpus", {"note.md": ERN_NOTE})
    settings = JaneSettings(corpus_dir=str(folder), output_dir=str(tmp_path / "out"))
    with instance_for_test() as instance:

        def evaluate(cursor=None):
            with build_sensor_context(
                instance=instance, cursor=cursor, resources={"settings": settings}
            ) as ctx:
                result = corpus_change_sensor(ctx)
            if isinstance(result, SensorResult):
                for request in result.dynamic_partitions_requests:
                    if request.__class__.__name__.startswith("Add"):
                        instance.add_dynamic_partitions(
                            request.partitions_def_name, list(request.partition_keys)
                        )
                    else:
                        for key in request.partition_keys:
                            instance.delete_dynamic_partition(request.partitions_def_name, key)
            return result

        first = evaluate()
        (run,) = first.run_requests
        assert run.job_name == "ingest_files"
        (key,) = instance.get_dynamic_partitions("corpus_files")
        assert key.startswith("note.md@") and run.tags["dagster/asset_partition_range_start"] == key

        assert isinstance(evaluate(first.cursor), SkipReason)

        (folder / "note.md").write_text(ERN_NOTE + "\nA new sentence about ECRIN trials.\n")
        changed = evaluate(first.cursor)
        (new_key,) = instance.get_dynamic_partitions("corpus_files")
        assert (
            new_key != key
            and changed.run_requests[0].tags["dagster/asset_partition_range_end"] == new_key
        )

        (folder / "note.md").unlink()
        removed = evaluate(changed.cursor)
        assert removed.run_requests[0].job_name == "refresh_all"
        assert instance.get_dynamic_partitions("corpus_files") == []


def test_build_definitions_overrides_folders(tmp_path):
    custom = build_definitions(str(tmp_path / "c"), str(tmp_path / "o"))
    settings = custom.resources["settings"]
    assert settings.corpus_dir == str(tmp_path / "c") and settings.output_dir == str(tmp_path / "o")
    assert AssetKey("briefs") in custom.resolve_asset_graph().get_all_asset_keys()


def test_keys_not_in_store_and_range_tags():
    from pipelines.partitions import keys_not_in_store, partition_key, range_tags

    keys = [
        partition_key("a.md", "1" * 64),
        partition_key("b.md", "2" * 64),
        partition_key("c.md", "3" * 64),
    ]
    stored = {"a.md": "1" * 64, "b.md": "9" * 64}  # b changed, c new
    assert keys_not_in_store(keys, stored) == keys[1:]
    with instance_for_test() as instance:
        instance.add_dynamic_partitions("corpus_files", keys)
        assert range_tags(instance, [keys[2], keys[0]]) == {
            "dagster/asset_partition_range_start": keys[0],
            "dagster/asset_partition_range_end": keys[2],
        }


def test_partition_changes():
    from pipelines.partitions import partition_changes

    assert partition_changes(["a@1", "b@2", "c@3"], ["a@1", "c@9", "d@4"]) == (
        ["c@9", "d@4"],
        ["b@2", "c@3"],
    )
    assert partition_changes([], []) == ([], [])

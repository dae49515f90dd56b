from dagster import AssetKey, build_asset_context

from pipelines.definitions import build_definitions, defs


def test_definitions_load_assets_job_schedule_sensor_and_checks():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {"documents", "chunks", "embeddings", "search_index", "themes", "briefs"}
    assert defs.resolve_job_def("refresh_all") is not None
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
    assert parents["chunks"] == {"documents"}
    assert parents["embeddings"] == {"chunks"}
    assert parents["briefs"] == {"search_index", "themes"}


def test_documents_asset_runs_with_build_asset_context(tmp_path):
    from pipelines.assets.ingestion import documents
    from pipelines.resources import JaneSettings
    from tests.conftest import ERN_NOTE, make_text_corpus

    corpus = make_text_corpus(tmp_path / "corpus", {"note.md": ERN_NOTE, "bad.xyz": "?"})
    settings = JaneSettings(corpus_dir=str(corpus), output_dir=str(tmp_path / "out"))
    result = documents(build_asset_context(), settings=settings)
    assert result.metadata["files"] == 2
    assert result.metadata["status_quarantined"] == 1
    assert (tmp_path / "out" / "ingest_report.json").is_file()


def test_sensor_requests_a_run_only_when_the_corpus_changes(tmp_path):
    from dagster import build_sensor_context

    from pipelines.jobs import corpus_change_sensor
    from pipelines.resources import JaneSettings
    from tests.conftest import ERN_NOTE, make_text_corpus

    corpus = make_text_corpus(tmp_path / "corpus", {"note.md": ERN_NOTE})
    settings = JaneSettings(corpus_dir=str(corpus), output_dir=str(tmp_path / "out"))
    first = corpus_change_sensor(build_sensor_context(resources={"settings": settings}))
    assert first.run_key
    same = corpus_change_sensor(
        build_sensor_context(cursor=first.run_key, resources={"settings": settings})
    )
    assert not hasattr(same, "run_key")
    (corpus / "new.md").write_text("# New\n\nECRIN supports multinational trials.\n")
    changed = corpus_change_sensor(
        build_sensor_context(cursor=first.run_key, resources={"settings": settings})
    )
    assert changed.run_key and changed.run_key != first.run_key


def test_build_definitions_overrides_folders(tmp_path):
    custom = build_definitions(str(tmp_path / "c"), str(tmp_path / "o"))
    settings = custom.resources["settings"]
    assert settings.corpus_dir == str(tmp_path / "c") and settings.output_dir == str(tmp_path / "o")
    assert AssetKey("briefs") in custom.resolve_asset_graph().get_all_asset_keys()

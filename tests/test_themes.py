import numpy as np

from jane_synth.themes import ClassTfidfLabeler, KMeansClusterer, ThemeModel


def blobs(seed=0):
    rng = np.random.default_rng(seed)
    centres = np.eye(8)[:3] * 3
    points = np.concatenate([c + rng.normal(scale=0.1, size=(20, 8)) for c in centres])
    return points / np.linalg.norm(points, axis=1, keepdims=True)


TEXTS = (
    ["palliative care services and hospice coverage"] * 20
    + ["genomic sequencing and NGS panels for omics"] * 20
    + ["ERN funding grants and EU4Health budgets"] * 20
)


def test_kmeans_clusterer_recovers_separated_groups():
    clusterer = KMeansClusterer(candidates=(2, 3, 4, 5))
    labels = clusterer.fit_predict(blobs())
    assert clusterer.chosen_k == 3
    assert len({tuple(labels[i * 20 : (i + 1) * 20]) for i in range(3)}) == 3
    assert all(len(set(labels[i * 20 : (i + 1) * 20])) == 1 for i in range(3))


def test_class_tfidf_labels_name_each_cluster():
    labels = np.repeat([0, 1, 2], 20)
    phrases = ClassTfidfLabeler(top_n=3).keyphrases(TEXTS, labels)
    assert any("palliative" in p for p in phrases[0])
    assert any("genomic" in p or "ngs" in p for p in phrases[1])
    assert any("funding" in p or "grants" in p for p in phrases[2])


def test_theme_model_is_deterministic_and_covers_every_chunk():
    ids = [f"c{i}" for i in range(60)]
    docs = [f"d{i % 7}" for i in range(60)]
    model = ThemeModel(clusterer=KMeansClusterer(candidates=(2, 3, 4)))
    themes, assignment = model.fit(ids, TEXTS, blobs(), docs)
    again, assignment2 = ThemeModel(clusterer=KMeansClusterer(candidates=(2, 3, 4))).fit(
        ids, TEXTS, blobs(), docs
    )
    assert themes == again and assignment == assignment2
    assert set(assignment) == set(ids)
    assert sum(t.size for t in themes) == 60
    assert [t.theme_id for t in themes] == list(range(len(themes)))
    for t in themes:
        reps = t.representative_chunk_ids
        assert len({docs[int(r[1:])] for r in reps}) == len(reps)  # one per document


def test_theme_model_on_empty_input():
    assert ThemeModel().fit([], [], np.zeros((0, 8)), []) == ([], {})


def test_reference_lists_get_no_theme_and_urls_never_label_one():
    from jane_synth.themes import ReferenceListFilter

    sources = "Sources: https://health.ec.europa.eu/european-reference-networks/overview_en https://www.eurordis.org/epags"
    assert ReferenceListFilter().keep(
        [sources, "ERN funding grants were multi-annual."]
    ).tolist() == [False, True]
    ids = [f"c{i}" for i in range(61)]
    texts = [*TEXTS, sources]
    vectors = np.concatenate([blobs(), blobs()[:1]])
    themes, assignment = ThemeModel(clusterer=KMeansClusterer(candidates=(3,))).fit(
        ids, texts, vectors, ids
    )
    assert "c60" not in assignment and len(assignment) == 60
    labels = " ".join(p for t in themes for p in t.keyphrases)
    assert "https" not in labels and "www" not in labels

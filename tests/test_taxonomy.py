from jane_synth.taxonomy import load_taxonomy


def test_bundled_taxonomy_has_seven_noe_domains_and_ten_dimensions():
    tax = load_taxonomy()
    assert len(tax.noe_domains) == 7
    assert len(tax.dimensions) == 10
    assert "adolescents-young-adults" in tax.slugs("noe_domains")
    assert {"governance", "patient-involvement", "equity-access"} <= tax.slugs("dimensions")


def test_slugs_are_unique_across_the_taxonomy():
    slugs = [t.slug for t in load_taxonomy().all_terms()]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    assert duplicates <= {"uk"}  # "UK" and "United Kingdom" are both country names


def test_by_slug_finds_networks_with_labels():
    tax = load_taxonomy()
    assert tax.by_slug("bbmri-eric").label == "RESEARCH_INFRA"
    assert tax.by_slug("ern-euracan").label == "ERN"
    assert tax.by_slug("jarc").label == "JOINT_ACTION"


def test_every_dimension_states_its_answers_as_claims():
    """The evidence model was trained on claims; each dimension's question is asked as the
    statements an answer would make, one per part of the question."""
    for dimension in load_taxonomy().dimensions:
        assert 2 <= len(dimension.answers) <= 5, dimension.slug
        for answer in dimension.answers:
            assert answer.endswith(".") and "?" not in answer, answer


def test_the_bundled_taxonomy_reads_the_same_with_either_yaml_loader():
    from importlib import resources

    import yaml

    text = resources.files("jane_synth").joinpath("data/taxonomy.yaml").read_text("utf-8")
    assert yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == yaml.safe_load(
        text
    )

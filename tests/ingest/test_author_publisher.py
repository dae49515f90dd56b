import pytest

from jane_synth.ingest.metadata import publisher_from_author


@pytest.mark.parametrize(
    "author",
    ["Martijn Kersloot", "J.-Y. Blay", "Sander de Ridder", "Bruna DosSantosVieira",
     "Smith, John", "Jane Doe; Max Mustermann", "gabriele.anton", "Microsoft Office User", ""],
)  # fmt: skip
def test_a_person_or_a_placeholder_is_not_a_publisher(author):
    assert publisher_from_author(author) == ""


@pytest.mark.parametrize(
    "author",
    ["European Commission", "World Health Organization", "WHO Regional Office for Europe",
     "ELIXIR", "BBMRI-ERIC", "Erasmus MC", "JANE ERN-model task force", "Ministry of Health"],
)  # fmt: skip
def test_an_organisation_is_kept_as_the_publisher(author):
    assert publisher_from_author(author) == author

"""The technology catalogue: valid links, a TRL range and a source on every row."""

from symbiose.taxonomy.lists import crm_by_id
from symbiose.taxonomy.materials import materials_by_id
from symbiose.taxonomy.technologies import load_technologies, technologies_for


def test_every_technology_links_known_classes_and_crm_with_a_trl_range_and_source():
    classes, crm = materials_by_id(), crm_by_id()
    techs = load_technologies()
    assert len({t.id for t in techs}) == len(techs)
    for t in techs:
        assert set(t.material_classes) <= set(classes), t.id
        assert set(t.crm) <= set(crm), t.id
        assert 1 <= t.trl_low <= t.trl_high <= 9, t.id
        assert t.source and t.name_en and t.name_nb and t.note_en and t.note_nb, t.id


def test_a_subclass_finds_the_technologies_of_its_parent():
    found = [t.id for t in technologies_for(crm_ids=set(), class_ids={"slag_simn"})]
    assert "physical-separation" in found  # listed for slag_ferroalloy, the parent
    assert "black-mass-hydrometallurgy" not in found


def test_matching_both_crm_and_class_ranks_first():
    found = technologies_for(crm_ids={"scandium"}, class_ids={"bauxite_residue"})
    both = [
        "scandium" in t.crm and bool({"bauxite_residue", "mining_waste"} & set(t.material_classes))
        for t in found
    ]
    assert both == sorted(both, reverse=True)  # every two-way match before any one-way match
    assert "red-mud-scandium" in [t.id for t, b in zip(found, both, strict=True) if b]
    assert not all(both)

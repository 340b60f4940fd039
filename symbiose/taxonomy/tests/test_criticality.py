"""The CRM assessment data: one sourced row per list entry, figures only where sourced."""

from symbiose.taxonomy.criticality import assessment
from symbiose.taxonomy.lists import load_crm


def test_every_crm_has_an_assessment_row_with_sources():
    rows = assessment()
    assert set(rows) == {m.id for m in load_crm()}
    for row in rows.values():
        assert row.list_source.startswith("Regulation (EU) 2024/1252")
        assert row.applications_en and row.applications_nb and row.applications_source


def test_figures_are_in_the_assessment_scales_and_never_without_a_source():
    for row in assessment().values():
        for value, low, high in ((row.supply_risk, 0.0, 7.0), (row.economic_importance, 0, 10)):
            if value is not None:
                assert low <= value <= high, row.id
                assert row.figures_source, f"{row.id}: a figure without its source"
        if row.supply_risk is None and row.economic_importance is None:
            assert not row.figures_source, f"{row.id}: a source for no figure"


def test_every_assessed_crm_has_both_figures_from_the_2023_study():
    from symbiose.taxonomy.criticality import FIGURES_SOURCE

    for row in assessment().values():
        if row.id == "rare-earth-elements-for-permanent-magnets":
            # A strategic entry of the Act, not a candidate of its own in the 2023 study.
            assert row.supply_risk is None and row.economic_importance is None
            continue
        assert row.supply_risk is not None and row.economic_importance is not None, row.id
        assert row.figures_source == FIGURES_SOURCE, row.id


def test_figures_agree_with_the_list_through_the_2023_thresholds():
    """A transcription slip would show: every critical raw material reaches both thresholds,
    except those the Act lists only because they are strategic (copper, nickel)."""
    from symbiose.taxonomy.criticality import EI_THRESHOLD, SR_THRESHOLD

    crm = {m.id: m for m in load_crm()}
    below = set()
    for row in assessment().values():
        if row.supply_risk is None:
            continue
        if row.supply_risk < SR_THRESHOLD or row.economic_importance < EI_THRESHOLD:
            below.add(row.id)
            assert crm[row.id].strategic, f"{row.id}: critical below the thresholds"
    assert below == {"copper", "nickel"}

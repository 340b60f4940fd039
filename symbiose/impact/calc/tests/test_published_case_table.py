"""The published-case table in ``docs/impact-method.md`` shows the ranges the model computes.

Each row's "Model range" cell was written by hand when a review ran the cases; a later
factor change that moves a range without touching the row leaves the document wrong (case
11 showed 4.4-7.6 % for two factor versions after its range had become 4.4-8.9 %). This
test reads the first figure or range of every row named in :data:`ROWS` (the text before
any "(was ...)"; after an arrow, the figure the arrow leads to) and compares it with the
case computed now, at the precision the row writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from symbiose.impact.calc.tests.test_published_cases import CASES, as_shown

#: Row number in the table -> the case it shows (``CASES`` in ``test_published_cases``).
ROWS = {
    1: "romerike_co2", 2: "romerike_oil", 3: "cement_australia", 4: "kalundborg_gypsum",
    5: "kalundborg_water", 6: "mosjoen", 7: "heroya_phase1", 8: "heroya_porsgrunn",
    9: "heroya_park", 10: "viken_heat_pump_capex", 11: "mo_network_loss_share",
    12: "ggbs_china_to_uk", 13: "ggbs_uk", 14: "csma_ggbs", 15: "alupro_aluminium",
    16: "copper_alliance", 17: "worldsteel_scrap", 18: "mo_district_heat_co2",
    19: "mo_gruben_pipe_capex", 20: "hanson_regen", 21: "euric_plastics",
    22: "ocap_greenhouses", 23: "bkk_co2", 24: "bkk_oil", 25: "fossekall_heat_per_oil",
    26: "dow_yara_hydrogen", 27: "gef_fly_ash", 28: "cullet_raw_materials", 29: "loop_glass",
    30: "loop_aluminium", 31: "loop_steel", 32: "loop_corrugated", 33: "loop_plastics",
    34: "recycling_center_glass", 35: "switcheko_paper", 36: "borregaard_steam_co2",
    37: "borregaard_steam_oil", 38: "fgd_gypsum_us_wallboard", 39: "regyp_gypsum",
    40: "gri_gypsum", 41: "usda_wood_ash", 42: "wisconsin_wood_ash",
}  # fmt: skip
#: The unit word after a figure -> what one of it is in the unit the case computes.
SCALES = (("Mt", 1e6), ("million", 1e6), ("M NOK", 1e6), ("GWh", 1e3), ("%", 1e-2))
_FIGURE = r"\d{1,3}(?: \d{3})*(?:\.\d+)?"
_LEADING = re.compile(rf"^({_FIGURE})(?:–({_FIGURE}))?\s*(.*)$")


def model_range_cells(column: int = 4) -> dict[int, str]:
    """Row number -> its "Model range" cell (``column`` 5: "As shown"), from the table."""
    doc = Path(__file__).parents[4] / "docs" / "impact-method.md"
    table = doc.read_text(encoding="utf-8").split("## Published reference cases", 1)[1]
    table = table.split("\n## ", 1)[0].split("\n### ", 1)[0]
    cells = {}
    for line in table.splitlines():
        parts = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(parts) == 7 and parts[0].isdigit():
            cells[int(parts[0])] = parts[column]
    return cells


def written(cell: str) -> tuple[tuple[float, float], float]:
    """The low and high a cell writes, in the case's unit, and half a unit of its last digit.

    >>> written("17 700–24 200 t CO2e/yr")
    ((17700.0, 24200.0), 50.0)
    >>> written("14 800 MWh → 15 GWh at two significant figures")
    ((15000.0, 15000.0), 500.0)
    >>> written("126–252 M NOK (was 1–2)")
    ((126000000.0, 252000000.0), 500000.0)
    """
    text = cell.split("→", 1)[1].strip() if "→" in cell else cell
    match = _LEADING.match(text)
    assert match, f"no figure at the start of {cell!r}"
    low_s, high_s, rest = match.group(1), match.group(2) or match.group(1), match.group(3)
    scale = next((s for word, s in SCALES if rest.startswith(word)), 1.0)
    half = max(_half_unit(low_s), _half_unit(high_s))
    return (_number(low_s) * scale, _number(high_s) * scale), half * scale


def _number(figure: str) -> float:
    return float(figure.replace(" ", ""))


def _half_unit(figure: str) -> float:
    """Half a unit of the last significant digit written ("24 200": 50, "0.90": 0.005)."""
    digits = figure.replace(" ", "")
    if "." in digits:
        return 0.5 * 10.0 ** -len(digits.split(".")[1])
    return 0.5 * 10.0 ** (len(digits) - len(digits.rstrip("0")))


def test_every_row_named_is_in_the_table_and_every_case_has_its_row():
    cells = model_range_cells()
    assert set(ROWS) <= set(cells)
    assert set(ROWS.values()) <= set(CASES)


@pytest.mark.parametrize("row", sorted(ROWS))
def test_the_table_shows_the_range_the_model_computes_now(row):
    (low, high), half = written(model_range_cells()[row])
    (c_low, c_high), _ = CASES[ROWS[row]]()
    for shown, computed in ((low, c_low), (high, c_high)):
        assert abs(computed - shown) <= half * 1.0001 + 1e-12, (
            f"row {row} ({ROWS[row]}) shows {low:.6g}–{high:.6g}, the model gives "
            f"{c_low:.6g}–{c_high:.6g}: update the row in docs/impact-method.md"
        )


@pytest.mark.parametrize("row", sorted(ROWS))
def test_the_as_shown_column_is_the_model_range_at_two_significant_figures(row):
    """The range the published figure is compared with (``test_published_cases.as_shown``)."""
    (low, high), _ = written(model_range_cells(column=5)[row])
    (c_low, c_high), _ = CASES[ROWS[row]]()
    expected = as_shown(c_low, c_high)
    assert (low, high) == pytest.approx(expected, rel=1e-9), (
        f"row {row} ({ROWS[row]}) shows {low:.6g}–{high:.6g} as shown, the model's range at "
        f"two significant figures is {expected[0]:.6g}–{expected[1]:.6g}"
    )

"""Every material class explains its value model in both languages (``note`` and ``note_nb``).

A Norwegian page shows the Norwegian note; a row without one would put English there, so the
table refuses to load and these tests fail.
"""

import shutil

import pytest

from symbiose.impact.calc.factors import DATA_DIR
from symbiose.impact.calc.material_map import load_material_map
from tests.language import english_words

ROWS = sorted(load_material_map().values(), key=lambda row: row.material_class)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.material_class)
def test_every_row_has_a_norwegian_note_of_its_own(row):
    assert row.note_nb, f"{row.material_class}: fill note_nb in material_map.csv"
    assert row.note_nb != row.note
    assert english_words(row.note_nb) == [], row.note_nb


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.material_class)
def test_the_note_follows_the_language_asked_for(row):
    assert row.note_in("nb") == row.note_nb
    assert row.note_in("nb-no") == row.note_nb
    assert row.note_in("en") == row.note


def test_a_row_without_its_norwegian_note_is_refused(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    table = tmp_path / "material_map.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    assert header[-1] == "note_nb"
    gypsum = next(i for i, line in enumerate(lines) if line.startswith("gypsum,"))
    assert lines[gypsum].endswith(",Industrigips erstatter naturgips 1:1 etter masse")
    lines[gypsum] = lines[gypsum].removesuffix("Industrigips erstatter naturgips 1:1 etter masse")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'gypsum' needs its note in both languages"):
        load_material_map.__wrapped__(tmp_path)

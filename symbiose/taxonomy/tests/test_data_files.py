"""Every CSV file of ``taxonomy/data`` reads as its header says.

A field holding a comma must be quoted, or the CSV reader cuts it into two fields and a
``DictReader`` files the rest under the key ``None``: a row's source was cut short that way
in ``material_words.csv`` and ``legal_words.csv``. Lines starting with ``#`` are comments
(``nace_rev2_rev21.csv``), as the reader of that file skips them.
"""

from __future__ import annotations

import csv

import pytest

from symbiose.taxonomy.lists import DATA_DIR

FILES = sorted(p.name for p in DATA_DIR.glob("*.csv"))


def _rows(name: str) -> list[list[str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(line for line in fh if not line.startswith("#")))


def test_the_data_folder_holds_the_csv_files_the_knowledge_base_reads():
    assert {"material_words.csv", "legal_words.csv", "sector_profiles.csv"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_row_has_as_many_fields_as_the_header(name):
    header, *rows = _rows(name)
    wrong = [(k + 2, len(r)) for k, r in enumerate(rows) if r and len(r) != len(header)]
    assert wrong == [], f"{name}: rows (line, fields) not {len(header)} fields wide"


@pytest.mark.parametrize("name", FILES)
def test_every_header_names_distinct_non_empty_columns(name):
    header = _rows(name)[0]
    assert all(h.strip() for h in header) and len(set(header)) == len(header), name


def test_a_source_with_commas_is_read_whole():
    with (DATA_DIR / "legal_words.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["term"]: r for r in csv.DictReader(fh)}
    assert None not in rows["restaurang"]
    assert rows["restaurang"]["source"].startswith("team: used cooking oil, grease-trap fat")

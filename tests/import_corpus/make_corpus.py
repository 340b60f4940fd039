"""Write the import corpus: files shaped like the ones people bring, good and bad.

Run ``.venv/bin/python tests/import_corpus/make_corpus.py`` after changing a case; the output
in ``cases/`` is committed so the files can be opened and inspected as they are. Each case is
a folder with the files to import (``files/``), optionally a ``before/`` folder imported first,
and ``expect.json``: ``why`` (the real-world situation), ``problems`` (each ``[file, row,
column, regex]``; the import must report exactly these and write nothing), ``notes`` (regexes
that must each match a note) and ``stored`` (values read back from the database after a clean
import). ``tests/test_import_corpus.py`` runs every case.

All organisations and streams here are made up for the tests (refs ORG-*, S-*); no fact about
a real company is stated.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.import_corpus import cases_text, cases_xlsx  # noqa: E402, F401 - they add the cases
from tests.import_corpus.corpus_helpers import write  # noqa: E402

if __name__ == "__main__":
    write()

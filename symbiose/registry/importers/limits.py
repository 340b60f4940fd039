"""The caps every imported file is checked against before any work starts.

Pure module. The numbers keep one import well under 500 MB of memory and bounded in time
(the largest accepted XLSX reads in about 20 s on a busy 2-core machine);
`benchmarks/import_limits.py` measures the worst accepted files (docs/benchmarks.md).
Documented in docs/import-template.md ("Limits").
"""

from __future__ import annotations

#: Largest file (CSV or XLSX) accepted, in bytes, as uploaded or read from disk.
MAX_FILE_BYTES = 20_000_000
#: Largest total of the uncompressed parts of an XLSX (its ZIP members), in bytes. A zip bomb
#: declares its real size here; a member that lies about its size is cut at the declared size
#: by Python's zipfile and then fails to parse.
MAX_XLSX_UNCOMPRESSED_BYTES = 60_000_000
#: Largest number of ZIP members in an XLSX (a workbook has a few dozen).
MAX_XLSX_MEMBERS = 500
#: Data rows per sheet (the header row not counted).
MAX_ROWS = 20_000
#: Columns per sheet; the template has 24 at most.
MAX_COLUMNS = 60
#: Characters per cell.
MAX_CELL_CHARS = 10_000

# ruff: noqa: E501, F405 - case tables read better on one line each
"""Corpus cases: CSV text (encodings, separators, numbers, quotes, files, folders)."""

import re

from tests.import_corpus.corpus_helpers import *  # noqa: F403 - the case vocabulary

# --- encodings, separators, line ends -----------------------------------------------------
NB_TITLE = "Sagflis fra høvleri, tørr (æøå)"
for enc, sep, eol, label in [
    ("utf-8", ",", "\n", "utf8-comma-lf"),
    ("utf-8-sig", ";", "\r\n", "utf8-bom-semicolon-crlf"),
    ("cp1252", ";", "\r\n", "windows1252-semicolon-crlf"),
    ("latin-1", "\t", "\n", "latin1-tab-lf"),
    ("utf-16", "\t", "\r\n", "utf16-bom-tab-crlf"),
    ("utf-16-be", ",", "\n", "utf16be-comma-lf"),
    ("utf-8", ",", "\r", "cr-only-line-ends"),
    ("utf-8", ";", "\r", "semicolon-cr-only"),
]:
    data = streams([stream(title=NB_TITLE, quantity="1 200")], sep=sep, eol=eol, enc=enc)
    if enc == "utf-16-be":
        data = b"\xfe\xff" + data
    case(
        label,
        f"A stream list saved as {enc}, separated by {sep!r}, lines ended by {eol!r}.",
        {"organisations.csv": orgs(), "streams.csv": data},
        stored={"streams": {"S-1": {"title": NB_TITLE, "quantity": 1200.0}}},
    )
case(
    "utf16le-without-bom",
    "UTF-16 text from an old export tool that writes no byte order mark.",
    {"organisations.csv": orgs(), "streams.csv": streams([stream(title="Varme")], enc="utf-16-le")},
    stored={"streams": {"S-1": {"title": "Varme"}}},
)
case(
    "multiline-description-in-quotes",
    "A description with line breaks, quoted as Excel does.",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams(
            [stream(description="Linje 1\r\nLinje 2, med komma")], head=[*S_HEAD, "description"]
        ),
    },
    stored={"streams": {"S-1": {"description": "Linje 1\r\nLinje 2, med komma"}}},
)
case(
    "header-in-capitals-with-spaces",
    "Column names typed by hand: capitals and spaces around them.",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams([stream()], head=[f" {h.upper()} " for h in S_HEAD], sep=";"),
    },
    stored={"streams": {"S-1": {"title": "Slagg"}}},
)
case(
    "trailing-empty-cells-and-blank-lines",
    "Excel leaves empty cells at the end of rows and blank lines between blocks.",
    {
        "organisations.csv": orgs(),
        "streams.csv": (
            csv_text([S_HEAD + ["", ""], stream() + ["", ""], [""] * 9, stream("S-2") + ["", ""]])
        ).encode(),
    },
    stored={"streams": {"S-1": {"title": "Slagg"}, "S-2": {"title": "Slagg"}}},
)
case(
    "quoted-separator-and-doubled-quotes",
    "Titles with a comma and with an inch mark, quoted the CSV way.",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams(
            [stream(title="Slagg, granulert"), stream("S-2", title='Rør 12" stål')]
        ),
    },
    stored={"streams": {"S-1": {"title": "Slagg, granulert"}, "S-2": {"title": 'Rør 12" stål'}}},
)
case(
    "inch-mark-in-unquoted-cell",
    "A quote inside an unquoted cell is just a character.",
    {
        "organisations.csv": orgs(),
        "streams.csv": (
            ",".join(S_HEAD) + '\nS-1,ORG-1,offer,material,Rør 12" stål,5,t\n'
        ).encode(),
    },
    stored={"streams": {"S-1": {"title": 'Rør 12" stål'}}},
)
case(
    "sami-letters-and-emoji",
    "UTF-8 with Sámi letters and an emoji in a title.",
    {"organisations.csv": orgs(), "streams.csv": streams([stream(title="Áltá ŋ čáhci 💧")])},
    stored={"streams": {"S-1": {"title": "Áltá ŋ čáhci 💧"}}},
)

# --- numbers: one rule per column ---------------------------------------------------------
Q = "quantity"
for label, values, expected in [
    ("nb-decimal-comma", ["1,5", "2,25"], [1.5, 2.25]),
    ("thousands-space", ["12 000", "1 200 000"], [12000.0, 1200000.0]),
    ("thousands-nbsp", ["12\u00a0000", "3\u202f500"], [12000.0, 3500.0]),
    ("nb-space-and-comma", ["12 000,5", "0,75"], [12000.5, 0.75]),
    ("de-dot-groups-comma-decimal", ["1.234,5", "12.000"], [1234.5, 12000.0]),
    ("en-comma-groups-dot-decimal", ["1,234.5", "12,000"], [1234.5, 12000.0]),
    ("column-evidence-decimal-comma", ["1,5", "12.000"], [1.5, 12000.0]),
    ("column-evidence-decimal-point", ["2.5", "12,000"], [2.5, 12000.0]),
    ("leading-zero-is-decimal", ["0,500", "0.250"], [0.5, 0.25]),
    ("repeated-dots-group", ["1.234.567", "12,000"], [1234567.0, 12.0]),
    ("four-digit-whole-is-decimal", ["1234,567", "12,5"], [1234.567, 12.5]),
]:
    case(
        f"numbers-{label}",
        f"Quantities written {values}.",
        {
            "organisations.csv": orgs(),
            "streams.csv": streams(
                [stream(f"S-{i}", quantity=v) for i, v in enumerate(values, 1)], sep=";"
            ),
        },
        stored={"streams": {f"S-{i}": {Q: e} for i, e in enumerate(expected, 1)}},
    )
for label, values, bad in [
    ("ambiguous-dot-alone", ["12.000"], [(2, "12.000")]),
    ("ambiguous-comma-alone", ["12,000"], [(2, "12,000")]),
    ("ambiguous-mixed-evidence", ["1,5", "2.5", "12.000"], [(4, "12.000")]),
]:
    case(
        f"numbers-{label}",
        f"{values}: twelve thousand or twelve? The column does not say.",
        {
            "organisations.csv": orgs(),
            "streams.csv": streams(
                [stream(f"S-{i}", quantity=v) for i, v in enumerate(values, 1)], sep=";"
            ),
        },
        problems=[["streams.csv", r, Q, re.escape(v) + " is ambiguous: 12000 or 12"]
                  for r, v in bad],
    )  # fmt: skip
case(
    "numbers-ambiguous-price",
    "A price of 1.500 NOK per tonne: one and a half or fifteen hundred?",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams([stream(price="1.500")], head=[*S_HEAD, "price_nok_per_unit"]),
    },
    problems=[["streams.csv", 2, "price_nok_per_unit", "1.500 is ambiguous: 1500 or 1.5"]],
)
case(
    "numbers-coordinates-three-decimals",
    "Coordinates with three decimals: 58.146 cannot be a thousands group in a latitude.",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams([stream(lat="58.146", lon="7.995")], head=[*S_HEAD, "lat", "lon"]),
    },
    stored={"streams": {"S-1": {"lat": 58.146, "lon": 7.995}}},
)
case(
    "numbers-coordinates-decimal-comma",
    "Coordinates with decimal commas in a semicolon file.",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams(
            [stream(lat="58,1467", lon="7,9956")], head=[*S_HEAD, "lat", "lon"], sep=";"
        ),
    },
    stored={"streams": {"S-1": {"lat": 58.1467, "lon": 7.9956}}},
)
case(
    "numbers-word-in-quantity",
    "Someone wrote 'ca. hundre' in the quantity column.",
    {"organisations.csv": orgs(), "streams.csv": streams([stream(quantity="ca. hundre")])},
    problems=[["streams.csv", 2, Q, "ca. hundre is not a number"]],
)

# --- broken quotes --------------------------------------------------------------------------
HEAD = ",".join(S_HEAD)
case(
    "quote-never-closed",
    "A title opens a quote that is never closed: the rest of the file would be one cell.",
    {
        "organisations.csv": orgs(),
        "streams.csv": (
            HEAD + "\nS-1,ORG-1,offer,material,Slagg,1,t\n"
            'S-2,ORG-1,offer,material,"Støv fra filter,2,t\nS-3,ORG-1,need,heat,Varme,3,MWh\n'
        ).encode(),
    },
    problems=[["streams.csv", 3, "", r"quote \(\"\) opened in this row is never closed"]],
)
case(
    "quote-closed-rows-later",
    "A quote opened in one row is closed only in a later row, swallowing the rows between.",
    {
        "organisations.csv": orgs(),
        "streams.csv": (
            HEAD + '\nS-1,ORG-1,offer,material,"Slagg,1,t\n'
            "S-2,ORG-1,offer,material,Støv,2,t\n"
            'S-3,ORG-1,need,heat,Varme",3,MWh\n'
        ).encode(),
    },
    problems=[["streams.csv", 2, "title", "holds what look like whole rows"]],
)
case(
    "text-after-closing-quote",
    'A cell written "Slagg" granulert: text after the closing quote.',
    {
        "organisations.csv": orgs(),
        "streams.csv": (HEAD + '\nS-1,ORG-1,offer,material,"Slagg" granulert,1,t\n').encode(),
    },
    problems=[["streams.csv", 2, "", "text follows a closing quote"]],
)

# --- files that are not CSV text ----------------------------------------------------------
for label, data, message in [
    ("xlsx-named-csv", b"PK\x03\x04" + b"\x00" * 60, "this is an Excel workbook"),
    ("old-xls-named-csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, r"old Excel file"),
    ("pdf-named-csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "this is a PDF"),
    ("binary-garbage", bytes(range(1, 32)) * 40, "does not look like text"),
    ("utf8-bom-with-latin1-bytes", b"\xef\xbb\xbf" + HEAD.encode() + "\nS-1,ø\n".encode("latin-1"),
     "the file says it is UTF-8 but byte"),
]:  # fmt: skip
    case(
        f"not-text-{label}",
        f"A streams.csv that is really {label.replace('-', ' ')}.",
        {"organisations.csv": orgs(), "streams.csv": data},
        problems=[["streams.csv", 0, "", message + r".*(CSV UTF-8|xlsx)"]],
    )
case(
    "empty-file",
    "An empty streams.csv (saved before anything was typed).",
    {"organisations.csv": orgs(), "streams.csv": b""},
    problems=[
        ["streams.csv", 1, c, f"required column {c} is missing"]
        for c in ("ref", "organisation_ref", "direction", "category", "title")
    ],
)
case(
    "header-only",
    "A template with its header and no rows: nothing to do, nothing wrong.",
    {"organisations.csv": orgs(), "streams.csv": (HEAD + "\n").encode()},
    stored={"organisations": {"ORG-1": {"name": "Testverk AS"}}},
)

# --- folders ------------------------------------------------------------------------------
case(
    "folder-with-unused-files",
    "A shared folder with the template and other files people keep next to it.",
    {
        "organisations.csv": orgs(),
        "streams.csv": streams([stream()]),
        "data.csv": b"a,b\n1,2\n",
        "README.txt": b"Les meg\n",
        "~$streams.xlsx": b"lock",
        "old.xlsx": b"PK",
    },
    notes=[
        r"data\.csv: not read: a CSV file must be named",
        r"README\.txt: not read: only \.csv and \.xlsx",
        r"~\$streams\.xlsx: not read: a lock or hidden file",
        r"old\.xlsx: not read: the folder's organisations\.csv / streams\.csv are used instead",
    ],
    stored={"streams": {"S-1": {"title": "Slagg"}}},
)
case(
    "folder-file-names-in-capitals",
    "Windows users save Streams.CSV and Organisations.csv.",
    {"Organisations.csv": orgs(), "Streams.CSV": streams([stream()])},
    stored={"streams": {"S-1": {"title": "Slagg"}}},
)

# --- NACE codes of either revision ------------------------------------------------------------
ORG_NACE = ["ref", "name", "nace"]
for label, code, extra in [
    ("rev2-only-furniture", "31.01", "31.00 Manufacture of furniture"),
    ("rev2-only-data-centre", "63.11", "Suggestions by title or group"),
    ("rev2-only-scrap-wholesale", "46.77", "46.87 Wholesale of waste and scrap"),
]:
    case(
        f"nace-{label}",
        f"An ERP export with the SN2007 code {code}.",
        {"organisations.csv": csv_text([ORG_NACE, ["ORG-1", "Testverk AS", code]]).encode()},
        problems=[
            [
                "organisations.csv",
                2,
                "nace",
                re.escape(code) + r" .* is a NACE Rev. 2 \(SN2007\) code.*" + re.escape(extra),
            ]
        ],
    )
case(
    "nace-changed-meaning-38-32",
    "A recycler registered with SN2007 38.32 'recovery of sorted materials' (2.1: landfilling).",
    {"organisations.csv": csv_text([ORG_NACE, ["ORG-1", "Gjenvinning AS", "38.32"]]).encode()},
    problems=[
        [
            "organisations.csv",
            2,
            "nace",
            "means “Landfilling or permanent storage” in NACE Rev. 2.1 .* but “Recovery of sorted materials”",
        ]
    ],
)
case(
    "nace-revision-column-2-1",
    "The same code with nace_revision 2.1: the user means landfilling.",
    {
        "organisations.csv": csv_text(
            [[*ORG_NACE, "nace_revision"], ["ORG-1", "Deponi AS", "38.32", "2.1"]]
        ).encode()
    },
    stored={"organisations": {"ORG-1": {"nace": "38.32"}}},
)
case(
    "nace-revision-bad-value",
    "A revision column with a year instead of a revision.",
    {
        "organisations.csv": csv_text(
            [[*ORG_NACE, "nace_revision"], ["ORG-1", "Deponi AS", "38.32", "2008"]]
        ).encode()
    },
    problems=[["organisations.csv", 2, "nace_revision", "2008 is not allowed here; use 2.1"]],
)
case(
    "nace-five-digit-sn-subclass",
    "Codes copied from the register with the national fifth digit.",
    {
        "organisations.csv": csv_text(
            [ORG_NACE, ["ORG-1", "Aluverk AS", "24.420"], ["ORG-2", "Ferroverk AS", "24.103"]]
        ).encode()
    },
    notes=[
        r"organisations\.csv:2:nace: 24\.420 is a national \(SN\) subclass; stored as NACE class 24\.42"
    ],
    stored={"organisations": {"ORG-1": {"nace": "24.42"}, "ORG-2": {"nace": "24.10"}}},
)

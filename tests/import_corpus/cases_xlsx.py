# ruff: noqa: E501, F405 - case tables read better on one line each
"""Corpus cases: XLSX workbooks, limits, partial updates and ordinary validation."""

import datetime  # noqa: F401
import re

from tests.import_corpus.corpus_helpers import *  # noqa: F403 - the case vocabulary

ORG_SHEET = [ORG_HEAD, ORG_ROW]
case(
    "xlsx-basic",
    "The template filled in Excel: numbers as numbers, text as text.",
    {"template.xlsx": workbook({"organisations": ORG_SHEET, "streams": [S_HEAD, stream(quantity=1200)]})},
    stored={"streams": {"S-1": {"quantity": 1200.0}}, "organisations": {"ORG-1": {"nace": "24.10"}}},
)  # fmt: skip
case(
    "xlsx-formula-with-saved-result",
    "A quantity computed by a formula (=2*600); Excel saved its result 1200.",
    {"template.xlsx": workbook(
        {"organisations": ORG_SHEET, "streams": [S_HEAD, stream(quantity="=2*600")]},
        patch=lambda x: x.replace(b"<f>2*600</f><v />", b"<f>2*600</f><v>1200</v>"),
    )},
    stored={"streams": {"S-1": {"quantity": 1200.0}}},
)  # fmt: skip
case(
    "xlsx-formula-without-saved-result",
    "A title made by a formula in a file written by a tool that saves no results.",
    {"template.xlsx": workbook(
        {"organisations": ORG_SHEET, "streams": [S_HEAD, stream(title='=CONCAT("Sl","agg")')]}
    )},
    problems=[["template.xlsx[streams]", 2, "title", "the formula .*CONCAT.* has no saved result"]],
)  # fmt: skip
case(
    "xlsx-booleans",
    "Yes/no columns typed as TRUE/FALSE in Excel.",
    {"template.xlsx": workbook({
        "organisations": ORG_SHEET,
        "streams": [[*S_HEAD, "hazardous", "accepts_hazardous"],
                    stream(quantity=5, h=False, a=True)],
    })},
    stored={"streams": {"S-1": {"hazardous": False, "accepts_hazardous": True}}},
)  # fmt: skip
case(
    "xlsx-error-value",
    "A quantity cell showing #N/A from a broken lookup.",
    {"template.xlsx": workbook(
        {"organisations": ORG_SHEET, "streams": [S_HEAD, stream(quantity="X")]},
        patch=lambda x: re.sub(rb'<c r="F2" t="inlineStr"><is><t>X</t></is></c>',
                               b'<c r="F2" t="e"><v>#N/A</v></c>', x),
    )},
    problems=[["template.xlsx[streams]", 2, "quantity", "the Excel error #N/A"]],
)  # fmt: skip
case(
    "xlsx-date-cells",
    "Availability dates typed as Excel dates.",
    {"template.xlsx": workbook({
        "organisations": ORG_SHEET,
        "streams": [[*S_HEAD, "available_from"],
                    stream(d=__import__("datetime").datetime(2026, 3, 31))],
    })},
    stored={"streams": {"S-1": {"available_from": "2026-03-31"}}},
)  # fmt: skip
case(
    "xlsx-org-number-as-number",
    "An organisation number typed as a number (Excel right-aligns it).",
    {"template.xlsx": workbook({
        "organisations": [[*ORG_HEAD, "org_number"], [*ORG_ROW, 923609016]],
        "streams": [S_HEAD],
    })},
    stored={"organisations": {"ORG-1": {"org_number": "923609016"}}},
)  # fmt: skip
case(
    "xlsx-text-number-ambiguous",
    "A quantity typed as text '12.000' (the cell was formatted as text).",
    {"template.xlsx": workbook({"organisations": ORG_SHEET, "streams": [S_HEAD, stream(quantity="12.000")]})},
    problems=[["template.xlsx[streams]", 2, "quantity", "12.000 is ambiguous"]],
)  # fmt: skip
case(
    "xlsx-extra-sheets-and-capitals",
    "A workbook with an instructions sheet and sheet names in capitals.",
    {"template.xlsx": workbook({
        "Instructions": [["Fill in the sheets"]],
        "Organisations": ORG_SHEET,
        "STREAMS": [S_HEAD, stream()],
    })},
    stored={"streams": {"S-1": {"title": "Slagg"}}},
)  # fmt: skip
case(
    "xlsx-no-template-sheets",
    "A workbook whose sheets are called Ark1 and Ark2 (Norwegian Excel's defaults).",
    {"template.xlsx": workbook({"Ark1": [S_HEAD, stream()], "Ark2": [["x"]]})},
    problems=[["template.xlsx", 0, "", "no sheet named organisations or streams"]],
)  # fmt: skip
case(
    "xlsx-truncated",
    "A workbook cut off during an e-mail transfer.",
    {"template.xlsx": workbook({"organisations": ORG_SHEET, "streams": [S_HEAD, stream()]})[:700]},
    problems=[["template.xlsx", 0, "", "not a readable XLSX workbook"]],
)  # fmt: skip
case(
    "xlsx-false-dimension",
    "A sheet that claims to span a million rows (A1:Z1048576) but holds two.",
    {"template.xlsx": workbook(
        {"organisations": ORG_SHEET, "streams": [S_HEAD, stream()]},
        patch=lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z1048576"', x),
    )},
    stored={"streams": {"S-1": {"title": "Slagg"}}},
)  # fmt: skip

# --- limits ---------------------------------------------------------------------------------
case(
    "too-many-columns",
    "A sheet exported from an ERP with 70 columns.",
    {"organisations.csv": orgs(),
     "streams.csv": csv_text([S_HEAD + [f"x{i}" for i in range(63)], stream()]).encode()},
    problems=[["streams.csv", 1, "", "the file has 70 columns; the template has at most 60"]],
)  # fmt: skip
case(
    "cell-too-long",
    "A description pasted from a whole report (12 000 characters).",
    {"organisations.csv": orgs(),
     "streams.csv": streams([stream(description="x" * 12000)], head=[*S_HEAD, "description"])},
    problems=[["streams.csv", 2, "description", "a cell has 12000 characters; at most 10000"]],
)  # fmt: skip

# --- partial updates --------------------------------------------------------------------------
FULL_HEAD = [
    *S_HEAD,
    "description",
    "visibility",
    "sensitive_fields",
    "ewc_code",
    "price_nok_per_unit",
]
FULL = stream(description="Fin fraksjon", visibility="public", sens="quantity;price",
              ewc="10 02 02", price="250")  # fmt: skip
case(
    "partial-only-title-column",
    "A re-import of refs and new titles only: everything else stays as it was.",
    {"streams.csv": csv_text([["ref", "organisation_ref", "direction", "category", "title"],
                              ["S-1", "ORG-1", "offer", "material", "Slagg, ny tittel"]]).encode()},
    before={"organisations.csv": orgs(), "streams.csv": streams([FULL], head=FULL_HEAD)},
    notes=[r"columns not in the file: .*quantity.*sensitive_fields.*Existing rows keep"],
    stored={"streams": {"S-1": {"title": "Slagg, ny tittel", "quantity": 100.0,
            "visibility": "public", "sensitive_fields": ["quantity", "price"],
            "description": "Fin fraksjon", "price_nok_per_unit": 250.0, "hazardous": False}}},
)  # fmt: skip
case(
    "partial-empty-cell-clears",
    "The description column is there but empty: the description is cleared.",
    {"streams.csv": streams([stream(description="")], head=[*S_HEAD, "description"])},
    before={"organisations.csv": orgs(), "streams.csv": streams([FULL], head=FULL_HEAD)},
    stored={"streams": {"S-1": {"description": "", "visibility": "public",
                                "sensitive_fields": ["quantity", "price"]}}},
)  # fmt: skip
case(
    "partial-new-row-gets-defaults",
    "A file without visibility: the existing row keeps 'public', a new row gets 'members'.",
    {"streams.csv": streams([stream(), stream("S-NEW")])},
    before={"organisations.csv": orgs(), "streams.csv": streams([FULL], head=FULL_HEAD)},
    stored={"streams": {"S-1": {"visibility": "public"}, "S-NEW": {"visibility": "members"}}},
)  # fmt: skip
case(
    "partial-organisation-keeps-location",
    "An organisations file with ref and name only keeps NACE code and municipality.",
    {"organisations.csv": b"ref,name\nORG-1,Testverk Holding AS\n"},
    before={"organisations.csv": orgs()},
    stored={"organisations": {"ORG-1": {"name": "Testverk Holding AS", "nace": "24.10",
                                        "municipality": "Kristiansand"}}},
)  # fmt: skip

# --- ordinary validation, still located -----------------------------------------------------
case(
    "unknown-column",
    "A column the template does not have (a typo: 'quantitiy').",
    {"organisations.csv": orgs(), "streams.csv": streams([stream()], head=[*S_HEAD[:5], "quantitiy", "unit"])},
    problems=[["streams.csv", 1, "quantitiy", "unknown column quantitiy"]],
)  # fmt: skip
case(
    "duplicate-ref",
    "The same stream reference twice.",
    {"organisations.csv": orgs(), "streams.csv": streams([stream(), stream()])},
    problems=[["streams.csv", 3, "ref", "reference S-1 appears twice"]],
)  # fmt: skip
case(
    "norwegian-words",
    "Direction, category and period written in Norwegian.",
    {"organisations.csv": orgs(),
     "streams.csv": csv_text([[*S_HEAD, "period"],
                              ["S-1", "ORG-1", "tilbud", "varme", "Spillvarme", "2,5", "MWh", "måned"]],
                             sep=";").encode()},
    stored={"streams": {"S-1": {"direction": "offer", "category": "heat", "period": "month",
                                "quantity": 2.5}}},
)  # fmt: skip
case(
    "more-cells-than-header",
    "A row with a stray extra cell after the last column.",
    {"organisations.csv": orgs(), "streams.csv": csv_text([S_HEAD, stream() + ["?"]]).encode()},
    problems=[["streams.csv", 2, "", "more cells than the header has columns"]],
)  # fmt: skip

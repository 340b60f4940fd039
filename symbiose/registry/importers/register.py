"""Reading the Norwegian Central Coordinating Register for Legal Entities (Enhetsregisteret).

Pure module. Brønnøysundregistrene publishes every entity as one bulk file, JSON (an array of
objects with nested ``naeringskode1`` and ``forretningsadresse``) or CSV (the same fields as
dotted column names: ``naeringskode1.kode``, ``forretningsadresse.kommunenummer``), either
possibly gzip-compressed. :func:`read_entries` streams either and yields the fields Symbiose
uses, so a file of a million entities never sits in memory at once.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from symbiose.textmarks import N_

#: The register writes this for "no industry code stated".
NO_CODE = {"", "00.000", "00000"}


@dataclass(frozen=True)
class RegisterEntry:
    """One entity as the register publishes it (codes and names as written there)."""

    org_number: str
    name: str
    org_form: str
    nace: str  # as in the register: "24.420" (SN, five digits) or ""
    municipality: str
    municipality_number: str
    address: str
    postcode: str
    postplace: str


class RegisterFormatError(ValueError):
    """The file is not a register bulk file; the message says what was expected."""


def _open(path: Path) -> IO[str]:
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8-sig")
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding="utf-8-sig")


def _get(obj: dict[str, Any], dotted: str) -> str:
    """A field by its dotted name, from a nested JSON object or a flat CSV row."""
    if dotted in obj:
        value = obj[dotted]
    else:
        value: Any = obj
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
            if value is None:
                break
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    return "" if value is None else str(value).strip()


def entry(obj: dict[str, Any]) -> RegisterEntry:
    """The fields Symbiose uses from one register object or CSV row."""
    lowered = obj
    nace = _get(lowered, "naeringskode1.kode")
    return RegisterEntry(
        org_number=_get(lowered, "organisasjonsnummer").replace(" ", ""),
        name=_get(lowered, "navn"),
        org_form=_get(lowered, "organisasjonsform.kode"),
        nace="" if nace in NO_CODE else nace,
        municipality=_get(lowered, "forretningsadresse.kommune"),
        municipality_number=_get(lowered, "forretningsadresse.kommunenummer"),
        address=_get(lowered, "forretningsadresse.adresse"),
        postcode=_get(lowered, "forretningsadresse.postnummer"),
        postplace=_get(lowered, "forretningsadresse.poststed"),
    )


def _json_objects(handle: IO[str], chunk: int = 1 << 16) -> Iterator[dict[str, Any]]:
    """Stream the objects of a top-level JSON array without loading the whole file."""
    decoder = json.JSONDecoder()
    buffer, started = "", False
    while True:
        data = handle.read(chunk)
        buffer += data
        while True:
            buffer = buffer.lstrip()
            if not started:
                if not buffer:
                    break
                if buffer[0] != "[":
                    raise RegisterFormatError(N_("a JSON bulk file is one array of entities"))
                buffer, started = buffer[1:], True
                continue
            buffer = buffer.lstrip(",").lstrip()
            if not buffer or buffer[0] == "]":
                break
            try:
                obj, end = decoder.raw_decode(buffer)
            except json.JSONDecodeError:
                if not data:
                    raise RegisterFormatError(N_("the JSON bulk file ends in the middle")) from None
                break  # need more text
            buffer = buffer[end:]
            if isinstance(obj, dict):
                yield obj
        if not data:
            return


def read_entries(path: Path) -> Iterator[RegisterEntry]:
    """Yield every entity of a bulk file (``.json``/``.csv``, optionally ``.gz``)."""
    with _open(path) as handle:
        head = handle.read(1)
        while head and head.isspace():
            head = handle.read(1)
        rest = handle
        if head == "[":
            text = io.StringIO("[")
            objects = _json_objects(_Chain(text, rest))
        else:
            reader = csv.DictReader(_Chain(io.StringIO(head), rest))
            fields = {f.strip().lower() for f in reader.fieldnames or []}
            if "organisasjonsnummer" not in fields:
                raise RegisterFormatError(
                    N_("a CSV bulk file has the column organisasjonsnummer (and navn, "
                       "naeringskode1.kode, forretningsadresse.kommunenummer …)")
                )  # fmt: skip
            objects = ({k.strip().lower(): v for k, v in row.items() if k} for row in reader)
        for obj in objects:
            found = entry(obj)
            if found.org_number:
                yield found


class _Chain(io.TextIOBase):
    """Two text streams read as one (the first character was peeked)."""

    def __init__(self, first: IO[str], second: IO[str]) -> None:
        self.first, self.second = first, second

    def read(self, size: int = -1) -> str:
        data = self.first.read(size)
        if size < 0:
            return data + self.second.read()
        if len(data) < size:
            data += self.second.read(size - len(data))
        return data

    def readline(self, size: int = -1) -> str:
        line = self.first.readline()
        if line.endswith("\n"):
            return line
        return line + self.second.readline()

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

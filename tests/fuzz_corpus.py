"""A seeded fuzz corpus of hostile uploads, built in code: every case is bytes and a file name.

Groups (the fuzz test runs one test per group): mutated and truncated zips, wrong CRCs, corrupt
XML parts, huge declared dimensions, stray far cells, other formats disguised as .xlsx, nested
zips, zips with many members, empty sheet parts, wrong content types, odd .ods and CSV files.
"""

from __future__ import annotations

import functools
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from tests.workbooks import BASE, NIP_L1, NIP_P1, roster_workbook, units_workbook, xlsx

__all__ = ["GROUPS", "Case", "cases"]

SEED = 20201009


@dataclass(frozen=True)
class Case:
    """One hostile upload; `expect`: the error codes it may end in (None: any coded answer)."""

    group: str
    name: str
    data: bytes
    expect: frozenset[str] | None = None


def _small_roster() -> bytes:
    return xlsx({"Agen": [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"],
                          [NIP_P1, "Rina", "Biro Hukum"]]})


@functools.cache
def _bases() -> tuple[bytes, ...]:
    """The valid workbooks the mutations start from, built once."""
    return (_small_roster(), roster_workbook(), units_workbook(), xlsx(BASE))


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _rezip(members: list[tuple[str | zipfile.ZipInfo, bytes]],
           compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for info, body in members:
            name = info.filename if isinstance(info, zipfile.ZipInfo) else info
            archive.writestr(name, body)
    return out.getvalue()


def _replace(data: bytes, path: str, edit: Callable[[bytes], bytes]) -> bytes:
    return _rezip([(i, edit(b) if i.filename == path else b) for i, b in _members(data)])


def _far_cells(rng: random.Random) -> Iterator[Case]:
    refs = ["XFD1048576", "CV1048576", "A1048576", "XFD6", "ZZ50000", "AAA1", "SS3",
            "A200001", "IV65536"]
    for i in range(60):
        book = Workbook()
        sheet = book.active
        for row in (["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"]):
            sheet.append(row)
        # Once: a value just inside the row limit (a long, slow but legitimate sheet).
        ref = "B199999" if i == 1 else rng.choice(refs)
        styled_only = i % 3 == 0
        if styled_only:
            sheet[ref].font = Font(bold=True)
        else:
            sheet[ref] = rng.choice(["x", 1, 0.5, "   "])
        buffer = io.BytesIO()
        book.save(buffer)
        far_row = int(re.sub(r"[A-Z]", "", ref)) > 200_000
        # A far value refuses (or, when blank, the roster reads); style only never refuses.
        expect = (frozenset({"cell_out_of_range"}) if far_row and not styled_only else None)
        yield Case("far_cells", f"far_{i}_{ref}.xlsx", buffer.getvalue(),
                   None if sheet[ref].value == "   " else expect)


def _dimensions(rng: random.Random) -> Iterator[Case]:
    declared = [b"A1:XFD1048576", b"A1:CV1048576", b"XFD1048576", b"A1:A9999999999", b"",
                b"A1:ZZZZZ1", b"B2:A1", b"A0:B0", b"$A$1:$XFD$1048576"]
    for i in range(40):
        base = rng.choice(_bases())
        ref = rng.choice(declared)
        data = _replace(base, "xl/worksheets/sheet1.xml", lambda x, r=ref: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="' + r + b'"', x))
        yield Case("dimensions", f"dimension_{i}.xlsx", data)


def _flipped(rng: random.Random) -> Iterator[Case]:
    for i in range(100):
        data = bytearray(rng.choice(_bases()))
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        yield Case("flipped_bytes", f"flipped_{i}.xlsx", bytes(data))


def _truncated(rng: random.Random) -> Iterator[Case]:
    for i in range(50):
        data = rng.choice(_bases())
        yield Case("truncated", f"truncated_{i}.xlsx", data[:rng.randrange(1, len(data))])


def _wrong_crc(rng: random.Random) -> Iterator[Case]:
    # Stored (uncompressed) members: a flipped byte inside one changes its content, not its CRC.
    for i in range(40):
        members = _members(rng.choice(_bases()))
        data = bytearray(_rezip(members, zipfile.ZIP_STORED))
        target = rng.choice([m[0].filename for m in members])
        at = bytes(data).find(target.encode()) + len(target) + rng.randrange(1, 60)
        data[min(at, len(data) - 1)] ^= 0x20
        yield Case("wrong_crc", f"crc_{i}.xlsx", bytes(data))


def _corrupt_xml(rng: random.Random) -> Iterator[Case]:
    parts = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml",
             "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/sharedStrings.xml"]
    edits: list[Callable[[bytes], bytes]] = [
        lambda x: x[: len(x) // 2],
        lambda x: x.replace(b">", b"", 3),
        lambda x: x.replace(b"<", b"<<", 5),
        lambda x: b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY a '" + b"A" * 50 + b"'>"
                  + b"".join(b"<!ENTITY a%d '&a;&a;&a;&a;&a;'>" % n for n in range(8))
                  + b"]>" + x[x.find(b"?>") + 2:],
        lambda x: x.replace(b'r="', b'r="Z', 4),
        lambda x: x.replace(b'r="A2"', b'r="A-2"'),
        lambda x: x.replace(b"<v>", b"<v>\xff\xfe", 3),
        lambda x: x + b"<trailing>",
        lambda x: re.sub(rb"<row ", b'<row spans="1:99999999" ', x, count=2),
        lambda x: x.replace(b'sheetId="1"', b'sheetId="-1"'),
    ]
    for i in range(60):
        base = rng.choice(_bases())
        part = rng.choice([p for p in parts if p in {m[0].filename for m in _members(base)}])
        yield Case("corrupt_xml", f"xml_{i}.xlsx", _replace(base, part, rng.choice(edits)))


def _ods(body: bytes) -> bytes:
    content = (b'<?xml version="1.0"?><office:document-content '
               b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               b'<office:body><office:spreadsheet><table:table table:name="Agen">'
               + body + b"</table:table></office:spreadsheet></office:body>"
               b"</office:document-content>")
    return _rezip([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                   ("content.xml", content)], zipfile.ZIP_STORED)


def _cell(text: str, repeat: int = 1) -> bytes:
    return (b'<table:table-cell table:number-columns-repeated="%d" office:value-type="string">'
            b"<text:p>%s</text:p></table:table-cell>" % (repeat, text.encode()))


def _disguised(rng: random.Random) -> Iterator[Case]:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header_row = b"<table:table-row>" + _cell("NIP") + _cell("Nama") + _cell("Unit Kerja") + (
        b"</table:table-row>")
    samples = {
        "html": b"<html><body><table><tr><td>NIP</td><td>Nama</td></tr></table></body></html>",
        "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "gif": b"GIF89a" + bytes(40), "jpeg": b"\xff\xd8\xff\xe0" + bytes(40),
        "gzip": b"\x1f\x8b\x08\x00" + bytes(40), "elf": b"\x7fELF" + bytes(60),
        "xls_garbage": ole2 + bytes(504) + "Workbook".encode("utf-16-le") + bytes(2000),
        "xls_random": ole2 + "Book".encode("utf-16-le") + rng.randbytes(4000),
        "ole2_other": ole2 + bytes(2000),
        "ods_ok": _ods(header_row + b"<table:table-row>" + _cell(NIP_L1) + _cell("Andi")
                       + _cell("Biro Umum") + b"</table:table-row>"),
        "ods_wide": _ods(header_row + b"<table:table-row>" + _cell("x", 16_384)
                         + b"</table:table-row>"),
        "ods_tall": _ods(header_row + b'<table:table-row table:number-rows-repeated="1048575">'
                         + _cell("x") + b"</table:table-row>"),
        "ods_broken": _ods(b"<table:table-row>" + _cell("NIP")[:-10]),
        "word": _rezip([("word/document.xml", b"<w:document/>")]),
        "utf16_text": b"\xff\xfe" + "NIP;Nama\r\n1;A\r\n".encode("utf-16-le"),
        "nul_text": b"NIP;Nama\n" + b"\x00" * 100,
        "random": rng.randbytes(3000),
    }
    for i in range(54):
        kind = rng.choice(sorted(samples))
        data = samples[kind] if i < len(samples) else bytearray(samples[kind])
        if i >= len(samples):  # the same kinds again, a few bytes changed
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        yield Case("disguised", f"{kind}_{i}.xlsx", bytes(data))


def _nested(rng: random.Random) -> Iterator[Case]:
    for i in range(20):
        inner = rng.choice(_bases())
        members = [("roster.xlsx", inner)] if i % 2 else [
            *[(m[0].filename, m[1]) for m in _members(inner)], ("xl/embeddings/inner.xlsx", inner)]
        if i % 4 == 0:
            members = [("xl/workbook.xml", _rezip([("xl/workbook.xml", inner)]))]
        yield Case("nested_zip", f"nested_{i}.xlsx", _rezip(members))


def _many_members(rng: random.Random) -> Iterator[Case]:
    for i in range(10):
        extra = [(f"xl/media/image{n}.bin", rng.randbytes(8)) for n in range(rng.choice(
            [500, 2000, 5000]))]
        members = [(m[0].filename, m[1]) for m in _members(_small_roster())]
        yield Case("many_members", f"many_{i}.xlsx", _rezip(members + extra))


def _empty_parts(rng: random.Random) -> Iterator[Case]:
    for i in range(30):
        members = [(m[0].filename, m[1]) for m in _members(rng.choice(_bases()))]
        mode = i % 3
        if mode == 0:    # the sheet part present but empty
            members = [(n, b"" if n.startswith("xl/worksheets/") else b) for n, b in members]
        elif mode == 1:  # the sheet part missing
            members = [(n, b) for n, b in members if not n.startswith("xl/worksheets/")]
        else:            # a sheet with no <sheetData>
            members = [(n, re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>", b"", b, flags=re.S)
                        if n.startswith("xl/worksheets/") else b) for n, b in members]
        yield Case("empty_parts", f"empty_{i}.xlsx", _rezip(members))


def _content_types(rng: random.Random) -> Iterator[Case]:
    types = [b"", b"<Types/>", b"<Types><Default Extension='xml' ContentType='text/html'/></Types>",
             b"not xml at all"]
    for i in range(20):
        members = [(m[0].filename, m[1]) for m in _members(rng.choice(_bases()))]
        if i % 5 == 0:
            members = [(n, b) for n, b in members if n != "[Content_Types].xml"]
        else:
            body = rng.choice(types)
            members = [(n, body if n == "[Content_Types].xml" else b) for n, b in members]
        yield Case("content_types", f"types_{i}.xlsx", _rezip(members))


def _csv(rng: random.Random) -> Iterator[Case]:
    alphabet = "NIPama;,\t|\"'\r\n 0123456789xé✓\u200b"
    for i in range(30):
        text = "NIP;Nama;Unit Kerja\n" + "".join(rng.choice(alphabet) for _ in range(
            rng.choice([10, 500, 5000])))
        data = text.encode(rng.choice(["utf-8", "utf-16", "cp1252"]), errors="replace")
        yield Case("csv", f"odd_{i}.csv", data)


GROUPS: dict[str, Callable[[random.Random], Iterator[Case]]] = {
    "far_cells": _far_cells, "dimensions": _dimensions, "flipped_bytes": _flipped,
    "truncated": _truncated, "wrong_crc": _wrong_crc, "corrupt_xml": _corrupt_xml,
    "disguised": _disguised, "nested_zip": _nested, "many_members": _many_members,
    "empty_parts": _empty_parts, "content_types": _content_types, "csv": _csv,
}


def cases(group: str) -> list[Case]:
    """The cases of one group, the same on every run (seeded per group)."""
    return list(GROUPS[group](random.Random(f"{SEED}:{group}")))

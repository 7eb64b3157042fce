"""Hostile files, made the way an attacker makes them (small on the wire, huge when read)."""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import xlsxwriter


def workbook(rows: list[list], dimension: str | None = None) -> bytes:
    """An XLSX with ``rows`` on its first sheet; ``dimension`` overrides the range it declares."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    content = out.getvalue()
    if dimension is None:
        return content
    return _rewrite(content, "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), xml))


def dimension_bomb() -> bytes:
    """A few kilobytes whose sheet declares every cell Excel has (A1:XFD1048576)."""
    return workbook([["id", "utfall"], [1, "12"]], dimension="A1:XFD1048576")


def whitespace_bomb(unpacked_mb: int = 200) -> bytes:
    """A sheet padded with whitespace: ~1 KB per unpacked MB on the wire (deflate's best ratio).

    The padding is deflated once per megabyte and repeated: a full flush makes each compressed
    megabyte independent of what came before, so the bomb is built in a second, not unpacked."""
    book = zipfile.ZipFile(io.BytesIO(workbook([["id", "utfall"], [1, "12"]])))
    sheet = book.read("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"<sheetData>", 1)
    head += b"<sheetData>"
    chunk = b" " * (1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packed_chunk = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_chunk = packed_chunk.compress(chunk) + packed_chunk.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_tail = last.compress(tail) + last.flush()
    data = packed_head + packed_chunk * unpacked_mb + packed_tail
    crc = zlib.crc32(head)
    for _ in range(unpacked_mb):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * unpacked_mb + len(tail)
    members = [(i.filename, book.read(i.filename)) for i in book.infolist()]
    return _raw_zip([(name, *(_deflated(content) if name != "xl/worksheets/sheet1.xml" else (data, crc, size)))
                     for name, content in members])


def _deflated(content: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush(), zlib.crc32(content), len(content)


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP from already deflated members (name, data, crc, unpacked size)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in members:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                  len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()


def far_cell_bomb() -> bytes:
    """One cell at the sheet's last column and row: a reader that pads rows builds 16 384 x 1 048 576."""
    def far(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>', 1)

    return _rewrite(workbook([["id", "utfall"], [1, "12"]], dimension="A1:B2"), "xl/worksheets/sheet1.xml", far)


def _rewrite(content: bytes, member: str, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return out.getvalue()

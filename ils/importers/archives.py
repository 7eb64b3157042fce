"""Limits on ZIP-based files (XLSX, DOCX) before any parser opens them.

A few kilobytes of ZIP can unpack to gigabytes. The central directory states every member's
unpacked size, so a file is judged from it without unpacking anything; the reading itself is then
checked by zipfile itself, which stops a member that unpacks to more than its stated size.
"""
from __future__ import annotations

import io
import zipfile

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024


class ArchiveRefused(ValueError):
    """The file is not a ZIP, or unpacks to more than the limits (Swedish message)."""


class NotAnArchive(ArchiveRefused):
    """The file is no ZIP at all (or a truncated one)."""


def check_zip(content: bytes | io.BufferedIOBase, max_member: int = MAX_MEMBER_BYTES,
              max_total: int = MAX_TOTAL_BYTES) -> None:
    source = io.BytesIO(content) if isinstance(content, (bytes, bytearray)) else content
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise NotAnArchive(f"filen är inget läsbart Office-dokument ({error})") from None
    if len(members) > MAX_MEMBERS:
        raise ArchiveRefused(f"filen innehåller {len(members)} delar (högst {MAX_MEMBERS})")
    total = 0
    for member in members:
        if member.file_size > max_member:
            raise ArchiveRefused(f"delen {member.filename} packas upp till {_mb(member.file_size)} "
                                 f"(högst {_mb(max_member)})")
        total += member.file_size
    if total > max_total:
        raise ArchiveRefused(f"filen packas upp till {_mb(total)} (högst {_mb(max_total)})")
    if isinstance(source, io.IOBase):
        source.seek(0)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} byte"

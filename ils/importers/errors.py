"""The one error an importer raises: which file, which line, what is wrong."""
from __future__ import annotations


class ReportError(Exception):
    """A file that cannot be imported. Nothing from it may be stored."""

    def __init__(self, source: str, line: int | None, problem: str):
        self.source = source
        self.line = line
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.problem}"

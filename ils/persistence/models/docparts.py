"""Parts of the document's head that the city's reports list: the signatures under the decisions."""
from __future__ import annotations

from django.db import models

from .core import Report

__all__ = ["Signature"]


class Signature(models.Model):
    """A name and title signing the tjänsteutlåtande, in the order they are printed."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="signatures")
    name = models.CharField("namn", max_length=200)
    title = models.CharField("titel", max_length=200, blank=True)
    line = models.PositiveIntegerField(default=0)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "order"]
        verbose_name, verbose_name_plural = "underskrift", "underskrifter"

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

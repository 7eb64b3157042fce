"""A report's texts by the city's template: the template per year and document type, and each
document's text parts (ils.domain.text_template), which move through the section workflow."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from ils.domain.model import Period
from ils.domain.workflow import Status

from .core import Report, _choices


class ReportTemplate(models.Model):
    """The outline an administrator set for one year and document type (else the shipped default)."""

    year = models.PositiveSmallIntegerField("år")
    period = models.CharField("period", max_length=2, choices=_choices(Period, {p: p.label for p in Period}))
    parts = models.JSONField("delar", default=list)
    version = models.PositiveIntegerField(default=1)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    changed_at = models.DateTimeField("ändrad", auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "period"], name="one_template_per_year_period")]
        verbose_name, verbose_name_plural = "rapportmall", "rapportmallar"


class TextPart(models.Model):
    """One part of a document's texts; ``text`` is the Markdown subset of ils.domain.markup."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="text_parts")
    key = models.CharField("nyckel", max_length=80)
    heading = models.CharField("rubrik", max_length=300)
    level = models.PositiveSmallIntegerField("nivå", default=1)
    parent = models.CharField("överordnad del", max_length=80, blank=True)
    instructions = models.TextField("anvisning", blank=True)
    required = models.BooleanField("obligatorisk", default=False)
    always = models.BooleanField("ska alltid finnas", default=False)
    place = models.CharField("placering", max_length=8, default="fore")
    goal = models.CharField("inriktningsmål", max_length=16, blank=True)
    text = models.TextField("text", blank=True)
    extra = models.BooleanField("utanför mallen", default=False)
    line = models.PositiveIntegerField("rad", default=0)
    order = models.PositiveIntegerField()
    status = models.CharField("status", max_length=12, choices=[(s.value, s.label) for s in Status],
                              default=Status.DRAFT.value)
    version = models.PositiveIntegerField(default=1)
    writers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="text_parts",
                                     verbose_name="skribenter")

    class Meta:
        ordering = ["report", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_text_part_per_key")]
        verbose_name, verbose_name_plural = "textdel", "textdelar"

    def __str__(self) -> str:
        return self.heading

    @property
    def anchor(self) -> str:
        return "text-" + self.key

"""Internal control per committee and year: the frozen risk matrix, risks, controls, follow-ups per
report period and the VB's judgement; and the city's matrix and designated areas per year.

The analysis belongs to the year's first document (normally the VP, where it is decided): its risks
and controls lock with that report; a follow-up locks with the T1, T2 or VB it is reported in, and
the judgement with the VB. Editable rows carry a version for optimistic locking.
"""
from __future__ import annotations

from django.db import models

from ils.domain.internal_control import Frequency, Judgement, Method, Treatment
from ils.domain.workflow import Status

from .core import Committee, Report, _choices

__all__ = ["CityRiskArea", "CityRiskMatrix", "Control", "ControlFollowUp", "ControlSection", "Risk", "RiskAnalysis"]

SCORE = {"max_digits": 12, "decimal_places": 4}
FOLLOW_UP_PERIODS = [("T1", "Tertialrapport 1"), ("T2", "Tertialrapport 2"), ("VB", "Verksamhetsberättelse")]


class CityRiskMatrix(models.Model):
    """The risk matrix the city configures for a year (domain.internal_control.RiskMatrix as JSON)."""

    year = models.PositiveSmallIntegerField("år", unique=True)
    definition = models.JSONField("matris")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year"]
        verbose_name, verbose_name_plural = "stadens riskmatris", "stadens riskmatriser"


class CityRiskArea(models.Model):
    """An area the city designates for every committee's risk analysis (välfärdsbrott, otillåten påverkan)."""

    year = models.PositiveSmallIntegerField("år")
    area = models.CharField("process eller område", max_length=200)
    description = models.TextField("risk", max_length=2000)
    category = models.CharField("kategori", max_length=100, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "area", "description"], name="one_city_risk_area")]
        verbose_name, verbose_name_plural = "stadsgemensamt riskområde", "stadsgemensamma riskområden"


class RiskAnalysis(models.Model):
    committee = models.ForeignKey(Committee, models.CASCADE, related_name="risk_analyses", verbose_name="nämnd")
    year = models.PositiveSmallIntegerField("år")
    report = models.ForeignKey(Report, models.CASCADE, related_name="+", verbose_name="beslutad i")
    matrix = models.JSONField("riskmatris (fryst för året)")
    judgement = models.CharField("bedömning", max_length=12, blank=True,
                                 choices=[(j.value, j.label) for j in Judgement])
    judgement_analysis = models.TextField("analys av den interna kontrollen", blank=True, max_length=10000)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["committee__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["committee", "year"], name="one_risk_analysis_per_year")]
        verbose_name, verbose_name_plural = "riskanalys", "riskanalyser"

    def __str__(self) -> str:
        return f"Riskanalys {self.year} {self.committee}"


class Risk(models.Model):
    analysis = models.ForeignKey(RiskAnalysis, models.CASCADE, related_name="risks")
    order = models.PositiveIntegerField()
    area = models.CharField("process eller område", max_length=200)
    description = models.TextField("risk", max_length=2000)
    category = models.CharField("kategori", max_length=100, blank=True)
    city_designated = models.BooleanField("stadsgemensamt område", default=False)
    # All four empty: not yet assessed (an area the city pushed, say).
    probability = models.DecimalField("sannolikhet", null=True, blank=True, **SCORE)
    consequence = models.DecimalField("konsekvens", null=True, blank=True, **SCORE)
    value = models.DecimalField("riskvärde", max_digits=24, decimal_places=8, null=True, blank=True)
    level = models.PositiveSmallIntegerField("risknivå", null=True, blank=True)
    treatment = models.CharField("hantering", max_length=12, blank=True, choices=[
        (t.value, t.label) for t in Treatment if t is not Treatment.NONE])
    motivation = models.TextField("motivering", blank=True, max_length=4000)
    action = models.TextField("åtgärd", blank=True, max_length=4000)
    action_owner = models.CharField("ansvarig för åtgärden", max_length=200, blank=True)
    previous_level = models.PositiveSmallIntegerField("nivå föregående år", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["analysis", "order", "pk"]
        verbose_name, verbose_name_plural = "risk", "risker"

    def __str__(self) -> str:
        return self.description if len(self.description) <= 80 else self.description[:79] + "…"


class Control(models.Model):
    """A kontrollmoment: what is checked, how, how often, by whom, when and where it is reported."""

    analysis = models.ForeignKey(RiskAnalysis, models.CASCADE, related_name="controls")
    risk = models.ForeignKey(Risk, models.CASCADE, related_name="controls", verbose_name="risk")
    order = models.PositiveIntegerField()
    what = models.TextField("kontrollmoment", max_length=2000)
    method = models.CharField("metod", max_length=20, choices=_choices(Method, {m: m.label for m in Method}))
    frequency = models.CharField("frekvens", max_length=20,
                                 choices=_choices(Frequency, {f: f.label for f in Frequency}))
    responsible = models.CharField("ansvarig", max_length=200, blank=True)
    when = models.CharField("när", max_length=200, blank=True)
    reported_in = models.JSONField("rapporteras i", default=list)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["analysis", "order", "pk"]
        verbose_name, verbose_name_plural = "kontrollmoment", "kontrollmoment"

    def __str__(self) -> str:
        return self.what if len(self.what) <= 80 else self.what[:79] + "…"


class ControlFollowUp(models.Model):
    control = models.ForeignKey(Control, models.CASCADE, related_name="follow_ups")
    report = models.ForeignKey(Report, models.CASCADE, related_name="+", verbose_name="rapporteras i")
    period = models.CharField("period", max_length=2, choices=FOLLOW_UP_PERIODS)
    carried_out = models.BooleanField("genomförd", null=True)
    result = models.TextField("resultat", blank=True, max_length=4000)
    deviations = models.TextField("avvikelser", blank=True, max_length=4000)
    action = models.TextField("beslutad åtgärd", blank=True, max_length=4000)
    action_owner = models.CharField("ansvarig för åtgärden", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["control", "period"]
        constraints = [models.UniqueConstraint(fields=["control", "period"], name="one_follow_up_per_period")]
        verbose_name, verbose_name_plural = "uppföljning av kontrollmoment", "uppföljningar av kontrollmoment"


class ControlSection(models.Model):
    """The workflow status of one part of the internal control: the plan (risks and controls) or the
    follow-up in T1, T2 or the VB (the VB's with the judgement). No row means a draft."""

    analysis = models.ForeignKey(RiskAnalysis, models.CASCADE, related_name="sections")
    part = models.CharField("del", max_length=4, choices=[("plan", "Riskanalys och kontrollplan"), *FOLLOW_UP_PERIODS])
    status = models.CharField("status", max_length=12, choices=[(s.value, s.label) for s in Status],
                              default=Status.DRAFT.value)

    class Meta:
        ordering = ["analysis", "part"]
        constraints = [models.UniqueConstraint(fields=["analysis", "part"], name="one_status_per_control_part")]
        verbose_name, verbose_name_plural = "avsnitt i internkontrollen", "avsnitt i internkontrollen"

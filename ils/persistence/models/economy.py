"""A request in the economy (budgetjustering, omslutningsförändring, resultatöverföring): one row of
its table and one numbered decision item with the same amount, made and changed together by
ils.persistence.economy, so the decision and the table cannot disagree. A budgetjustering also
names the rows it adjusts (`targets`: a verksamhetsområde of the driftbudget, a project of the
investeringar), whose "Budgetjusteringar och prestationsförändringar" column holds its amount."""
from __future__ import annotations

from django.db import models

from .core import Decision, EconomyRow


__all__ = ["EconomyRequest"]


class EconomyRequest(models.Model):
    row = models.OneToOneField(EconomyRow, models.CASCADE, related_name="request")
    decision = models.OneToOneField(Decision, models.CASCADE, related_name="economy_request")
    kind = models.CharField("begäran", max_length=32)  # budgetjustering | omslutningsförändring | resultatöverföring
    targets = models.ManyToManyField(EconomyRow, blank=True, related_name="adjusting_requests",
                                     verbose_name="förs in i")

    class Meta:
        verbose_name, verbose_name_plural = "begäran", "begäranden"

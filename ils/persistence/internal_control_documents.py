"""The internal control in the year's documents: its generated bilagor and the decisions approving them.

The VP gets the decision items of the real VP (decisions 2–3): "system för internkontroll" (with
its bilaga when one of that title is uploaded) and "väsentlighets- och riskanalys samt
internkontrollplan" with the generated plan bilaga; the VB gets the bilaga "Uppföljning av intern
kontroll" (the real VB decides no item of its own on it). Everything goes through
`persistence.docparts`, so permission, the draft rule, the audit and the transaction are its own.
Run again, the generated bilaga keeps its number and decision and gets the new file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain.internal_control import FOLLOW_UP_TITLE, PLAN_TITLE

from . import docparts, models
from . import internal_control as service

SYSTEM_WORDS = "system för internkontroll"
PLAN_WORDS = "riskanalys samt internkontrollplan"


def system_decision() -> str:
    return "Nämnden godkänner system för internkontroll."


def plan_decision(year: int) -> str:
    return f"Nämnden godkänner väsentlighets- och riskanalys samt internkontrollplan {year}."


@dataclass(frozen=True)
class Outcome:
    """What one document got: the generated bilaga, whether it was new, the decisions added."""

    report: models.Report
    attachment: models.Attachment
    added: bool  # a new bilaga (else an existing one, renewed when ``replaced``)
    replaced: bool
    decisions: list[models.Decision]


def target_reports(analysis: models.RiskAnalysis) -> list[models.Report]:
    """The year's VP and VB that exist, in that order."""
    return [r for r in (service.follow_up_report(analysis, p) for p in ("VP", "VB")) if r is not None]


def may_attach(user, analysis: models.RiskAnalysis) -> bool:
    return any(docparts.can_edit_parts(user, r) for r in target_reports(analysis))


@transaction.atomic
def attach_to_documents(user, analysis: models.RiskAnalysis, pdf_of: Callable[[str], bytes]) -> list[Outcome]:
    """Adds (or renews) the bilagor and decision items in every draft of the year's VP and VB this
    person may edit; PermissionDenied, saying why, when there is none. ``pdf_of("plan")`` and
    ``pdf_of("uppfoljning")`` draw the bilagor (the web layer passes the renderer's PDF)."""
    reports = target_reports(analysis)
    editable = [r for r in reports if docparts.can_edit_parts(user, r)]
    if not editable:
        if not reports:
            raise PermissionDenied(f"Det finns ingen verksamhetsplan eller verksamhetsberättelse för "
                                   f"{analysis.year} att lägga bilagan i.")
        docparts.check_can_edit(user, reports[0])  # raises with the reason
    outcomes = []
    for report in editable:
        if report.period == "VP":
            outcomes.append(_into(user, report, pdf_of("plan"), f"{PLAN_TITLE} {analysis.year}",
                                  plan_decision(analysis.year), with_system=True))
        else:
            outcomes.append(_into(user, report, pdf_of("uppfoljning"), f"{FOLLOW_UP_TITLE} {analysis.year}",
                                  None, with_system=False))
    return outcomes


def _into(user, report: models.Report, pdf: bytes, title: str, decision_text: str | None,
          with_system: bool) -> Outcome:
    slug = report.committee.slug
    upload = docparts.Upload(f"{title} {slug}.pdf", pdf)
    note = "Skapad från den interna kontrollen"
    existing = _bilaga(report, title)
    replaced = False
    if existing is None:
        attachment = docparts.add_attachment(user, report, None, upload, title, note=note)
    else:
        attachment = existing
        replaced = bool(docparts.replace_attachment_file(user, existing, None, upload, note=note))
    decisions = []
    if with_system and not _decided(report, SYSTEM_WORDS):
        system = report.attachments.filter(title__istartswith="System för intern").order_by("order", "pk").first()
        decisions.append(docparts.add_decision(user, report, None, system_decision(), attachment=system,
                                               position=_position(report), note=note))
    if decision_text and not _decided(report, PLAN_WORDS, attachment):
        decisions.append(docparts.add_decision(user, report, None, decision_text, attachment=attachment,
                                               position=_position(report), note=note))
    return Outcome(report, attachment, existing is None, replaced, decisions)


def _bilaga(report: models.Report, title: str) -> models.Attachment | None:
    """The bilaga made before, or an imported one of the same kind ("Väsentlighets- och riskanalys samt
    internkontrollplan Hägersten-Älvsjö VP 2025"), which then gets the file."""
    kind = title.rsplit(" ", 1)[0]
    rows = report.attachments.order_by("order", "pk")
    return rows.filter(title=title).first() or rows.filter(title__istartswith=kind).first()


def _decided(report: models.Report, words: str, attachment: models.Attachment | None = None) -> bool:
    """A decision item already approves it: it refers to the bilaga or names it (an imported VP's)."""
    return any((attachment is not None and d.attachment_id == attachment.pk) or words in d.text.casefold()
               for d in report.decisions.all())


def _position(report: models.Report) -> int | None:
    """After the first decision (the VP's approval of itself), as in the real VP; last otherwise."""
    count = report.decisions.count()
    if count == 0:
        return None
    internal = [d.number for d in report.decisions.all() if "internkontroll" in d.text]
    return (max(internal) + 1) if internal else 2

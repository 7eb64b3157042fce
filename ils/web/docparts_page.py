"""The head, decisions and bilagor as the report page summarises them (``_report_head.html``)."""
from __future__ import annotations

from ils.domain.front_matter import city_title
from ils.domain.model import DocumentType, Period
from ils.persistence import docparts, models
from ils.persistence.store import attestations_of, decisions_of


def front_matter(user, report: models.Report) -> dict:
    return {
        "report": report,
        "title": report.title or city_title(DocumentType(report.type), Period(report.period), report.year,
                                            report.committee.name),
        "decisions": decisions_of(report),
        "attachments": list(report.attachments.all()),
        "signatures": list(report.signatures.all()),
        "attestations": attestations_of(report),
        "parts_editable": docparts.can_edit_parts(user, report),
    }

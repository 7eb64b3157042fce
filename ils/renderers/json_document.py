"""Domain Document -> plain JSON-able dict (the `ils import --dry-run --json` format)."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from ils.domain.model import Document
from ils.domain.targets import Target
from ils.domain.text_template import document_parts
from ils.domain.values import Quantity


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)


def _quantity(value: Quantity | None):
    return None if value is None else _number(value.value)


def _target(target: Target):
    value = target.json_value()
    return _number(value) if isinstance(value, Decimal) else value


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def document_to_dict(doc: Document) -> dict:
    return {
        "document": {
            "type": doc.type.value,
            "period": doc.period.value,
            "year": doc.year,
            "committee": doc.committee,
            "title": doc.title,
            "date": _date(doc.date),
            "author": doc.author,
            "phone": doc.phone,
            "email": doc.email,
            "recipient": doc.recipient,
            "reference": doc.reference,
            "source": doc.source,
        },
        "goals": [
            {
                "level": g.level.value,
                "number": g.number,
                "parent": g.parent_number,
                "title": g.title,
                "assessment": g.assessment.value if g.assessment else None,
                "description": g.description,
                "expected_results": g.expected_results,
                "analysis": g.analysis,
                "sections": [{"heading": s.heading, "text": s.text, "line": s.line} for s in g.sections],
                "line": g.line,
            }
            for g in doc.goals
        ],
        "indicators": [
            {
                "goal": i.goal,
                "name": i.name,
                "key": i.key,
                "kf": i.kf,
                "unit": i.unit,
                "outcome": _quantity(i.outcome),
                "outcome_women": _quantity(i.outcome_women),
                "outcome_men": _quantity(i.outcome_men),
                "previous": _quantity(i.previous),
                "forecast": _quantity(i.forecast),
                "target": _target(i.target),
                "target_kind": i.target.kind.value,
                "kf_target": _target(i.kf_target),
                "kf_target_kind": i.kf_target.kind.value,
                "period": i.period,
                "frequency": i.frequency,
                "direction": i.direction.value,
                "status": i.status.value,
                "analysis": i.analysis,
                "icons": i.icons,
                "inferred": list(i.inferred),
                "line": i.line,
            }
            for i in doc.indicators
        ],
        "activities": [
            {
                "goal": a.goal,
                "text": a.text,
                "start": _date(a.start),
                "end": _date(a.end),
                "kf_assignment": a.kf_assignment,
                "status": a.status.value if a.status else None,
                "deviation": a.deviation,
                "analysis": a.analysis,
                "icons": a.icons,
                "inferred": list(a.inferred),
                "line": a.line,
            }
            for a in doc.activities
        ],
        "decisions": [
            {
                "number": d.number,
                "text": d.text,
                "amount": _number(d.amount),
                "amount_unit": d.amount_unit or None,
                "amount_mnkr": _number(d.amount_mnkr),
                "attachment": d.attachment or None,
                "economy_row": d.economy_row or None,
                "line": d.line,
            }
            for d in doc.decisions
        ],
        "attachments": [{"label": a.label, "title": a.title, "line": a.line} for a in doc.attachments],
        "attestations": [{"name": a.name, "date": _date(a.date), "line": a.line} for a in doc.attestations],
        "signatures": [{"name": s.name, "title": s.title, "line": s.line} for s in doc.signatures],
        "parts": [
            {"key": p.key, "heading": p.heading, "level": p.level, "parent": p.parent or None,
             "place": p.place, "goal": p.goal or None, "required": p.required, "always": p.always,
             "extra": p.extra, "text": p.text, "line": p.line}
            for p in document_parts(doc)
        ],
        "decision_date": _date(doc.decision_date),
        "decision_paragraph": doc.decision_paragraph or None,
        "summary": doc.summary,
        "case": doc.case,
        "economy": [
            {
                "title": t.title,
                "section": t.section,
                "unit": t.unit,
                "stub": t.stub,
                "columns": t.columns,
                "kind": t.kind,
                "text": t.text,
                "rows": [
                    {"label": r.label, "kind": r.kind.value, "values": [_number(v) for v in r.values],
                     "line": r.line, "text": r.text}
                    for r in t.rows
                ],
                "line": t.line,
            }
            for t in doc.economy
        ],
        "warnings": [{"line": w.line, "message": w.message} for w in doc.warnings],
    }


def document_to_json(doc: Document, indent: int | None = 2) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)

"""Open data: published (locked) indicator outcomes as CSV and JSON, for anyone.

One row per indicator, report and gender, as Kolada publishes: `kon` is T (totalt), K (kvinnor)
or M (män). Identifiers are stable (ils.domain.identifiers): the same indicator has the same code
every year, whatever goal it is reported under. Drafts never appear here.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from ils.domain.workflow import Status
from ils.persistence import models

from ils.domain.identifiers import indicator_code, report_code
from ils.renderers.spreadsheet_cells import csv_cell

FIELDS = ["indikator_id", "indikator", "enhet", "kf_indikator", "namnd_id", "namnd", "ar", "period", "rapport_id",
          "mal", "kon", "varde", "varde_text", "malvarde", "kf_malvarde"]
GENDERS = (("T", "outcome"), ("K", "outcome_women"), ("M", "outcome_men"))


def published(year: int | None = None, committee: str | None = None):
    values = models.IndicatorValue.objects.filter(report__status=Status.LOCKED.value)
    if year is not None:
        values = values.filter(report__year=year)
    if committee:
        values = values.filter(report__committee__slug=committee)
    return values.order_by("report__committee__name", "report__year", "report__period", "order").values_list(
        "definition__key", "name", "definition__unit", "kf", "report__committee__slug", "report__committee__name",
        "report__year", "report__period", "goal__number", "outcome", "outcome_text", "outcome_women",
        "outcome_women_text", "outcome_men", "outcome_men_text", "target_text", "kf_target_text")


def records(year: int | None = None, committee: str | None = None) -> Iterator[dict]:
    for (key, name, unit, kf, slug, committee_name, y, period, goal, t, t_text, k, k_text, m, m_text,
         target, kf_target) in published(year, committee).iterator(chunk_size=5000):
        for gender, value, text in (("T", t, t_text), ("K", k, k_text), ("M", m, m_text)):
            if value is None and not text:
                continue
            yield {"indikator_id": indicator_code(key), "indikator": name, "enhet": unit, "kf_indikator": kf,
                   "namnd_id": slug, "namnd": committee_name, "ar": y, "period": period,
                   "rapport_id": report_code(slug, y, period), "mal": goal, "kon": gender,
                   "varde": None if value is None else float(value), "varde_text": text,
                   "malvarde": target, "kf_malvarde": kf_target}


def _csv_lines(year, committee) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, FIELDS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for n, record in enumerate(records(year, committee)):
        record = record | {"kf_indikator": "1" if record["kf_indikator"] else "0",
                           "varde": "" if record["varde"] is None else repr(record["varde"])}
        writer.writerow({key: csv_cell(value) for key, value in record.items()})
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_chunks(year, committee) -> Iterator[str]:
    yield '{"kalla": "ILS, publicerade (låsta) rapporter", "falt": ' + json.dumps(FIELDS) + ', "varden": ['
    first = True
    for record in records(year, committee):
        yield ("" if first else ",") + json.dumps(record, ensure_ascii=False)
        first = False
    yield "]}"


def _name(year, committee, ext) -> str:
    return "-".join(["ils-utfall"] + ([str(year)] if year else []) + ([committee] if committee else [])) + "." + ext


def csv_response(year: int | None, committee: str | None) -> StreamingHttpResponse:
    # A byte-order mark, so Excel opens the UTF-8 file with å, ä and ö intact.
    response = StreamingHttpResponse(_prefixed("\ufeff", _csv_lines(year, committee)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(year, committee, "csv")}"'
    return response


def json_response(year: int | None, committee: str | None) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_json_chunks(year, committee), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_name(year, committee, "json")}"'
    return response


def _prefixed(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest

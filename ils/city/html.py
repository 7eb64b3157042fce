"""The long tables of the city's pages, written in Python: 100 indicators x 30 committees are
3 000 rows, which Django's template engine renders ten times slower than a join of escaped
strings. The markup is the same as the templates would give."""
from __future__ import annotations

from functools import lru_cache
from html import escape as _escape

from django.utils.safestring import mark_safe

from .figures import CityView, IndicatorBlock

escape = lru_cache(maxsize=100_000)(_escape)  # the same few thousand cell texts recur on every page

HEAD = ("Nämnd", "Mål", "Utfall", "Män/pojkar", "Kvinnor/flickor", "Skillnad K−M", "Prognos", "Nämndens årsmål",
        "KF:s årsmål")
REPORT_HEAD = ("Nämnd", "Utfall", "Män/pojkar", "Kvinnor/flickor", "Prognos", "Nämndens årsmål")


def _head(columns) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in columns) + "</tr></thead>"


def _rows(block: IndicatorBlock, short: bool) -> str:
    out = []
    for r in block.rows:
        cells = (r.outcome, r.men, r.women, r.forecast, r.target) if short else (
            r.outcome, r.men, r.women, r.gap, r.forecast, r.target, r.kf_target)
        goal = "" if short else f"<td>{escape(r.goal)}</td>"
        out.append(f'<tr><th scope="row">{escape(r.committee)}</th>{goal}'
                   + "".join(f'<td class="num">{escape(c)}</td>' for c in cells) + "</tr>")
    return "".join(out)


def indicator_blocks(view: CityView, dashboard_url: str) -> str:
    """The page's indicators: a summary line each, the committees' table when opened."""
    head = _head(HEAD)
    parts = []
    for b in view.indicators:
        name = escape(b.name)
        # A link inside <summary> would be a control inside a control (WCAG 4.1.2): it goes below.
        link = (f'<p><a href="{dashboard_url}?ar={view.year}&amp;period={view.period}&amp;indikator={b.definition_id}">'
                f"Diagram: {name}</a></p>") if b.definition_id else ""
        parts.append(
            f'<details class="indicator-block"><summary><strong>{name}</strong>'
            + (f" ({escape(b.unit)})" if b.unit else "")
            + f" · KF:s årsmål {escape(b.kf_target) or '–'} · {b.reported} av {len(b.rows)} nämnder har utfall"
            + f'</summary>{link}<table class="indicators"><caption class="sr">{name} per nämnd</caption>{head}<tbody>'
            + _rows(b, short=False) + "</tbody></table></details>")
    return mark_safe("\n".join(parts))


def report_indicator_tables(view: CityView) -> str:
    head = _head(REPORT_HEAD)
    parts = []
    for b in view.indicators:
        caption = escape(b.name) + (f" ({escape(b.unit)})" if b.unit else "") + (
            f", KF:s årsmål {escape(b.kf_target)}" if b.kf_target else "")
        parts.append(f"<table><caption>{caption}</caption>{head}<tbody>{_rows(b, short=True)}</tbody></table>")
    return mark_safe("\n".join(parts))

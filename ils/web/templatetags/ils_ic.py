"""Template helpers of the internal-control pages: the risk matrix (SVG and its table) and scores."""
from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ils.persistence.internal_control import score_text
from ils.renderers.risk_matrix_svg import matrix_svg

register = template.Library()


@register.simple_tag
def risk_matrix(matrix, element_id="riskmatris"):
    """The chart (built with escaped text by risk_matrix_svg) beside a table with the same data."""
    svg = mark_safe(matrix_svg(matrix, element_id))  # noqa: S308 - every text in it is escaped
    return render_to_string("ils/internal_control/_matrix.html", {"svg": svg, "matrix": matrix})


@register.filter
def sv_score(value) -> str:
    """A score or bound the Swedish way: 2,5; an empty one as a dash."""
    return score_text(value) or "–"

"""The risk matrix as an SVG chart that also reads without colour.

Every cell prints its count and its level's name; the axes name each scale level; the chart has a
<title> and a <desc> with the counts per level, and the page puts the same data in a table beside it.
Colours only repeat what the words say. No style attributes (the pages run under a strict CSP).
"""
from __future__ import annotations

from html import escape

from .internal_control_content import Matrix

CELL_W, CELL_H, LEFT, BOTTOM, TOP = 112, 64, 150, 64, 28


def _ink(colour: str) -> str:
    """Black or white text, whichever contrasts more with the cell's fill (WCAG relative luminance)."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def matrix_svg(view: Matrix, element_id: str = "riskmatris") -> str:
    matrix = view.matrix
    columns, rows = len(matrix.consequence), len(matrix.probability)
    width, height = LEFT + columns * CELL_W + 8, TOP + rows * CELL_H + BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="riskmatris" role="img" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" font-family="DejaVu Sans, Arial, sans-serif" aria-labelledby="{element_id}-titel {element_id}-beskrivning">',
           f'<title id="{element_id}-titel">{escape(view.caption)}</title>',
           f'<desc id="{element_id}-beskrivning">{escape(view.summary)}</desc>',
           f'<text x="{LEFT + columns * CELL_W / 2}" y="{height - 8}" text-anchor="middle" font-size="13" '
           f'font-weight="bold">Konsekvens</text>',
           f'<text x="14" y="{TOP + rows * CELL_H / 2}" text-anchor="middle" font-size="13" font-weight="bold" '
           f'transform="rotate(-90 14 {TOP + rows * CELL_H / 2})">Sannolikhet</text>']
    for r, row in enumerate(view.rows):
        y = TOP + r * CELL_H
        name = matrix.probability[row[0].probability - 1].name
        out.append(f'<text x="{LEFT - 8}" y="{y + CELL_H / 2 + 4}" text-anchor="end" font-size="12">'
                   f'{row[0].probability} {escape(name)}</text>')
        for c, cell in enumerate(row):
            x = LEFT + c * CELL_W
            ink = _ink(cell.level.colour)
            label = f"Sannolikhet {cell.probability}, konsekvens {cell.consequence}: {cell.level.name}, {cell.count}"
            out.append(f'<g><title>{escape(label)}</title>'
                       f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{cell.level.colour}" '
                       f'stroke="#ffffff" stroke-width="2"/>'
                       f'<text x="{x + CELL_W / 2}" y="{y + 30}" text-anchor="middle" font-size="22" '
                       f'font-weight="bold" fill="{ink}">{cell.count}</text>'
                       f'<text x="{x + CELL_W / 2}" y="{y + 50}" text-anchor="middle" font-size="11" '
                       f'fill="{ink}">{escape(cell.level.name)}</text></g>')
    for c, level in enumerate(matrix.consequence):
        out.append(f'<text x="{LEFT + c * CELL_W + CELL_W / 2}" y="{TOP + rows * CELL_H + 18}" text-anchor="middle" '
                   f'font-size="12">{c + 1} {escape(level.name)}</text>')
    out.append("</svg>")
    return "".join(out)

"""Vega-Lite specs to SVG on the server (vl-convert: no browser, no network), in Swedish number format.

The same spec goes to vega-embed in the browser, so the printed and the interactive chart agree.
"""
from __future__ import annotations

import json
from functools import lru_cache
from html import escape

# d3-format's Swedish locale: "3 331,1".
SWEDISH_FORMAT = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}


@lru_cache(maxsize=512)
def _svg(spec_json: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=SWEDISH_FORMAT, allowed_base_urls=[])


def svg(spec: dict) -> str:
    return _svg(json.dumps(spec, sort_keys=True))


def labelled_svg(spec: dict, description: str) -> str:
    """The chart as an image with a <title> and an aria-label carrying ``description``."""
    text = escape(description)
    head, _, rest = svg(spec).partition(">")
    return f'{head} role="img" aria-label="{text}"><title>{text}</title>{rest}'


def decorative_svg(spec: dict) -> str:
    """A chart whose data stand in a table beside it: hidden from screen readers, which read the table."""
    return svg(spec).replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)

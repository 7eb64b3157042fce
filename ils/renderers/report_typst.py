"""The Typst template of the PDF report: A4 layout, styles and the drawing of each block.

It reads the report as JSON from ``sys.inputs.report`` (built by ``typst_report.report_data``)
and never evaluates report text as markup: every text is a Typst string, shown as it is, so a
title like ``#set text(red)`` or ``$x$`` prints as those characters. Kept as a Python string, like
the HTML report's stylesheet, so the package needs no data files.

The JSON: title, authors, description, blocks and, for wide tables, landscape (true).
Block kinds: head (tjänsteutlåtande), h (heading), p, rp (a paragraph of runs {t, b, i}), ul, rl
(a list of run lists, ordered or not), ol (numbered decisions), mark (an assessment), toc, table,
chart (an SVG figure with its alt text, and optionally its data table beside it). Table rows are lists of cells ``{t, num, nowrap, kind}``; a row's
``kind`` is data, total, varav, group or analys (one cell over the whole width).
"""

REPORT_TYP = r"""
#let data = json(bytes(sys.inputs.report))

#let rule = rgb("#8a8a8a")
#let head-fill = rgb("#e6ebf0")
#let ink = rgb("#1a1a1a")
#let symbol-fill = (helt: rgb("#17692f"), delvis: rgb("#8a5a00"), inte: rgb("#a4161a"), ej: rgb("#555555"))

#set document(title: data.title, author: data.authors, description: data.description)
#set text(lang: "sv", font: "DejaVu Sans", size: 9pt, fill: ink, hyphenate: false)
#set par(leading: 0.55em, spacing: 0.9em)
#set page(
  paper: "a4",
  flipped: data.at("landscape", default: false),
  margin: (top: 20mm, left: 17mm, right: 17mm, bottom: 22mm),
  footer: context grid(
    columns: (1fr, auto),
    column-gutter: 2em,
    align: (left + bottom, right + bottom),
    text(size: 7pt, fill: rgb("#444444"), data.title),
    text(size: 7.5pt)[Sida #counter(page).display() av #counter(page).final().first()],
  ),
)
#set heading(numbering: none)
#show heading: set block(above: 1.3em, below: 0.6em)
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 14pt)
#show heading.where(level: 3): set text(size: 12pt)
#show heading.where(level: 4): set text(size: 10.5pt)
#show heading.where(level: 5): set text(size: 9.5pt)
#show heading.where(level: 6): set text(size: 9pt)
#set list(indent: 0.6em)
#set enum(indent: 0.6em)
// The leader starts right after the title ("Inledning ....... 3"), as in the HTML report's print.
#show outline.entry: it => link(it.element.location(), it.indented(it.prefix(),
  [#it.body()#box(width: 1fr, repeat[.])#h(0.3em)#it.page()]))
#show outline.entry.where(level: 2): set block(above: 0.9em)
#show figure.where(kind: table): set block(breakable: true)
#show figure.caption: set align(left)
#show figure.caption: set text(weight: "bold")
#set figure(gap: 0.4em)
#set figure.caption(separator: none)
#set table(stroke: 0.5pt + rule, inset: (x: 0.35em, y: 0.3em), align: left + top)

// A paragraph of a writer's text: strings shown as they are, with bold and italic runs.
#let runs(rs) = rs.map(r => {
  let body = [#r.t]
  if r.b { body = strong(body) }
  if r.i { body = emph(body) }
  body
}).join()

#let symbol(key, sym) = pdf.artifact(text(fill: symbol-fill.at(key), sym))

#let table-cell(cell, row, columns) = {
  let kind = row.kind
  let body = cell.t
  if cell.at("symbol", default: none) != none {
    body = [#symbol(cell.key, cell.symbol) #cell.t]
  }
  if cell.at("nowrap", default: false) { body = box(body) }
  if kind == "varav" and cell.at("stub", default: false) { body = pad(left: 1em, emph(body)) }
  let bold = kind == "total" or (kind == "group" and cell.at("stub", default: false))
  if bold { body = text(weight: "bold", body) }
  let args = (:)
  if cell.at("num", default: false) { args.insert("align", right + top) }
  if kind == "total" { args.insert("stroke", (top: 1.5pt + ink)) }
  if kind == "analys" {
    args.insert("colspan", columns)
    args.insert("fill", luma(246))
    body = text(size: 0.95em, body)
  }
  table.cell(..args, body)
}

#let report-table(b) = {
  let columns = b.widths.len()
  figure(
    kind: table,
    numbering: none,
    caption: figure.caption(position: top, b.caption),
    text(size: 7.5pt, hyphenate: true, table(
      columns: b.widths.map(w => w * 1fr),
      table.header(..b.header.map(h => table.cell(fill: head-fill, text(weight: "bold", h)))),
      ..b.rows.map(row => row.cells.map(cell => table-cell(cell, row, columns))).flatten(),
    )),
  )
}

// A chart: the SVG as a figure with its alt text (tagged /Figure with /Alt); its table beside it.
#let chart-figure(b) = figure(
  kind: image,
  numbering: none,
  caption: figure.caption(position: top, b.caption),
  image(bytes(b.svg), format: "svg", alt: b.alt, width: 100%),
)

#let chart-block(b) = {
  if b.at("table", default: none) == none {
    block(width: b.at("width", default: 60) * 1%, chart-figure(b))
  } else {
    grid(
      columns: (b.at("width", default: 50) * 1fr, (100 - b.at("width", default: 50)) * 1fr),
      column-gutter: 1.5em,
      chart-figure(b),
      report-table(b.table),
    )
  }
}

#let head-block(b) = block(
  width: 100%,
  stroke: (bottom: 0.5pt + rule),
  inset: (bottom: 0.6em),
  below: 1.2em,
  grid(
    columns: (1fr,) + b.groups.map(_ => auto),
    column-gutter: 2.5em,
    text(weight: "bold", b.org),
    ..b.groups.map(g => stack(spacing: 0.5em, text(weight: "bold", g.at(0)), ..g.slice(1).map(t => [#t]))),
  ),
)

#for b in data.blocks {
  let k = b.k
  if k == "h" {
    if b.at("page", default: false) { pagebreak(weak: true) }
    heading(level: b.level, outlined: b.toc, bookmarked: true, b.t)
  } else if k == "p" {
    par(b.t)
  } else if k == "rp" {
    par(runs(b.runs))
  } else if k == "rl" {
    if b.ordered { enum(..b.items.map(runs)) } else { list(..b.items.map(runs)) }
  } else if k == "ul" {
    list(..b.items.map(i => [#i]))
  } else if k == "ol" {
    enum(..b.items.map(i => enum.item(i.n, [#i.t])))
  } else if k == "mark" {
    par(text(weight: "bold")[#symbol(b.key, b.symbol) #b.t])
  } else if k == "toc" {
    outline(title: none, depth: 4)
  } else if k == "table" {
    report-table(b)
  } else if k == "chart" {
    chart-block(b)
  } else if k == "head" {
    head-block(b)
  }
}
"""

"""The HTML report's stylesheet: screen reading and A4 print from a browser (the PDF report is
laid out by Typst, ``typst_report``, in the same outline).

Kept inline in the HTML so a published report is one self-contained file.
"""

REPORT_CSS = """
:root { --rule: #8a8a8a; --head: #e6ebf0; --ink: #1a1a1a; }
html { font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: var(--ink);
       line-height: 1.4; }
body { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.2; margin: 1.2em 0 0.4em; break-after: avoid; }
h1 { font-size: 1.9rem; margin-top: 0.6em; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.25rem; }
h4 { font-size: 1.1rem; }
h5, h6 { font-size: 1rem; }
p, li { hyphens: auto; }
.tjansteutlatande { border-bottom: 1px solid var(--rule); padding-bottom: 0.6rem; overflow: hidden; }
.tjansteutlatande .org { font-weight: bold; margin: 0; float: left; }
.tjansteutlatande dl { float: right; margin: 0; }
.tjansteutlatande dl > div { float: left; margin-left: 2.5rem; }
.tjansteutlatande dt { font-weight: bold; }
.tjansteutlatande dd { margin: 0; }
.beslut li { margin-bottom: 0.3em; }
.bedomning { font-weight: bold; break-after: avoid; }
.symbol { display: inline-block; min-width: 1.1em; }
.helt .symbol { color: #17692f; }
.delvis .symbol { color: #8a5a00; }
.inte .symbol { color: #a4161a; }
.ej .symbol { color: #555; }
table { table-layout: fixed; border-collapse: collapse; width: 100%; margin: 0.8em 0 1.2em; font-size: 0.85rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid var(--rule); padding: 0.25em 0.4em; vertical-align: top; text-align: left;
         overflow-wrap: break-word; hyphens: auto; }
thead th, thead td { background: var(--head); font-weight: bold; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.tal { white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid var(--ink); }
tr.varav th { padding-left: 1.4em; font-style: italic; }
tr.grupp th { font-weight: bold; }
tr.analys td { font-size: 0.95em; background: #f6f6f6; }
nav.innehall ol { list-style: none; padding-left: 0; }
nav.innehall ol ol { padding-left: 1.2em; }
nav.innehall li { margin: 0.15em 0; }
nav.innehall a { color: inherit; text-decoration: none; }
nav.innehall a:hover, nav.innehall a:focus { text-decoration: underline; }

@page {
  size: A4;
  margin: 20mm 17mm 22mm 17mm;
  @bottom-left { content: string(doc-title); font-size: 7.5pt; color: #444;
                 font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
  @bottom-right { content: "Sida " counter(page) " av " counter(pages); font-size: 8pt;
                  font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
}
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  h1 { string-set: doc-title content(); font-size: 18pt; }
  h2 { font-size: 15pt; }
  h3 { font-size: 13pt; }
  h4 { font-size: 11.5pt; }
  h5, h6 { font-size: 10pt; }
  .ny-sida { break-before: page; }
  table { font-size: 7.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  caption { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  nav.innehall a::after { content: leader(".") " " target-counter(attr(href), page); }
}
"""

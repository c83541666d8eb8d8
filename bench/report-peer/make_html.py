"""Writes the WeasyPrint peer's input: Ironbridge's report content as HTML.

Input: the folder `peer_document` wrote (`document.json`, the very blocks
`ironbridge report` lays out, with the charts as SVG files beside it).
Output: one HTML document of the same blocks, page, margins, faces, sizes
and colours, with the running header and footer, the status watermark and a
table of contents with page numbers, styled for print. Every string is
escaped. It is only the peer of the report benchmark: no test needs it.

Usage: make_html.py PEER_DIR > PEER_DIR/report.html
"""

import html
import json
import sys


def esc(text):
    return html.escape(str(text))


def css(doc):
    th, pg, fu = doc["theme"], doc["page"], doc["furniture"]
    first = "" if fu["on_first_page"] else "@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }"
    h1, h2, h3 = th["heading_sizes"]
    return f"""
@page {{ size: {pg['width']}pt {pg['height']}pt;
  margin: {pg['top']}pt {pg['right']}pt {pg['bottom']}pt {pg['left']}pt;
  @top-left {{ content: "{esc(fu['header_left'])}"; font-size: {th['furniture_size']}pt; color: {th['muted']}; }}
  @top-right {{ content: "{esc(fu['header_right'])}"; font-size: {th['furniture_size']}pt; color: {th['muted']}; }}
  @bottom-left {{ content: "{esc(fu['footer_left'])}"; font-size: {th['furniture_size']}pt; color: {th['muted']}; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: {th['furniture_size']}pt; color: {th['muted']}; }} }}
{first}
body {{ font-family: "Noto Sans", sans-serif; font-size: {th['body_size']}pt; line-height: {th['leading']};
  color: {th['text']}; margin: 0; }}
p {{ margin: 0 0 {th['paragraph_gap']}pt 0; }}
h1, h2, h3 {{ color: {th['heading']}; break-after: avoid; margin: 1.1em 0 0.5em 0; line-height: 1.3; }}
h1 {{ font-size: {h1}pt; }} h2 {{ font-size: {h2}pt; }} h3 {{ font-size: {h3}pt; }}
ul {{ margin: 0 0 {th['paragraph_gap']}pt 0; padding-left: 1.2em; }}
table {{ width: 100%; border-collapse: collapse; font-size: {th['table_size']}pt; margin-bottom: {th['paragraph_gap']}pt; }}
thead {{ display: table-header-group; }}
th {{ text-align: left; color: {th['muted']}; }}
th, td {{ border-bottom: 0.5pt solid {th['rule']}; padding: 3pt 4pt; vertical-align: top; }}
tr {{ break-inside: avoid; }}
.callout {{ border-left: 3pt solid {th['accent']}; background: #eef3f8; padding: 8pt; margin-bottom: {th['paragraph_gap']}pt; }}
.figures {{ display: flex; gap: 8pt; margin-bottom: {th['paragraph_gap']}pt; break-inside: avoid; }}
.figure {{ flex: 1; border-top: 2pt solid; background: #f7f7f7; padding: 6pt; }}
.figure .label, .figure .caption {{ font-size: 7.5pt; }} .figure .label {{ color: {th['muted']}; }}
.figure .value {{ font-size: 20pt; font-weight: bold; }}
.keep {{ break-inside: avoid; }}
.break {{ break-before: page; }}
hr {{ border: 0; border-top: 0.5pt solid {th['rule']}; }}
.contents a {{ color: inherit; text-decoration: none; }}
.contents a::after {{ content: leader('.') target-counter(attr(href), page); }}
.contents .d2 {{ padding-left: 1.5em; }}
.watermark {{ position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 60pt;
  font-weight: bold; color: rgba(179, 38, 30, 0.12); }}
"""


def spans(items):
    out = []
    for s in items:
        text = esc(s["text"]).replace("\n", "<br>")
        style = f' style="color: {s["colour"]}"' if s["colour"] else ""
        tag = {"bold": "b", "italic": "i"}.get(s["style"], "span")
        out.append(f"<{tag}{style}>{text}</{tag}>")
    return "".join(out)


class Writer:
    def __init__(self, doc):
        self.doc = doc
        self.headings = []
        self.anchors = 0
        self.out = []

    def block(self, b):
        kind, w = b["kind"], self.out.append
        if kind == "heading":
            self.anchors += 1
            anchor = f"h{self.anchors}"
            if b["outlined"]:
                self.headings.append((b["level"], b["text"], anchor))
            w(f'<h{b["level"]} id="{anchor}">{esc(b["text"])}</h{b["level"]}>')
        elif kind == "paragraph":
            style = f'text-align: {b["align"]};'
            if b["size"]:
                style += f' font-size: {b["size"]}pt;'
            if b["colour"]:
                style += f' color: {b["colour"]};'
            w(f'<p style="{style}">{spans(b["spans"])}</p>')
        elif kind == "bullets":
            w("<ul>" + "".join(f"<li>{spans(item)}</li>" for item in b["items"]) + "</ul>")
        elif kind == "table":
            total = sum(c["weight"] for c in b["columns"]) or 1
            head = "".join(
                f'<th style="width: {100 * c["weight"] / total:.1f}%; text-align: {c["align"]}">{esc(c["title"])}</th>'
                for c in b["columns"]
            )
            rows = []
            for row in b["rows"]:
                cells = []
                for c, column in zip(row, b["columns"]):
                    fill = f' background: {c["fill"]};' if c["fill"] else ""
                    cells.append(f'<td style="text-align: {column["align"]};{fill}">{spans(c["spans"])}</td>')
                rows.append("<tr>" + "".join(cells) + "</tr>")
            w(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        elif kind == "image":
            align = b.get("align", "left")
            w(f'<p style="text-align: {align}"><img src="{esc(b["file"])}" style="width: {b["width"]}pt"></p>')
        elif kind == "callout":
            w(f'<div class="callout">{spans(b["spans"])}</div>')
        elif kind == "figures":
            tiles = []
            for f in b["items"]:
                colour = f["colour"] or self.doc["theme"]["accent"]
                tiles.append(
                    f'<div class="figure" style="border-top-color: {colour}">'
                    f'<div class="label">{esc(f["label"])}</div>'
                    f'<div><span class="value" style="color: {colour}">{esc(f["value"])}</span> {esc(f["unit"])}</div>'
                    f'<div class="caption">{spans(f["caption"])}</div></div>'
                )
            w(f'<div class="figures">{"".join(tiles)}</div>')
        elif kind == "keep":
            w('<div class="keep">')
            for inner in b["blocks"]:
                self.block(inner)
            w("</div>")
        elif kind == "spacer":
            w(f'<div style="height: {b["height"]}pt"></div>')
        elif kind == "rule":
            w("<hr>")
        elif kind == "pagebreak":
            w('<div class="break"></div>')
        elif kind == "contents":
            w(f'<div class="contents" data-depth="{b["depth"]}">@@CONTENTS@@</div>')

    def html(self):
        for b in self.doc["blocks"]:
            self.block(b)
        depth = next((b["depth"] for b in self.doc["blocks"] if b["kind"] == "contents"), 1)
        contents = "".join(
            f'<p class="d{level}"><a href="#{anchor}">{esc(text)}</a></p>'
            for level, text, anchor in self.headings
            if level <= depth
        )
        body = "".join(self.out).replace("@@CONTENTS@@", contents)
        watermark = self.doc["furniture"]["watermark"]
        mark = f'<div class="watermark">{esc(watermark)}</div>' if watermark else ""
        return (
            f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            f"<title>{esc(self.doc['title'])}</title><style>{css(self.doc)}</style></head>"
            f"<body>{mark}{body}</body></html>"
        )


def main():
    with open(f"{sys.argv[1]}/document.json", encoding="utf-8") as f:
        doc = json.load(f)
    sys.stdout.write(Writer(doc).html())


if __name__ == "__main__":
    main()

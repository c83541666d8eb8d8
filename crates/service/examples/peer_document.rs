//! Writes the content of an assessment's PDF report for the report
//! benchmark's Typst peer (`bench/report-peer`): the very blocks
//! `ironbridge report` lays out (headings, paragraphs with their spans,
//! lists, tables, callouts, key figures, the contents), its running header
//! and footer, its page and theme, as one JSON file, with every chart as an
//! SVG file and every image as a PNG file beside it. The peer then typesets
//! the same content rather than a summary of it. Benchmark tooling only.
//!
//! Usage: `peer_document ASSESSMENT.json OUT_DIR` (the date is
//! `SOURCE_DATE_EPOCH`, else now); writes `OUT_DIR/document.json`.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use ironbridge_report::templates::SectionChoice;
use ironbridge_report::{
    Align, Block, Cell, Colour, Document, FontStyle, HeadingLevel, Span, encode_png,
};
use ironbridge_service::Banks;
use ironbridge_service::files::{ExposureRequest, Input};
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [assessment, out] = args.as_slice() else {
        return Err("usage: peer_document ASSESSMENT.json OUT_DIR".into());
    };
    let date = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(seconds) => Utc
            .timestamp_opt(seconds.trim().parse()?, 0)
            .single()
            .ok_or("SOURCE_DATE_EPOCH is out of range")?,
        Err(_) => Utc::now(),
    };
    let request = ExposureRequest {
        assumptions_file: None,
        seed: None,
        days: None,
    };
    let doc = ironbridge_service::report::document_from(
        &Banks::shipped()?,
        Input::File(assessment),
        &request,
        None,
        &SectionChoice::all(),
        date,
    )?;
    std::fs::create_dir_all(out)?;
    let mut files = Files { dir: out, count: 0 };
    let blocks = doc
        .blocks
        .iter()
        .map(|block| files.block(&doc, block))
        .collect::<Result<Vec<_>, _>>()?;
    let view = json!({
        "title": doc.info.title,
        "page": {
            "width": doc.page.width,
            "height": doc.page.height,
            "top": doc.page.margin_top,
            "bottom": doc.page.margin_bottom,
            "left": doc.page.margin_left,
            "right": doc.page.margin_right,
        },
        "theme": {
            "accent": hex(doc.theme.accent),
            "text": hex(doc.theme.text),
            "heading": hex(doc.theme.heading),
            "muted": hex(doc.theme.muted),
            "rule": hex(doc.theme.rule),
            "body_size": doc.theme.body_size,
            "leading": doc.theme.leading,
            "paragraph_gap": doc.theme.paragraph_gap,
            "heading_sizes": doc.theme.heading_sizes,
            "table_size": doc.theme.table_size,
            "furniture_size": doc.theme.furniture_size,
        },
        "furniture": {
            "header_left": doc.furniture.header_left,
            "header_right": doc.furniture.header_right,
            "footer_left": doc.furniture.footer_left,
            "on_first_page": doc.furniture.on_first_page,
            "watermark": doc.furniture.watermark,
        },
        "blocks": blocks,
    });
    std::fs::write(out.join("document.json"), serde_json::to_vec(&view)?)?;
    Ok(())
}

/// Where the charts and images go, and how many have gone.
struct Files<'a> {
    dir: &'a Path,
    count: usize,
}

impl Files<'_> {
    /// One block as the template reads it.
    fn block(
        &mut self,
        doc: &Document,
        block: &Block,
    ) -> Result<Value, Box<dyn std::error::Error>> {
        Ok(match block {
            Block::Heading(h) => json!({
                "kind": "heading",
                "level": match h.level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                },
                "text": h.text,
                "outlined": h.in_outline,
            }),
            Block::Paragraph(p) => json!({
                "kind": "paragraph",
                "spans": spans(&p.spans),
                "align": align(p.align),
                "size": p.size,
                "colour": p.colour.map(hex),
            }),
            Block::Bullets(items) => json!({
                "kind": "bullets",
                "items": items.iter().map(|item| spans(item)).collect::<Vec<_>>(),
            }),
            Block::Table(t) => json!({
                "kind": "table",
                "columns": t.columns.iter().map(|c| json!({
                    "title": c.title, "weight": c.weight, "align": align(c.align),
                })).collect::<Vec<_>>(),
                "rows": t.rows.iter().map(|row| row.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
            }),
            Block::Chart(c) => {
                let width = doc.page.content_width();
                let svg = c.chart.to_svg(&doc.theme, width, c.height)?;
                json!({"kind": "image", "file": self.write("svg", svg.as_bytes())?, "width": width})
            }
            Block::Image(i) => json!({
                "kind": "image",
                "file": self.write("png", &encode_png(&i.image)?)?,
                "width": i.width,
                "align": align(i.align),
            }),
            Block::Callout(c) => json!({"kind": "callout", "spans": spans(&c.spans)}),
            Block::Figures(figures) => json!({
                "kind": "figures",
                "items": figures.iter().map(|f| json!({
                    "label": f.label,
                    "value": f.value,
                    "unit": f.unit,
                    "caption": spans(&f.caption),
                    "colour": f.colour.map(hex),
                })).collect::<Vec<_>>(),
            }),
            Block::KeepTogether(blocks) => json!({
                "kind": "keep",
                "blocks": blocks
                    .iter()
                    .map(|b| self.block(doc, b))
                    .collect::<Result<Vec<_>, _>>()?,
            }),
            Block::Spacer(height) => json!({"kind": "spacer", "height": height}),
            Block::Rule => json!({"kind": "rule"}),
            Block::PageBreak => json!({"kind": "pagebreak"}),
            Block::Contents(c) => json!({"kind": "contents", "depth": c.depth}),
        })
    }

    /// Writes a chart or image; returns its file name.
    fn write(&mut self, extension: &str, bytes: &[u8]) -> std::io::Result<String> {
        self.count += 1;
        let name = format!("figure-{}.{extension}", self.count);
        std::fs::write(self.dir.join(&name), bytes)?;
        Ok(name)
    }
}

fn spans(spans: &[Span]) -> Vec<Value> {
    spans
        .iter()
        .map(|s| {
            json!({
                "text": s.text,
                "style": match s.style {
                    FontStyle::Regular => "regular",
                    FontStyle::Bold => "bold",
                    FontStyle::Italic => "italic",
                },
                "colour": s.colour.map(hex),
            })
        })
        .collect()
}

fn cell(cell: &Cell) -> Value {
    json!({"spans": spans(&cell.spans), "fill": cell.fill.map(hex)})
}

fn align(align: Align) -> &'static str {
    match align {
        Align::Start | Align::Left => "left",
        Align::Centre => "center",
        Align::Right => "right",
    }
}

fn hex(c: Colour) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

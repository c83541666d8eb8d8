//! SVG writer for positioned items: the desktop UI shows the same chart
//! geometry the PDF prints. All user text is XML-escaped.

use std::fmt::Write as _;

use crate::fonts::FaceId;
use crate::layout::items::{Item, PathStep, Point, Stroke};
use crate::style::Colour;

/// A standalone SVG document of the given size (in points) with the items.
pub fn write(width: f32, height: f32, items: &[Item]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1}" height="{height:.1}" viewBox="0 0 {width:.1} {height:.1}" font-family="'Noto Sans', 'DejaVu Sans', sans-serif">"#
    );
    for item in items {
        out.push('\n');
        match item {
            Item::Text(run) => {
                let (weight, style) = match run.face {
                    FaceId::Bold | FaceId::FallbackBold => ("bold", "normal"),
                    FaceId::Italic => ("normal", "italic"),
                    FaceId::Regular | FaceId::Fallback | FaceId::Cjk | FaceId::Emoji => {
                        ("normal", "normal")
                    }
                };
                let _ = write!(
                    out,
                    r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}" font-weight="{weight}" font-style="{style}" fill="{}" textLength="{:.2}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{}</text>"#,
                    run.origin.x,
                    run.origin.y,
                    run.size,
                    run.colour.to_hex(),
                    run.width.max(0.01),
                    escape(&run.text)
                );
            }
            Item::Rule(rule) => {
                let _ = write!(
                    out,
                    r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" fill="none"{}/>"#,
                    rule.from.x,
                    rule.from.y,
                    rule.to.x,
                    rule.to.y,
                    stroke(Some(rule.stroke))
                );
            }
            Item::Rect(rect) => {
                let _ = write!(
                    out,
                    r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{}"{}/>"#,
                    rect.origin.x,
                    rect.origin.y,
                    rect.width,
                    rect.height,
                    fill(rect.fill),
                    stroke(rect.stroke)
                );
            }
            Item::Path(path) => {
                let mut d = String::new();
                let p = |d: &mut String, c: char, pt: Point| {
                    let _ = write!(d, "{c}{:.2} {:.2} ", pt.x, pt.y);
                };
                for step in &path.steps {
                    match step {
                        PathStep::MoveTo(pt) => p(&mut d, 'M', *pt),
                        PathStep::LineTo(pt) => p(&mut d, 'L', *pt),
                        PathStep::CubicTo(a, b, c) => {
                            p(&mut d, 'C', *a);
                            p(&mut d, ' ', *b);
                            p(&mut d, ' ', *c);
                        }
                        PathStep::Close => d.push_str("Z "),
                    }
                }
                let _ = write!(
                    out,
                    r#"<path d="{}" fill="{}"{}/>"#,
                    d.trim_end(),
                    fill(path.fill),
                    stroke(path.stroke)
                );
            }
            Item::Image(picture) => {
                // Raster images are not part of chart geometry.
                let _ = write!(
                    out,
                    r#"<!-- image {:.1}x{:.1} omitted -->"#,
                    picture.width, picture.height
                );
            }
            // Charts hold no links; a link draws nothing anyway.
            Item::Link(_) => {}
        }
    }
    out.push_str("\n</svg>\n");
    out
}

fn fill(colour: Option<Colour>) -> String {
    colour.map_or_else(|| "none".to_owned(), Colour::to_hex)
}

fn stroke(stroke: Option<Stroke>) -> String {
    match stroke {
        None => String::new(),
        Some(s) => {
            let mut out = format!(
                r#" stroke="{}" stroke-width="{:.2}""#,
                s.colour.to_hex(),
                s.width
            );
            if let Some([dash, gap]) = s.dash {
                let _ = write!(out, r#" stroke-dasharray="{dash:.2} {gap:.2}""#);
            }
            out
        }
    }
}

/// Escapes text for XML content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FaceId;
    use crate::layout::items::TextRun;
    use std::sync::Arc;

    #[test]
    fn user_text_is_escaped() {
        let run = TextRun {
            origin: Point::new(1.0, 2.0),
            size: 8.0,
            face: FaceId::Regular,
            colour: Colour::rgb(0, 0, 0),
            text: "<script>&\"".to_owned(),
            glyphs: Arc::from([]),
            width: 10.0,
        };
        let svg = write(10.0, 10.0, &[Item::Text(run)]);
        assert!(svg.contains("&lt;script&gt;&amp;&quot;"), "{svg}");
        assert!(!svg.contains("<script>"));
    }
}

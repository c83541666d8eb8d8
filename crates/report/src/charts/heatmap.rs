//! Heat map: rows × columns of cells whose colour follows their value on a
//! sequential scale from a light tint to the accent, values printed in the
//! cells (white on dark cells), empty cells in light grey with a dash. A row
//! label too long for its column is cut with an ellipsis.

use crate::charts::{Anchor, Drawing, LabelFont, finite, format_value, label};
use crate::error::ReportError;
use crate::layout::contents::fitted_line;
use crate::layout::items::{Item, Point, Rectangle};
use crate::layout::shape::Shaper;
use crate::layout::text::single_line;
use crate::style::{Colour, FontStyle, Theme};

/// Rows × columns of values, each drawn as a coloured cell.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    /// Row labels, top to bottom.
    pub rows: Vec<String>,
    /// Column labels, left to right.
    pub columns: Vec<String>,
    /// One row of values per row label; `None` for no value.
    pub values: Vec<Vec<Option<f32>>>,
    /// The value drawn in the lightest colour.
    pub min: f32,
    /// The value drawn in the darkest colour.
    pub max: f32,
    /// Colour at `min`, or a light tint of the accent.
    pub low: Option<Colour>,
    /// Colour at `max`, or the accent.
    pub high: Option<Colour>,
}

const GAP: f32 = 1.5;

impl HeatMap {
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        let n_columns = self.columns.len();
        for (row, values) in self.values.iter().enumerate() {
            if values.len() != n_columns {
                return Err(ReportError::HeatMapShape {
                    row,
                    found: values.len(),
                    expected: n_columns,
                });
            }
            for value in values.iter().flatten() {
                finite(*value, "heat map value")?;
            }
        }
        let min = finite(self.min, "heat map minimum")?;
        let max = finite(self.max, "heat map maximum")?;
        let span = if (max - min).abs() < f32::EPSILON {
            1.0
        } else {
            max - min
        };
        let low = self.low.unwrap_or_else(|| theme.accent.tint(0.08));
        let high = self.high.unwrap_or(theme.accent);
        let n_rows = self.rows.len().max(self.values.len());
        let mut items = Vec::new();
        if n_rows == 0 || n_columns == 0 {
            return Ok(Drawing {
                width,
                height: height.min(20.0),
                items,
            });
        }

        let row_font = LabelFont {
            style: FontStyle::Regular,
            size: 8.0,
            colour: theme.text,
        };
        let column_font = LabelFont {
            style: FontStyle::Bold,
            size: 7.4,
            colour: theme.heading,
        };
        let widest = self
            .rows
            .iter()
            .map(|r| single_line(shaper, r, FontStyle::Regular, row_font.size, theme.text).width)
            .fold(0.0, f32::max);
        let label_width = (widest + 10.0).max(40.0).min(width * 0.32);
        let cell_width = (width - label_width) / n_columns as f32;
        // Column headers, wrapped to the cell width.
        let mut header_height: f32 = 0.0;
        let mut headers = Vec::new();
        for (c, title) in self.columns.iter().enumerate() {
            let x = label_width + cell_width * (c as f32 + 0.5);
            let (text, h) = label(
                shaper,
                title,
                column_font,
                cell_width - 4.0,
                Anchor::Middle,
                Point::new(x, 0.0),
            );
            header_height = header_height.max(h);
            headers.push((text, h));
        }
        let header_height = header_height.min(height * 0.4) + 6.0;
        for (text, h) in headers {
            for mut item in text {
                // Bottom-align the headers.
                item.translate(0.0, header_height - 6.0 - h);
                if let Item::Text(run) = &item
                    && run.origin.y < 0.0
                {
                    continue;
                }
                items.push(item);
            }
        }
        let cell_height = ((height - header_height) / n_rows as f32).clamp(14.0, 26.0);
        let height = header_height + cell_height * n_rows as f32;
        let value_size = (cell_height * 0.42).min(8.2);
        for r in 0..n_rows {
            let top = header_height + cell_height * r as f32;
            if let Some(title) = self.rows.get(r) {
                // One line, cut with an ellipsis when the name is too long.
                let line = fitted_line(
                    shaper,
                    title,
                    row_font.style,
                    row_font.size,
                    row_font.colour,
                    (label_width - 10.0).max(1.0),
                );
                let x = label_width - 10.0 - line.width;
                let baseline = top + cell_height / 2.0 + row_font.size * 0.35;
                for run in line.runs {
                    let mut item = Item::Text(run);
                    item.translate(x, baseline);
                    items.push(item);
                }
            }
            for c in 0..n_columns {
                let value = self
                    .values
                    .get(r)
                    .and_then(|row| row.get(c))
                    .copied()
                    .flatten();
                let fill = match value {
                    Some(v) => low.mix(high, (v - min) / span),
                    None => Colour::rgb(0xf1, 0xf3, 0xf5),
                };
                let x = label_width + cell_width * c as f32;
                items.push(Item::Rect(Rectangle {
                    origin: Point::new(x + GAP / 2.0, top + GAP / 2.0),
                    width: cell_width - GAP,
                    height: cell_height - GAP,
                    fill: Some(fill),
                    stroke: None,
                }));
                let (text, colour) = match value {
                    Some(v) if fill.luminance() < 0.4 => (format_value(v), Colour::WHITE),
                    Some(v) => (format_value(v), theme.heading),
                    None => ("\u{2013}".to_owned(), theme.muted),
                };
                let font = LabelFont {
                    style: FontStyle::Bold,
                    size: value_size,
                    colour,
                };
                let (text, _) = label(
                    shaper,
                    &text,
                    font,
                    cell_width - 4.0,
                    Anchor::Middle,
                    Point::new(
                        x + cell_width / 2.0,
                        top + cell_height / 2.0 - value_size * 0.5,
                    ),
                );
                items.extend(text);
            }
        }
        Ok(Drawing {
            width,
            height,
            items,
        })
    }
}

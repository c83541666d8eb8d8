//! Horizontal bar chart: one row per label, a light track for the full
//! scale, the score bar in the accent colour, a dark tick at the target and
//! the score at the end of the row.

use crate::charts::{Anchor, Drawing, LabelFont, finite, format_value, label};
use crate::error::ReportError;
use crate::layout::items::{Item, Point, Rectangle, Rule, Stroke};
use crate::layout::shape::Shaper;
use crate::layout::text::single_line;
use crate::style::{Colour, FontStyle, Theme};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Row label (a domain name).
    pub label: String,
    /// The score, 0 to the chart's maximum.
    pub value: f32,
    /// The target, if any.
    pub target: Option<f32>,
}

/// Horizontal bars with target ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The value at the right end of the scale (100 for scores).
    pub max: f32,
}

const AXIS_HEIGHT: f32 = 16.0;
const VALUE_WIDTH: f32 = 30.0;

impl BarChart {
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        let max = finite(self.max, "bar chart maximum")?.max(f32::EPSILON);
        let mut values = Vec::with_capacity(self.bars.len());
        for bar in &self.bars {
            let value = finite(bar.value, "bar value")?.clamp(0.0, max);
            let target = match bar.target {
                Some(t) => Some(finite(t, "bar target")?.clamp(0.0, max)),
                None => None,
            };
            values.push((value, target));
        }
        let n = self.bars.len().max(1);
        let name_font = LabelFont {
            style: FontStyle::Regular,
            size: 8.2,
            colour: theme.text,
        };
        let widest = self
            .bars
            .iter()
            .map(|b| {
                single_line(
                    shaper,
                    &b.label,
                    FontStyle::Regular,
                    name_font.size,
                    theme.text,
                )
                .width
            })
            .fold(0.0, f32::max);
        let label_width = (widest + 10.0).max(40.0).min(width * 0.34);
        let track_left = label_width;
        let track_width = (width - label_width - VALUE_WIDTH).max(10.0);
        let pitch = ((height - AXIS_HEIGHT) / n as f32).clamp(14.0, 30.0);
        let thickness = (pitch * 0.46).min(11.0);
        let height = pitch * n as f32 + AXIS_HEIGHT;
        let x_of = |value: f32| track_left + track_width * value / max;
        let mut items = Vec::new();

        // Vertical grid lines and the scale.
        let scale_font = LabelFont {
            style: FontStyle::Regular,
            size: 6.6,
            colour: theme.muted,
        };
        for step in 0..=4 {
            let value = max * step as f32 / 4.0;
            let x = x_of(value);
            items.push(Item::Rule(Rule {
                from: Point::new(x, 0.0),
                to: Point::new(x, pitch * n as f32),
                stroke: Stroke::solid(theme.rule, if step == 0 { 0.8 } else { 0.4 }),
            }));
            let (text, _) = label(
                shaper,
                &format_value(value),
                scale_font,
                30.0,
                Anchor::Middle,
                Point::new(x, pitch * n as f32 + 4.0),
            );
            items.extend(text);
        }

        let value_font = LabelFont {
            style: FontStyle::Bold,
            size: 8.0,
            colour: theme.heading,
        };
        for (i, (bar, (value, target))) in self.bars.iter().zip(&values).enumerate() {
            let centre = pitch * (i as f32 + 0.5);
            let top = centre - thickness / 2.0;
            // The label is cut to one line so rows never collide.
            let (name, _) = label(
                shaper,
                &bar.label,
                name_font,
                label_width - 10.0,
                Anchor::End,
                Point::new(label_width - 10.0, 0.0),
            );
            let first_line: Vec<Item> = name
                .into_iter()
                .filter(
                    |item| matches!(item, Item::Text(run) if run.origin.y < name_font.size * 1.2),
                )
                .collect();
            for mut item in first_line {
                item.translate(0.0, centre - name_font.size * 0.5);
                items.push(item);
            }
            items.push(Item::Rect(Rectangle {
                origin: Point::new(track_left, top),
                width: track_width,
                height: thickness,
                fill: Some(Colour::rgb(0xee, 0xf0, 0xf3)),
                stroke: None,
            }));
            if *value > 0.0 {
                items.push(Item::Rect(Rectangle {
                    origin: Point::new(track_left, top),
                    width: x_of(*value) - track_left,
                    height: thickness,
                    fill: Some(theme.accent),
                    stroke: None,
                }));
            }
            if let Some(target) = target {
                let x = x_of(*target);
                items.push(Item::Rule(Rule {
                    from: Point::new(x, top - 3.0),
                    to: Point::new(x, top + thickness + 3.0),
                    stroke: Stroke::solid(theme.heading, 1.6),
                }));
            }
            let (text, _) = label(
                shaper,
                &format_value(*value),
                value_font,
                VALUE_WIDTH - 6.0,
                Anchor::End,
                Point::new(width, centre - value_font.size * 0.5),
            );
            items.extend(text);
        }
        Ok(Drawing {
            width,
            height,
            items,
        })
    }
}

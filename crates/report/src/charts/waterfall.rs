//! Horizontal waterfall: one row per step, each a bar from one amount to
//! another on a shared money axis, with a dotted connector from the end of
//! one step to the start of the next, the step's name on the left and its
//! amount on the right. Totals run from zero; the steps between them float.
//!
//! Inputs are neutral: the amounts, the colours and every label arrive
//! formatted; nothing here knows about policies or currencies.

use crate::charts::exceedance::Tick;
use crate::charts::{Anchor, Drawing, LabelFont, finite, label};
use crate::error::ReportError;
use crate::layout::items::{Item, Point, Rectangle, Rule, Stroke};
use crate::layout::shape::Shaper;
use crate::layout::text::single_line;
use crate::style::{Colour, FontStyle, Theme};

/// One row of the waterfall.
#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallStep {
    /// Its name, on the left.
    pub label: String,
    /// Where the bar starts on the money axis.
    pub from: f64,
    /// Where it ends.
    pub to: f64,
    /// The amount as printed on the right ("−£0.7m").
    pub value: String,
    /// Bar colour.
    pub colour: Colour,
    /// A total (bold label and amount, no indent) rather than a step.
    pub total: bool,
}

/// A waterfall of money.
#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallChart {
    /// The rows, top to bottom.
    pub steps: Vec<WaterfallStep>,
    /// Money ticks, ascending; the last is the right end of the axis.
    pub ticks: Vec<Tick>,
}

const FONT: f32 = 8.0;
const AXIS_HEIGHT: f32 = 16.0;
/// How far a step's label is set in from a total's.
const INDENT: f32 = 8.0;

impl WaterfallChart {
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        for step in &self.steps {
            finite(step.from as f32, "waterfall amount")?;
            finite(step.to as f32, "waterfall amount")?;
        }
        let (label_width, value_width) = self.columns(shaper, theme, width);
        let left = label_width;
        let right = (width - value_width).max(left + 10.0);
        let n = self.steps.len().max(1);
        let pitch = ((height - AXIS_HEIGHT) / n as f32).clamp(14.0, 24.0);
        let thickness = (pitch * 0.62).min(14.0);
        let bottom = pitch * n as f32;
        let max = self
            .ticks
            .last()
            .map_or(1.0, |t| t.value)
            .max(f64::from(f32::EPSILON));
        let x_of = |v: f64| left + (right - left) * (v / max).clamp(0.0, 1.0) as f32;
        let muted = LabelFont {
            style: FontStyle::Regular,
            size: FONT,
            colour: theme.muted,
        };
        let mut items = Vec::new();
        for tick in &self.ticks {
            let x = x_of(tick.value);
            items.push(Item::Rule(Rule {
                from: Point::new(x, 0.0),
                to: Point::new(x, bottom),
                stroke: Stroke::solid(theme.rule, if tick.value == 0.0 { 0.8 } else { 0.4 }),
            }));
            let (text, _) = label(
                shaper,
                &tick.label,
                muted,
                60.0,
                Anchor::Middle,
                Point::new(x.clamp(left + 10.0, right), bottom + 4.0),
            );
            items.extend(text);
        }

        let mut previous: Option<(f32, f32)> = None;
        for (i, step) in self.steps.iter().enumerate() {
            let centre = pitch * (i as f32 + 0.5);
            let top = centre - thickness / 2.0;
            let (a, b) = (x_of(step.from.min(step.to)), x_of(step.from.max(step.to)));
            if let Some((x, y)) = previous {
                items.push(Item::Rule(Rule {
                    from: Point::new(x, y),
                    to: Point::new(x, top),
                    stroke: Stroke {
                        colour: theme.muted,
                        width: 0.5,
                        dash: Some([1.5, 1.5]),
                    },
                }));
            }
            items.push(Item::Rect(Rectangle {
                origin: Point::new(a, top),
                width: (b - a).max(0.8),
                height: thickness,
                fill: Some(step.colour),
                stroke: None,
            }));
            previous = Some((x_of(step.to), top + thickness));
            let font = LabelFont {
                style: style(step),
                size: FONT,
                colour: theme.text,
            };
            let x = if step.total { 0.0 } else { INDENT };
            let (name, _) = label(
                shaper,
                &step.label,
                font,
                label_width - 8.0 - x,
                Anchor::Start,
                Point::new(x, 0.0),
            );
            // One line per row, so rows never collide.
            for mut item in name
                .into_iter()
                .filter(|item| matches!(item, Item::Text(run) if run.origin.y < FONT * 1.2))
            {
                item.translate(0.0, centre - FONT * 0.5);
                items.push(item);
            }
            let (value, _) = label(
                shaper,
                &step.value,
                font,
                value_width - 4.0,
                Anchor::End,
                Point::new(width, centre - FONT * 0.5),
            );
            items.extend(value);
        }
        Ok(Drawing {
            width,
            height: bottom + AXIS_HEIGHT,
            items,
        })
    }

    /// The widths of the label column on the left and the amount column on the right.
    fn columns(&self, shaper: &mut Shaper, theme: &Theme, width: f32) -> (f32, f32) {
        let mut widest_label: f32 = 0.0;
        let mut widest_value: f32 = 0.0;
        for step in &self.steps {
            let extra = if step.total { 0.0 } else { INDENT };
            let w = |shaper: &mut Shaper, text: &str| {
                single_line(shaper, text, style(step), FONT, theme.text).width
            };
            widest_label = widest_label.max(w(shaper, &step.label) + extra);
            widest_value = widest_value.max(w(shaper, &step.value));
        }
        (
            (widest_label + 10.0).clamp(40.0, width * 0.42),
            (widest_value + 10.0).clamp(30.0, width * 0.2),
        )
    }
}

/// Totals in bold, steps in regular.
fn style(step: &WaterfallStep) -> FontStyle {
    if step.total {
        FontStyle::Bold
    } else {
        FontStyle::Regular
    }
}

//! Radar chart: one axis per domain, the score polygon over the target
//! profile, concentric grid rings every fifth of the scale, labels outside.

use crate::charts::{Anchor, Drawing, LabelFont, finite, format_value, label};
use crate::error::ReportError;
use crate::layout::items::{Item, Path, Point, Rule, Stroke};
use crate::layout::shape::Shaper;
use crate::style::{FontStyle, Theme};

/// One axis of a radar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    /// Axis label (a domain name).
    pub label: String,
    /// The score, 0 to the chart's maximum; `None` when the axis has no
    /// score yet (shown as "–", with no point: never drawn as 0).
    pub value: Option<f32>,
    /// The target, if any.
    pub target: Option<f32>,
}

/// Scores on N axes against a target profile.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    /// Axes, clockwise from the top.
    pub axes: Vec<RadarAxis>,
    /// The value at the outer ring (100 for scores).
    pub max: f32,
}

const LEGEND_HEIGHT: f32 = 22.0;

impl RadarChart {
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        let max = finite(self.max, "radar maximum")?.max(f32::EPSILON);
        let mut values = Vec::with_capacity(self.axes.len());
        for axis in &self.axes {
            let value = match axis.value {
                Some(v) => Some(finite(v, "radar value")?.clamp(0.0, max)),
                None => None,
            };
            let target = match axis.target {
                Some(t) => Some(finite(t, "radar target")?.clamp(0.0, max)),
                None => None,
            };
            values.push((value, target));
        }
        let mut items = Vec::new();
        let n = self.axes.len();
        let label_width = (width * 0.22).clamp(56.0, 120.0);
        let plot_height = height - LEGEND_HEIGHT;
        let radius = (width / 2.0 - label_width - 10.0)
            .min(plot_height / 2.0 - 30.0)
            .max(10.0);
        let centre = Point::new(width / 2.0, plot_height / 2.0);
        let angle = |i: usize| {
            -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n.max(1) as f32
        };
        let at = |i: usize, value: f32| {
            let r = radius * value / max;
            Point::new(centre.x + r * angle(i).cos(), centre.y + r * angle(i).sin())
        };
        if n == 0 {
            let font = LabelFont {
                style: FontStyle::Italic,
                size: 8.5,
                colour: theme.muted,
            };
            let (text, _) = label(
                shaper,
                "No data",
                font,
                width,
                Anchor::Middle,
                Point::new(width / 2.0, centre.y - 6.0),
            );
            items.extend(text);
            return Ok(Drawing {
                width,
                height,
                items,
            });
        }

        // Grid: rings at each fifth of the scale, then spokes.
        for step in 1..=5 {
            let value = max * step as f32 / 5.0;
            let ring: Vec<Point> = (0..n).map(|i| at(i, value)).collect();
            let stroke_width = if step == 5 { 0.8 } else { 0.45 };
            items.push(Item::Path(Path::polygon(
                &ring,
                None,
                Some(Stroke::solid(theme.rule, stroke_width)),
            )));
        }
        for i in 0..n {
            items.push(Item::Rule(Rule {
                from: centre,
                to: at(i, max),
                stroke: Stroke::solid(theme.rule, 0.45),
            }));
        }
        // Scale labels along the top spoke.
        let scale_font = LabelFont {
            style: FontStyle::Regular,
            size: 7.2,
            colour: theme.muted,
        };
        for step in [1, 3, 5] {
            let value = max * step as f32 / 5.0;
            let p = at(0, value);
            let (text, _) = label(
                shaper,
                &format_value(value),
                scale_font,
                30.0,
                Anchor::Start,
                Point::new(p.x + 3.0, p.y - 1.0),
            );
            items.extend(text);
        }

        // Target profile: dashed outline.
        let targets: Vec<Point> = values
            .iter()
            .enumerate()
            .filter_map(|(i, (_, t))| t.map(|t| at(i, t)))
            .collect();
        if targets.len() == n {
            let stroke = Stroke {
                colour: theme.heading,
                width: 1.1,
                dash: Some([3.0, 2.2]),
            };
            items.push(Item::Path(Path::polygon(&targets, None, Some(stroke))));
        }
        // Scores: tinted area and accent outline when every axis has one,
        // else only the dots of those that do.
        let scores: Vec<Point> = values
            .iter()
            .enumerate()
            .filter_map(|(i, (v, _))| v.map(|v| at(i, v)))
            .collect();
        if scores.len() == n {
            items.push(Item::Path(Path::polygon(
                &scores,
                Some(theme.accent.tint(0.16)),
                Some(Stroke::solid(theme.accent, 1.6)),
            )));
        }
        for p in &scores {
            items.push(Item::Path(Path::circle(*p, 2.3, Some(theme.accent), None)));
        }

        // Axis labels: name, then the score in bold.
        let name_font = LabelFont {
            style: FontStyle::Regular,
            size: 7.8,
            colour: theme.text,
        };
        let value_font = LabelFont {
            style: FontStyle::Bold,
            size: 7.8,
            colour: theme.accent,
        };
        for (i, axis) in self.axes.iter().enumerate() {
            let (cos, sin) = (angle(i).cos(), angle(i).sin());
            let anchor = if cos > 0.25 {
                Anchor::Start
            } else if cos < -0.25 {
                Anchor::End
            } else {
                Anchor::Middle
            };
            let p = Point::new(
                centre.x + (radius + 9.0) * cos,
                centre.y + (radius + 9.0) * sin,
            );
            // Room to the page edge on the label's side.
            let room = match anchor {
                Anchor::Start => width - p.x,
                Anchor::End => p.x,
                Anchor::Middle => label_width.min(2.0 * p.x.min(width - p.x)),
            }
            .clamp(8.0, label_width.max(8.0));
            let (name, name_height) = label(
                shaper,
                &axis.label,
                name_font,
                room,
                anchor,
                Point::new(0.0, 0.0),
            );
            let block_height = name_height + 10.0;
            let top = if sin < -0.3 {
                p.y - block_height
            } else if sin > 0.3 {
                p.y
            } else {
                p.y - block_height / 2.0
            }
            .clamp(0.0, (plot_height - block_height).max(0.0));
            let x = p.x;
            for mut item in name {
                item.translate(x, top);
                items.push(item);
            }
            let value = values[i]
                .0
                .map_or_else(|| "\u{2013}".to_owned(), format_value);
            let (text, _) = label(
                shaper,
                &value,
                value_font,
                room,
                anchor,
                Point::new(x, top + name_height),
            );
            items.extend(text);
        }

        // Legend below the plot.
        legend(shaper, theme, width, height, &mut items, targets.len() == n);
        Ok(Drawing {
            width,
            height,
            items,
        })
    }
}

fn legend(
    shaper: &mut Shaper,
    theme: &Theme,
    width: f32,
    height: f32,
    items: &mut Vec<Item>,
    with_target: bool,
) {
    let font = LabelFont {
        style: FontStyle::Regular,
        size: 7.4,
        colour: theme.muted,
    };
    let y = height - 10.0;
    let mut x = width / 2.0 - if with_target { 62.0 } else { 24.0 };
    items.push(Item::Path(Path::polygon(
        &[
            Point::new(x, y - 4.0),
            Point::new(x + 12.0, y - 4.0),
            Point::new(x + 12.0, y + 4.0),
            Point::new(x, y + 4.0),
        ],
        Some(theme.accent.tint(0.16)),
        Some(Stroke::solid(theme.accent, 1.2)),
    )));
    let (text, _) = label(
        shaper,
        "Score",
        font,
        60.0,
        Anchor::Start,
        Point::new(x + 17.0, y - 4.6),
    );
    items.extend(text);
    if with_target {
        x += 66.0;
        items.push(Item::Rule(Rule {
            from: Point::new(x, y),
            to: Point::new(x + 16.0, y),
            stroke: Stroke {
                colour: theme.heading,
                width: 1.1,
                dash: Some([3.0, 2.2]),
            },
        }));
        let (text, _) = label(
            shaper,
            "Target",
            font,
            60.0,
            Anchor::Start,
            Point::new(x + 21.0, y - 4.6),
        );
        items.extend(text);
    }
}

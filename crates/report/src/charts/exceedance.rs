//! Loss exceedance curve: for each amount on a linear money axis, the chance
//! that an incident costs more, on a logarithmic probability axis (100% at
//! the top to 0.1% at the bottom) so the rare, costly incidents a board
//! insures against get as much room as the common ones. One line per series
//! (gross and uninsured), a dot and a label at each marked percentile, and a
//! dashed guide at each marked probability.
//!
//! Inputs are neutral: the points, the money ticks and every label arrive
//! formatted; nothing here knows about currencies or the exposure model.

use crate::charts::{Anchor, Drawing, LabelFont, finite, label};
use crate::error::ReportError;
use crate::layout::items::{Item, Path, PathStep, Point, Rule, Stroke};
use crate::layout::shape::Shaper;
use crate::layout::text::single_line;
use crate::style::{Colour, FontStyle, Theme};

/// A value on an axis and its label as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Where on the axis.
    pub value: f64,
    /// What is printed there.
    pub label: String,
}

/// One curve.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceedanceSeries {
    /// Its name in the legend ("Uninsured loss").
    pub label: String,
    /// Line colour.
    pub colour: Colour,
    /// (probability of exceeding, 0–1; amount) from likely to rare.
    pub points: Vec<(f64, f64)>,
    /// Labelled points on this curve.
    pub markers: Vec<Marker>,
}

/// A labelled point on a curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Probability of exceeding, 0–1.
    pub probability: f64,
    /// The amount exceeded with that probability.
    pub amount: f64,
    /// The label as printed ("1 in 20: £2.4m").
    pub label: String,
}

/// A loss exceedance curve.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceedanceChart {
    /// The curves, painted in order.
    pub series: Vec<ExceedanceSeries>,
    /// Money ticks, ascending; the last is the right end of the axis.
    pub ticks: Vec<Tick>,
    /// The money axis' title.
    pub amount_title: String,
    /// The probability axis' title.
    pub probability_title: String,
}

/// The probability at the bottom of the axis.
const LOWEST: f64 = 0.001;
const FONT: f32 = 8.0;

/// The plot area and its scales.
struct Frame {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    /// The amount at the right end of the money axis.
    max: f64,
}

impl Frame {
    fn x(&self, amount: f64) -> f32 {
        self.left + (self.right - self.left) * (amount / self.max).clamp(0.0, 1.0) as f32
    }

    fn y(&self, probability: f64) -> f32 {
        let depth = (-probability.clamp(LOWEST, 1.0).log10()) / -LOWEST.log10();
        self.top + (self.bottom - self.top) * depth as f32
    }
}

const Y_LABELS: [(f64, &str); 4] = [(1.0, "100%"), (0.1, "10%"), (0.01, "1%"), (LOWEST, "0.1%")];

impl ExceedanceChart {
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        self.check()?;
        let y_label_width = Y_LABELS
            .iter()
            .map(|(_, t)| single_line(shaper, t, FontStyle::Regular, FONT, theme.muted).width)
            .fold(0.0, f32::max);
        let left = y_label_width + 8.0;
        let top = FONT * 1.25 + 12.0;
        let frame = Frame {
            left,
            right: (width - 6.0).max(left + 10.0),
            top,
            bottom: (height - 2.0 * FONT * 1.25 - 10.0).max(top + 10.0),
            max: self
                .ticks
                .last()
                .map_or(1.0, |t| t.value)
                .max(f64::from(f32::EPSILON)),
        };
        let mut items = self.axes(shaper, theme, &frame, width, y_label_width);

        // Dashed guides at the marked probabilities.
        let mut guides: Vec<f64> = Vec::new();
        for m in self.series.iter().flat_map(|s| &s.markers) {
            if !guides.iter().any(|g| (g - m.probability).abs() < 1e-9) {
                guides.push(m.probability);
                let y = frame.y(m.probability);
                items.push(Item::Rule(Rule {
                    from: Point::new(frame.left, y),
                    to: Point::new(frame.right, y),
                    stroke: Stroke {
                        colour: theme.muted,
                        width: 0.5,
                        dash: Some([2.0, 2.0]),
                    },
                }));
            }
        }
        for series in &self.series {
            let steps: Vec<PathStep> = series
                .points
                .iter()
                .enumerate()
                .map(|(i, (p, v))| {
                    let at = Point::new(frame.x(*v), frame.y(*p));
                    if i == 0 {
                        PathStep::MoveTo(at)
                    } else {
                        PathStep::LineTo(at)
                    }
                })
                .collect();
            if steps.len() > 1 {
                items.push(Item::Path(Path {
                    steps,
                    fill: None,
                    stroke: Some(Stroke::solid(series.colour, 1.6)),
                }));
            }
        }
        // Markers last, so their labels sit over the lines.
        items.extend(self.markers(shaper, &frame));
        items.extend(self.legend(shaper, theme, left));
        Ok(Drawing {
            width,
            height,
            items,
        })
    }

    /// [`ReportError::NotFinite`] for any amount, probability or tick that is not a number.
    fn check(&self) -> Result<(), ReportError> {
        for series in &self.series {
            for (p, v) in &series.points {
                finite(*p as f32, "exceedance probability")?;
                finite(*v as f32, "exceedance amount")?;
            }
            for m in &series.markers {
                finite(m.amount as f32, "exceedance marker")?;
            }
        }
        for tick in &self.ticks {
            finite(tick.value as f32, "exceedance tick")?;
        }
        Ok(())
    }

    /// The grid, the axes, their labels and the money axis' title.
    fn axes(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        frame: &Frame,
        width: f32,
        y_label_width: f32,
    ) -> Vec<Item> {
        let Frame {
            left,
            right,
            top,
            bottom,
            ..
        } = *frame;
        let muted = LabelFont {
            style: FontStyle::Regular,
            size: FONT,
            colour: theme.muted,
        };
        let mut items = Vec::new();
        for tick in &self.ticks {
            let x = frame.x(tick.value);
            items.push(rule(x, top, x, bottom, theme.rule, 0.4));
            let (text, _) = label(
                shaper,
                &tick.label,
                muted,
                60.0,
                Anchor::Middle,
                Point::new(x.clamp(left, width - 16.0), bottom + 4.0),
            );
            items.extend(text);
        }
        for (p, text) in Y_LABELS {
            let y = frame.y(p);
            items.push(rule(left, y, right, y, theme.rule, 0.4));
            let (text, _) = label(
                shaper,
                text,
                muted,
                y_label_width + 4.0,
                Anchor::End,
                Point::new(left - 4.0, y - FONT * 0.5),
            );
            items.extend(text);
        }
        items.push(rule(left, bottom, right, bottom, theme.muted, 0.8));
        items.push(rule(left, top, left, bottom, theme.muted, 0.8));
        let (title, _) = label(
            shaper,
            &self.amount_title,
            muted,
            right - left,
            Anchor::Middle,
            Point::new((left + right) / 2.0, bottom + 4.0 + FONT * 1.25 + 2.0),
        );
        items.extend(title);
        items
    }

    /// A dot and a label at each marker. A series whose curve is to the
    /// left is labelled below-left of its dots, the rightmost above-right:
    /// the curves fall from top left to bottom right, so either way the
    /// label stays off its curve.
    fn markers(&self, shaper: &mut Shaper, frame: &Frame) -> Vec<Item> {
        let mut items = Vec::new();
        let order = rightmost_order(&self.series);
        for (i, series) in self.series.iter().enumerate() {
            let on_left = order[i] + 1 < self.series.len();
            let font = LabelFont {
                style: FontStyle::Bold,
                size: FONT,
                colour: series.colour,
            };
            for m in &series.markers {
                let at = Point::new(frame.x(m.amount), frame.y(m.probability));
                items.push(Item::Path(Path::circle(at, 2.6, Some(series.colour), None)));
                let w =
                    single_line(shaper, &m.label, FontStyle::Bold, FONT, series.colour).width + 2.0;
                let (anchor, x, y) = if on_left {
                    (Anchor::End, (at.x - 4.0).max(frame.left + w), at.y + 2.0)
                } else {
                    (
                        Anchor::Start,
                        (at.x + 4.0).min(frame.right - w),
                        at.y - FONT * 1.25 - 1.0,
                    )
                };
                let (text, _) = label(shaper, &m.label, font, w, anchor, Point::new(x, y.max(0.0)));
                items.extend(text);
            }
        }
        items
    }

    /// The legend: a short line in each series' colour and its name, then
    /// the probability axis' title, in one row above the plot.
    fn legend(&self, shaper: &mut Shaper, theme: &Theme, left: f32) -> Vec<Item> {
        let mut items = Vec::new();
        let mut x = left;
        let y = FONT * 0.6;
        for series in &self.series {
            items.push(rule(x, y, x + 16.0, y, series.colour, 2.0));
            let w = single_line(shaper, &series.label, FontStyle::Regular, FONT, theme.text).width
                + 2.0;
            let font = LabelFont {
                style: FontStyle::Regular,
                size: FONT,
                colour: theme.text,
            };
            let (text, _) = label(
                shaper,
                &series.label,
                font,
                w,
                Anchor::Start,
                Point::new(x + 20.0, 0.0),
            );
            items.extend(text);
            x += 20.0 + w + 14.0;
        }
        let font = LabelFont {
            style: FontStyle::Italic,
            size: FONT,
            colour: theme.muted,
        };
        let w = single_line(
            shaper,
            &self.probability_title,
            FontStyle::Italic,
            FONT,
            theme.muted,
        )
        .width
            + 2.0;
        let (text, _) = label(
            shaper,
            &self.probability_title,
            font,
            w,
            Anchor::Start,
            Point::new(x + 6.0, 0.0),
        );
        items.extend(text);
        items
    }
}

/// For each series, its rank by its median amount (0 = leftmost curve).
fn rightmost_order(series: &[ExceedanceSeries]) -> Vec<usize> {
    let middle = |s: &ExceedanceSeries| {
        s.points
            .iter()
            .min_by(|a, b| (a.0 - 0.5).abs().total_cmp(&(b.0 - 0.5).abs()))
            .map_or(0.0, |p| p.1)
    };
    series
        .iter()
        .map(|s| series.iter().filter(|o| middle(o) < middle(s)).count())
        .collect()
}

fn rule(x1: f32, y1: f32, x2: f32, y2: f32, colour: Colour, width: f32) -> Item {
    Item::Rule(Rule {
        from: Point::new(x1, y1),
        to: Point::new(x2, y2),
        stroke: Stroke::solid(colour, width),
    })
}

/// About five round money ticks from 0 to at least `max`: steps of 1, 2,
/// 2.5 or 5 times a power of ten.
#[must_use]
pub fn nice_ticks(max: f64) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let n = (max / step).ceil().max(1.0) as usize;
    (0..=n).map(|i| step * i as f64).collect()
}

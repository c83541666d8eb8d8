//! Charts as vector geometry, computed once and written to both PDF and SVG.
//!
//! Inputs are neutral (labels and numbers, no scoring types). Each chart
//! turns its input into a [`Drawing`] of positioned items in its own box
//! (origin top-left); the paginator places that box on a page and `pdf`
//! writes it, or [`Drawing::to_svg`] writes it for the desktop UI.

mod bars;
mod dependency_map;
mod exceedance;
mod heatmap;
mod radar;
mod svg;
mod waterfall;

pub use bars::{Bar, BarChart};
pub use dependency_map::{DependencyMap, MapLink, MapNode};
pub use exceedance::{ExceedanceChart, ExceedanceSeries, Marker, Tick, nice_ticks};
pub use heatmap::HeatMap;
pub use radar::{RadarAxis, RadarChart};
pub use waterfall::{WaterfallChart, WaterfallStep};

use crate::error::ReportError;
use crate::fonts::FontSet;
use crate::layout::items::{Item, Point};
use crate::layout::shape::Shaper;
use crate::layout::text::{Span, flow};
use crate::style::{Align, Colour, FontStyle, Theme};

/// Any chart the report can draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Scores on N axes against a target profile.
    Radar(RadarChart),
    /// One horizontal bar per label, with a target tick.
    Bars(BarChart),
    /// Rows × columns of coloured cells.
    HeatMap(HeatMap),
    /// A loss exceedance curve.
    Exceedance(ExceedanceChart),
    /// A waterfall of money, step by step.
    Waterfall(WaterfallChart),
    /// Providers → critical systems → production processes.
    DependencyMap(DependencyMap),
}

/// Positioned items in a box whose origin is its top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Box width in points.
    pub width: f32,
    /// Box height in points (may be less than asked for).
    pub height: f32,
    /// What to draw, in painting order.
    pub items: Vec<Item>,
}

impl Chart {
    /// Computes the geometry for a box of `width` × `height` points.
    ///
    /// # Errors
    /// [`ReportError::NotFinite`] for NaN or infinite values,
    /// [`ReportError::HeatMapShape`] for a ragged heat map.
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        let width = finite(width, "chart width")?.max(40.0);
        let height = finite(height, "chart height")?.max(20.0);
        match self {
            Chart::Radar(chart) => chart.draw(shaper, theme, width, height),
            Chart::Bars(chart) => chart.draw(shaper, theme, width, height),
            Chart::HeatMap(chart) => chart.draw(shaper, theme, width, height),
            Chart::Exceedance(chart) => chart.draw(shaper, theme, width, height),
            Chart::Waterfall(chart) => chart.draw(shaper, theme, width, height),
            Chart::DependencyMap(chart) => chart.draw(shaper, theme, width, height),
        }
    }

    /// The chart's geometry for a box of `width` × `height` points, in the
    /// box's own coordinates (origin top-left, y down).
    ///
    /// # Errors
    /// [`ReportError::NotFinite`] for NaN or infinite values,
    /// [`ReportError::HeatMapShape`] for a ragged heat map,
    /// [`ReportError::FontUnreadable`] if the embedded fonts do not parse.
    pub fn drawing(&self, theme: &Theme, width: f32, height: f32) -> Result<Drawing, ReportError> {
        let mut shaper = Shaper::new(FontSet::get()?);
        self.draw(&mut shaper, theme, width, height)
    }

    /// The chart as a standalone SVG document, for the desktop UI: the same
    /// geometry the PDF shows.
    ///
    /// # Errors
    /// As [`Chart::drawing`].
    pub fn to_svg(&self, theme: &Theme, width: f32, height: f32) -> Result<String, ReportError> {
        Ok(self.drawing(theme, width, height)?.to_svg())
    }
}

impl Drawing {
    /// The drawing as a standalone SVG document (units are points).
    #[must_use]
    pub fn to_svg(&self) -> String {
        svg::write(self.width, self.height, &self.items)
    }
}

/// Where a label's x coordinate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// Style, size and colour of a label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LabelFont {
    pub style: FontStyle,
    pub size: f32,
    pub colour: Colour,
}

/// Sets a label wrapped to `max_width`, its first line's top at `at.y`, and
/// returns its items and height.
pub(crate) fn label(
    shaper: &mut Shaper,
    text: &str,
    font: LabelFont,
    max_width: f32,
    anchor: Anchor,
    at: Point,
) -> (Vec<Item>, f32) {
    let LabelFont {
        style,
        size,
        colour,
    } = font;
    let align = match anchor {
        Anchor::Start => Align::Left,
        Anchor::Middle => Align::Centre,
        Anchor::End => Align::Right,
    };
    let max_width = max_width.max(8.0);
    let spans = [Span {
        text: text.to_owned(),
        style,
        colour: None,
    }];
    let lines = flow(shaper, &spans, size, colour, max_width, align);
    let line_height = size * 1.25;
    let left = match anchor {
        Anchor::Start => at.x,
        Anchor::Middle => at.x - max_width / 2.0,
        Anchor::End => at.x - max_width,
    };
    let mut items = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let baseline = at.y + i as f32 * line_height + 0.8 * size;
        for run in &line.runs {
            let mut item = Item::Text(run.clone());
            item.translate(left, baseline);
            items.push(item);
        }
    }
    (items, lines.len() as f32 * line_height)
}

/// The number, or [`ReportError::NotFinite`].
pub(crate) fn finite(value: f32, what: &'static str) -> Result<f32, ReportError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ReportError::NotFinite { what, value })
    }
}

/// A value as a whole number for labels.
pub(crate) fn format_value(value: f32) -> String {
    format!("{:.0}", value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaper() -> Shaper {
        Shaper::new(FontSet::get().expect("embedded fonts parse"))
    }

    fn inside(drawing: &Drawing) {
        for item in &drawing.items {
            if let Item::Text(run) = item {
                assert!(run.origin.x >= -0.5, "{run:?}");
                assert!(
                    run.origin.x + run.width <= drawing.width + 0.5,
                    "{:?} {}",
                    run.text,
                    run.origin.x + run.width
                );
                assert!(
                    run.origin.y >= 0.0 && run.origin.y <= drawing.height + 0.5,
                    "{run:?}"
                );
            }
        }
    }

    #[test]
    fn every_chart_keeps_its_labels_inside_its_box() {
        let theme = Theme::default();
        let labels = [
            "Governance",
            "Insurance cover",
            "Critical infrastructure dependencies",
            "Outsourced security",
            "Recovery",
            "Detection",
        ];
        let radar = Chart::Radar(RadarChart {
            axes: labels
                .iter()
                .enumerate()
                .map(|(i, l)| RadarAxis {
                    label: (*l).to_owned(),
                    value: Some(20.0 + 12.0 * i as f32),
                    target: Some(70.0),
                })
                .collect(),
            max: 100.0,
        });
        let bars = Chart::Bars(BarChart {
            bars: labels
                .iter()
                .enumerate()
                .map(|(i, l)| Bar {
                    label: (*l).to_owned(),
                    value: 15.0 * i as f32,
                    target: Some(60.0),
                })
                .collect(),
            max: 100.0,
        });
        let heat = Chart::HeatMap(HeatMap {
            rows: labels.iter().map(|l| (*l).to_owned()).collect(),
            columns: vec![
                "Identify".into(),
                "Protect".into(),
                "Detect".into(),
                "Respond".into(),
                "Recover".into(),
            ],
            values: (0..labels.len())
                .map(|r| {
                    (0..5)
                        .map(|c| {
                            if r == c {
                                None
                            } else {
                                Some((r * 17 + c * 9) as f32 % 100.0)
                            }
                        })
                        .collect()
                })
                .collect(),
            min: 0.0,
            max: 100.0,
            low: None,
            high: None,
        });
        let curve = |scale: f64| -> Vec<(f64, f64)> {
            (1..=99)
                .rev()
                .map(|k| {
                    let p = f64::from(k) / 100.0;
                    (p, scale * (1.0 - p).sqrt())
                })
                .collect()
        };
        let tick = |value: f64| Tick {
            value,
            label: format!("£{value:.1}m"),
        };
        let marker = |p: f64, amount: f64| Marker {
            probability: p,
            amount,
            label: format!("1 in 20: £{amount:.1}m"),
        };
        let exceedance = Chart::Exceedance(ExceedanceChart {
            series: vec![
                ExceedanceSeries {
                    label: "Gross loss".into(),
                    colour: theme.heading,
                    points: curve(10.0),
                    markers: vec![marker(0.05, 10.0 * 0.95f64.sqrt())],
                },
                ExceedanceSeries {
                    label: "Uninsured loss".into(),
                    colour: theme.accent,
                    points: curve(4.0),
                    markers: vec![marker(0.5, 4.0 * 0.5f64.sqrt()), marker(0.05, 0.0)],
                },
            ],
            ticks: nice_ticks(10.0).into_iter().map(tick).collect(),
            amount_title: "Loss from one incident".into(),
            probability_title: "Chance that one incident costs more".into(),
        });
        let step = |label: &str, from: f64, to: f64, total: bool| WaterfallStep {
            label: label.into(),
            from,
            to,
            value: format!("£{:.1}m", (from - to).abs()),
            colour: theme.accent,
            total,
        };
        let waterfall = Chart::Waterfall(WaterfallChart {
            steps: vec![
                step("Gross loss", 0.0, 4.7, true),
                step("Paid by the cyber policy", 4.7, 1.9, false),
                step("Uninsured loss, made up of:", 0.0, 1.9, true),
                step("Above the business-interruption sublimit", 1.9, 0.0, false),
            ],
            ticks: nice_ticks(4.7).into_iter().map(tick).collect(),
        });
        let mut shaper = shaper();
        for chart in [radar, bars, heat, exceedance, waterfall] {
            let drawing = chart
                .draw(&mut shaper, &theme, 450.0, 260.0)
                .expect("draws");
            assert!(drawing.height <= 260.0 + 0.5);
            assert!(!drawing.items.is_empty());
            inside(&drawing);
            let svg = drawing.to_svg();
            assert!(svg.starts_with("<svg"));
        }
    }

    #[test]
    fn an_unscored_radar_axis_has_no_point_and_no_area() {
        let axes = |values: [Option<f32>; 3]| {
            Chart::Radar(RadarChart {
                axes: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| RadarAxis {
                        label: format!("Domain {}", ["A", "B", "C"][i]),
                        value: *v,
                        target: None,
                    })
                    .collect(),
                max: 100.0,
            })
        };
        let paths = |chart: Chart| {
            let drawing = chart
                .draw(&mut shaper(), &Theme::default(), 400.0, 300.0)
                .expect("draws");
            let texts: Vec<String> = drawing
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Text(run) => Some(run.text.clone()),
                    _ => None,
                })
                .collect();
            let paths = drawing
                .items
                .iter()
                .filter(|item| matches!(item, Item::Path(_)))
                .count();
            (paths, texts)
        };
        let (all, _) = paths(axes([Some(40.0), Some(60.0), Some(80.0)]));
        let (partial, texts) = paths(axes([Some(40.0), None, Some(80.0)]));
        // One dot fewer and no area polygon: never a point at 0.
        assert_eq!(partial, all - 2);
        assert!(texts.iter().any(|t| t == "\u{2013}"), "{texts:?}");
        assert!(!texts.iter().any(|t| t == "0"), "{texts:?}");
    }

    #[test]
    fn nan_values_are_errors() {
        let chart = Chart::Bars(BarChart {
            bars: vec![Bar {
                label: "x".into(),
                value: f32::NAN,
                target: None,
            }],
            max: 100.0,
        });
        let result = chart.draw(&mut shaper(), &Theme::default(), 300.0, 100.0);
        assert!(matches!(result, Err(ReportError::NotFinite { .. })));
    }

    #[test]
    fn tiny_boxes_and_extreme_values_draw_without_panicking() {
        let mut shaper = shaper();
        let theme = Theme::default();
        let long = "Critical infrastructure dependencies ".repeat(10);
        let charts = [
            Chart::Radar(RadarChart {
                axes: (0..40)
                    .map(|i| RadarAxis {
                        label: long.clone(),
                        value: Some(i as f32 * 1e9),
                        target: Some(-5.0),
                    })
                    .collect(),
                max: 0.0,
            }),
            Chart::Bars(BarChart {
                bars: vec![Bar {
                    label: long.clone(),
                    value: -3.0,
                    target: Some(1e30),
                }],
                max: -1.0,
            }),
            Chart::HeatMap(HeatMap {
                rows: vec![long.clone()],
                columns: vec![long.clone(); 12],
                values: vec![vec![Some(5.0); 12]],
                min: 10.0,
                max: 10.0,
                low: None,
                high: None,
            }),
        ];
        for chart in &charts {
            for (width, height) in [(0.0, 0.0), (1.0, 1.0), (45.0, 30.0), (5000.0, 3000.0)] {
                chart
                    .draw(&mut shaper, &theme, width, height)
                    .expect("draws");
            }
            assert!(chart.draw(&mut shaper, &theme, f32::NAN, 10.0).is_err());
        }
    }

    #[test]
    fn empty_charts_draw_without_panicking() {
        let mut shaper = shaper();
        let theme = Theme::default();
        let charts = [
            Chart::Radar(RadarChart {
                axes: vec![],
                max: 100.0,
            }),
            Chart::Bars(BarChart {
                bars: vec![],
                max: 100.0,
            }),
            Chart::HeatMap(HeatMap {
                rows: vec![],
                columns: vec![],
                values: vec![],
                min: 0.0,
                max: 100.0,
                low: None,
                high: None,
            }),
            Chart::Exceedance(ExceedanceChart {
                series: vec![],
                ticks: vec![],
                amount_title: String::new(),
                probability_title: String::new(),
            }),
            Chart::Waterfall(WaterfallChart {
                steps: vec![],
                ticks: vec![],
            }),
        ];
        for chart in charts {
            chart
                .draw(&mut shaper, &theme, 300.0, 200.0)
                .expect("draws");
        }
    }
}

//! The dependency map: three columns of boxes, providers, critical systems
//! and production processes, with a line from each provider to the systems
//! it runs or can reach and from each system to the processes that need it.
//! A single point of failure has a red outline and a bold name.
//!
//! Inputs are neutral (labels, emphasis, links by index); the report
//! builds them from the dependency analysis. Rows are ordered to keep lines
//! short: systems by the position of their providers, processes by the
//! position of their systems (a barycentre pass), ties in the given order.

use crate::charts::{Anchor, Drawing, LabelFont, finite, label};
use crate::error::ReportError;
use crate::layout::items::{Item, Path, PathStep, Point, Rectangle, Stroke};
use crate::layout::shape::Shaper;
use crate::style::{Colour, FontStyle, Theme};

/// One box of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// Its name.
    pub label: String,
    /// Drawn with a red outline and a bold name (a single point of failure).
    pub emphasis: bool,
}

/// A line between boxes of neighbouring columns, by index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapLink {
    /// The box in the left-hand column.
    pub from: usize,
    /// The box in the right-hand column.
    pub to: usize,
    /// Dashed (access that reaches a system) rather than solid (runs it).
    pub dashed: bool,
}

/// Providers → systems → processes.
#[derive(Debug, Clone, PartialEq)]
pub struct DependencyMap {
    /// The column titles, left to right.
    pub titles: [String; 3],
    /// The providers.
    pub providers: Vec<MapNode>,
    /// The critical systems.
    pub systems: Vec<MapNode>,
    /// The production processes.
    pub processes: Vec<MapNode>,
    /// Provider (index into `providers`) → system (into `systems`).
    pub provider_links: Vec<MapLink>,
    /// System (into `systems`) → process (into `processes`).
    pub process_links: Vec<MapLink>,
    /// The colour of an emphasised box's outline.
    pub emphasis: Colour,
}

const LABEL_SIZE: f32 = 7.4;
const TITLE_SIZE: f32 = 7.8;
const PADDING: f32 = 4.0;
const MIN_GAP: f32 = 4.0;

impl DependencyMap {
    pub(crate) fn draw(
        &self,
        shaper: &mut Shaper,
        theme: &Theme,
        width: f32,
        height: f32,
    ) -> Result<Drawing, ReportError> {
        finite(width, "dependency map width")?;
        let system_order = order(self.systems.len(), &self.provider_links, |l| (l.to, l.from));
        let system_rank = rank(&system_order);
        let ranked: Vec<MapLink> = self
            .process_links
            .iter()
            .map(|l| MapLink {
                from: system_rank.get(l.from).copied().unwrap_or(l.from),
                ..*l
            })
            .collect();
        let process_order = order(self.processes.len(), &ranked, |l| (l.to, l.from));
        let columns = [
            (0..self.providers.len()).collect::<Vec<_>>(),
            system_order,
            process_order,
        ];
        let nodes = [&self.providers, &self.systems, &self.processes];
        let column_width = width * 0.27;
        let lefts = [0.0, (width - column_width) / 2.0, width - column_width];
        let mut items = Vec::new();
        let title_font = LabelFont {
            style: FontStyle::Bold,
            size: TITLE_SIZE,
            colour: theme.heading,
        };
        let mut top = 0.0f32;
        for (title, left) in self.titles.iter().zip(lefts) {
            let (title_items, h) = label(
                shaper,
                title,
                title_font,
                column_width,
                Anchor::Start,
                Point::new(left, 0.0),
            );
            items.extend(title_items);
            top = top.max(h + 6.0);
        }
        // Each box's label, laid out first to know the column heights.
        let mut boxes: [Vec<LaidBox>; 3] = Default::default();
        for (c, column) in columns.iter().enumerate() {
            for &index in column {
                let node = &nodes[c][index];
                let font = LabelFont {
                    style: if node.emphasis {
                        FontStyle::Bold
                    } else {
                        FontStyle::Regular
                    },
                    size: LABEL_SIZE,
                    colour: theme.text,
                };
                let (text, h) = label(
                    shaper,
                    &node.label,
                    font,
                    column_width - 2.0 * PADDING,
                    Anchor::Start,
                    Point::new(0.0, 0.0),
                );
                boxes[c].push(LaidBox {
                    index,
                    text,
                    height: h + 2.0 * PADDING,
                    y: 0.0,
                    emphasis: node.emphasis,
                });
            }
        }
        let natural = boxes
            .iter()
            .map(|b| b.iter().map(|x| x.height + MIN_GAP).sum::<f32>())
            .fold(0.0, f32::max);
        let body = natural.max((height - top).min(natural * 1.4));
        for column in &mut boxes {
            let used: f32 = column.iter().map(|b| b.height).sum();
            let gap = if column.is_empty() {
                0.0
            } else {
                (body - used) / column.len() as f32
            };
            let mut y = top + gap / 2.0;
            for b in column.iter_mut() {
                b.y = y;
                y += b.height + gap;
            }
        }
        let link_colour = theme.muted;
        let spans = [
            (&self.provider_links, 0usize),
            (&self.process_links, 1usize),
        ];
        for (links, c) in spans {
            for link in links {
                let (Some(a), Some(b)) = (
                    boxes[c].iter().find(|x| x.index == link.from),
                    boxes[c + 1].iter().find(|x| x.index == link.to),
                ) else {
                    continue;
                };
                let from = Point::new(lefts[c] + column_width, a.y + a.height / 2.0);
                let to = Point::new(lefts[c + 1], b.y + b.height / 2.0);
                let bend = (to.x - from.x) / 2.0;
                items.push(Item::Path(Path {
                    steps: vec![
                        PathStep::MoveTo(from),
                        PathStep::CubicTo(
                            Point::new(from.x + bend, from.y),
                            Point::new(to.x - bend, to.y),
                            to,
                        ),
                    ],
                    fill: None,
                    stroke: Some(Stroke {
                        colour: link_colour,
                        width: 0.6,
                        dash: link.dashed.then_some([2.0, 1.6]),
                    }),
                }));
            }
        }
        for (c, column) in boxes.into_iter().enumerate() {
            for b in column {
                items.push(Item::Rect(Rectangle {
                    origin: Point::new(lefts[c], b.y),
                    width: column_width,
                    height: b.height,
                    fill: Some(Colour::rgb(0xf5, 0xf6, 0xf8)),
                    stroke: Some(if b.emphasis {
                        Stroke::solid(self.emphasis, 1.2)
                    } else {
                        Stroke::solid(theme.rule, 0.6)
                    }),
                }));
                for mut item in b.text {
                    item.translate(lefts[c] + PADDING, b.y + PADDING);
                    items.push(item);
                }
            }
        }
        Ok(Drawing {
            width,
            height: top + body,
            items,
        })
    }
}

/// A box with its label laid out, before and after it is placed.
struct LaidBox {
    index: usize,
    text: Vec<Item>,
    height: f32,
    y: f32,
    emphasis: bool,
}

/// The order of `n` boxes by the mean position of what links to them
/// (`ends` gives a link's (box, position)); unlinked boxes last, ties in
/// index order.
fn order(n: usize, links: &[MapLink], ends: impl Fn(&MapLink) -> (usize, usize)) -> Vec<usize> {
    let mut sums = vec![(0.0f32, 0u32); n];
    for link in links {
        let (node, position) = ends(link);
        if let Some(sum) = sums.get_mut(node) {
            sum.0 += position as f32;
            sum.1 += 1;
        }
    }
    let key = |i: usize| {
        let (sum, count) = sums[i];
        if count == 0 {
            f32::INFINITY
        } else {
            sum / count as f32
        }
    };
    let mut out: Vec<usize> = (0..n).collect();
    out.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
    out
}

/// For each box index, its row in `order`.
fn rank(order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0; order.len()];
    for (row, &index) in order.iter().enumerate() {
        rank[index] = row;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    fn node(label: &str, emphasis: bool) -> MapNode {
        MapNode {
            label: label.to_owned(),
            emphasis,
        }
    }

    fn link(from: usize, to: usize) -> MapLink {
        MapLink {
            from,
            to,
            dashed: false,
        }
    }

    fn map() -> DependencyMap {
        DependencyMap {
            titles: [
                "Providers".into(),
                "Critical systems".into(),
                "Production".into(),
            ],
            providers: vec![node("Hosting Co", true), node("Help desk", false)],
            systems: vec![node("MES", false), node("ERP", true), node("Email", false)],
            processes: vec![node("Dispatch", false), node("Machining", false)],
            provider_links: vec![link(1, 0), link(0, 1)],
            process_links: vec![link(1, 0), link(0, 1), link(2, 1)],
            emphasis: Colour::rgb(0xb0, 0x3a, 0x2e),
        }
    }

    #[test]
    fn every_box_and_link_is_drawn_inside_the_box() {
        let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
        let drawing = map()
            .draw(&mut shaper, &Theme::default(), 480.0, 300.0)
            .expect("draws");
        let rects = drawing
            .items
            .iter()
            .filter(|i| matches!(i, Item::Rect(_)))
            .count();
        let paths = drawing
            .items
            .iter()
            .filter(|i| matches!(i, Item::Path(_)))
            .count();
        assert_eq!((rects, paths), (7, 5));
        for item in &drawing.items {
            if let Item::Rect(r) = item {
                assert!(r.origin.x >= 0.0 && r.origin.x + r.width <= 480.01, "{r:?}");
                assert!(r.origin.y >= 0.0 && r.origin.y + r.height <= drawing.height + 0.01);
            }
        }
        // Emphasised boxes are outlined in the emphasis colour.
        let red = drawing
            .items
            .iter()
            .filter(|i| matches!(i, Item::Rect(r) if r.stroke.is_some_and(|s| s.colour == map().emphasis)))
            .count();
        assert_eq!(red, 2);
    }

    #[test]
    fn systems_follow_their_providers_and_processes_their_systems() {
        // ERP (index 1) is run by provider 0, MES (0) by provider 1, Email
        // (2) by nobody: ERP, MES, Email. Dispatch needs ERP (row 0) and
        // Machining needs MES and Email (rows 1 and 2).
        let m = map();
        let systems = order(m.systems.len(), &m.provider_links, |l| (l.to, l.from));
        assert_eq!(systems, [1, 0, 2]);
        let r = rank(&systems);
        let ranked: Vec<MapLink> = m
            .process_links
            .iter()
            .map(|l| MapLink {
                from: r[l.from],
                ..*l
            })
            .collect();
        assert_eq!(
            order(m.processes.len(), &ranked, |l| (l.to, l.from)),
            [0, 1]
        );
    }
}

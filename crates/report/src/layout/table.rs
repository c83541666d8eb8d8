//! Tables: rows of wrapped cells with light rules, split across pages between
//! rows (or between the lines of a row taller than a page), the header row
//! repeated at the top of every page the table continues on. The header
//! stays with the first two rows and the last row with the one before it.

use std::sync::Arc;

use crate::error::ReportError;
use crate::layout::blocks::{Cell, Table};
use crate::layout::items::{Item, Point, Rectangle, Rule, Stroke};
use crate::layout::slices::{Context, Group, Slice, Unit, baseline, finite_or};
use crate::layout::text::{Line, Span, flow};
use crate::style::{Align, Colour};

const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 5.0;
const LEADING: f32 = 1.4;
/// Rows kept on the page of the header (the header is never left with fewer).
const KEEP_FIRST_ROWS: usize = 2;

/// The table's units: the header glued to the first rows, then one group per row.
pub fn groups(ctx: &mut Context<'_>, table: &Table) -> Result<Vec<Unit>, ReportError> {
    let n_columns = table.columns.len();
    if n_columns == 0 {
        return Ok(Vec::new());
    }
    for (row, cells) in table.rows.iter().enumerate() {
        if cells.len() != n_columns {
            return Err(ReportError::TableShape {
                row,
                found: cells.len(),
                expected: n_columns,
            });
        }
    }
    let weights: Vec<f32> = table
        .columns
        .iter()
        .map(|c| finite_or(Some(c.weight), 1.0).max(0.01))
        .collect();
    let total: f32 = weights.iter().sum();
    let mut x = ctx.left;
    let columns: Vec<ColumnBox> = weights
        .iter()
        .zip(&table.columns)
        .map(|(weight, column)| {
            let width = ctx.width * weight / total;
            let column_box = ColumnBox {
                x,
                width,
                align: column.align,
            };
            x += width;
            column_box
        })
        .collect();

    let theme = ctx.theme;
    let header_cells: Vec<Cell> = table
        .columns
        .iter()
        .map(|c| Cell::new(vec![Span::bold(c.title.clone())]))
        .collect();
    let header = row_slices(
        ctx,
        &columns,
        &header_cells,
        theme.heading,
        Stroke::solid(theme.heading, 0.8),
    );
    let header: Arc<[Slice]> = Arc::from(header);
    let mut units = vec![Unit::Group(Group {
        slices: header.to_vec(),
        glue_next: !table.rows.is_empty(),
    })];
    let n_rows = table.rows.len();
    for (i, cells) in table.rows.iter().enumerate() {
        let mut slices = row_slices(
            ctx,
            &columns,
            cells,
            theme.text,
            Stroke::solid(theme.rule, 0.45),
        );
        for slice in &mut slices {
            slice.repeat = Some(Arc::clone(&header));
        }
        // The first rows stay with the header, and the last row never
        // starts a page alone: a group taller than a page still splits.
        let glue_next = i + 1 < n_rows && (i + 1 < KEEP_FIRST_ROWS || i + 2 == n_rows);
        units.push(Unit::Group(Group { slices, glue_next }));
    }
    Ok(units)
}

#[derive(Debug, Clone, Copy)]
struct ColumnBox {
    x: f32,
    width: f32,
    align: Align,
}

/// One slice per line of the row, so a row taller than a page can split.
fn row_slices(
    ctx: &mut Context<'_>,
    columns: &[ColumnBox],
    cells: &[Cell],
    colour: Colour,
    rule: Stroke,
) -> Vec<Slice> {
    let size = ctx.theme.table_size;
    let line_height = size * LEADING;
    let flowed: Vec<Vec<Line>> = cells
        .iter()
        .zip(columns)
        .map(|(cell, column)| {
            let width = (column.width - 2.0 * PAD_X).max(1.0);
            flow(ctx.shaper, &cell.spans, size, colour, width, column.align)
        })
        .collect();
    let n_lines = flowed.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut slices = Vec::with_capacity(n_lines);
    let mut flowed: Vec<std::vec::IntoIter<Line>> =
        flowed.into_iter().map(Vec::into_iter).collect();
    for i in 0..n_lines {
        let top = if i == 0 { PAD_Y } else { 0.0 };
        let bottom = if i + 1 == n_lines { PAD_Y } else { 0.0 };
        let height = top + line_height + bottom;
        let mut items = Vec::new();
        for ((cell, column), lines) in cells.iter().zip(columns).zip(flowed.iter_mut()) {
            if let Some(fill) = cell.fill {
                items.push(Item::Rect(Rectangle {
                    origin: Point::new(column.x, 0.0),
                    width: column.width,
                    height,
                    fill: Some(fill),
                    stroke: None,
                }));
            }
            if let Some(line) = lines.next() {
                for run in line.runs {
                    let mut item = Item::Text(run);
                    item.translate(column.x + PAD_X, top + baseline(line_height, size));
                    items.push(item);
                }
            }
        }
        if i + 1 == n_lines
            && let (Some(first), Some(last)) = (columns.first(), columns.last())
        {
            let y = height - rule.width / 2.0;
            items.push(Item::Rule(Rule {
                from: Point::new(first.x, y),
                to: Point::new(last.x + last.width, y),
                stroke: rule,
            }));
        }
        slices.push(Slice {
            height,
            items,
            ..Slice::default()
        });
    }
    slices
}

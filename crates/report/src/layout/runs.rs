//! The document's blocks, cut into runs and flowed into units on several
//! threads; a later pass over nearly the same blocks flows only the runs
//! that changed.
//!
//! A run starts at each heading and page break. Runs are flowed
//! independently, each thread with its own shaper; only the space above a
//! run's first slice depends on the runs before it, and it is settled
//! afterwards, in order. A document with a table of contents is laid out
//! twice (the second time with the pages its headings landed on), and only
//! the contents' runs differ between the two: [`Flows`] keeps the first
//! pass's runs so the second reuses every run whose blocks are equal.
//! Invariant: the units are those one pass over the blocks, block after
//! block, gives, whatever the number of threads and whatever is reused.
//! All the shapers share one set of shaped words.

use std::sync::Arc;

use crate::error::ReportError;
use crate::layout::blocks::Block;
use crate::layout::shape::Shaper;
use crate::layout::slices::{Context, Pending, Unit, flatten, glue};
use ironbridge_core::parallel;

/// The runs of one pass, flowed with nothing owed before them: what a
/// later pass may reuse for a run whose blocks are the same.
#[derive(Debug, Default)]
pub(crate) struct Flows {
    flowed: Vec<Flowed>,
}

impl Flows {
    /// How many runs the pass flowed.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.flowed.len()
    }
}

/// An earlier pass: its blocks and their flowed runs.
pub(crate) type Earlier<'a> = (&'a [Block], &'a Flows);

/// Turns the document's blocks into units, merging glued groups, on up to
/// `threads` threads. Where `earlier` has a run with the same blocks at the
/// same place, its flow is reused instead of flowed again. Returns the
/// units and this pass's flows, for the next pass.
pub(crate) fn units_on(
    ctx: &mut Context<'_>,
    blocks: &[Block],
    threads: usize,
    earlier: Option<Earlier<'_>>,
) -> Result<(Vec<Unit>, Flows), ReportError> {
    let runs = cut(blocks);
    // The earlier pass lines up with this one when it has as many runs.
    let earlier = earlier.and_then(|(blocks, flows)| {
        let earlier_runs = cut(blocks);
        (earlier_runs.len() == runs.len()).then_some((earlier_runs, flows))
    });
    let jobs: Vec<(&[Block], Option<&Flowed>)> = runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let reused = earlier.as_ref().and_then(|(earlier_runs, flows)| {
                (earlier_runs[i] == *run).then(|| flows.flowed.get(i))?
            });
            (*run, reused)
        })
        .collect();
    let (fonts, words) = (ctx.shaper.fonts(), ctx.shaper.shared_words());
    let (theme, left, width, max_height) = (ctx.theme, ctx.left, ctx.width, ctx.max_height);
    let flowed = parallel::map(
        &jobs,
        threads,
        || Shaper::sharing(fonts, Arc::clone(&words)),
        |shaper, (run, reused)| match reused {
            Some(flowed) => Ok((*flowed).clone()),
            None => {
                let mut ctx = Context {
                    shaper,
                    theme,
                    left,
                    width,
                    max_height,
                };
                flow_run(&mut ctx, run, Pending::default())
            }
        },
    )
    .into_iter()
    .collect::<Result<Vec<Flowed>, ReportError>>()?;
    let units = settle(ctx, &runs, &flowed)?;
    Ok((units, Flows { flowed }))
}

/// Joins the runs flowed with nothing owed before them into the units one
/// pass gives: the space owed by each run goes onto the next run's first
/// slice, or the next run is flowed again, in order, when its start is not
/// a plain block.
fn settle(
    ctx: &mut Context<'_>,
    runs: &[&[Block]],
    flowed: &[Flowed],
) -> Result<Vec<Unit>, ReportError> {
    let mut flat = Vec::new();
    let mut gap = Pending::default();
    for (run, flowed) in runs.iter().zip(flowed) {
        let mut flowed = flowed.clone();
        let settled = if gap.is_none() {
            true
        } else if flowed.plain_start {
            if let Some(Unit::Group(group)) = flowed.units.first_mut()
                && let Some(first) = group.slices.first_mut()
            {
                first.gap_before = gap.margin.max(first.gap_before);
                first.spacer_before = gap.spacer;
            }
            true
        } else {
            false
        };
        if !settled {
            flowed = flow_run(ctx, run, gap)?;
        }
        gap = flowed.gap;
        flat.append(&mut flowed.units);
    }
    Ok(glue(flat))
}

/// Cuts the blocks before each heading and page break.
fn cut(blocks: &[Block]) -> Vec<&[Block]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for (i, block) in blocks.iter().enumerate() {
        if i > start && matches!(block, Block::Heading(_) | Block::PageBreak) {
            runs.push(&blocks[start..i]);
            start = i;
        }
    }
    if start < blocks.len() {
        runs.push(&blocks[start..]);
    }
    runs
}

/// The units of a run of blocks and the space owed after it.
#[derive(Debug, Clone, Default)]
struct Flowed {
    units: Vec<Unit>,
    gap: Pending,
    /// The first block is an ordinary one and gave a group: only that
    /// group's first slice depends on the space owed before the run.
    plain_start: bool,
}

fn flow_run(ctx: &mut Context<'_>, run: &[Block], entry: Pending) -> Result<Flowed, ReportError> {
    let mut units = Vec::new();
    let mut gap = entry;
    let mut plain_start = false;
    for (i, block) in run.iter().enumerate() {
        flatten(ctx, block, &mut units, &mut gap)?;
        if i == 0 {
            let ordinary = !matches!(
                block,
                Block::KeepTogether(_) | Block::Spacer(_) | Block::PageBreak
            );
            let gave_group = matches!(units.first(), Some(Unit::Group(g)) if !g.slices.is_empty());
            plain_start = ordinary && gave_group;
        }
    }
    Ok(Flowed {
        units,
        gap,
        plain_start,
    })
}

#[cfg(test)]
mod tests;

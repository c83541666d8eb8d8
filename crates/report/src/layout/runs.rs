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
//! pass's runs so the second takes over every run whose blocks are equal
//! (and, not expecting a third pass, keeps nothing: a third would flow
//! every run again).
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

/// An earlier pass: its blocks and their flowed runs, handed over.
pub(crate) type Earlier<'a> = (&'a [Block], Flows);

/// Whether a pass keeps its flows for a pass after it (a copy of every
/// run) or hands its runs straight to the units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Keep them: another pass may follow.
    Flows,
    /// Do not: the returned [`Flows`] are empty.
    Nothing,
}

/// Turns the document's blocks into units, merging glued groups, on up to
/// `threads` threads. Where `earlier` has a run with the same blocks at the
/// same place, its flow is reused instead of flowed again. Returns the
/// units and, as `keep` says, this pass's flows for the next pass.
pub(crate) fn units_on(
    ctx: &mut Context<'_>,
    blocks: &[Block],
    threads: usize,
    earlier: Option<Earlier<'_>>,
    keep: Keep,
) -> Result<(Vec<Unit>, Flows), ReportError> {
    let runs = cut(blocks);
    // The earlier pass lines up with this one when it has as many runs;
    // each of its runs whose blocks are the same is taken over.
    let mut reused: Vec<Option<Flowed>> = Vec::new();
    if let Some((earlier_blocks, flows)) = earlier {
        let earlier_runs = cut(earlier_blocks);
        if earlier_runs.len() == runs.len() {
            reused = flows
                .flowed
                .into_iter()
                .zip(earlier_runs)
                .zip(&runs)
                .map(|((flowed, then), now)| (then == *now).then_some(flowed))
                .collect();
        }
    }
    reused.resize_with(runs.len(), || None);
    let to_flow: Vec<&[Block]> = runs
        .iter()
        .zip(&reused)
        .filter_map(|(run, reused)| reused.is_none().then_some(*run))
        .collect();
    let (fonts, words) = (ctx.shaper.fonts(), ctx.shaper.shared_words());
    let (theme, left, width, max_height) = (ctx.theme, ctx.left, ctx.width, ctx.max_height);
    let mut fresh = parallel::map(
        &to_flow,
        threads,
        || Shaper::sharing(fonts, Arc::clone(&words)),
        |shaper, run| {
            let mut ctx = Context {
                shaper,
                theme,
                left,
                width,
                max_height,
            };
            flow_run(&mut ctx, run, Pending::default())
        },
    )
    .into_iter();
    let mut flowed = Vec::with_capacity(runs.len());
    for (run, reused) in runs.iter().zip(reused) {
        flowed.push(match reused.map(Ok).or_else(|| fresh.next()) {
            Some(result) => result?,
            // The map gives one result per run it was handed.
            None => flow_run(ctx, run, Pending::default())?,
        });
    }
    settle(ctx, &runs, flowed, keep)
}

/// Joins the runs flowed with nothing owed before them into the units one
/// pass gives: the space owed by each run goes onto the next run's first
/// slice, or the next run is flowed again, in order, when its start is not
/// a plain block. With [`Keep::Flows`] the runs as flowed are returned too.
fn settle(
    ctx: &mut Context<'_>,
    runs: &[&[Block]],
    flowed: Vec<Flowed>,
    keep: Keep,
) -> Result<(Vec<Unit>, Flows), ReportError> {
    let mut kept = Flows::default();
    let mut flat = Vec::new();
    let mut gap = Pending::default();
    for (run, mut flowed) in runs.iter().zip(flowed) {
        if keep == Keep::Flows {
            kept.flowed.push(flowed.clone());
        }
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
    Ok((glue(flat), kept))
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
#[derive(Debug, Clone)]
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

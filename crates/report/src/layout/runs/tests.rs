//! The runs match one pass over the blocks, and a later pass reuses them.

use super::*;
use crate::fonts::FontSet;
use crate::layout::blocks::{HeadingLevel, Paragraph};
use crate::layout::contents::{Contents, ContentsEntry};
use crate::layout::text::Span;
use crate::style::Theme;

/// A body 400 points wide and 700 high, 50 from the left edge.
fn context<'a>(shaper: &'a mut Shaper, theme: &'a Theme) -> Context<'a> {
    Context {
        shaper,
        theme,
        left: 50.0,
        width: 400.0,
        max_height: 700.0,
    }
}

/// `threads: None` flows the blocks in one pass, block after block,
/// with no runs: the reference the runs must match.
fn units_with(blocks: &[Block], threads: Option<usize>) -> Vec<Unit> {
    let mut shaper = Shaper::new(FontSet::get().expect("embedded fonts parse"));
    let theme = Theme::default();
    let mut ctx = context(&mut shaper, &theme);
    match threads {
        Some(threads) => {
            units_on(&mut ctx, blocks, threads, None, Keep::Nothing)
                .expect("flows")
                .0
        }
        None => {
            let mut flat = Vec::new();
            let mut gap = Pending::default();
            for block in blocks {
                flatten(&mut ctx, block, &mut flat, &mut gap).expect("flows");
            }
            glue(flat)
        }
    }
}

fn spaced(text: &str, after: f32) -> Block {
    let mut paragraph = Paragraph::new(vec![Span::regular(text)]);
    paragraph.space_after = Some(after);
    Block::Paragraph(paragraph)
}

#[test]
fn space_owed_across_runs_is_settled_as_in_one_pass() {
    // Runs start at each heading and page break; the space owed before
    // them (a wide bottom margin, spacers, a keep-together start) must
    // come out as if the blocks were flowed in one pass.
    let blocks = vec![
        spaced("A paragraph with a wide margin below it.", 60.0),
        Block::heading(HeadingLevel::H3, "First heading"),
        Block::paragraph("Text under the first heading."),
        Block::Spacer(30.0),
        Block::heading(HeadingLevel::H2, "After a spacer"),
        spaced("More text.", 45.0),
        Block::Spacer(12.0),
        Block::heading(HeadingLevel::H3, "After a margin and a spacer"),
        Block::KeepTogether(vec![Block::paragraph("Kept together.")]),
        spaced("Before an empty heading.", 50.0),
        // Gives no slice: the space owed passes to the paragraph after it.
        Block::heading(HeadingLevel::H3, ""),
        Block::paragraph("After an empty heading."),
        Block::PageBreak,
        Block::Spacer(20.0),
        Block::heading(HeadingLevel::H1, "On a new page"),
        Block::paragraph("The end."),
    ];
    let one = units_with(&blocks, None);
    let gaps = |units: &[Unit]| -> Vec<(f32, f32)> {
        units
            .iter()
            .filter_map(|u| match u {
                Unit::Group(g) => Some(g.slices.iter().map(|s| (s.gap_before, s.spacer_before))),
                Unit::PageBreak => None,
            })
            .flatten()
            .collect()
    };
    // The wide margin and the spacers reach the headings' slices.
    let all = gaps(&one);
    assert!(all.contains(&(60.0, 0.0)), "{all:?}");
    assert!(all.iter().any(|&(_, spacer)| spacer == 30.0), "{all:?}");
    assert!(all.contains(&(45.0, 12.0)), "{all:?}");
    assert!(all.contains(&(50.0, 0.0)), "{all:?}");
    for threads in [1, 2, 3, 4] {
        assert_eq!(units_with(&blocks, Some(threads)), one, "{threads} threads");
    }
}

#[test]
fn runs_start_at_headings_and_page_breaks() {
    let blocks = vec![
        Block::paragraph("a"),
        Block::heading(HeadingLevel::H2, "b"),
        Block::paragraph("c"),
        Block::PageBreak,
        Block::heading(HeadingLevel::H1, "d"),
    ];
    let lengths: Vec<usize> = cut(&blocks).iter().map(|r| r.len()).collect();
    assert_eq!(lengths, [1, 2, 1, 1]);
    assert!(cut(&[]).is_empty());
}

fn contents(pages: Option<usize>) -> Block {
    Block::Contents(Contents {
        depth: 1,
        entries: vec![ContentsEntry {
            depth: 1,
            title: "Later".to_owned(),
            page: pages,
            top: 0.0,
        }],
    })
}

#[test]
fn a_later_pass_reuses_the_runs_that_did_not_change() {
    let before = vec![
        Block::heading(HeadingLevel::H1, "Contents"),
        contents(None),
        Block::PageBreak,
        Block::heading(HeadingLevel::H1, "Later"),
        spaced("Text under it, with a wide margin below.", 40.0),
        Block::heading(HeadingLevel::H2, "Further"),
        Block::paragraph("More text."),
    ];
    let mut after = before.clone();
    after[1] = contents(Some(2));
    let mut shaper = Shaper::new(FontSet::get().expect("embedded fonts parse"));
    let theme = Theme::default();
    let mut ctx = context(&mut shaper, &theme);
    let pass = |ctx: &mut Context<'_>, blocks: &[Block], threads, keep| {
        let (_, flows) = units_on(ctx, &before, 2, None, Keep::Flows).expect("flows");
        assert_eq!(flows.len(), 4);
        units_on(ctx, blocks, threads, Some((&before, flows)), keep).expect("flows")
    };
    for threads in [1, 2] {
        let (reused, kept) = pass(&mut ctx, &after, threads, Keep::Flows);
        assert_eq!(reused, units_with(&after, None), "{threads} threads");
        assert_eq!(kept.len(), 4);
        let (reused, kept) = pass(&mut ctx, &after, threads, Keep::Nothing);
        assert_eq!(reused, units_with(&after, None), "{threads} threads");
        assert_eq!(kept.len(), 0);
    }
    // The page number is drawn: the contents' run was flowed again.
    assert_ne!(
        pass(&mut ctx, &after, 1, Keep::Nothing).0,
        units_with(&before, None)
    );
    // Blocks that no longer line up with the earlier pass's runs are all
    // flowed afresh.
    let shorter = &after[3..];
    assert_eq!(
        pass(&mut ctx, shorter, 2, Keep::Nothing).0,
        units_with(shorter, None)
    );
}

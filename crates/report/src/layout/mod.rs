//! Layout: blocks become pages of positioned items (text runs, rules,
//! rectangles, paths, images).
//!
//! Invariant: nothing here knows about PDF. Text is shaped and measured with
//! the embedded fonts' real metrics, so what `pdf` writes and what the SVG
//! shows is exactly what was laid out.

pub mod blocks;
pub mod contents;
pub mod items;
pub mod paginate;
pub mod text;

pub(crate) mod dump;
pub(crate) mod runs;
pub(crate) mod shape;
pub(crate) mod slices;
pub(crate) mod table;

//! Reading a question bank from disk: one `.toml` file, or a folder of them.

use std::path::Path;

use anyhow::{Context, Result, bail};
use ironbridge_core::Bank;
use ironbridge_core::bank::{BankIssues, Source, load as load_sources};
use ironbridge_core::frameworks::Catalogue;

/// Reads the bank at `path` and validates it; I/O errors are `Err`, bank problems `Ok(Err)`.
pub fn load(path: &Path) -> Result<Result<Bank, BankIssues>> {
    let mut files = Vec::new();
    if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .with_context(|| format!("cannot read folder {}", path.display()))?;
        for entry in entries {
            let entry_path = entry?.path();
            if entry_path.extension().is_some_and(|e| e == "toml") {
                files.push(entry_path);
            }
        }
        files.sort();
        if files.is_empty() {
            bail!("{} holds no .toml file", path.display());
        }
    } else {
        files.push(path.to_path_buf());
    }
    let mut texts = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        texts.push((file.display().to_string(), text));
    }
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    Ok(load_sources(&sources, &Catalogue::shipped()))
}

//! Catalogues of the control frameworks a bank cites (NIST CSF 2.0, NCSC CAF
//! 3.2 and 4.0, ISO/IEC 27001:2022 Annex A, IEC 62443-3-3, -2-1, -2-4, Cyber
//! Essentials), each keyed by its file id (`ncsc-caf-4.0` for
//! `assets/frameworks/ncsc-caf-4.0.toml`).
//!
//! Invariant: a reference in a bank is valid only if its id is in the catalogue
//! its prefix names among the catalogues the bank selects (`[bank] frameworks`,
//! or [`V1_FRAMEWORKS`] when absent); a selection holds each prefix once, so
//! `CAF:B5.c` means CAF 3.2 in a bank that selects 3.2 and CAF 4.0 in one that
//! selects 4.0. The catalogues are data under `assets/frameworks/`, checked
//! against the published texts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A reference from a question to a framework control, written `PREFIX:ID`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FrameworkRef {
    /// The framework's prefix (`CSF`, `CAF`, `ISO27001`, `IEC62443`).
    pub framework: String,
    /// The control id as the framework writes it (`RC.RP-03`, `B5.c`, `A.8.13`, `SR 7.3`).
    pub id: String,
}

impl FrameworkRef {
    /// Splits `PREFIX:ID`; `None` when there is no colon or a side is empty.
    pub fn parse(text: &str) -> Option<Self> {
        let (framework, id) = text.split_once(':')?;
        let (framework, id) = (framework.trim(), id.trim());
        (!framework.is_empty() && !id.is_empty()).then(|| Self {
            framework: framework.to_owned(),
            id: id.to_owned(),
        })
    }
}

impl std::fmt::Display for FrameworkRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.framework, self.id)
    }
}

/// The catalogues a bank cites when its header names none: bank 1's set.
pub const V1_FRAMEWORKS: &[&str] = &[
    "nist-csf-2.0",
    "ncsc-caf-3.2",
    "iso-27001-2022",
    "iec-62443-3-3",
];

/// One framework: its groups (functions, objectives, themes) and controls.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Framework {
    /// The catalogue's file id (`ncsc-caf-4.0`): its file name without `.toml`.
    pub id: String,
    /// The prefix used in references.
    pub prefix: String,
    /// The framework's name.
    pub name: String,
    /// Edition or version, as published.
    pub edition: String,
    /// The publisher's page.
    pub url: String,
    /// Top-level groups (CSF functions, CAF objectives, ISO themes, IEC foundational requirements).
    pub groups: Vec<Group>,
    /// Second-level groups, where the framework has them (CSF categories, CAF principles).
    pub subgroups: Vec<Group>,
    /// Every control, by id.
    pub controls: BTreeMap<String, Control>,
}

/// A group of controls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Its id (`GV`, `A`, `A.5`, `FR 1`, `GV.OC`, `A1`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The parent group, for subgroups.
    #[serde(default)]
    pub group: Option<String>,
}

/// A control (CSF subcategory, CAF contributing outcome, ISO control, IEC SR).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Its id as the framework writes it.
    pub id: String,
    /// Its title or outcome statement.
    pub title: String,
    /// The top-level group it belongs to.
    pub group: String,
    /// The subgroup, where the framework has them.
    #[serde(default)]
    pub subgroup: Option<String>,
}

/// A set of framework catalogues, by file id: all those shipped, or the
/// selection one bank cites.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Catalogue {
    frameworks: BTreeMap<String, Framework>,
}

/// Why a catalogue file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// The TOML is malformed or does not fit the catalogue format.
    #[error("{file}: {message}")]
    Syntax {
        /// The catalogue file.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// Two catalogue files have the same file id.
    #[error("{file}: a catalogue with file id {id:?} is already loaded")]
    DuplicateFile {
        /// The second file.
        file: String,
        /// The file id.
        id: String,
    },
    /// A control or group names a group the file does not declare, or an id repeats.
    #[error("{file}: {id}: {problem}")]
    Inconsistent {
        /// The catalogue file.
        file: String,
        /// The offending id.
        id: String,
        /// What is wrong.
        problem: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    framework: RawHeader,
    groups: Vec<Group>,
    #[serde(default)]
    subgroups: Vec<Group>,
    controls: Vec<Control>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    prefix: String,
    name: String,
    edition: String,
    url: String,
}

impl Catalogue {
    /// Parses catalogue files given as `(file name, TOML text)`; each is keyed
    /// by its file id, the file name without folders and `.toml`.
    pub fn parse(sources: &[(&str, &str)]) -> Result<Self, CatalogueError> {
        let mut frameworks = BTreeMap::new();
        for (file, text) in sources {
            let framework = parse_framework(file, text)?;
            let id = framework.id.clone();
            if frameworks.insert(id.clone(), framework).is_some() {
                return Err(CatalogueError::DuplicateFile {
                    file: (*file).to_owned(),
                    id,
                });
            }
        }
        Ok(Self { frameworks })
    }

    /// The catalogue with this file id (`ncsc-caf-4.0`).
    pub fn by_id(&self, id: &str) -> Option<&Framework> {
        self.frameworks.get(id)
    }

    /// The file ids of every catalogue held, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.frameworks.keys().map(String::as_str)
    }

    /// The catalogues with these file ids (those not held are left out).
    pub fn select<S: AsRef<str>>(&self, ids: &[S]) -> Catalogue {
        let frameworks = ids
            .iter()
            .filter_map(|id| self.frameworks.get_key_value(id.as_ref()))
            .map(|(k, f)| (k.clone(), f.clone()))
            .collect();
        Catalogue { frameworks }
    }

    /// The catalogues a bank cites (its `[bank] frameworks`).
    pub fn for_bank(&self, bank: &crate::Bank) -> Catalogue {
        self.select(&bank.frameworks)
    }

    /// The catalogues shipped in `assets/frameworks/`.
    /// Parsed once per process, on first use.
    pub fn shipped() -> &'static Self {
        static SHIPPED: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
        // The shipped catalogues are checked by a test; were one broken, the
        // bank validator would report every reference as unknown instead.
        SHIPPED.get_or_init(|| Self::parse(crate::embedded::FRAMEWORK_SOURCES).unwrap_or_default())
    }

    /// The framework with this prefix. Where several editions share it (CAF
    /// 3.2 and 4.0 in the shipped set), the one of [`V1_FRAMEWORKS`] is
    /// returned; use [`Catalogue::for_bank`] first to get a bank's own edition.
    pub fn framework(&self, prefix: &str) -> Option<&Framework> {
        let mut editions = self.frameworks.values().filter(|f| f.prefix == prefix);
        let first = editions.next()?;
        if V1_FRAMEWORKS.contains(&first.id.as_str()) {
            return Some(first);
        }
        editions
            .find(|f| V1_FRAMEWORKS.contains(&f.id.as_str()))
            .or(Some(first))
    }

    /// Every framework, by prefix then file id.
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        let mut all: Vec<&Framework> = self.frameworks.values().collect();
        all.sort_by(|a, b| a.prefix.cmp(&b.prefix).then_with(|| a.id.cmp(&b.id)));
        all.into_iter()
    }

    /// The control a reference points at, if the reference is valid.
    pub fn control(&self, reference: &FrameworkRef) -> Option<&Control> {
        self.framework(&reference.framework)?
            .controls
            .get(&reference.id)
    }
}

impl Framework {
    /// The name of a top-level group.
    pub fn group_name(&self, id: &str) -> Option<&str> {
        self.groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.name.as_str())
    }
}

/// A catalogue's file id: its file name without folders and `.toml`.
pub fn file_id(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".toml").unwrap_or(name).to_owned()
}

fn parse_framework(file: &str, text: &str) -> Result<Framework, CatalogueError> {
    let raw: RawCatalogue = toml::from_str(text).map_err(|e| CatalogueError::Syntax {
        file: file.to_owned(),
        message: e.to_string().trim_end().to_owned(),
    })?;
    let inconsistent = |id: &str, problem: &str| CatalogueError::Inconsistent {
        file: file.to_owned(),
        id: id.to_owned(),
        problem: problem.to_owned(),
    };
    let group_ids: Vec<&str> = raw.groups.iter().map(|g| g.id.as_str()).collect();
    let subgroup_ids: Vec<&str> = raw.subgroups.iter().map(|g| g.id.as_str()).collect();
    for subgroup in &raw.subgroups {
        if !subgroup
            .group
            .as_deref()
            .is_some_and(|g| group_ids.contains(&g))
        {
            return Err(inconsistent(
                &subgroup.id,
                "subgroup names no declared group",
            ));
        }
    }
    let mut controls = BTreeMap::new();
    for control in raw.controls {
        if !group_ids.contains(&control.group.as_str()) {
            return Err(inconsistent(
                &control.id,
                "control names an undeclared group",
            ));
        }
        if let Some(sub) = &control.subgroup
            && !subgroup_ids.contains(&sub.as_str())
        {
            return Err(inconsistent(
                &control.id,
                "control names an undeclared subgroup",
            ));
        }
        let id = control.id.clone();
        if controls.insert(id.clone(), control).is_some() {
            return Err(inconsistent(&id, "control id appears twice"));
        }
    }
    Ok(Framework {
        id: file_id(file),
        prefix: raw.framework.prefix,
        name: raw.framework.name,
        edition: raw.framework.edition,
        url: raw.framework.url,
        groups: raw.groups,
        subgroups: raw.subgroups,
        controls,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalogues_parse() {
        let catalogue = Catalogue::parse(crate::embedded::FRAMEWORK_SOURCES).unwrap();
        for prefix in ["CSF", "CAF", "ISO27001", "IEC62443"] {
            let framework = catalogue.framework(prefix).unwrap();
            assert!(!framework.controls.is_empty(), "{prefix}");
        }
    }

    #[test]
    fn shipped_catalogues_hold_the_published_counts() {
        let catalogue = Catalogue::shipped();
        let count = |p: &str| catalogue.framework(p).map_or(0, |f| f.controls.len());
        assert_eq!(count("CSF"), 106, "NIST CSF 2.0 has 106 subcategories");
        assert_eq!(
            count("ISO27001"),
            93,
            "ISO/IEC 27001:2022 Annex A has 93 controls"
        );
        let iec = catalogue.framework("IEC62443").unwrap();
        let srs = iec.controls.keys().filter(|id| !id.contains("RE")).count();
        assert_eq!(srs, 51, "IEC 62443-3-3 has 51 system requirements");
    }

    #[test]
    fn references_resolve_only_to_real_controls() {
        let catalogue = Catalogue::shipped();
        let real = FrameworkRef::parse("CSF:RC.RP-03").unwrap();
        assert!(catalogue.control(&real).is_some());
        // PR.IP-4 is a CSF 1.1 id; 2.0 renumbered it.
        let old = FrameworkRef::parse("CSF:PR.IP-4").unwrap();
        assert!(catalogue.control(&old).is_none());
    }

    #[test]
    fn every_shipped_catalogue_parses_and_is_keyed_by_its_file_id() {
        for (file, text) in crate::embedded::FRAMEWORK_SOURCES {
            let one = Catalogue::parse(&[(file, text)]).unwrap();
            let id = file_id(file);
            assert_eq!(one.by_id(&id).unwrap().id, id);
        }
        let all = Catalogue::shipped();
        assert_eq!(all.ids().count(), crate::embedded::FRAMEWORK_SOURCES.len());
    }

    #[test]
    fn two_caf_editions_are_told_apart_by_file_id() {
        let all = Catalogue::shipped();
        let v32 = all.by_id("ncsc-caf-3.2").unwrap();
        let v40 = all.by_id("ncsc-caf-4.0").unwrap();
        assert_eq!((v32.prefix.as_str(), v40.prefix.as_str()), ("CAF", "CAF"));
        // Unqualified, the prefix means bank 1's edition.
        assert_eq!(all.framework("CAF").unwrap().id, "ncsc-caf-3.2");
        // A selection holds one edition, and the prefix means it.
        let selected = all.select(&["nist-csf-2.0", "ncsc-caf-4.0"]);
        assert_eq!(selected.framework("CAF").unwrap().id, "ncsc-caf-4.0");
        assert!(selected.framework("ISO27001").is_none());
        // CAF 4.0 added A2.c (assurance moved there from A2.b); 3.2 stops at A2.b.
        let a2c = FrameworkRef::parse("CAF:A2.c").unwrap();
        assert!(selected.control(&a2c).is_some());
        assert!(all.select(V1_FRAMEWORKS).control(&a2c).is_none());
    }

    #[test]
    fn file_ids_drop_folders_and_extension() {
        assert_eq!(
            file_id("assets/frameworks/ncsc-caf-4.0.toml"),
            "ncsc-caf-4.0"
        );
        assert_eq!(file_id("x.toml"), "x");
    }

    #[test]
    fn a_file_id_loaded_twice_is_refused() {
        let (file, text) = crate::embedded::FRAMEWORK_SOURCES[0];
        let err = Catalogue::parse(&[(file, text), (file, text)]).unwrap_err();
        assert!(err.to_string().contains("already loaded"), "{err}");
    }

    #[test]
    fn malformed_references_are_rejected() {
        for bad in ["CSF", ":RC.RP-03", "CSF:", ""] {
            assert!(FrameworkRef::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn undeclared_group_is_reported_with_the_control() {
        let text = r#"
[framework]
prefix = "X"
name = "X"
edition = "1"
url = "https://example.org"
[[groups]]
id = "A"
name = "A"
[[controls]]
id = "B.1"
title = "t"
group = "B"
"#;
        let err = Catalogue::parse(&[("x.toml", text)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.toml: B.1: control names an undeclared group"
        );
    }
}

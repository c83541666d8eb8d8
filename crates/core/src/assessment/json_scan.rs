//! A scan of a JSON text for an object that holds the same key twice.
//!
//! serde reads a repeated key of a map silently (the last one wins) and
//! reports a repeated struct field only as "duplicate field" at the enclosing
//! path, which is `.` at the top level. This scan walks the whole text once,
//! without building it, and names the object and the key.
//!
//! Invariant: the scan accepts exactly the JSON serde_json accepts (same
//! parser, same recursion limit), so a text it passes reaches the strict
//! parse unchanged and a syntax error is reported with serde_json's position.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A key written twice in one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// The object's path (`organisation`, `answers[3]`; empty at the top level).
    pub path: String,
    /// The key.
    pub key: String,
    /// 1-based line of the second occurrence.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Why a scan stopped.
#[derive(Debug)]
pub(crate) enum ScanError {
    /// A key written twice.
    Duplicate(Duplicate),
    /// Not JSON.
    Json(serde_json::Error),
}

/// Scans `text` for a duplicate key; `Err(Json)` when it is not JSON.
pub(crate) fn scan(text: &str) -> Result<(), ScanError> {
    let stack = RefCell::new(Vec::new());
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Node {
        stack: &stack,
        found: &found,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match (result, found.into_inner()) {
        (Ok(()), _) => Ok(()),
        (Err(e), Some((path, key))) => Err(ScanError::Duplicate(Duplicate {
            path,
            key,
            line: e.line(),
            column: e.column(),
        })),
        (Err(e), None) => Err(ScanError::Json(e)),
    }
}

/// Where a path is, in a message: `at the top level`, `at `organisation``.
pub(crate) fn place(path: &str) -> String {
    if path.is_empty() {
        "at the top level".to_owned()
    } else {
        format!("at `{path}`")
    }
}

/// One step of the path from the top to the value being read.
enum Step {
    Key(String),
    Index(usize),
}

fn render(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(key) if path.is_empty() => path.push_str(key),
            Step::Key(key) => {
                path.push('.');
                path.push_str(key);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

/// A value being scanned, with the path that leads to it.
#[derive(Clone, Copy)]
struct Node<'a> {
    stack: &'a RefCell<Vec<Step>>,
    found: &'a RefCell<Option<(String, String)>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.stack.borrow_mut().push(Step::Index(index));
            let more = seq.next_element_seed(self)?.is_some();
            self.stack.borrow_mut().pop();
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                let path = render(&self.stack.borrow());
                *self.found.borrow_mut() = Some((path, key));
                return Err(de::Error::custom("a key appears twice"));
            }
            self.stack.borrow_mut().push(Step::Key(key.clone()));
            map.next_value_seed(self)?;
            self.stack.borrow_mut().pop();
            seen.insert(key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(text: &str) -> Option<(String, String, usize)> {
        match scan(text) {
            Err(ScanError::Duplicate(d)) => Some((d.path, d.key, d.line)),
            _ => None,
        }
    }

    #[test]
    fn a_repeated_key_is_found_with_its_object_and_line() {
        assert_eq!(
            duplicate("{\"title\": 1,\n \"title\": 2}"),
            Some((String::new(), "title".into(), 2))
        );
        assert_eq!(
            duplicate(r#"{"a": [{"x": 1}, {"y": {"k": 1, "k": 2}}]}"#),
            Some(("a[1].y".into(), "k".into(), 1))
        );
    }

    #[test]
    fn distinct_keys_and_repeats_in_other_objects_pass() {
        assert!(scan(r#"{"a": {"k": 1}, "b": {"k": 1}, "c": [1, "k", null, true, -2.5]}"#).is_ok());
    }

    #[test]
    fn a_syntax_error_is_serde_json_s() {
        match scan("{\"a\": }") {
            Err(ScanError::Json(e)) => assert!(e.is_syntax(), "{e}"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(scan("{} {}"), Err(ScanError::Json(_))));
    }
}

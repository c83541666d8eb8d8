//! The only way the CLI writes to the terminal: every line passes through
//! here and leaves with its control characters escaped.
//!
//! Names, titles, ids, notes and error messages come from files and
//! databases that someone else may have written; printed raw, `ESC ] 0 ; …
//! BEL` retitles the user's terminal, `ESC [ 2 J` clears it, an 8-bit CSI
//! (U+009B) does the same on terminals that honour it, and a right-to-left
//! override reorders what the user reads. Invariant: nothing written to
//! standard output or standard error holds a C0 control other than the
//! CLI's own line breaks, DEL, a C1 control (U+0080–U+009F), a bidi control
//! or a line or paragraph separator: [`text`] shows each as a visible
//! `\u{1b}` escape, [`json`] as a JSON escape (`\u001b`, the same JSON value).
//! [`line()`] also escapes line breaks, for a value that must stay on its line.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io::{self, Write as _};

/// Whether `c` must not reach a terminal as it is.
fn is_control(c: char) -> bool {
    matches!(c,
        // C0, DEL and C1 controls.
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Bidi controls: ALM, LRM, RLM, LRE…RLO, LRI…PDI.
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // Line and paragraph separators.
        | '\u{2028}' | '\u{2029}')
}

/// How an escaped character is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `\u{1b}`, readable in text.
    Text,
    /// `\u001b`, valid inside a JSON string.
    Json,
}

/// `text` with every control character escaped; newlines kept when `keep_newlines`.
fn escape(text: &str, style: Style, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_control(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
            continue;
        }
        // Writing to a String cannot fail.
        let _ = match style {
            Style::Text => write!(out, "\\u{{{:x}}}", u32::from(c)),
            // Every character escaped lies in the Basic Multilingual Plane.
            Style::Json => write!(out, "\\u{:04x}", u32::from(c)),
        };
    }
    Cow::Owned(out)
}

/// Text for the terminal: control characters escaped, line breaks kept.
pub fn text(text: &str) -> Cow<'_, str> {
    escape(text, Style::Text, true)
}

/// JSON (as `serde_json` writes it) for the terminal: control characters
/// that JSON allows raw inside strings (DEL, C1, bidi) written as JSON
/// escapes, so the JSON means the same; its line breaks kept.
pub fn json(text: &str) -> Cow<'_, str> {
    escape(text, Style::Json, true)
}

/// A value from a file or the database shown on one line: every control
/// character escaped, line breaks too. Honours width and alignment (`{:<28}`).
#[derive(Clone, Copy, Debug)]
pub struct Line<'a>(&'a str);

/// `value`, to be shown on one line.
pub fn line(value: &str) -> Line<'_> {
    Line(value)
}

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&escape(self.0, Style::Text, false))
    }
}

/// What is written to standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Text for a person.
    Text,
    /// JSON for a program.
    Json,
}

/// Writes `out` to standard output, escaped; a reader that closed the pipe
/// early (`| head`) is not an error.
pub fn stdout(out: &str, kind: Output) -> io::Result<()> {
    let escaped = match kind {
        Output::Text => text(out),
        Output::Json => json(out),
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(escaped.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `message` to standard error, escaped. A failure to write there
/// has nowhere left to be reported.
pub fn stderr(message: &str) {
    let _ = io::stderr().lock().write_all(text(message).as_bytes());
}

/// `println!` through [`stdout`] (text); a closed pipe is ignored, as is a
/// failed write (the exit code still says how the command went).
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = $crate::terminal::stdout(
            &format!("{}\n", format_args!($($arg)*)),
            $crate::terminal::Output::Text,
        );
    }};
}

/// `eprintln!` through [`stderr`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::terminal::stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {errln, outln};

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}fdp.exe\r\u{7f}";

    #[test]
    fn text_escapes_every_control_and_keeps_line_breaks() {
        let input = format!("{HOSTILE}\nnext");
        let escaped = text(&input);
        assert_eq!(
            escaped,
            "a\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}fdp.exe\\u{d}\\u{7f}\nnext"
        );
        assert!(!escaped.chars().any(|c| c != '\n' && is_control(c)));
        assert!(matches!(text("Wrenmoor — £142m"), Cow::Borrowed(_)));
        assert_eq!(text("tab\there"), "tab\\u{9}here");
    }

    #[test]
    fn json_escapes_keep_the_json_value() {
        let value = serde_json::json!({ "title": HOSTILE, "rtl": "\u{2067}x\u{2069}" });
        let written = serde_json::to_string_pretty(&value).unwrap();
        assert!(written.contains('\u{9b}'), "serde_json leaves C1 raw");
        let escaped = json(&written);
        assert!(!escaped.chars().any(|c| c != '\n' && is_control(c)));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn a_line_escapes_line_breaks_and_pads() {
        assert_eq!(format!("[{:<8}]", line("a\nb")), "[a\\u{a}b ]");
        assert_eq!(format!("[{:>4}]", line("ok")), "[  ok]");
        assert_eq!(line("x\u{2028}y").to_string(), "x\\u{2028}y");
    }
}

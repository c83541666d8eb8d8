//! Every command on a hostile assessment (`tests/fixtures/hostile/
//! terminal-escapes.json`: `ESC ] 0 ; pwned BEL ESC [ 2 J`, an 8-bit CSI and a
//! right-to-left override in its title, names, notes and registers) prints
//! no control character: not on standard output, not on standard error, not
//! in text and not in JSON, whose values still read back exactly.

mod support;

use std::path::Path;

use support::{Ironbridge, Run, demo_file, ironbridge, repo_file, utf8};

/// The characters that must never reach the terminal raw.
const FORBIDDEN: [char; 5] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{fffd}'];

const ID: &str = "hostile-terminal-escapes";

fn fixture() -> String {
    repo_file("tests/fixtures/hostile/terminal-escapes.json")
}

/// `ironbridge --db DB ARGS…`.
fn on(db: &Path, args: &[&str]) -> Ironbridge {
    ironbridge(["--db"]).arg(db).args(args).audit_key_beside(db)
}

/// Fails when either stream holds a forbidden character (a lone invalid
/// byte such as a raw 0x9b shows as U+FFFD) or any other control but a line break.
#[track_caller]
fn assert_clean(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let bad: Vec<char> = text
            .chars()
            .filter(|c| FORBIDDEN.contains(c) || (c.is_control() && *c != '\n'))
            .collect();
        assert!(bad.is_empty(), "{what}: {stream} holds {bad:?}:\n{text}");
    }
}

#[test]
fn every_file_command_escapes_what_the_file_holds() {
    let dir = tempfile::tempdir().expect("temp");
    let file = fixture();
    let pdf = dir.path().join("hostile.pdf");
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("score", vec!["score", &file]),
        ("score --json", vec!["score", &file, "--json"]),
        ("exposure", vec!["exposure", &file]),
        ("exposure --json", vec!["exposure", &file, "--json"]),
        ("dependencies", vec!["dependencies", &file]),
        ("dependencies --json", vec!["dependencies", &file, "--json"]),
        ("report", vec!["report", &file, "-o", utf8(&pdf)]),
    ];
    for (what, args) in runs {
        let run = ironbridge(args).run();
        assert_clean(what, &run);
        run.expect_success();
    }
    let text = ironbridge(["score", &file]).run();
    assert!(
        text.stdout
            .contains("Title \\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e} end"),
        "the title is shown, escaped: {}",
        text.stdout
    );
    let text = ironbridge(["dependencies", &file]).run();
    assert!(text.stdout.contains("\\u{202e}"), "{}", text.stdout);
}

#[test]
fn every_store_command_escapes_what_the_database_holds() {
    let dir = tempfile::tempdir().expect("temp");
    // The database's own path is shown by `db init`.
    let db = dir.path().join("ib\u{1b}[2J\u{9b}\u{202e}.db");
    let file = fixture();
    let bundle = dir.path().join("out.ironbridge");
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("db init", vec!["db", "init"]),
        (
            "refused: a control character in who imports",
            vec!["import", &file, "--as", "Ann \u{1b}]0;x\u{7}"],
        ),
        (
            "refused: a bidirectional control in who imports",
            vec!["import", &file, "--as", "Ann \u{202e}Lee"],
        ),
        ("import", vec!["import", &file]),
        ("import again", vec!["import", &file]),
        ("list", vec!["list"]),
        ("list --json", vec!["list", "--json"]),
        ("show", vec!["show", ID]),
        ("show --json", vec!["show", ID, "--json"]),
        ("export", vec!["export", ID, "-o", utf8(&bundle)]),
        ("verify-log", vec!["verify-log", ID]),
    ];
    for (what, args) in runs {
        let run = on(&db, &args).run();
        assert_clean(what, &run);
        if what == "import again" {
            assert!(
                run.expect_failure().contains("exists already"),
                "{}",
                run.stderr
            );
        } else if what.starts_with("refused") {
            // Who imports is named in the log: control and bidirectional
            // characters are refused there, and the refusal is escaped.
            assert!(run.expect_failure().contains("holds a"), "{}", run.stderr);
        } else {
            run.expect_success();
        }
    }
    let show = on(&db, &["show", ID]).run();
    assert!(
        show.stdout
            .contains("organisation   Org \\u{1b}]0;pwned\\u{7}"),
        "{}",
        show.stdout
    );
    // JSON escapes keep the value: the title reads back exactly.
    let json = on(&db, &["show", ID, "--json"]).run().expect_json();
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture()).expect("the fixture"))
            .expect("the fixture is JSON");
    assert_eq!(json["title"], original["title"]);
    assert_eq!(
        json["organisation"]["name"],
        original["organisation"]["name"]
    );
    let name = |v: &serde_json::Value| v["registers"]["providers"][0]["name"].clone();
    assert_eq!(name(&json), name(&original));
    let list = on(&db, &["list", "--json"]).run().expect_json();
    assert_eq!(list[0]["title"], original["title"]);
}

#[test]
fn error_messages_escape_field_names_ids_and_paths() {
    let dir = tempfile::tempdir().expect("temp");
    let demo = std::fs::read_to_string(demo_file()).expect("the demo");
    let unknown = dir.path().join("unknown.json");
    std::fs::write(
        &unknown,
        demo.replacen(
            "\"title\":",
            "\"\\u001b]0;pwned\\u0007\\u001b[2J\\u009b\\u202e\": 1, \"title\":",
            1,
        ),
    )
    .expect("written");
    let bad_id = dir.path().join("bad-id.json");
    std::fs::write(
        &bad_id,
        demo.replace("demo-wrenmoor-2026", "x\\u001b[2J\\u009b\\u202e"),
    )
    .expect("written");
    let missing = dir.path().join("gone\u{1b}]0;pwned\u{7}.json");
    let db = dir.path().join("a.db");
    for file in [&unknown, &bad_id, &missing] {
        for args in [
            vec!["score", utf8(file)],
            vec!["exposure", utf8(file)],
            vec!["dependencies", utf8(file)],
        ] {
            let run = ironbridge(args).run();
            assert_clean(&format!("{}", file.display()), &run);
            run.expect_failure();
        }
        let run = on(&db, &["import", utf8(file)]).run();
        assert_clean("import", &run);
        run.expect_failure();
    }
    // An id typed on the command line is echoed escaped too.
    let run = on(&db, &["show", "x\u{1b}[2J"]).run();
    assert_clean("show with a hostile id", &run);
    run.expect_failure();
}

//! End-to-end tests of `ironbridge report` and `ironbridge demo --pdf`: the
//! binary writes a PDF that independent tools accept (qpdf --check, pdfinfo,
//! pdftotext, pdffonts), deterministically, atomically and privately; its
//! money-at-risk figures are those of `ironbridge exposure --json` (and,
//! for an assessment with saved assumptions, those of the app's exposure
//! screen and of the PDF the app exports); and a
//! corpus of hostile assessments renders with every word inside its page.
//! A missing tool fails the test when CI is set and is a skip otherwise.

mod support;

use std::path::{Path, PathBuf};

use ironbridge_core::assessment::{AnswerRecord, Assessment, Response};
use ironbridge_core::bank::AnswerKind;
use ironbridge_core::embedded::{BANK2_FILES, DEMO_ASSESSMENT};
use ironbridge_core::{Bank, Level, scoring};
use ironbridge_tests::pdf_tools;
use support::{ironbridge, utf8};

/// The variable that dates the document.
const DATE_VAR: &str = "SOURCE_DATE_EPOCH";

/// 2025-11-24 16:00:00 UTC.
const EPOCH: &str = "1764000000";

/// qpdf finds no damage, pdfinfo opens the file (two pages or more), pdffonts
/// shows every font embedded and subset, and every word pdftotext finds lies
/// inside its page. Returns the text (whitespace collapsed), if pdftotext is there.
fn check_pdf(pdf: &Path) -> Option<String> {
    pdf_tools::qpdf_is_clean(pdf);
    if let Some(pages) = pdf_tools::page_count(pdf) {
        assert!(pages >= 2, "{pages} page(s)");
    }
    if let Some(fonts) = pdf_tools::fonts_embedded_and_subset(pdf) {
        assert!(fonts > 0, "no font listed");
    }
    pdf_tools::words_inside_pages(pdf, 100);
    pdf_tools::text(pdf, false).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn demo() -> Assessment {
    Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads")
}

/// Writes an assessment and renders its report; returns the PDF's path.
fn render(dir: &Path, name: &str, assessment: &Assessment, bank: Option<&Path>) -> PathBuf {
    let input = dir.join(format!("{name}.json"));
    std::fs::write(&input, assessment.to_json()).expect("writes the assessment");
    let output = dir.join(format!("{name}.pdf"));
    let mut args = vec!["report", utf8(&input), "-o", utf8(&output)];
    if let Some(bank) = bank {
        args.extend(["--bank", utf8(bank)]);
    }
    let out = ironbridge(args).env(DATE_VAR, EPOCH).run();
    assert!(out.status.success(), "{name}: {}", out.stderr);
    output
}

#[test]
fn demo_pdf_passes_every_tool_and_shows_the_facts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("demo.pdf");
    ironbridge(["demo", "--pdf", utf8(&pdf)])
        .env(DATE_VAR, EPOCH)
        .run()
        .expect_success();
    let Some(text) = check_pdf(&pdf) else {
        return;
    };
    let bank = Bank::shipped().expect("the shipped bank");
    let assessment = demo();
    let card = scoring::score_assessment(&bank, &assessment);
    let index = format!("{:.0} / 100", card.index.expect("the demo scores"));
    let mut expected = vec![
        assessment.organisation.name.clone(),
        index,
        "Confidential — prepared for Wrenmoor Precision Components Ltd".to_owned(),
        "24 November 2025".to_owned(),
        "Money at risk".to_owned(),
        "Dependencies and single points of failure".to_owned(),
    ];
    expected.extend(bank.domains.iter().map(|d| d.name.clone()));
    // The text of a note, as the consultant typed it.
    let note = assessment
        .answers
        .iter()
        .find(|a| !a.note.is_empty())
        .map(|a| {
            a.note
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .expect("the demo has notes");
    expected.push(note);
    for phrase in expected {
        assert!(text.contains(&phrase), "missing {phrase:?}");
    }
    if let Some(info) = pdf_tools::tool("pdfinfo", &[utf8(&pdf)]) {
        assert!(info.contains("Nov 24 16:00:00 2025"), "{info}");
        assert!(info.contains("Wrenmoor"), "{info}");
    }
}

#[test]
fn the_pdf_is_private_and_replaced_atomically() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, b"old").expect("writes");
    ironbridge(["demo", "--pdf", utf8(&pdf)])
        .env(DATE_VAR, EPOCH)
        .run()
        .expect_success();
    let bytes = std::fs::read(&pdf).expect("reads");
    assert!(bytes.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "report.pdf")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn source_date_epoch_makes_the_output_reproducible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let render = |name: &str, epoch: &str| {
        let pdf = dir.path().join(name);
        ironbridge(["demo", "--pdf", utf8(&pdf)])
            .env(DATE_VAR, epoch)
            .run()
            .expect_success();
        std::fs::read(pdf).expect("reads")
    };
    let first = render("one.pdf", EPOCH);
    let second = render("two.pdf", EPOCH);
    assert!(first == second, "same input and date, different bytes");
    let later = render("three.pdf", "1767225600");
    assert!(first != later, "the date is part of the document");
}

#[test]
fn omit_leaves_the_sections_named_out_and_refuses_an_unknown_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = support::demo_file();
    let full = dir.path().join("full.pdf");
    let short = dir.path().join("short.pdf");
    ironbridge(["report", &demo, "-o", utf8(&full)])
        .env(DATE_VAR, EPOCH)
        .run()
        .expect_success();
    ironbridge([
        "report",
        &demo,
        "-o",
        utf8(&short),
        "--omit",
        "money,answers",
    ])
    .env(DATE_VAR, EPOCH)
    .run()
    .expect_success();
    if let (Some(full), Some(short)) = (
        pdf_tools::tool("pdftotext", &[utf8(&full), "-"]),
        pdf_tools::tool("pdftotext", &[utf8(&short), "-"]),
    ) {
        for heading in ["Money at risk", "Appendix A"] {
            assert!(
                full.contains(heading),
                "{heading} missing from the full report"
            );
            assert!(
                !short.contains(heading),
                "{heading} still in the short report"
            );
        }
        assert!(short.contains("Board summary") && short.contains("Sign-off"));
    }
    let bad = dir.path().join("bad.pdf");
    let refused = ironbridge(["report", &demo, "-o", utf8(&bad), "--omit", "money,summary"]).run();
    let err = refused.expect_failure();
    assert!(err.contains("\"summary\""), "{err}");
    assert!(
        err.contains("money, dependencies, findings, roadmap"),
        "{err}"
    );
    assert!(!bad.exists(), "nothing written on a refused option");
}

#[test]
fn a_bad_source_date_epoch_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("x.pdf");
    let out = ironbridge(["demo", "--pdf", utf8(&pdf)])
        .env(DATE_VAR, "yesterday")
        .run();
    let err = out.expect_failure();
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
    assert!(!pdf.exists());
}

#[test]
fn a_brand_file_sets_the_consultant_logo_and_colour() {
    let dir = tempfile::tempdir().expect("temp dir");
    let logo = ironbridge_report::encode_png(&ironbridge_report::RasterImage {
        width: 60,
        height: 20,
        rgba: [26u8, 94, 58, 255].repeat(60 * 20),
    })
    .expect("encodes");
    std::fs::write(dir.path().join("logo.png"), logo).expect("writes");
    let brand = dir.path().join("brand.toml");
    std::fs::write(
        &brand,
        "consultant = \"Harrowgate Risk Partners\"\nlogo = \"logo.png\"\naccent = \"#1a5e3a\"\n",
    )
    .expect("writes");
    let pdf = dir.path().join("branded.pdf");
    let input = dir.path().join("demo.json");
    std::fs::write(&input, DEMO_ASSESSMENT).expect("writes");
    ironbridge([
        "report",
        utf8(&input),
        "-o",
        utf8(&pdf),
        "--brand",
        utf8(&brand),
    ])
    .env(DATE_VAR, EPOCH)
    .run()
    .expect_success();
    check_pdf(&pdf);
    if let Some(images) = pdf_tools::tool("pdfimages", &["-list", utf8(&pdf)]) {
        assert!(images.lines().count() > 2, "the logo is drawn: {images}");
    }
}

#[test]
fn a_bad_brand_file_names_the_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("x.pdf");
    for (text, field) in [
        ("accent = \"blue\"", "accent"),
        ("consultant = 3", "consultant"),
        ("colour = \"#000000\"", "colour"),
        ("logo = \"missing.png\"", "logo"),
    ] {
        let brand = dir.path().join("brand.toml");
        std::fs::write(&brand, text).expect("writes");
        let out = ironbridge(["demo", "--pdf", utf8(&pdf), "--brand", utf8(&brand)])
            .env(DATE_VAR, EPOCH)
            .run();
        assert!(!out.status.success(), "{text}");
        let message = &out.stderr;
        assert!(message.contains(&format!("`{field}`")), "{text}: {message}");
        assert!(!pdf.exists(), "no PDF after an error");
    }
}

// The robustness corpus: each renders, passes the tools, and keeps every
// word inside its page.

fn note_on(assessment: &mut Assessment, question: &str, note: &str) {
    let record = assessment
        .answers
        .iter_mut()
        .find(|a| a.question.as_str() == question)
        .expect("the demo answers the question");
    record.note = note.to_owned();
    record.follow_up = true;
}

#[test]
fn corpus_long_note_long_word_scripts_and_emoji() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut assessment = demo();
    let long_note: String = "Backups reviewed on site with the provider. "
        .repeat(230)
        .chars()
        .take(10_000)
        .collect();
    note_on(&mut assessment, "REC-02", &long_note);
    note_on(&mut assessment, "GOV-01", &"x".repeat(3_000));
    note_on(
        &mut assessment,
        "GOV-02",
        "שלום עולם: הגיבוי נבדק. مرحبا بالعالم، النسخ الاحتياطي تم فحصه.",
    );
    note_on(
        &mut assessment,
        "GOV-03",
        "Plant 🏭 down 🔥🦀 for 5 weeks 👍🏽 ✅",
    );
    note_on(
        &mut assessment,
        "GOV-04",
        "Ze\u{301}\u{302}\u{303}ro de\u{323}\u{308}fe\u{301}nce Z\u{336}a\u{338}l\u{335}g\u{334}o",
    );
    assessment.assessor.name = "דנה כהן".to_owned();
    let pdf = render(dir.path(), "corpus", &assessment, None);
    if let Some(text) = check_pdf(&pdf) {
        assert!(
            text.contains("שלום") || text.contains("םולש"),
            "Hebrew is there"
        );
        assert!(text.contains("Backups reviewed on site"), "the long note");
        for emoji in ["🏭", "🔥", "✅"] {
            assert!(text.contains(emoji), "{emoji} extracts as itself");
        }
        assert!(!text.contains('\u{FFFD}'), "no character is lost");
    }
}

/// The worst case a client's data can make at once
/// (`tests/fixtures/worst-case/make.py`): a 500-character mixed-script name,
/// every note at 5,000 characters, long mixed-script system names, in review.
#[test]
fn worst_case_fixture_is_marked_on_every_page_and_loses_no_character() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/worst-case/worst-case.json");
    let assessment =
        Assessment::from_json(&std::fs::read_to_string(&fixture).expect("the fixture reads"))
            .expect("the fixture parses");
    let pdf = render(dir.path(), "worst-case", &assessment, None);
    let Some(pages) = pdf_tools::page_count(&pdf) else {
        return;
    };
    // 107 notes of 5,000 characters are about 535,000 characters of text.
    assert!((100..=260).contains(&pages), "{pages} pages");
    let Some(text) = pdf_tools::text(&pdf, false) else {
        return;
    };
    let per_page: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(per_page.len(), pages);
    for (i, page) in per_page.iter().enumerate() {
        assert!(page.contains("IN REVIEW"), "page {} is not marked", i + 1);
    }
    for word in ["深圳精工", "東京工場", "한국지사", "🏭", "生産管理システム"]
    {
        assert!(text.contains(word), "{word} is lost");
    }
    assert!(!text.contains('\u{FFFD}'), "a character is lost");
}

#[test]
fn corpus_empty_assessment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut assessment = demo();
    assessment.answers.clear();
    let pdf = render(dir.path(), "empty", &assessment, None);
    if let Some(text) = check_pdf(&pdf) {
        assert!(
            text.contains("Not answered"),
            "the appendix lists every question"
        );
    }
}

#[test]
fn corpus_domain_all_not_applicable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bank = Bank::shipped().expect("the shipped bank");
    let mut assessment = demo();
    assessment
        .answers
        .retain(|a| a.question.domain_code() != "OT");
    let domain = bank.domain("OT").expect("an OT domain");
    for question in &domain.questions {
        assessment.answers.push(AnswerRecord {
            question: question.id.clone(),
            response: Some(Response::NotApplicable(
                "No production equipment at any site.".to_owned(),
            )),
            note: String::new(),
            follow_up: false,
        });
    }
    let pdf = render(dir.path(), "not-applicable", &assessment, None);
    if let Some(text) = check_pdf(&pdf) {
        assert!(text.contains("No production equipment at any site."));
    }
}

#[test]
fn corpus_two_hundred_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bank_dir = dir.path().join("bank");
    std::fs::create_dir_all(&bank_dir).expect("creates");
    for (name, text) in BANK2_FILES {
        let file = Path::new(name).file_name().expect("a file name");
        std::fs::write(bank_dir.join(file), copy_questions(text)).expect("writes");
    }
    let loaded = ironbridge_core::bank::load(
        &BANK2_FILES
            .iter()
            .map(|(name, text)| (name.to_string(), copy_questions(text)))
            .collect::<Vec<_>>()
            .iter()
            .map(|(name, text)| ironbridge_core::bank::Source { name, text })
            .collect::<Vec<_>>(),
        ironbridge_core::frameworks::Catalogue::shipped(),
    )
    .expect("the copied bank is valid");
    let mut assessment = demo();
    assessment.answers = loaded
        .questions()
        .map(|q| AnswerRecord {
            question: q.id.clone(),
            response: match &q.kind {
                AnswerKind::Maturity { .. } => Some(Response::Level(
                    Level::new(u8::try_from(q.id.as_str().len() % 5).unwrap_or(0))
                        .unwrap_or(Level::MIN),
                )),
                _ => Some(Response::Unknown),
            },
            note: format!(
                "Note on {}: evidence seen, owner named, review booked.",
                q.id
            ),
            follow_up: q.id.as_str().ends_with('3'),
        })
        .collect();
    assert!(
        assessment.answers.len() >= 200,
        "{}",
        assessment.answers.len()
    );
    let last = loaded
        .questions()
        .filter(|q| q.id.as_str().ends_with('7'))
        .last()
        .map(|q| format!("Note on {}:", q.id))
        .expect("a copied question");
    let pdf = render(dir.path(), "notes", &assessment, Some(&bank_dir));
    if let Some(text) = check_pdf(&pdf) {
        assert!(text.contains(&last), "the last copied note, {last:?}");
        let n_notes = text.matches("Note on ").count();
        assert!(n_notes >= 200, "{n_notes} notes in the PDF");
    }
}

/// The bank file with every question that records no fact copied twice
/// under new ids (`GOV-01` → `GOV-41`, `GOV-71`).
fn copy_questions(text: &str) -> String {
    const MARK: &str = "[[domains.questions]]";
    let Some(first) = text.find(MARK) else {
        return text.to_owned();
    };
    let end = text.find("[[domains.caps]]").unwrap_or(text.len());
    let mut copies = String::new();
    for block in text[first..end]
        .split(MARK)
        .filter(|b| !b.trim().is_empty())
    {
        if block.contains("\nfact =") {
            continue;
        }
        let Some(start) = block.find("id = \"") else {
            continue;
        };
        let id: String = block[start + 6..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let Some((code, number)) = id.split_once('-') else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        for offset in [40, 70] {
            copies.push_str(MARK);
            copies.push_str(&block.replacen(&id, &format!("{code}-{:02}", number + offset), 1));
        }
    }
    format!("{}{}{}", &text[..end], copies, &text[end..])
}

/// The PDF's "Money at risk" section shows exactly the figures of
/// `ironbridge exposure FILE --json` for the same file: every scenario row
/// (gross, insured, uninsured, days of cash) and the simulated percentiles,
/// formatted as the template formats money (`£1,234,567`).
#[test]
fn the_pdf_shows_the_figures_of_exposure_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("demo.json");
    std::fs::write(&input, DEMO_ASSESSMENT).expect("writes");
    let exposure = ironbridge(["exposure", utf8(&input), "--json"])
        .run()
        .expect_json();
    let pdf = dir.path().join("demo.pdf");
    ironbridge(["report", utf8(&input), "-o", utf8(&pdf)])
        .env(DATE_VAR, EPOCH)
        .run()
        .expect_success();
    assert_pdf_shows(&pdf, &exposure);
}

/// For an assessment with saved assumptions, the three outputs agree: the
/// figures the app's exposure screen gets (`Service::exposure`, which the
/// `get_exposure` command converts field by field), `ironbridge exposure
/// --json` on the assessment as stored, and the PDF, exported from the
/// store as the app does and written by `ironbridge report`; and they are
/// not the figures of the defaults. Flags given to the command line go over
/// what is saved.
#[test]
fn saved_assumptions_give_the_same_figures_on_the_screen_in_json_and_in_the_pdf() {
    use ironbridge_core::assessment::SavedAssumptions;
    use ironbridge_service::Service;

    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("ironbridge.db").display());
    let key = dir.path().join("audit.key");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let saved = SavedAssumptions::from_overrides([
        ("fixed_cost_share".to_owned(), 0.35),
        ("investigation_days".to_owned(), 5.0),
        ("custom_days".to_owned(), 21.0),
        ("seed".to_owned(), 7.0),
    ]);
    let exported = dir.path().join("exported.pdf");
    let (screen, stored) = runtime.block_on(async {
        let opened = ironbridge_service::open_store(None, Some(&url), Some(&key))
            .await
            .expect("the store opens");
        let service = Service::shipped(opened.store).expect("the shipped bank");
        let demo = service.create_demo().await.expect("the demo");
        service
            .save_assumptions(&demo.id, saved.clone())
            .await
            .expect("saved");
        let view = service.exposure(&demo.id).await.expect("the exposure");
        let screen = serde_json::to_value(view.exposure.as_ref().expect("figures")).expect("json");
        let date = chrono::DateTime::from_timestamp(1_764_000_000, 0).expect("a date");
        service
            .export_pdf(&demo.id, Default::default(), date, &exported)
            .await
            .expect("the PDF");
        let stored = service.open(&demo.id, None).await.expect("opens");
        service.close().await.expect("closes");
        (screen, stored)
    });
    assert_eq!(stored.exposure_assumptions, saved);
    let input = dir.path().join("stored.json");
    std::fs::write(&input, stored.to_json()).expect("writes");
    let json = ironbridge(["exposure", utf8(&input), "--json"])
        .run()
        .expect_json();
    assert_eq!(screen, json, "the screen's figures are exposure --json's");
    assert_eq!(json["simulation"]["seed"], 7);
    let custom = |e: &serde_json::Value| e["scenarios"][3].clone();
    assert_eq!(custom(&json)["days"], 21.0);
    let defaults = ironbridge(["exposure", &support::demo_file(), "--json"])
        .run()
        .expect_json();
    assert_ne!(custom(&defaults)["gross_loss"], custom(&json)["gross_loss"]);
    assert_ne!(json["scenarios"][1], defaults["scenarios"][1], "1 week");

    assert_pdf_shows(&exported, &json);
    let written = dir.path().join("written.pdf");
    ironbridge(["report", utf8(&input), "-o", utf8(&written)])
        .env(DATE_VAR, EPOCH)
        .run()
        .expect_success();
    assert_pdf_shows(&written, &json);

    // Flags go over what is saved, in both commands.
    let flags = ["--seed", "8", "--days", "10"];
    let json8 = ironbridge(["exposure", utf8(&input), "--json"])
        .args(flags)
        .run()
        .expect_json();
    assert_eq!(json8["simulation"]["seed"], 8);
    assert_eq!(custom(&json8)["days"], 10.0);
    assert_eq!(
        json8["scenarios"][1], json["scenarios"][1],
        "the saved shares stay"
    );
    let flagged = dir.path().join("flagged.pdf");
    ironbridge(["report", utf8(&input), "-o", utf8(&flagged)])
        .args(flags)
        .env(DATE_VAR, EPOCH)
        .run()
        .expect_success();
    assert_pdf_shows(&flagged, &json8);
}

/// The PDF's "Money at risk" section shows exactly the figures of an
/// `ironbridge exposure --json` output: every scenario row (gross, insured,
/// uninsured, days of cash) and the simulated percentiles, formatted as the
/// template formats money (`£1,234,567`), and the seed.
fn assert_pdf_shows(pdf: &Path, exposure: &serde_json::Value) {
    let Some(text) = pdf_tools::text(pdf, true) else {
        return;
    };
    let section = money_at_risk_section(&text);

    let currency = exposure["currency"].as_str().expect("a currency");
    // In full (`£1,234,567`) or short (`£1.2m`), as the template writes it.
    let money = |value: &serde_json::Value| {
        let amount = value.as_f64().expect("an amount");
        vec![
            ironbridge_core::narrative::format_money(amount, currency),
            ironbridge_core::exposure::money_short(amount, currency),
        ]
    };
    let mut rows: Vec<&serde_json::Value> = exposure["scenarios"]
        .as_array()
        .expect("scenarios")
        .iter()
        .collect();
    rows.extend(
        exposure["provider_outages"]
            .as_array()
            .expect("provider outages")
            .iter()
            .map(|outage| &outage["row"]),
    );
    assert!(rows.len() >= 4, "1 day, 1 week, 5 weeks, time to restore");
    for row in rows {
        let label = row["label"].as_str().expect("a label");
        let figures = [
            money(&row["gross_loss"]),
            money(&row["insured_recovery"]),
            money(&row["uninsured_loss"]),
            vec![format!(
                "{:.0}",
                row["uninsured_days_of_cash"].as_f64().expect("days")
            )],
        ];
        assert_row(section, label, &figures);
    }
    let simulation = &exposure["simulation"];
    for (label, key) in [
        ("Gross loss", "gross"),
        ("Insured recovery", "insured"),
        ("Uninsured loss", "uninsured"),
    ] {
        let p = &simulation[key];
        let figures = [
            money(&p["p50"]),
            money(&p["p90"]),
            money(&p["p99"]),
            money(&p["mean"]),
        ];
        assert_row(section, label, &figures);
    }
    let draws = simulation["draws"].as_u64().expect("draws");
    assert!(draws > 0);
    let seed = &simulation["seed"];
    let named = [format!("(seed {seed})"), format!("from seed {seed};")];
    assert!(
        named.iter().any(|n| text.contains(n)),
        "the seed of the simulation, {seed}, is named"
    );
}

/// The text of the numbered "Money at risk" section, up to the next section.
fn money_at_risk_section(text: &str) -> &str {
    let is_heading = |line: &str, title: &str| {
        let line = line.trim();
        line.ends_with(title)
            && line[..line.len() - title.len()]
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit())
            && line.len() > title.len()
    };
    let mut offset = 0;
    let (mut start, mut end) = (None, None);
    for line in text.split_inclusive('\n') {
        if start.is_none() && is_heading(line, "Money at risk") {
            start = Some(offset);
        } else if start.is_some() && is_heading(line, "Dependencies and single points of failure") {
            end = Some(offset);
            break;
        }
        offset += line.len();
    }
    let start = start.expect("a numbered \"Money at risk\" section");
    &text[start..end.expect("the dependencies section follows")]
}

/// One line of the section starts with the row's label (or the first words
/// of it, when the label wraps in its cell) and then shows exactly these
/// figures (each in one of its forms), in this order, and nothing else.
fn assert_row(section: &str, label: &str, figures: &[Vec<String>]) {
    let found = section.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(n_label) = words.len().checked_sub(figures.len()) else {
            return false;
        };
        let (head, tail) = words.split_at(n_label);
        let label_words: Vec<&str> = label.split_whitespace().collect();
        !head.is_empty()
            && label_words.starts_with(head)
            && tail
                .iter()
                .zip(figures)
                .all(|(shown, forms)| forms.iter().any(|want| shown == want))
    });
    assert!(found, "no row {label:?} with {figures:?} in:\n{section}");
}

//! Tests of the app's operations on a real SQLite store in a temporary folder.

use super::test_support::{app, block};
use super::*;
use crate::dto::{ModeDto, OrganisationDto, PersonDto, ResponseDto};
use ironbridge_core::assessment::Assessment;
use ironbridge_core::bank::DomainRole;
use ironbridge_core::embedded::{DEMO_ASSESSMENT, DEMO_ASSESSMENT_V1};
use ironbridge_core::{Bank, narrative, scoring};
use ironbridge_store::Store;

fn details() -> AssessmentDetails {
    AssessmentDetails {
        title: "Cyber resilience assessment 2026".into(),
        organisation: OrganisationDto {
            name: "Acme Pressings".into(),
            sector: "Automotive components".into(),
            employees: 420,
            annual_revenue: 85_000_000.0,
            currency: "gbp".into(),
            operating_days_per_year: 250,
            annual_operating_profit: None,
            cash_available: None,
            sites: Vec::new(),
        },
        assessor: PersonDto {
            name: "Sam Patel".into(),
            role: "Consultant".into(),
            organisation: None,
        },
        participants: Vec::new(),
        mode: ModeDto::Workshop,
        target_profile: "standard".into(),
    }
}

fn answer(question: &str, response: Option<ResponseDto>, note: &str) -> AnswerDto {
    AnswerDto {
        question: question.into(),
        response,
        note: note.into(),
        follow_up: false,
    }
}

#[test]
fn created_assessment_opens_with_normalised_currency() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let created = block(app.create(details())).unwrap();
    let opened = block(app.open_assessment(&created.id)).unwrap();
    assert_eq!(opened.details.organisation.currency, "GBP");
    let list = block(app.list()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].organisation, "Acme Pressings");
}

#[test]
fn answers_and_notes_survive_a_restart_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let note = r#"<img src=x onerror="window.__pwned=1"> and <script>alert(1)</script>"#;
    let (id, question) = {
        let app = app(&dir);
        let id = block(app.create(details())).unwrap().id;
        let question = app.bank().domains[0].questions[0].id.clone();
        let saved =
            block(app.save_answer(&id, answer(&question, Some(ResponseDto::Level(3)), note)))
                .unwrap();
        assert_eq!(saved.assessment_id, id);
        (id, question)
    };
    let again = app(&dir);
    let opened = block(again.open_assessment(&id)).unwrap();
    let record = opened
        .answers
        .iter()
        .find(|a| a.question == question)
        .unwrap();
    assert_eq!(record.response, Some(ResponseDto::Level(3)));
    assert_eq!(record.note, note);
    assert!(block(again.score(&id)).unwrap().index.is_some());
}

#[test]
fn not_applicable_without_justification_is_refused_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let id = block(app.create(details())).unwrap().id;
    let question = app.bank().domains[0].questions[0].id.clone();
    let err = block(app.save_answer(
        &id,
        answer(&question, Some(ResponseDto::NotApplicable("  ".into())), ""),
    ))
    .unwrap_err();
    assert_eq!(err.code(), "answer.invalid");
    assert!(err.to_string().contains("justification"), "{err}");
    assert!(block(app.open_assessment(&id)).unwrap().answers.is_empty());
}

#[test]
fn unknown_profile_and_missing_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let mut d = details();
    d.target_profile = "platinum".into();
    let err = block(app.create(d)).unwrap_err();
    assert_eq!(err.code(), "answer.invalid");
    assert!(err.to_string().contains("platinum"), "{err}");
    let mut d = details();
    d.organisation.name = " ".into();
    let err = block(app.create(d)).unwrap_err();
    assert_eq!(err.code(), "assessment.invalid_detail");
    assert!(err.to_string().starts_with("organisation.name"), "{err}");
    assert!(block(app.list()).unwrap().is_empty());
}

#[test]
fn demo_copy_scores_like_the_cli_demo() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    // New assessments and the demo are on bank 2, the bank `get_bank` returns.
    assert_eq!(demo.bank_version, app.bank().version);
    let card = block(app.score(&demo.id)).unwrap();
    let bank = Bank::shipped_v2().unwrap();
    let expected =
        scoring::score_assessment(&bank, &Assessment::from_json(DEMO_ASSESSMENT).unwrap());
    assert_eq!(card.index, expected.index);
    assert_eq!(card.gaps.len(), expected.gaps.len());
    // The radar is the report's own chart code, drawn as SVG.
    let report_radar = ironbridge_report::templates::domain_radar(&expected)
        .to_svg(
            &ironbridge_report::Theme::default(),
            RADAR_WIDTH,
            RADAR_HEIGHT,
        )
        .unwrap();
    assert_eq!(card.radar_svg, report_radar);
    assert!(card.radar_svg.starts_with("<svg"));
    // Each axis carries its resilience domain's name, wrapped over lines; the
    // risk-transfer domain (insurance, bank 2) is scored apart, not drawn.
    let (resilience, risk_transfer): (Vec<_>, Vec<_>) = expected
        .domains
        .iter()
        .partition(|d| d.role == DomainRole::Resilience);
    assert!(!risk_transfer.is_empty(), "bank 2 scores insurance apart");
    for domain in resilience {
        for word in domain.name.split_whitespace() {
            assert!(
                card.radar_svg.contains(word),
                "{} is not on the radar",
                domain.name
            );
        }
    }
    for domain in risk_transfer {
        let first = domain.name.split_whitespace().next().unwrap();
        assert!(
            !card.radar_svg.contains(first),
            "{} is on the radar",
            domain.name
        );
    }
}

#[test]
fn unknown_id_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let err = block(app.open_assessment("nothing")).unwrap_err();
    assert_eq!(err.code(), "store.not_found");
}

#[test]
fn registers_round_trip_through_the_dto_and_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let expected = Assessment::from_json(DEMO_ASSESSMENT).unwrap().registers;
    assert!(!expected.systems.is_empty());
    assert_eq!(
        Registers::try_from(demo.registers.clone()).unwrap(),
        expected
    );
    let mut edited = demo.registers.clone();
    edited.systems[0].rto_hours = Some(12.0);
    edited.systems[0].name = "  ERP (edited)  ".into();
    block(app.save_registers(&demo.id, edited)).unwrap();
    let again = block(app.open_assessment(&demo.id)).unwrap();
    assert_eq!(again.registers.systems[0].rto_hours, Some(12.0));
    assert_eq!(again.registers.systems[0].name, "ERP (edited)");
}

#[test]
fn registers_with_a_dangling_provider_are_refused_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let mut edited = demo.registers.clone();
    edited.systems[0].provider = Some("nobody-ltd".into());
    let err = block(app.save_registers(&demo.id, edited)).unwrap_err();
    assert_eq!(err.code(), "registers.invalid");
    assert!(err.to_string().contains("nobody-ltd"), "{err}");
    let again = block(app.open_assessment(&demo.id)).unwrap();
    assert_eq!(again.registers, demo.registers);
}

#[test]
fn narrative_edits_are_saved_durably_and_blank_edits_fall_back() {
    let dir = tempfile::tempdir().unwrap();
    let demo_id = {
        let app = app(&dir);
        let demo = block(app.create_demo()).unwrap();
        let mut narrative = block(app.narrative(&demo.id)).unwrap();
        assert!(!narrative.executive_summary.draft.is_empty());
        assert!(!narrative.domains.is_empty());
        narrative.executive_summary.edited = Some("Edited summary for the board.".into());
        narrative.domains[0].edited = Some("   ".into());
        block(app.save_narrative(&demo.id, narrative)).unwrap();
        demo.id
    };
    // A new run of the app over the same database finds the edits.
    let app = app(&dir);
    let again = block(app.narrative(&demo_id)).unwrap();
    assert_eq!(
        again.executive_summary.edited.as_deref(),
        Some("Edited summary for the board.")
    );
    assert_eq!(again.domains[0].edited, None);
    let assessment = block(
        app.service
            .open(&AssessmentId::parse(&demo_id).unwrap(), None),
    )
    .unwrap();
    let bank = app.service.bank();
    let card = scoring::score_assessment(bank, &assessment);
    let text = narrative::narrative(bank, &assessment, &card).executive_summary;
    assert_eq!(text, "Edited summary for the board.");
    let log = block(app.service.store().audit_log(&demo_id)).unwrap();
    assert_eq!(log.last().map(|e| e.entity.as_str()), Some("narrative"));
}

fn branding() -> BrandingDto {
    BrandingDto {
        consultant: "Larchgate Advisory".into(),
        accent: "#0b4f8a".into(),
        use_logo: false,
        omit: Vec::new(),
    }
}

#[test]
fn pdf_export_writes_a_private_pdf_with_pages() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let path = dir.path().join("report.pdf");
    let branding = branding();
    let exported = block(app.export_pdf(&demo.id, &path, branding, None)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(exported.bytes, bytes.len() as f64);
    assert!(exported.pages.is_some_and(|p| p > 3), "{exported:?}");
    let bad = BrandingDto {
        accent: "blue".into(),
        ..BrandingDto::default()
    };
    let err = block(app.export_pdf(&demo.id, &path, bad, None)).unwrap_err();
    assert_eq!(err.code(), "report.invalid_colour");
}

#[test]
fn only_the_pdf_exported_last_can_be_opened_and_a_missing_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let err = app.open_last_pdf().unwrap_err();
    assert_eq!(err.code(), "file.open");
    assert!(
        err.to_string().contains("no report has been exported"),
        "{err}"
    );
    let demo = block(app.create_demo()).unwrap();
    let path = dir.path().join("board report.pdf");
    let branding = branding();
    block(app.export_pdf(&demo.id, &path, branding, None)).unwrap();
    // Opening it would start a viewer; a file removed since is refused first.
    std::fs::remove_file(&path).unwrap();
    let err = app.open_last_pdf().unwrap_err();
    assert_eq!(err.code(), "file.open");
    assert!(
        err.to_string()
            .contains("board report.pdf is no longer there"),
        "{err}"
    );
}

#[test]
fn bundle_exported_here_imports_into_another_database_with_every_answer() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let path = first.path().join("acme.ironbridge");
    let (id, answers) = {
        let app = app(&first);
        let demo = block(app.create_demo()).unwrap();
        block(app.export_bundle(&demo.id, &path, Some("correct horse"))).unwrap();
        (demo.id, demo.answers)
    };
    let other = app(&second);
    let err = block(other.import_bundle(&path, None)).unwrap_err();
    assert_eq!(err.code(), "import.passphrase_required");
    let err = block(other.import_bundle(&path, Some("wrong"))).unwrap_err();
    assert_eq!(err.code(), "import.passphrase_wrong");
    assert!(block(other.list()).unwrap().is_empty());
    let imported = block(other.import_bundle(&path, Some("correct horse"))).unwrap();
    assert_eq!(imported.id, id);
    // The store keeps answers by question id; the order is not part of the contract.
    let sorted = |mut a: Vec<AnswerDto>| {
        a.sort_by(|x, y| x.question.cmp(&y.question));
        a
    };
    assert_eq!(sorted(imported.answers), sorted(answers));
}

#[test]
fn team_database_url_that_is_not_postgres_is_refused_and_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let settings = SettingsDto {
        team_database_url: "mysql://u:secret@h/db".into(),
        ..SettingsDto::default()
    };
    let err = block(app.save_settings(settings)).unwrap_err();
    assert_eq!(err.code(), "store.url_invalid");
    assert!(!err.to_string().contains("secret"), "{err}");
    assert_eq!(app.settings().unwrap(), SettingsDto::default());
}

#[test]
fn exposure_figures_equal_the_cli_json_for_the_same_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let shown = block(app.exposure(&demo.id)).unwrap();
    // What `ironbridge exposure assets/demo/assessment.json --json` prints,
    // committed (crates/cli/tests/exposure.rs checks it against the binary).
    let cli: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/exposure/demo.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(shown.unavailable, None);
    assert_eq!(shown.headline, cli["headline"]);
    let rows = cli["scenarios"].as_array().unwrap();
    assert_eq!(shown.scenarios.len(), rows.len());
    for (row, json) in shown.scenarios.iter().zip(rows) {
        assert_eq!(row.key, json["key"]);
        for (value, field) in [
            (row.gross_loss, "gross_loss"),
            (row.insured_recovery, "insured_recovery"),
            (row.uninsured_loss, "uninsured_loss"),
            (row.uninsured_days_of_cash, "uninsured_days_of_cash"),
        ] {
            assert_eq!(Some(value), json[field].as_f64(), "{} {field}", row.key);
        }
    }
    let broker = cli["broker_scenarios"].as_array().unwrap();
    assert_eq!(shown.broker_scenarios.len(), broker.len());
    assert!(
        !broker.is_empty(),
        "the demo has a policy: the broker's scenarios apply"
    );
    for (b, json) in shown.broker_scenarios.iter().zip(broker) {
        assert_eq!(b.row.key, json["row"]["key"]);
        assert_eq!(b.row.uninsured_loss, json["row"]["uninsured_loss"]);
        assert_eq!(
            b.uninsured_if_cover_responds,
            json["uninsured_if_cover_responds"].as_f64()
        );
    }
    let p = &cli["simulation"]["uninsured"];
    assert_eq!(
        shown.uninsured_percentiles,
        [
            p["p50"].as_f64().unwrap(),
            p["p90"].as_f64().unwrap(),
            p["p99"].as_f64().unwrap()
        ]
    );
    assert!(!shown.dependencies.nodes.is_empty());
}

#[test]
fn a_saved_assumption_changes_the_figures_stays_saved_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let base = block(app.exposure(&demo.id)).unwrap();
    let custom = |e: &ExposureDto| {
        e.scenarios
            .iter()
            .find(|s| s.key == "1_week")
            .unwrap()
            .gross_loss
    };
    let more = vec![AssumptionOverrideDto {
        key: "revenue_share_stopping".into(),
        value: 1.0,
    }];
    let saved = block(app.save_assumptions(&demo.id, more)).unwrap();
    assert_eq!(saved.revision, 1);
    let changed = block(app.exposure(&demo.id)).unwrap();
    assert!(
        changed
            .assumptions
            .iter()
            .any(|a| a.key == "revenue_share_stopping" && a.overridden)
    );
    assert!(custom(&changed) >= custom(&base));
    let bad = vec![AssumptionOverrideDto {
        key: "no_such_thing".into(),
        value: 1.0,
    }];
    let err = block(app.save_assumptions(&demo.id, bad)).unwrap_err();
    assert_eq!(err.code(), "exposure.invalid_assumption");
    let out_of_bounds = vec![AssumptionOverrideDto {
        key: "revenue_share_stopping".into(),
        value: 7.0,
    }];
    let err = block(app.save_assumptions(&demo.id, out_of_bounds)).unwrap_err();
    assert_eq!(err.code(), "exposure.invalid_assumption");
    // Refused values changed nothing; the saved one is there after a restart.
    block(app.close()).unwrap();
    let again = self::app(&dir);
    let reopened = block(again.exposure(&demo.id)).unwrap();
    assert_eq!(custom(&reopened), custom(&changed));
    // Back to the defaults.
    block(again.save_assumptions(&demo.id, Vec::new())).unwrap();
    assert_eq!(
        custom(&block(again.exposure(&demo.id)).unwrap()),
        custom(&base)
    );
}

#[test]
fn closing_the_app_leaves_every_assessment_in_the_db_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let created = block(app.create(details())).unwrap();
    block(app.close()).unwrap();
    let wal = dir.path().join("ironbridge.db-wal");
    assert!(std::fs::metadata(&wal).map_or(true, |m| m.len() == 0));
    // A backup of the database file alone, opened elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.path().join("ironbridge.db"),
        elsewhere.path().join("ironbridge.db"),
    )
    .unwrap();
    let copy = self::app(&elsewhere);
    let list = block(copy.list()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, created.id);
}

#[test]
fn each_assessment_opens_with_the_bank_it_was_answered_on() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let created = block(app.create(details())).unwrap();
    let bank = block(app.assessment_bank(&created.id)).unwrap();
    assert_eq!(bank.version, "2.0.0");
    assert_eq!(bank.version, app.bank().version);
    // A bank 1 assessment (the v1 demo file, imported) keeps bank 1's questions.
    let file = dir.path().join("demo-v1.json");
    std::fs::write(&file, DEMO_ASSESSMENT_V1).unwrap();
    let v1 = block(app.import_bundle(&file, None)).unwrap();
    assert_eq!(v1.bank_version, "1.0.0");
    let bank = block(app.assessment_bank(&v1.id)).unwrap();
    assert_eq!(bank.version, "1.0.0");
    let questions = |b: &BankDto| b.question_count();
    assert_ne!(questions(&bank), questions(&app.bank()));
    let listed = block(app.list()).unwrap();
    assert_eq!(listed.len(), 2);
}

#[test]
fn the_exposure_screen_answers_the_underwriters_as_core_does() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let shown = block(app.exposure(&demo.id)).unwrap().readiness;
    let bank = Bank::shipped_v2().unwrap();
    let expected = ironbridge_core::underwriting::readiness(
        &bank,
        &Assessment::from_json(DEMO_ASSESSMENT).unwrap(),
    )
    .unwrap();
    assert_eq!(shown.unavailable, None);
    assert_eq!(shown.items.len(), expected.items.len());
    for (row, item) in shown.items.iter().zip(&expected.items) {
        assert_eq!(row.id, item.id);
        assert_eq!(row.answer, item.answer.label());
        assert_eq!(row.warning, item.warning);
        assert_eq!(row.evidence.len(), item.evidence.len());
    }
}

#[test]
fn the_exposure_screen_shows_the_reports_money_charts() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let shown = block(app.exposure(&demo.id)).unwrap();
    let charts = shown
        .charts
        .expect("the demo has an exposure, so its charts");
    assert!(charts.exceedance_svg.starts_with("<svg"), "an SVG document");
    assert!(charts.exceedance_svg.contains("<path"), "with the curves");
    // The sentences are the report's, for the same assessment and assumptions.
    let bank = Bank::shipped().unwrap();
    let assessment = Assessment::from_json(DEMO_ASSESSMENT).unwrap();
    let data = ironbridge_report::templates::ReportData::compute(&bank, &assessment);
    let report = ironbridge_report::templates::money_charts(
        data.exposure.as_ref().unwrap(),
        &assessment,
        560.0,
    )
    .unwrap();
    assert_eq!(charts.exceedance_reading, report.exceedance.reading);
    let waterfall = report.waterfall.expect("a headline incident");
    assert_eq!(charts.waterfall_reading, Some(waterfall.reading));
    assert_eq!(charts.waterfall_svg, Some(waterfall.svg));
}

#[test]
fn the_pdf_export_leaves_out_the_sections_chosen_and_refuses_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let demo = block(app.create_demo()).unwrap();
    let full = dir.path().join("full.pdf");
    let short = dir.path().join("short.pdf");
    let pages = |path: &Path, omit: &[&str]| {
        let mut chosen = branding();
        chosen.omit = omit.iter().map(|s| (*s).to_owned()).collect();
        block(app.export_pdf(&demo.id, path, chosen, None))
            .unwrap()
            .pages
            .unwrap()
    };
    assert!(pages(&short, &["answers", "roadmap"]) < pages(&full, &[]));
    let mut bad = branding();
    bad.omit = vec!["summary".into()];
    let err = block(app.export_pdf(&demo.id, &short, bad, None)).unwrap_err();
    assert!(err.to_string().contains("\"summary\""), "{err}");
}

#[test]
fn the_report_screen_lists_every_optional_section_by_its_key() {
    // ui/src/lib/sections.ts is the Report screen's list; its keys are the
    // report's, in the report's order.
    let listed = include_str!("../../../ui/src/lib/sections.ts");
    let keys: Vec<&str> = listed
        .lines()
        .filter_map(|line| line.trim().strip_prefix("{ key: \""))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let expected: Vec<&str> = ironbridge_report::templates::OptionalSection::ALL
        .iter()
        .map(|s| s.key())
        .collect();
    assert_eq!(keys, expected);
}

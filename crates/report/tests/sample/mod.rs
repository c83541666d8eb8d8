//! Sample documents shared by the integration tests and the benchmark: a
//! realistic multi-page assessment report and a robustness torture test.

#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use ironbridge_report::{
    Align, Bar, BarChart, Block, Branding, Callout, Cell, Chart, Colour, Column, Document,
    DocumentInfo, HeadingLevel, HeatMap, ImageBlock, Logo, Paragraph, RadarAxis, RadarChart,
    RasterImage, Span, Table, encode_png,
};

/// 2025-11-24 16:00:00 UTC, a fixed document date.
pub fn date() -> DateTime<Utc> {
    Utc.timestamp_opt(1_764_000_000, 0)
        .single()
        .unwrap_or_default()
}

pub const DOMAINS: [&str; 8] = [
    "Governance and risk",
    "Insurance cover",
    "Critical infrastructure dependencies",
    "Outsourced security",
    "Identity and access",
    "Detection and response",
    "Backup and recovery",
    "OT and production systems",
];

const SCORES: [f32; 8] = [62.0, 28.0, 41.0, 35.0, 58.0, 47.0, 38.0, 44.0];
const TARGETS: [f32; 8] = [75.0, 70.0, 70.0, 65.0, 75.0, 70.0, 80.0, 65.0];

/// A small generated logo: an accent square with a white bar.
pub fn logo_png() -> Vec<u8> {
    let (w, h) = (120u32, 40u32);
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let mark = x < 40;
            let bar = mark && (16..24).contains(&y) && (8..32).contains(&x);
            let px = if bar {
                [255, 255, 255, 255]
            } else if mark {
                [11, 79, 138, 255]
            } else if (14..26).contains(&y) && (48..116).contains(&x) && (x / 6) % 2 == 0 {
                [40, 46, 54, 255]
            } else {
                [0, 0, 0, 0]
            };
            rgba.extend_from_slice(&px);
        }
    }
    encode_png(&RasterImage {
        width: w,
        height: h,
        rgba,
    })
    .expect("encodes")
}

fn branding() -> Branding {
    Branding {
        accent: Colour::from_hex("#0b4f8a").expect("valid colour"),
        consultant: "Northgate Advisory".into(),
        logo: Some(Logo::from_png(&logo_png()).expect("logo decodes")),
    }
}

fn info() -> DocumentInfo {
    DocumentInfo {
        title: "Cyber resilience assessment".into(),
        author: "Northgate Advisory".into(),
        subject: "Hallam Precision Components Ltd".into(),
        keywords: vec!["cyber resilience".into(), "manufacturing".into()],
        created: date(),
    }
}

const LOREM: &str = "The assessment followed the method agreed at the kick-off: a half-day workshop with the IT, OT, finance and procurement leads, followed by evidence review of the backup logs, the insurance schedule and the managed-service contracts. Scores are maturity levels from 0 to 4 scaled to 100; where the answer was not known, the lowest level was scored and the uncertainty is reported.";

/// A realistic report: cover, summary with charts, domain sections, a heat
/// map, a roadmap and an appendix table of `appendix_rows` answers.
pub fn report(appendix_rows: usize) -> Document {
    let mut doc = Document::new(info(), branding());
    let theme = doc.theme.clone();
    // Cover.
    let logo = doc.branding.logo.clone().expect("logo");
    doc.push(Block::Spacer(60.0));
    doc.push(Block::Image(ImageBlock {
        image: logo.image().clone(),
        width: 120.0,
        align: Align::Left,
    }));
    doc.push(Block::Spacer(150.0));
    doc.push(
        Paragraph::new(vec![Span::bold("Cyber resilience assessment")])
            .size(30.0)
            .colour(theme.heading)
            .space_after(10.0),
    );
    doc.push(
        Paragraph::new(vec![Span::regular("Hallam Precision Components Ltd")])
            .size(15.0)
            .colour(theme.accent)
            .space_after(36.0),
    );
    doc.push(
        Paragraph::new(vec![
            Span::bold("Prepared by "),
            Span::regular("Northgate Advisory"),
        ])
        .colour(theme.muted)
        .space_after(2.0),
    );
    doc.push(
        Paragraph::new(vec![Span::bold("Date "), Span::regular("24 November 2025")])
            .colour(theme.muted)
            .space_after(2.0),
    );
    doc.push(
        Paragraph::new(vec![
            Span::bold("Classification "),
            Span::regular("Confidential: board and insurers only"),
        ])
        .colour(theme.muted),
    );
    doc.push(Block::PageBreak);

    // Executive summary.
    doc.push(Block::heading(HeadingLevel::H1, "Executive summary"));
    doc.push(Block::rich(vec![
        Span::regular("Hallam's resilience index is "),
        Span::bold("44 out of 100"),
        Span::regular(", against a target of 71. The weakest domain is "),
        Span::bold("insurance cover (28)"),
        Span::regular(": the business-interruption sublimit covers eleven days of a five-week production halt."),
    ]));
    doc.push(Block::Callout(Callout { spans: vec![
        Span::bold("Money at risk. "),
        Span::regular("A five-week halt like the 2025 attack on Jaguar Land Rover would cost about £9.4m, of which £7.1m is uninsured: 61 days of cash."),
    ]}));
    doc.push(Block::paragraph(LOREM));
    doc.push(Block::heading(HeadingLevel::H2, "Domains against target"));
    let radar = RadarChart {
        axes: DOMAINS
            .iter()
            .zip(SCORES)
            .zip(TARGETS)
            .map(|((l, v), t)| RadarAxis {
                label: (*l).into(),
                value: Some(v),
                target: Some(t),
            })
            .collect(),
        max: 100.0,
    };
    doc.push(Block::chart(Chart::Radar(radar), 300.0));
    doc.push(Block::heading(HeadingLevel::H2, "Scores by domain"));
    let bars = BarChart {
        bars: DOMAINS
            .iter()
            .zip(SCORES)
            .zip(TARGETS)
            .map(|((l, v), t)| Bar {
                label: (*l).into(),
                value: v,
                target: Some(t),
            })
            .collect(),
        max: 100.0,
    };
    doc.push(Block::chart(Chart::Bars(bars), 230.0));
    doc.push(Block::heading(HeadingLevel::H2, "Top risks"));
    doc.push(Block::bullets([
        "No immutable or offline backup of the ERP database; restores have never been tested end to end.",
        "The managed service provider's help desk resets privileged passwords on a phone call without verifying identity.",
        "Business-interruption cover excludes dependent outages at suppliers and has a 72-hour waiting period.",
        "MES and SCADA share a flat network with the office; a single compromised laptop can reach the line controllers.",
    ]));

    // Domain sections.
    for (i, domain) in DOMAINS.iter().enumerate() {
        doc.push(Block::heading(
            HeadingLevel::H1,
            format!("{}. {domain}", i + 1),
        ));
        doc.push(Block::rich(vec![
            Span::regular("Score "),
            Span::bold(format!("{:.0}", SCORES[i])).with_colour(theme.accent),
            Span::regular(format!(" against a target of {:.0}. ", TARGETS[i])),
            Span::regular(LOREM),
        ]));
        doc.push(Block::heading(HeadingLevel::H2, "Findings"));
        doc.push(Block::paragraph(format!("{LOREM} {LOREM}")));
        doc.push(Block::bullets([
            "Evidence reviewed: policy documents, the asset register and the last two restore reports.",
            "Strength: ownership is clear and the board receives a quarterly risk report.",
            "Gap: recovery time objectives are stated but have not been tested against a full site outage.",
        ]));
        doc.push(Block::heading(HeadingLevel::H2, "Recommendations"));
        let table = Table::new(vec![
            Column::new("Priority", 1.1),
            Column::new("Action", 5.0),
            Column::new("Owner", 1.6),
            Column::new("When", 1.2).align(Align::Right),
        ])
        .row(vec![Cell::from(Span::bold("1")), "Test a full restore of the ERP and MES from offline copies, timed against the RTO.".into(), "IT manager".into(), "Now".into()])
        .row(vec![Cell::from(Span::bold("2")), "Require call-back identity verification for every privileged reset at the service desk.".into(), "Procurement".into(), "Next".into()])
        .row(vec![Cell::from(Span::bold("3")), "Review the business-interruption sublimit and the waiting period with the broker.".into(), "Finance director".into(), "Later".into()]);
        doc.push(table);
    }

    // Heat map.
    doc.push(Block::heading(HeadingLevel::H1, "Framework coverage"));
    doc.push(Block::paragraph("Coverage of each domain against the functions of NIST CSF 2.0; empty cells have no mapped questions."));
    let columns = [
        "Govern", "Identify", "Protect", "Detect", "Respond", "Recover",
    ];
    let heat = HeatMap {
        rows: DOMAINS.iter().map(|d| (*d).to_owned()).collect(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        values: (0..DOMAINS.len())
            .map(|r| {
                (0..columns.len())
                    .map(|c| {
                        if (r + c) % 5 == 4 {
                            None
                        } else {
                            Some(((r * 23 + c * 37) % 100) as f32)
                        }
                    })
                    .collect()
            })
            .collect(),
        min: 0.0,
        max: 100.0,
        low: None,
        high: None,
    };
    doc.push(Block::chart(Chart::HeatMap(heat), 260.0));

    // Appendix.
    doc.push(Block::PageBreak);
    doc.push(Block::heading(HeadingLevel::H1, "Appendix: every answer"));
    let mut table = Table::new(vec![
        Column::new("ID", 0.9),
        Column::new("Question", 4.0),
        Column::new("Answer", 1.6),
        Column::new("Notes", 3.0),
    ]);
    for i in 0..appendix_rows {
        let domain = DOMAINS[i % DOMAINS.len()];
        table = table.row(vec![
            Cell::from(format!("{}-{:02}", &domain[..3].to_uppercase(), i + 1)),
            Cell::from(format!(
                "How is {} evidenced for the production sites, and who owns it?",
                domain.to_lowercase()
            )),
            Cell::from(
                [
                    "Level 2: defined",
                    "Level 1: initial",
                    "Unknown",
                    "Level 3: managed",
                ][i % 4],
            ),
            Cell::from(if i % 3 == 0 {
                "Follow up: ask the MSP for the last restore report."
            } else {
                ""
            }),
        ]);
    }
    doc.push(table);
    doc
}

/// Everything that must not break the engine.
pub fn robustness() -> Document {
    let mut doc = Document::new(info(), branding());
    doc.push(Block::heading(HeadingLevel::H1, "Robustness sample"));
    let long_paragraph: String = (0..)
        .map(|i| format!("word{i} "))
        .take_while({
            let mut n = 0;
            move |w: &String| {
                n += w.len();
                n <= 10_000
            }
        })
        .collect();
    doc.push(Block::paragraph(long_paragraph));
    doc.push(Block::heading(HeadingLevel::H2, "A 3000-character word"));
    doc.push(Block::paragraph(format!(
        "Before {} after",
        "A".repeat(3000)
    )));
    doc.push(Block::heading(HeadingLevel::H2, "Right to left"));
    doc.push(Block::paragraph(
        "مرحبا بالعالم، هذا تقييم للمرونة السيبرانية للمصنع",
    ));
    doc.push(Block::paragraph(
        "שלום עולם, זוהי הערכת חוסן סייבר של המפעל",
    ));
    doc.push(Block::paragraph(
        "Mixed: the supplier אספקה and الموردين in one line.",
    ));
    doc.push(Block::heading(
        HeadingLevel::H2,
        "Emoji, CJK and combining marks",
    ));
    doc.push(Block::paragraph("Status 👍🏽 ✅ 🔥 then text continues"));
    doc.push(Block::paragraph(
        "中文字符测试 日本語のテキスト 한국어 텍스트 then Latin again",
    ));
    doc.push(Block::paragraph(
        "Combining: e\u{301} a\u{308} n\u{303} o\u{30a}\u{323} Z\u{335}a\u{336}l\u{337}g\u{338}o",
    ));
    doc.push(Block::paragraph(""));
    doc.push(Block::heading(HeadingLevel::H2, "A table of 200 rows"));
    let mut table = Table::new(vec![
        Column::new("Row", 1.0),
        Column::new("Text", 4.0),
        Column::new("Value", 1.0).align(Align::Right),
    ]);
    for i in 0..200 {
        let text = if i == 7 {
            "x".repeat(1500)
        } else {
            format!("Row {i} of the long table")
        };
        table = table.row([format!("{i}"), text, format!("{}", i * 7 % 100)]);
    }
    doc.push(table);
    doc.push(Block::KeepTogether(vec![
        Block::heading(HeadingLevel::H2, "Kept together"),
        Block::paragraph(LOREM),
    ]));
    doc
}

/// A document with no blocks.
pub fn empty() -> Document {
    Document::new(DocumentInfo::new("Empty", date()), Branding::default())
}

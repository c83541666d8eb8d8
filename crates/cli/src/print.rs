//! Plain-text output of the bank and of a scorecard for the terminal, built
//! as a string so the caller decides how to write it (a closed pipe is not an
//! error); the caller writes it through [`crate::terminal`], which escapes
//! control characters, and names from the file stay on their line.

use ironbridge_core::Bank;

/// Appends a line to the output buffer (writing to a `String` cannot fail).
macro_rules! say {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}
use ironbridge_core::assessment::Assessment;
use ironbridge_core::scoring::Scorecard;

use crate::terminal::line;

/// Lists domains and questions.
pub fn bank(out: &mut String, bank: &Bank) {
    say!(out, "{} — bank {} {}", bank.title, bank.id, bank.version);
    for domain in &bank.domains {
        let n = domain.questions.len();
        say!(out);
        say!(
            out,
            "{} {} (weight {}, {n} questions)",
            domain.code,
            domain.name,
            domain.weight
        );
        for q in &domain.questions {
            let marker = if q.is_scored() { "" } else { "  [fact]" };
            say!(
                out,
                "  {:<7} {:<9} {}{marker}",
                q.id.as_str(),
                q.kind_name(),
                q.title
            );
        }
        for cap in &domain.caps {
            say!(
                out,
                "  {} caps at {} on {}: {}",
                cap.id,
                cap.max_score,
                cap.question,
                cap.reason
            );
        }
    }
}

/// Prints the scorecard: domains, index, weakest domain and the top 10 gaps with their reasons.
pub fn scorecard(out: &mut String, bank: &Bank, assessment: &Assessment, card: &Scorecard) {
    let profile = bank
        .profile(&card.target_profile)
        .map_or(card.target_profile.as_str(), |p| p.name.as_str());
    let c = &card.completion;
    say!(
        out,
        "{} — {}",
        line(&assessment.organisation.name),
        line(&assessment.title)
    );
    say!(
        out,
        "Bank {} {} · target profile {profile} · {} of {} scored questions answered ({} unknown, {} not applicable, {} open)",
        card.bank_id,
        card.bank_version,
        c.answered + c.unknown + c.not_applicable,
        c.total,
        c.unknown,
        c.not_applicable,
        c.unanswered
    );
    say!(out);
    let index = card
        .index
        .map_or_else(|| "—".to_owned(), |i| format!("{i:.0}"));
    let weakest = card
        .weakest_domain
        .as_ref()
        .and_then(|code| card.domain(code.as_str()))
        .map_or_else(
            || "—".to_owned(),
            |d| format!("{} {} ({})", d.code, d.name, fmt_score(d.score)),
        );
    say!(out, "Resilience index  {index} / 100");
    say!(out, "Weakest domain    {weakest}");
    say!(out);
    say!(
        out,
        "{:<48} {:>5}  {:>8}  {:>7}",
        "Domain",
        "Score",
        "Answered",
        "Unknown"
    );
    for d in &card.domains {
        let dc = &d.completion;
        let name = format!("{} {}", d.code, d.name);
        let binding = matches!((d.score, d.uncapped), (Some(s), Some(u)) if s < u);
        let capped = if binding { " (capped)" } else { "" };
        say!(
            out,
            "{:<48} {:>5}  {:>8}  {:>7}{capped}",
            name,
            fmt_score(d.score),
            format!(
                "{}/{}",
                dc.answered + dc.unknown + dc.not_applicable,
                dc.total
            ),
            dc.unknown
        );
        for (i, cap) in d.caps.iter().enumerate() {
            let effect = if i == 0 && binding {
                format!(
                    "holds the score at {:.0} (from {})",
                    cap.max_score,
                    fmt_score(d.uncapped)
                )
            } else {
                format!("limit {:.0}, score already below", cap.max_score)
            };
            say!(
                out,
                "    {} fires, {effect}: {} [{}: {}]",
                cap.id,
                cap.reason,
                cap.question,
                cap.trigger
            );
        }
    }
    say!(out);
    let n = card.gaps.len().min(10);
    say!(
        out,
        "Top {n} gaps (of {}), by priority = weight × shortfall × criticality",
        card.gaps.len()
    );
    for gap in card.gaps.iter().take(10) {
        say!(
            out,
            "{:>3}. [{}] {} {} — level {}{} → {}",
            gap.rank,
            gap.horizon.label(),
            gap.question,
            gap.title,
            gap.level,
            if gap.unknown { " (unknown)" } else { "" },
            gap.target
        );
        say!(out, "       why: {}", gap.reason);
        if let Some(step) = gap.recommendations.first() {
            say!(out, "       next step: {step}");
        }
    }
}

fn fmt_score(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_owned(), |s| format!("{s:.0}"))
}

//! Plain-text output of the bank and of a scorecard for the terminal.

use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::scoring::Scorecard;

/// Lists domains and questions.
pub fn bank(bank: &Bank) {
    println!("{} — bank {} {}", bank.title, bank.id, bank.version);
    for domain in &bank.domains {
        let n = domain.questions.len();
        println!();
        println!(
            "{} {} (weight {}, {n} questions)",
            domain.code, domain.name, domain.weight
        );
        for q in &domain.questions {
            let marker = if q.is_scored() { "" } else { "  [fact]" };
            println!(
                "  {:<7} {:<9} {}{marker}",
                q.id.as_str(),
                q.kind_name(),
                q.title
            );
        }
        for cap in &domain.caps {
            println!(
                "  {} caps at {} on {}: {}",
                cap.id, cap.max_score, cap.question, cap.reason
            );
        }
    }
}

/// Prints the scorecard: domains, index, weakest domain and the top 10 gaps with their reasons.
pub fn scorecard(bank: &Bank, assessment: &Assessment, card: &Scorecard) {
    let profile = bank
        .profile(&card.target_profile)
        .map_or(card.target_profile.as_str(), |p| p.name.as_str());
    let c = &card.completion;
    println!("{} — {}", assessment.organisation.name, assessment.title);
    println!(
        "Bank {} {} · target profile {profile} · {} of {} scored questions answered ({} unknown, {} not applicable, {} open)",
        card.bank_id,
        card.bank_version,
        c.answered + c.unknown + c.not_applicable,
        c.total,
        c.unknown,
        c.not_applicable,
        c.unanswered
    );
    println!();
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
    println!("Resilience index  {index} / 100");
    println!("Weakest domain    {weakest}");
    println!();
    println!(
        "{:<48} {:>5}  {:>8}  {:>7}",
        "Domain", "Score", "Answered", "Unknown"
    );
    for d in &card.domains {
        let dc = &d.completion;
        let name = format!("{} {}", d.code, d.name);
        let capped = if d.caps.is_empty() { "" } else { " (capped)" };
        println!(
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
        for cap in &d.caps {
            println!(
                "    {} caps at {:.0} (before cap {}): {} [{}: {}]",
                cap.id,
                cap.max_score,
                fmt_score(d.uncapped),
                cap.reason,
                cap.question,
                cap.trigger
            );
        }
    }
    println!();
    let n = card.gaps.len().min(10);
    println!(
        "Top {n} gaps (of {}), by priority = weight × shortfall × criticality",
        card.gaps.len()
    );
    for gap in card.gaps.iter().take(10) {
        println!(
            "{:>3}. [{}] {} {} — level {}{} → {}",
            gap.rank,
            gap.horizon.label(),
            gap.question,
            gap.title,
            gap.level,
            if gap.unknown { " (unknown)" } else { "" },
            gap.target
        );
        println!("       why: {}", gap.reason);
        if let Some(step) = gap.recommendations.first() {
            println!("       next step: {step}");
        }
    }
}

fn fmt_score(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_owned(), |s| format!("{s:.0}"))
}

//! How amounts and day counts are written in the model's explanations,
//! flags and headline.
//!
//! Invariant: a value that is not finite never prints as `inf` or `NaN`
//! ([`NOT_AN_AMOUNT`]).

/// What an amount that is not a number prints as: never `inf` or `NaN`.
/// The assessment check keeps such amounts out; this is the last defence.
pub const NOT_AN_AMOUNT: &str = "—";

/// Formats an amount in full: `£1,234,567` (no symbol for an empty currency:
/// `1,234,567`; [`NOT_AN_AMOUNT`] when it is not finite).
pub fn money(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return NOT_AN_AMOUNT.to_owned();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let whole = amount.abs().round();
    let digits = format!("{whole:.0}");
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{}{grouped}", symbol(currency))
}

/// Formats an amount briefly: `£4.3m`, `£850k`, `£900` ([`NOT_AN_AMOUNT`]
/// when it is not finite).
pub fn money_short(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return NOT_AN_AMOUNT.to_owned();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let a = amount.abs();
    let body = if a >= 1e9 {
        format!("{:.1}bn", a / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}m", a / 1e6)
    } else if a >= 1e3 {
        format!("{:.0}k", a / 1e3)
    } else {
        format!("{a:.0}")
    };
    format!("{sign}{}{body}", symbol(currency))
}

fn symbol(currency: &str) -> String {
    match currency {
        "GBP" => "£".to_owned(),
        "EUR" => "€".to_owned(),
        "USD" => "$".to_owned(),
        "" => String::new(),
        other => format!("{other} "),
    }
}

/// A number with at most one decimal, trailing zeros dropped: `2.5`, `10`.
pub(super) fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A number rounded to a whole: `4`.
pub(super) fn trim_one(value: f64) -> String {
    format!("{value:.0}")
}

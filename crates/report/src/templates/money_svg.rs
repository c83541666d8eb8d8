//! The money-at-risk charts for the desktop app's exposure screen: the same
//! loss exceedance curve and gross → insured → uninsured waterfall the
//! report draws, as SVG, each with the sentence that reads it, so the screen
//! and the PDF never show different pictures of the same figures.

use ironbridge_core::assessment::Assessment;
use ironbridge_core::exposure::Exposure;

use crate::error::ReportError;
use crate::style::Theme;
use crate::templates::exposure::money_charts;
use crate::templates::plain;

/// One chart as SVG, with the sentence under it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSvg {
    /// A standalone SVG document (units: points).
    pub svg: String,
    /// What the chart says, in a sentence.
    pub reading: String,
}

/// The exposure screen's two charts.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyCharts {
    /// The loss exceedance curve of the simulation.
    pub exceedance: ChartSvg,
    /// The waterfall of the headline incident, when there is one.
    pub waterfall: Option<ChartSvg>,
}

/// The charts for a box `width` points wide.
///
/// # Errors
/// As [`crate::Chart::to_svg`]: a figure that is not a finite number, or
/// fonts that do not parse.
pub fn money_charts(
    exposure: &Exposure,
    assessment: &Assessment,
    width: f32,
) -> Result<MoneyCharts, ReportError> {
    let theme = Theme::default();
    let exceedance = ChartSvg {
        svg: money_charts::exceedance_chart(exposure, assessment).to_svg(&theme, width, 160.0)?,
        reading: money_charts::exceedance_reading(exposure, assessment),
    };
    let waterfall = match exposure.scenarios.iter().find(|s| s.key == "custom") {
        Some(row) => {
            let unknown = plain::policy_unknown(exposure);
            let terms = &exposure.terms;
            let height = money_charts::waterfall_height(row, terms, unknown);
            Some(ChartSvg {
                svg: money_charts::waterfall_chart(row, terms, unknown, assessment)
                    .to_svg(&theme, width, height)?,
                reading: money_charts::waterfall_reading(row, terms, unknown, assessment),
            })
        }
        None => None,
    };
    Ok(MoneyCharts {
        exceedance,
        waterfall,
    })
}

#[cfg(test)]
mod tests {
    use ironbridge_core::Bank;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;

    use super::*;
    use crate::templates::ReportData;

    #[test]
    fn the_demo_gets_both_charts_with_their_readings() {
        let bank = Bank::shipped().expect("bank");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("demo");
        let data = ReportData::compute(&bank, &assessment);
        let exposure = data.exposure.as_ref().expect("the demo has an exposure");
        let charts = money_charts(exposure, &assessment, 480.0).expect("draws");
        assert!(charts.exceedance.svg.starts_with("<svg"));
        assert!(charts.exceedance.svg.contains("<path"), "the curves");
        let waterfall = charts.waterfall.expect("the demo has a headline incident");
        assert!(waterfall.svg.contains("<rect"), "the bars");
        // The same sentences the report prints.
        assert_eq!(
            waterfall.reading,
            money_charts::waterfall_reading(
                exposure
                    .scenarios
                    .iter()
                    .find(|s| s.key == "custom")
                    .expect("custom"),
                &exposure.terms,
                plain::policy_unknown(exposure),
                &assessment
            )
        );
        assert!(!charts.exceedance.reading.is_empty());
    }
}

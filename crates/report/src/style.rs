//! Colours, font styles, the page geometry and the typographic theme.
//!
//! One accent colour (the consultant's brand) and a fixed set of neutrals:
//! the theme is where every size, gap and grey of the report is decided, so
//! templates and charts never invent their own.

use crate::error::ReportError;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// Pure white.
    pub const WHITE: Colour = Colour::rgb(255, 255, 255);

    /// A colour from its three channels.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#rrggbb` or `#rgb` (the `#` is optional, case is ignored).
    ///
    /// # Errors
    /// [`ReportError::InvalidColour`] for anything else.
    pub fn from_hex(text: &str) -> Result<Self, ReportError> {
        let invalid = || ReportError::InvalidColour {
            value: text.to_owned(),
        };
        let digits = text.trim().strip_prefix('#').unwrap_or(text.trim());
        if !digits.is_ascii() {
            return Err(invalid());
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).map_err(|_| invalid());
        match digits.len() {
            6 => Ok(Self::rgb(
                channel(&digits[0..2])?,
                channel(&digits[2..4])?,
                channel(&digits[4..6])?,
            )),
            3 => {
                let short = |i: usize| channel(&digits[i..=i]).map(|v| v * 17);
                Ok(Self::rgb(short(0)?, short(1)?, short(2)?))
            }
            _ => Err(invalid()),
        }
    }

    /// `#rrggbb`, lowercase.
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Mixes towards `other`: `t = 0` is `self`, `t = 1` is `other`.
    #[must_use]
    pub fn mix(self, other: Colour, t: f32) -> Colour {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let lerp = |a: u8, b: u8| {
            let value = f32::from(a) + (f32::from(b) - f32::from(a)) * t;
            // The value is within 0..=255 because t is clamped.
            value.round().clamp(0.0, 255.0) as u8
        };
        Colour::rgb(
            lerp(self.r, other.r),
            lerp(self.g, other.g),
            lerp(self.b, other.b),
        )
    }

    /// A light tint of this colour (`amount` of the colour over white).
    #[must_use]
    pub fn tint(self, amount: f32) -> Colour {
        Colour::WHITE.mix(self, amount)
    }

    /// Relative luminance (WCAG), 0 for black to 1 for white.
    #[must_use]
    pub fn luminance(self) -> f32 {
        let linear = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }
}

/// The face a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FontStyle {
    /// Upright, normal weight.
    #[default]
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
}

/// Horizontal alignment of the lines of a paragraph or cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Align {
    /// Left for left-to-right text, right for right-to-left text.
    #[default]
    Start,
    /// Flush left.
    Left,
    /// Centred.
    Centre,
    /// Flush right.
    Right,
}

/// Page size and margins, in points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Space above the body (the running header sits inside it).
    pub margin_top: f32,
    /// Space below the body (the footer sits inside it).
    pub margin_bottom: f32,
    /// Space left of the body.
    pub margin_left: f32,
    /// Space right of the body.
    pub margin_right: f32,
}

impl PageSetup {
    /// ISO A4 portrait with generous margins (25 mm at the sides).
    pub const A4: PageSetup = PageSetup {
        width: 595.28,
        height: 841.89,
        margin_top: 82.0,
        margin_bottom: 78.0,
        margin_left: 70.87,
        margin_right: 70.87,
    };

    /// Width available to the body.
    #[must_use]
    pub fn content_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }

    /// Height available to the body.
    #[must_use]
    pub fn content_height(&self) -> f32 {
        self.height - self.margin_top - self.margin_bottom
    }

    pub(crate) fn check(&self) -> Result<(), ReportError> {
        let numbers = [
            self.width,
            self.height,
            self.margin_top,
            self.margin_bottom,
            self.margin_left,
            self.margin_right,
        ];
        let usable = numbers.iter().all(|n| n.is_finite() && *n >= 0.0)
            && self.content_width() >= 72.0
            && self.content_height() >= 72.0;
        if usable {
            Ok(())
        } else {
            Err(ReportError::PageTooSmall {
                width: self.width,
                height: self.height,
            })
        }
    }
}

impl Default for PageSetup {
    fn default() -> Self {
        Self::A4
    }
}

/// Every size, gap and colour of the report's typography.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The one accent colour (brand): heading rules, bullets, chart series.
    pub accent: Colour,
    /// Body text.
    pub text: Colour,
    /// Headings.
    pub heading: Colour,
    /// Secondary text: captions, header, footer, axis labels.
    pub muted: Colour,
    /// Light rules: table rows, grid lines.
    pub rule: Colour,
    /// Body text size.
    pub body_size: f32,
    /// Line height as a multiple of the text size.
    pub leading: f32,
    /// Space after a paragraph.
    pub paragraph_gap: f32,
    /// Sizes of heading levels 1, 2 and 3.
    pub heading_sizes: [f32; 3],
    /// Table text size.
    pub table_size: f32,
    /// Running header and footer text size.
    pub furniture_size: f32,
}

impl Theme {
    /// The default theme with the given accent colour.
    #[must_use]
    pub fn with_accent(accent: Colour) -> Self {
        Self {
            accent,
            ..Self::default()
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            accent: Colour::rgb(0x0b, 0x4f, 0x8a),
            text: Colour::rgb(0x2a, 0x2f, 0x36),
            heading: Colour::rgb(0x14, 0x18, 0x1f),
            muted: Colour::rgb(0x6b, 0x72, 0x7d),
            rule: Colour::rgb(0xd5, 0xd9, 0xdf),
            body_size: 9.8,
            leading: 1.5,
            paragraph_gap: 7.0,
            heading_sizes: [19.0, 13.0, 10.5],
            table_size: 8.6,
            furniture_size: 7.6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse_long_and_short_forms() {
        assert_eq!(Colour::from_hex("#0B4F8A"), Ok(Colour::rgb(11, 79, 138)));
        assert_eq!(Colour::from_hex("fff"), Ok(Colour::WHITE));
        assert_eq!(Colour::rgb(11, 79, 138).to_hex(), "#0b4f8a");
    }

    #[test]
    fn bad_hex_colours_are_errors_not_panics() {
        for bad in ["", "#", "#12345", "#gggggg", "#ééé", "#1234567", "red"] {
            assert!(
                matches!(
                    Colour::from_hex(bad),
                    Err(ReportError::InvalidColour { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn mix_clamps_and_ignores_nan() {
        let black = Colour::rgb(0, 0, 0);
        assert_eq!(black.mix(Colour::WHITE, 2.0), Colour::WHITE);
        assert_eq!(black.mix(Colour::WHITE, f32::NAN), black);
    }

    #[test]
    fn page_too_small_for_margins_is_an_error() {
        let page = PageSetup {
            width: 100.0,
            ..PageSetup::A4
        };
        assert!(matches!(
            page.check(),
            Err(ReportError::PageTooSmall { .. })
        ));
        assert!(PageSetup::A4.check().is_ok());
    }
}

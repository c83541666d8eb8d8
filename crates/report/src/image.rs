//! PNG decoding for the consultant's logo: bytes in, 8-bit RGBA out, with
//! limits so a hostile file cannot exhaust memory.

use std::io::Cursor;

use crate::error::ReportError;
use crate::layout::items::RasterImage;

/// Largest side, in pixels, of an accepted image.
pub const MAX_SIDE: u32 = 4096;

/// Decodes a PNG into RGBA.
///
/// # Errors
/// [`ReportError::InvalidImage`] for anything that is not a readable PNG,
/// [`ReportError::ImageTooLarge`] for images over [`MAX_SIDE`] on a side.
pub fn decode_png(bytes: &[u8]) -> Result<RasterImage, ReportError> {
    let invalid = |e: png::DecodingError| ReportError::InvalidImage {
        reason: e.to_string(),
    };
    let limits = png::Limits {
        bytes: 4 * (MAX_SIDE as usize) * (MAX_SIDE as usize) + (1 << 20),
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(invalid)?;
    let (width, height) = (reader.info().width, reader.info().height);
    if width > MAX_SIDE || height > MAX_SIDE || width == 0 || height == 0 {
        return Err(ReportError::ImageTooLarge {
            width,
            height,
            max: MAX_SIDE,
        });
    }
    let size = reader
        .output_buffer_size()
        .ok_or(ReportError::ImageTooLarge {
            width,
            height,
            max: MAX_SIDE,
        })?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(invalid)?;
    let data = buffer.get(..frame.buffer_size()).unwrap_or_default();
    let rgba: Vec<u8> = match frame.color_type {
        png::ColorType::Rgba => data.to_vec(),
        png::ColorType::Rgb => data
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => data
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => data.iter().flat_map(|g| [*g, *g, *g, 255]).collect(),
        png::ColorType::Indexed => {
            return Err(ReportError::InvalidImage {
                reason: "palette was not expanded".to_owned(),
            });
        }
    };
    let expected = 4 * width as usize * height as usize;
    if rgba.len() != expected {
        return Err(ReportError::InvalidImage {
            reason: format!("decoded {} bytes, expected {expected}", rgba.len()),
        });
    }
    Ok(RasterImage {
        width,
        height,
        rgba,
    })
}

/// Encodes RGBA pixels as a PNG (used by tests and the sample generator).
///
/// # Errors
/// [`ReportError::InvalidImage`] if the pixel buffer does not match the size.
pub fn encode_png(image: &RasterImage) -> Result<Vec<u8>, ReportError> {
    let invalid = |e: png::EncodingError| ReportError::InvalidImage {
        reason: e.to_string(),
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(invalid)?;
    writer.write_image_data(&image.rgba).map_err(invalid)?;
    writer.finish().map_err(invalid)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_round_trips_to_rgba() {
        let image = RasterImage {
            width: 2,
            height: 1,
            rgba: vec![255, 0, 0, 255, 0, 0, 255, 128],
        };
        let bytes = encode_png(&image).expect("encodes");
        assert_eq!(decode_png(&bytes), Ok(image));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"not a png",
            &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0],
        ] {
            assert!(matches!(
                decode_png(bytes),
                Err(ReportError::InvalidImage { .. })
            ));
        }
    }
}

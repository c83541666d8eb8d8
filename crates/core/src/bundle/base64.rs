//! Standard base64 (RFC 4648, with padding) for evidence content in a bundle.
//!
//! Invariant: [`decode`] accepts only the canonical encoding that [`encode`]
//! produces (padding present, no whitespace, unused bits zero), so one content
//! has exactly one text form and a bundle re-exports byte for byte.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a text is not canonical base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Base64Error {
    /// The length is not a multiple of four.
    #[error("length {len} is not a multiple of 4")]
    Length {
        /// The text's length.
        len: usize,
    },
    /// A character outside the alphabet, or padding in the wrong place.
    #[error("invalid character at offset {offset}")]
    Character {
        /// Byte offset in the text.
        offset: usize,
    },
    /// Padding bits are not zero (a non-canonical encoding).
    #[error("non-canonical padding at offset {offset}")]
    Padding {
        /// Byte offset in the text.
        offset: usize,
    },
}

/// Encodes bytes as padded standard base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The number of bytes `text` decodes to, from its length alone (an upper bound
/// used to cap sizes before decoding).
pub fn decoded_len_bound(text_len: usize) -> usize {
    text_len / 4 * 3
}

/// Decodes padded standard base64, rejecting any non-canonical form.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err(Base64Error::Length { len: bytes.len() });
    }
    let mut out = Vec::with_capacity(decoded_len_bound(bytes.len()));
    let n_chunks = bytes.len() / 4;
    for (chunk_idx, chunk) in bytes.chunks(4).enumerate() {
        let last = chunk_idx + 1 == n_chunks;
        let offset = chunk_idx * 4;
        let n_pad = if last {
            chunk.iter().rev().take_while(|&&c| c == b'=').count()
        } else {
            0
        };
        if n_pad > 2 {
            return Err(Base64Error::Character {
                offset: offset + 4 - n_pad,
            });
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let value = if i >= 4 - n_pad {
                0
            } else {
                sextet(c).ok_or(Base64Error::Character { offset: offset + i })?
            };
            n = (n << 6) | value;
        }
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let n_bytes = 3 - n_pad;
        if decoded[n_bytes..].iter().any(|&b| b != 0) {
            return Err(Base64Error::Padding {
                offset: offset + 3 - n_pad,
            });
        }
        out.extend_from_slice(&decoded[..n_bytes]);
    }
    Ok(out)
}

fn sextet(c: u8) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(bytes: &[u8], text: &str) {
        assert_eq!(encode(bytes), text);
        assert_eq!(decode(text).as_deref(), Ok(bytes));
    }

    #[test]
    fn rfc_4648_test_vectors_encode_and_decode() {
        check(b"", "");
        check(b"f", "Zg==");
        check(b"fo", "Zm8=");
        check(b"foo", "Zm9v");
        check(b"foob", "Zm9vYg==");
        check(b"fooba", "Zm9vYmE=");
        check(b"foobar", "Zm9vYmFy");
    }

    #[test]
    fn non_canonical_or_malformed_text_is_rejected() {
        assert_eq!(decode("Zg="), Err(Base64Error::Length { len: 3 }));
        assert_eq!(decode("Zh=="), Err(Base64Error::Padding { offset: 1 }));
        assert_eq!(decode("Z!=="), Err(Base64Error::Character { offset: 1 }));
        assert_eq!(
            decode("Zg==Zg=="),
            Err(Base64Error::Character { offset: 2 })
        );
        assert_eq!(decode("Z==="), Err(Base64Error::Character { offset: 1 }));
        assert_eq!(decode("Zm9v\n"), Err(Base64Error::Length { len: 5 }));
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode(&encode(&bytes)), Ok(bytes));
        }
    }
}

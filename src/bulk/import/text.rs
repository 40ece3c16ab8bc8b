/// How much of a refused cell the message repeats.
const SHOWN_CHARS: usize = 60;

/// A refused cell's value as the message shows it: its first characters only (a 5 MB cell
/// is not printed whole).
pub(super) fn excerpt(value: &str) -> String {
    let mut out: String = value.chars().take(SHOWN_CHARS).collect();
    if out.len() < value.len() {
        out.push('…');
    }
    out
}

/// The file's text. UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
/// "Unicode text"), or — when the bytes are not UTF-8 but read as Russian text in it —
/// Windows-1251, which Russian Excel writes for "CSV (разделители — запятые)". Anything
/// else is refused: the line of the first byte that cannot be read is returned.
pub(super) fn decode_text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, u64> {
    let line_of = |at: usize| {
        1 + bytes[..at.min(bytes.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
    };
    // UTF-32's marks begin as UTF-16's do (FF FE 00 00): read as UTF-16 its text would be
    // every other character a NUL. Not read at all.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(1);
    }
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        enc.decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .ok_or(1u64)?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) if plausible_cp1251(bytes) => encoding_rs::WINDOWS_1251
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(1u64)?,
            Err(e) => return Err(line_of(e.valid_up_to())),
        }
    };
    // A file already damaged by an earlier conversion holds replacement characters: its
    // text is lost there, and storing it would hide that.
    // So does a NUL, which no spreadsheet writes in text (a binary file, a wrong encoding).
    if let Some(at) = text.find(['\u{fffd}', '\0']) {
        return Err(1 + text[..at].matches('\n').count() as u64);
    }
    Ok(text)
}

/// Whether bytes that are not UTF-8 read as Russian text in Windows-1251: every byte above
/// ASCII is a Cyrillic letter or the punctuation Russian text uses (`№ « » – — … “ ” ‘ ’`,
/// the no-break space), no control characters, and the letters come in words — a Latin-1
/// `é` between Latin letters is one letter alone, and such a file is refused, not guessed.
pub(super) fn plausible_cp1251(bytes: &[u8]) -> bool {
    let letter = |b: u8| {
        b >= 0xC0
            || matches!(
                b,
                0xA8 | 0xB8 | 0xAA | 0xBA | 0xAF | 0xBF | 0xB2 | 0xB3 | 0xA1 | 0xA2
            )
    };
    let (mut letters, mut alone) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t') {
            return false;
        }
        if b < 0x80 {
            continue;
        }
        if letter(b) {
            letters += 1;
            let before = i > 0 && letter(bytes[i - 1]);
            let after = bytes.get(i + 1).is_some_and(|n| letter(*n));
            if !before && !after {
                alone += 1;
            }
        } else if !matches!(
            b,
            0xB9 | 0xAB
                | 0xBB
                | 0x96
                | 0x97
                | 0x85
                | 0x93
                | 0x94
                | 0x91
                | 0x92
                | 0xA0
                | 0xB0
                | 0xA7
                | 0x84
                | 0x8B
                | 0x9B
        ) {
            return false;
        }
    }
    // One-letter words exist (`и`, `в`, `с`): a few are fine, most are not.
    letters > 0 && alone * 4 <= letters
}

/// The field separator of a file: `;` when the header line has more of them than `,`.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

/// Line ends in `bytes`: an LF, a CRLF (once), or a CR alone. `bytes` never ends between
/// the CR and the LF of one line end (callers cut after all of a line end).
pub(super) fn line_ends(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod tests {
    use super::decode_text;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    #[test]
    fn utf8_utf16_and_cp1251_are_read_and_utf32_or_nul_refused() {
        assert_eq!(decode_text("Асанов\n".as_bytes()).unwrap(), "Асанов\n");
        assert_eq!(decode_text(&utf16le("Ош,Асанов\n")).unwrap(), "Ош,Асанов\n");
        let mut utf32 = vec![0xFF, 0xFE, 0x00, 0x00];
        utf32.extend("ab\n".chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(
            decode_text(&utf32),
            Err(1),
            "UTF-32 is not taken for UTF-16"
        );
        let mut be = vec![0x00, 0x00, 0xFE, 0xFF];
        be.extend("ab".chars().flat_map(|c| (c as u32).to_be_bytes()));
        assert_eq!(decode_text(&be), Err(1));
        assert_eq!(decode_text(b"a,b\nc\0d\n"), Err(2), "a NUL, on its line");
    }
}

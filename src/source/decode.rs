//! Bytes to text: which encoding a report is in, and reading it in that encoding.
//!
//! UTF-8 is read as it is. A byte order mark names its encoding. Anything else is detected:
//! UTF-16 without a BOM by where its zero bytes fall, a UTF-8 report with a few stray bytes by
//! how many of its non-ASCII sequences are valid UTF-8, and the legacy encodings (Shift_JIS,
//! EUC-JP, ISO-2022-JP, windows-1252, …) by chardetng, the detector Firefox uses, decoded by
//! encoding_rs. Bytes that the chosen encoding cannot decode become U+FFFD, counted with their
//! lines so the caller can warn or, strictly, refuse. What is not text at all is refused with a
//! reason. Line endings become `\n`. Offsets everywhere after this point are into the decoded
//! text. This module never touches the file system and never prints.

use encoding_rs::{
    DecoderResult, EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE,
    WINDOWS_1252,
};

use super::SourceError;

/// How the bytes of the reports are to be read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// One encoding for every input (`--encoding`): no detection.
    pub encoding: Option<&'static Encoding>,
    /// Refuse a report rather than repair it (`--strict`): here, bytes its encoding cannot
    /// decode.
    pub strict: bool,
}

/// A report's text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// `\n` line endings, no BOM.
    pub text: String,
    pub decoding: Decoding,
}

/// Which encoding a report was read in, why, and what could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoding {
    pub encoding: &'static Encoding,
    pub how: How,
    /// Bytes that were not valid in `encoding`, read as U+FFFD.
    pub replaced: Option<Replaced>,
}

/// Why a report was read in its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Valid UTF-8, or UTF-8 with a few invalid bytes: the default, nothing to say.
    Utf8,
    /// A byte order mark says so.
    Bom,
    /// Not UTF-8: the encoding its bytes fit best.
    Detected,
    /// `--encoding` says so.
    Forced,
}

/// Bytes read as U+FFFD: how many, and on which lines of the decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub bytes: usize,
    /// 1-based, ascending, each once.
    pub lines: Vec<usize>,
}

impl Replaced {
    /// "line 3" or "lines 3, 9 and 12", at most ten named.
    pub fn lines_text(&self) -> String {
        const SHOWN: usize = 10;
        let shown: Vec<String> = self
            .lines
            .iter()
            .take(SHOWN)
            .map(|l| l.to_string())
            .collect();
        let more = self.lines.len().saturating_sub(SHOWN);
        match (shown.as_slice(), more) {
            ([one], 0) => format!("line {one}"),
            ([init @ .., last], 0) => format!("lines {} and {last}", init.join(", ")),
            (all, more) => format!("lines {} and {more} more", all.join(", ")),
        }
    }

    pub fn bytes_text(&self) -> String {
        match self.bytes {
            1 => "1 byte is".to_string(),
            n => format!("{n} bytes are"),
        }
    }
}

/// The encoding a name (`--encoding`) stands for: any WHATWG label (`shift_jis`, `sjis`,
/// `euc-jp`, `iso-2022-jp`, `utf-16le`, `latin1`, …) or a name iconv and Windows use for one
/// (`cp932`, `eucjp`, `utf16`); case and `-`/`_` do not matter. Unknown names give a message
/// that lists the usual ones.
pub fn encoding_for_name(name: &str) -> Result<&'static Encoding, String> {
    let wanted = name.trim().to_ascii_lowercase();
    let spelled = [
        wanted.clone(),
        wanted.replace('_', "-"),
        wanted.replace('-', "_"),
    ];
    let aliased = ALIASES
        .iter()
        .find(|(alias, _)| spelled.iter().any(|s| s == alias))
        .map(|&(_, e)| e);
    let found = aliased.or_else(|| {
        spelled
            .iter()
            // the "replacement" encoding reads a whole file as one U+FFFD: no use here
            .find_map(|s| Encoding::for_label_no_replacement(s.as_bytes()))
    });
    found.ok_or_else(|| {
        format!(
            "unknown encoding {name:?}; known ones include {} (any WHATWG encoding label works)",
            KNOWN.join(", ")
        )
    })
}

/// Names people use that are not WHATWG labels.
const ALIASES: &[(&str, &Encoding)] = &[
    ("cp932", SHIFT_JIS),
    ("windows-932", SHIFT_JIS),
    ("ibm-943", SHIFT_JIS),
    ("eucjp", EUC_JP),
    ("eucjp-ms", EUC_JP),
    ("euc-jp-ms", EUC_JP),
    ("cp51932", EUC_JP),
    ("iso2022jp", ISO_2022_JP),
    ("utf16", UTF_16LE),
    ("utf16le", UTF_16LE),
    ("utf16be", UTF_16BE),
    ("utf-16", UTF_16LE),
    ("cp1252", WINDOWS_1252),
    ("latin-1", WINDOWS_1252),
];

/// Shown when a name is not known.
const KNOWN: &[&str] = &[
    "utf-8",
    "shift_jis (cp932, sjis)",
    "euc-jp",
    "iso-2022-jp",
    "utf-16le",
    "utf-16be",
    "windows-1252 (latin1)",
    "gbk",
    "big5",
    "euc-kr",
];

/// Bytes to text, in the encoding `opts` forces or the one the bytes are in.
pub fn decode(path: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Decoded, SourceError> {
    let (encoding, how, start) = if let Some(forced) = opts.encoding {
        // the forced encoding's own BOM is no text; another's is the user's business
        let bom = match Encoding::for_bom(bytes) {
            Some((e, len)) if e == forced => len,
            _ => 0,
        };
        (forced, How::Forced, bom)
    } else if let Some((e, len)) = Encoding::for_bom(bytes) {
        (e, How::Bom, len)
    } else if let Some(text) = plain_utf8(bytes) {
        // the common case, in one pass
        return Ok(Decoded {
            text: normalise_newlines(text.to_string()),
            decoding: Decoding {
                encoding: UTF_8,
                how: How::Utf8,
                replaced: None,
            },
        });
    } else {
        let (e, how) = detect(path, bytes)?;
        (e, how, 0)
    };
    let (text, replaced) = decode_with(encoding, &bytes[start..]);
    if let Some(nul) = text.find('\0') {
        return Err(SourceError::Binary {
            path: path.to_string(),
            what: binary_what(bytes, &format!("NUL at line {}", line_at(&text, nul))),
        });
    }
    if let Some(share) = control_share(&text) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            what: binary_what(
                bytes,
                &format!(
                    "1 character in {share} is a control character when read as {}",
                    encoding.name()
                ),
            ),
        });
    }
    if let Some(replaced) = &replaced
        && opts.strict
    {
        return Err(SourceError::Undecodable {
            path: path.to_string(),
            encoding: encoding.name(),
            replaced: replaced.clone(),
        });
    }
    Ok(Decoded {
        text: normalise_newlines(text),
        decoding: Decoding {
            encoding,
            how,
            replaced,
        },
    })
}

/// The text, if the bytes are UTF-8 as they are: valid, no NUL (UTF-16 of ASCII is valid
/// UTF-8 with a NUL every other byte), and not ISO-2022-JP (7-bit, so valid UTF-8 too).
fn plain_utf8(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    if bytes.contains(&0) || (bytes.contains(&0x1B) && is_iso_2022_jp(bytes)) {
        return None;
    }
    Some(text)
}

fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true) == ISO_2022_JP
}

/// The encoding of bytes that are not plain UTF-8, or why they are not text.
fn detect(path: &str, bytes: &[u8]) -> Result<(&'static Encoding, How), SourceError> {
    if let Some(e) = utf16_without_bom(bytes) {
        return Ok((e, How::Detected));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            what: binary_what(bytes, &format!("NUL byte at line {}", line_of(bytes, nul))),
        });
    }
    if std::str::from_utf8(bytes).is_ok() {
        // valid UTF-8 that chardetng calls ISO-2022-JP
        return Ok((ISO_2022_JP, How::Detected));
    }
    if mostly_utf8(bytes) {
        return Ok((UTF_8, How::Utf8));
    }
    Ok((legacy(bytes), How::Detected))
}

/// The legacy encoding chardetng finds for bytes that are not UTF-8. The reports are Japanese
/// or English, and a short Japanese text can look like another language to a detector that
/// does not know that (`東京` in Shift_JIS is `“Ś‹ž` in windows-1250): when the guess is
/// neither windows-1252 nor Japanese, the guess for a Japanese site is taken instead if it is
/// a Japanese encoding that reads every byte into something that looks Japanese.
fn legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    if guess == WINDOWS_1252 || is_japanese(guess) {
        return guess;
    }
    let japanese = detector.guess(Some(b"jp"), false);
    if !is_japanese(japanese) {
        return guess;
    }
    match japanese.decode_without_bom_handling(bytes) {
        (text, false) if looks_japanese(bytes, &text) => japanese,
        _ => guess,
    }
}

/// Kana, the commonest characters of Japanese; or most non-ASCII bytes next to another, as in
/// a double-byte character. An English text with a few accented letters read as Shift_JIS has
/// neither: its high bytes sit between ASCII letters and make kanji or half-width katakana
/// (`Käldström` in windows-1252 reads `K臆dstr旦m`).
fn looks_japanese(bytes: &[u8], text: &str) -> bool {
    let kana = text.chars().any(|c| ('\u{3041}'..='\u{30FF}').contains(&c));
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let paired = bytes
        .windows(2)
        .filter(|w| w[0] >= 0x80 && w[1] >= 0x80)
        .count();
    kana || paired * 2 >= high
}

fn is_japanese(encoding: &'static Encoding) -> bool {
    encoding == SHIFT_JIS || encoding == EUC_JP || encoding == ISO_2022_JP
}

/// UTF-16 without a BOM: ASCII characters (at least the line breaks) put a zero byte in every
/// other position, high bytes in UTF-16BE, low bytes in UTF-16LE; the other half has few zeros
/// (U+3000, U+4E00 have a zero low byte), and the whole decodes with no unpaired surrogate,
/// hardly any control character (a report may hold a stray backspace) and a line break.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let (encoding, zeros, others) = if odd > even {
        (UTF_16LE, odd, even)
    } else {
        (UTF_16BE, even, odd)
    };
    if zeros == 0 || others * 4 > zeros {
        return None;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    // a report has lines; a few bytes with a zero in them are no evidence of UTF-16
    let text_like = !had_errors && control_share(&text).is_none() && text.contains('\n');
    text_like.then_some(encoding)
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 with a few bad bytes (a paste from
/// a PDF) rather than another encoding: at least two valid multi-byte characters for each
/// invalid sequence. In windows-1252 text almost no sequence is valid UTF-8; Japanese reports
/// in Shift_JIS have about one for every six invalid ones, in EUC-JP one for every three; a
/// UTF-8 report with three stray bytes has hundreds to each. Measured on 20-character pieces
/// of Japanese reports, 0.2% of pieces in Shift_JIS or EUC-JP pass the bar, none of 50
/// characters or more; an English report with a few curly quotes and as many stray bytes
/// passes it, one with fewer goes to the detector (and reads as windows-1252).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += non_ascii_chars(s.as_bytes());
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += non_ascii_chars(good);
                invalid += 1;
                rest = &bad[e.error_len().unwrap_or(bad.len())..];
            }
        }
    }
    valid >= MOSTLY_UTF8 * invalid
}

/// How many valid multi-byte UTF-8 characters there must be for each invalid sequence.
const MOSTLY_UTF8: usize = 2;

/// Characters that are not ASCII in valid UTF-8: their lead bytes.
fn non_ascii_chars(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// Decodes, replacing what is not valid with U+FFFD and noting where.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, Option<Replaced>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut bad_bytes = 0;
    let mut bad_offsets = Vec::new();
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(rest.len().max(16) * 3),
            DecoderResult::Malformed(len, _) => {
                bad_bytes += usize::from(len);
                bad_offsets.push(text.len());
                text.push('\u{FFFD}');
            }
        }
    }
    let replaced = (!bad_offsets.is_empty()).then(|| {
        let mut lines = lines_at(&text, &bad_offsets);
        lines.dedup();
        Replaced {
            bytes: bad_bytes.max(1),
            lines,
        }
    });
    (text, replaced)
}

/// Above this share of control characters (other than tab, line breaks and form feed), a
/// decoded file is not text: `Some(n)` for "one character in n".
fn control_share(text: &str) -> Option<usize> {
    let (mut chars, mut controls) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        controls += usize::from(c.is_control() && !is_space_control(c));
    }
    (controls >= 2 && controls * 20 > chars).then(|| chars / controls)
}

/// Control characters that text holds: tab, line breaks, form feed.
fn is_space_control(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\x0C')
}

/// What a binary file is, by its first bytes when they say, else `fallback`.
fn binary_what(bytes: &[u8], fallback: &str) -> String {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1A\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (
            b"PK\x03\x04",
            "a ZIP archive, as .docx, .xlsx, .pptx and .epub files are",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "an ELF executable"),
        (b"SQLite format 3\0", "an SQLite database"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Office document (.doc, .xls, .ppt)",
        ),
    ];
    let webp = bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP";
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
        .or(webp.then_some("a WebP image"))
        .unwrap_or(fallback)
        .to_string()
}

/// `\r\n` and `\r` become `\n`.
pub(super) fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// 1-based line of a byte offset in decoded text, counting line breaks as
/// `normalise_newlines` will leave them (`\r\n` is one).
fn line_at(text: &str, offset: usize) -> usize {
    lines_at(text, &[offset])[0]
}

/// `line_at` of ascending offsets, in one pass.
fn lines_at(text: &str, offsets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(offsets.len());
    let (mut line, mut at) = (1, 0);
    for &offset in offsets {
        let end = offset.min(bytes.len());
        while at < end {
            let lone_cr = bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n');
            line += usize::from(bytes[at] == b'\n' || lone_cr);
            at += 1;
        }
        lines.push(line);
    }
    lines
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Decoded, SourceError> {
        decode("t.md", bytes, &ReadOptions::default())
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text:?} is not all {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn plain_bom_and_newlines() {
        let rows: [(&[u8], &str, &Encoding, How); 7] = [
            (b"plain", "plain", UTF_8, How::Utf8),
            (b"", "", UTF_8, How::Utf8),
            (b"\xEF\xBB\xBFbom", "bom", UTF_8, How::Bom),
            (b"a\r\nb\rc", "a\nb\nc", UTF_8, How::Utf8),
            (b"\xFF\xFEh\0i\0", "hi", UTF_16LE, How::Bom),
            (b"\xFE\xFF\0h\0i", "hi", UTF_16BE, How::Bom),
            ("東京\r\n".as_bytes(), "東京\n", UTF_8, How::Utf8),
        ];
        for (bytes, text, encoding, how) in rows {
            let d = read(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
            assert_eq!(
                (d.text.as_str(), d.decoding.encoding, d.decoding.how),
                (text, encoding, how),
                "{bytes:?}"
            );
            assert_eq!(d.decoding.replaced, None);
        }
    }

    #[test]
    fn japanese_encodings_and_utf16_are_detected() {
        let text = "# 勉強会レポート\n\n## サーバーレスの話\n\n登壇者: 山田 太郎さん\n\nAWS Lambda と Amazon ECS を使いました。\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let rows: Vec<(Vec<u8>, &Encoding)> = vec![
            (encode(encoding_rs::SHIFT_JIS, text), encoding_rs::SHIFT_JIS),
            (encode(encoding_rs::EUC_JP, text), encoding_rs::EUC_JP),
            (encode(ISO_2022_JP, text), ISO_2022_JP),
            (le, UTF_16LE),
            (be, UTF_16BE),
        ];
        for (bytes, want) in rows {
            let d = read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", want.name()));
            assert_eq!(d.decoding.encoding, want);
            assert_eq!(d.decoding.how, How::Detected);
            assert_eq!(d.text, text, "{}", want.name());
            assert_eq!(d.decoding.replaced, None);
        }
        // with a stray backspace, as a real report has, and CRLF line ends
        let text = text.replace("サーバーレス", "サーバー\u{8}レス");
        for written in [text.clone(), text.replace('\n', "\r\n")] {
            let le: Vec<u8> = written.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let d = read(&le).unwrap_or_else(|e| panic!("{written:?}: {e}"));
            assert_eq!(
                (d.text.as_str(), d.decoding.encoding),
                (text.as_str(), UTF_16LE)
            );
        }
    }

    #[test]
    fn stray_bytes_in_utf8_are_replaced_and_placed() {
        let stray = [
            "日本語\nの".as_bytes(),
            b"\xFF",
            "テキスト\nです\n".as_bytes(),
        ]
        .concat();
        let rows: [(&[u8], &str, usize, &[usize]); 4] = [
            (
                &stray,
                "日本語\nの\u{FFFD}テキスト\nです\n",
                1,
                &[2],
            ),
            (
                b"\xE6\x97\xA5\xE6\x9C\xAC\xE6\x97\xA5\xE6\x9C\xAC\n\xFF\xFE\r\n\xE8\xAA\x9E\xE8\xAA\x9E\x80\n",
                "日本日本\n\u{FFFD}\u{FFFD}\n語語\u{FFFD}\n",
                3,
                &[2, 3],
            ),
            // a truncated last character
            (
                b"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\xE8\xAA\x9E\xE8\xAA\x9E\xE8\xAA\x9E",
                "日本\u{FFFD}語語語",
                2,
                &[1],
            ),
            // a lone CR is a line break for the count as for the text
            (
                b"\xE6\x97\xA5\r\xE6\x9C\xAC\r\xE8\xAA\x9E\xE8\xAA\x9E\xE8\xAA\x9E\xC0",
                "日\n本\n語語語\u{FFFD}",
                1,
                &[3],
            ),
        ];
        for (bytes, text, count, lines) in rows {
            let d = read(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
            assert_eq!(d.text, text);
            assert_eq!((d.decoding.encoding, d.decoding.how), (UTF_8, How::Utf8));
            assert_eq!(
                d.decoding.replaced,
                Some(Replaced {
                    bytes: count,
                    lines: lines.to_vec()
                }),
                "{text:?}"
            );
            let strict = decode(
                "t.md",
                bytes,
                &ReadOptions {
                    strict: true,
                    ..ReadOptions::default()
                },
            );
            match strict {
                Err(SourceError::Undecodable { replaced, .. }) => {
                    assert_eq!(replaced.lines, lines)
                }
                other => panic!("--strict read {text:?}: {other:?}"),
            }
        }
    }

    /// Short texts give a detector little to go on. Each row is what `graph` reads; where that
    /// is wrong the row says so, and `--encoding` is the way out.
    #[test]
    fn short_texts_where_the_guess_can_be_wrong() {
        // (text, its encoding, what it is read as, read right)
        let rows: [(&str, &Encoding, &Encoding, bool); 13] = [
            ("テスト", SHIFT_JIS, SHIFT_JIS, true),
            ("勉強会", SHIFT_JIS, SHIFT_JIS, true),
            // chardetng alone says windows-1250 ("“Ś‹ž"); the reports are Japanese or English
            ("東京", SHIFT_JIS, SHIFT_JIS, true),
            ("# 日本語\n", SHIFT_JIS, SHIFT_JIS, true),
            ("東京", EUC_JP, EUC_JP, true),
            ("登壇者", EUC_JP, EUC_JP, true),
            ("勉強会", ISO_2022_JP, ISO_2022_JP, true),
            ("Café crème", WINDOWS_1252, WINDOWS_1252, true),
            ("He said “hi” – twice", WINDOWS_1252, WINDOWS_1252, true),
            // chardetng says windows-1250 (£ reads Ł); the Shift_JIS reading it would give
            // for a Japanese site (`K臆dstr旦m`, `｣PICTURE｣`) is no Japanese
            (
                "## Lucas Käldström\nsee £PICTURE£\n",
                WINDOWS_1252,
                encoding_rs::WINDOWS_1250,
                false,
            ),
            // half-width katakana alone are valid two-byte EUC-JP as well
            ("ｶﾀｶﾅ", SHIFT_JIS, EUC_JP, false),
            // 発表 in EUC-JP is C8 AF C9 BD, which is valid UTF-8 ("ȯɽ"): UTF-8 wins
            ("発表", EUC_JP, UTF_8, false),
            // a longer text in EUC-JP is read right
            ("発表の資料と感想", EUC_JP, EUC_JP, true),
        ];
        for (text, encoding, read_as, right) in rows {
            let d = read(&encode(encoding, text)).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                d.decoding.encoding,
                read_as,
                "{text:?} in {}",
                encoding.name()
            );
            assert_eq!(d.text == text, right, "{text:?} read as {:?}", d.text);
        }
    }

    #[test]
    fn mixed_files_are_read_as_their_larger_part() {
        // a UTF-8 report with a line pasted from a Shift_JIS file: UTF-8, that line replaced
        let utf8 = "# 勉強会レポート\n\n## サーバーレスの話\n\n登壇者: 山田さん\n\n";
        let bytes = [
            utf8.as_bytes(),
            &encode(SHIFT_JIS, "メモ\n"),
            "Lambda の話でした。\n".as_bytes(),
        ]
        .concat();
        let d = read(&bytes).expect("reads");
        assert_eq!(d.decoding.encoding, UTF_8);
        assert_eq!(d.decoding.replaced.map(|r| r.lines), Some(vec![7]));
        assert!(d.text.starts_with(utf8) && d.text.ends_with("Lambda の話でした。\n"));
        // an English UTF-8 report with curly quotes and as many stray bytes
        let bytes = [
            "# “Serverless” — notes\n".as_bytes(),
            b"\xA0\n",
            "by Ana’s team\n".as_bytes(),
        ]
        .concat();
        let d = read(&bytes).expect("reads");
        assert_eq!(d.decoding.encoding, UTF_8);
        assert_eq!(d.decoding.replaced.map(|r| r.lines), Some(vec![2]));
    }

    #[test]
    fn broken_utf16_is_replaced_not_refused() {
        let rows: [(&[u8], &str, &[usize]); 2] = [
            // an unpaired surrogate on line 2
            (b"\xFF\xFEa\0\n\0\x00\xD8b\0", "a\n\u{FFFD}b", &[2]),
            // an odd last byte
            (b"\xFF\xFE#\0 ", "#\u{FFFD}", &[1]),
        ];
        for (bytes, text, lines) in rows {
            let d = read(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
            assert_eq!((d.text.as_str(), d.decoding.encoding), (text, UTF_16LE));
            assert_eq!(d.decoding.replaced.map(|r| r.lines), Some(lines.to_vec()));
        }
    }

    #[test]
    fn forced_encodings() {
        let sjis = encode(encoding_rs::SHIFT_JIS, "テスト\n");
        let forced = |name: &str, bytes: &[u8]| {
            let opts = ReadOptions {
                encoding: Some(encoding_for_name(name).expect("known")),
                strict: false,
            };
            decode("t.md", bytes, &opts).map(|d| (d.text, d.decoding.how, d.decoding.replaced))
        };
        assert_eq!(
            forced("cp932", &sjis).ok(),
            Some(("テスト\n".to_string(), How::Forced, None))
        );
        // valid UTF-8 read as windows-1252, because the user said so
        assert_eq!(
            forced("latin1", "é".as_bytes()).ok().map(|r| r.0),
            Some("Ã©".to_string())
        );
        // the forced encoding's BOM goes, bytes it cannot read are replaced and placed
        let read = forced("utf-8", b"\xEF\xBB\xBFa\n\xFF").ok();
        assert_eq!(read.as_ref().map(|r| r.0.as_str()), Some("a\n\u{FFFD}"));
        assert_eq!(read.and_then(|r| r.2).map(|r| r.lines), Some(vec![2]));
    }

    #[test]
    fn encoding_names() {
        let rows: [(&str, Option<&Encoding>); 12] = [
            ("Shift_JIS", Some(encoding_rs::SHIFT_JIS)),
            ("sjis", Some(encoding_rs::SHIFT_JIS)),
            ("CP932", Some(encoding_rs::SHIFT_JIS)),
            ("euc_jp", Some(encoding_rs::EUC_JP)),
            ("eucJP", Some(encoding_rs::EUC_JP)),
            ("ISO-2022-JP", Some(ISO_2022_JP)),
            ("utf16", Some(UTF_16LE)),
            ("UTF-16BE", Some(UTF_16BE)),
            ("utf8", Some(UTF_8)),
            ("latin1", Some(encoding_rs::WINDOWS_1252)),
            // the WHATWG "replacement" encoding is no encoding to read a file in
            ("iso-2022-kr", None),
            ("klingon", None),
        ];
        for (name, want) in rows {
            assert_eq!(encoding_for_name(name).ok(), want, "{name}");
        }
        let message = encoding_for_name("klingon").expect_err("unknown");
        assert!(
            message.contains("\"klingon\"") && message.contains("shift_jis"),
            "{message}"
        );
    }

    #[test]
    fn binary_files_are_refused_with_a_reason() {
        let mut png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR".to_vec();
        png.extend((0..=255u8).cycle().take(600));
        let rows: [(Vec<u8>, &str); 6] = [
            (png, "a PNG image"),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec(), "a JPEG image"),
            (b"PK\x03\x04\x14\0\x06\0".to_vec(), "a ZIP archive"),
            (b"a\nb\n\0c".to_vec(), "NUL byte at line 3"),
            (b"\x7fELF\x02\x01\x01\x00\x00".to_vec(), "an ELF executable"),
            // no NUL, but control characters in any reading
            (
                (1..=255u8).cycle().take(2_000).collect(),
                "is a control character",
            ),
        ];
        for (bytes, why) in rows {
            match read(&bytes) {
                Err(e @ SourceError::Binary { .. }) => {
                    let message = e.to_string();
                    assert!(
                        message.contains(why) && message.contains("t.md"),
                        "{message}"
                    );
                }
                other => panic!("{why}: {other:?}"),
            }
        }
        // forced into an encoding, a binary is still no text
        let opts = ReadOptions {
            encoding: Some(UTF_16LE),
            strict: false,
        };
        assert!(matches!(
            decode("t.md", &[0u8; 64], &opts),
            Err(SourceError::Binary { .. })
        ));
    }

    #[test]
    fn lines_text() {
        let rows: [(&[usize], &str); 4] = [
            (&[3], "line 3"),
            (&[3, 9], "lines 3 and 9"),
            (&[3, 9, 12], "lines 3, 9 and 12"),
            (
                &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
                "lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more",
            ),
        ];
        for (lines, want) in rows {
            let r = Replaced {
                bytes: 1,
                lines: lines.to_vec(),
            };
            assert_eq!(r.lines_text(), want);
        }
    }
}

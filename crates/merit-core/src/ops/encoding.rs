//! Which encoding a CSV export is in, when neither a BOM nor `--encoding`
//! says: UTF-8 or GBK (GB18030, which reads GBK and GB2312 too), told
//! apart by Firefox's detector (`chardetng`) rather than by "valid UTF-8
//! means UTF-8" — GBK bytes of some names (`谢伟`, `叶志强`) are valid
//! UTF-8 too, and would import as `лΰ`. A file both readings fit, and the
//! detector cannot settle, is refused: the lead says `--encoding`.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

/// How many bytes the detection reads: the same head decides for the
/// streamed import and the translated one.
pub const SNIFF: usize = 64 * 1024;

/// What the bytes are, as far as detection goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// A BOM says.
    Bom(&'static Encoding),
    Utf8,
    /// GBK or GB18030.
    Gb18030,
    /// Both readings fit and nothing settles it.
    Ambiguous,
    /// Neither UTF-8 nor GBK (broken UTF-8, whose cells the import names).
    Neither,
}

/// Detects the encoding of `head`, the first bytes of a file (`complete`:
/// the whole file; else a character cut at its end is not an error).
pub fn detect(head: &[u8], complete: bool) -> Detected {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return Detected::Bom(enc);
    }
    let utf8 = match std::str::from_utf8(head) {
        Ok(s) => Some(s),
        // Cut inside a character at the end of the sniffed part: still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => {
            std::str::from_utf8(&head[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    };
    let gbk = decodes_cleanly(head, complete);
    match (utf8, gbk) {
        (Some(text), _) if text.is_ascii() => Detected::Utf8,
        (Some(_), false) => Detected::Utf8,
        (None, true) => Detected::Gb18030,
        (None, false) => Detected::Neither,
        (Some(text), true) => settle(head, text, complete),
    }
}

/// Both readings fit: the detector says whether GBK is a plausible legacy
/// reading at all (for a Chinese export); if it is, the UTF-8 reading is
/// held to what a Chinese export holds.
fn settle(head: &[u8], utf8: &str, complete: bool) -> Detected {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(head, complete);
    let legacy = detector.guess(Some(b"cn"), Utf8Detection::Deny);
    if legacy != GBK && legacy != GB18030 {
        return Detected::Utf8;
    }
    // What the UTF-8 reading holds beyond ASCII: Chinese text; letters of
    // a Latin script inside a word (`Café`, `Núñez`) and general
    // punctuation, which a GBK file read as UTF-8 does not make; and the
    // rest, which it does (`лΰ` of `谢伟`).
    let (mut chinese, mut latin, mut foreign) = (0usize, 0usize, 0usize);
    let chars: Vec<char> = utf8.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_latin_letter(c) {
            // A run of such letters, in a word if an ASCII letter touches it.
            let end = (i..chars.len())
                .find(|&j| !is_latin_letter(chars[j]))
                .unwrap_or(chars.len());
            let letter = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_ascii_alphabetic())
            };
            if letter(i.checked_sub(1)) || letter(Some(end)) {
                latin += end - i;
            } else {
                foreign += end - i;
            }
            i = end;
            continue;
        }
        if !c.is_ascii() {
            if is_chinese_text(c) {
                chinese += 1;
            } else if is_punctuation(c) {
                latin += 1;
            } else {
                foreign += 1;
            }
        }
        i += 1;
    }
    match (chinese, latin, foreign) {
        (_, _, 0) => Detected::Utf8,
        (0, 0, _) => Detected::Gb18030,
        _ => Detected::Ambiguous,
    }
}

/// A letter of a Latin script beyond ASCII (`é`, `ü`, `ñ`, `ł`): in a
/// word with ASCII letters, a name such as `Café Müller` in UTF-8. (The
/// same bytes read as GBK make `Caf茅 M眉ller`, an ideograph inside a Latin
/// word; GBK names read as UTF-8 make such letters alone, between commas.)
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}') && c != '×' && c != '÷'
}

/// General punctuation (`’`, `–`, the bidi controls): three bytes in
/// UTF-8 that GBK text seldom makes.
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}')
}

/// Characters a Chinese CRM export holds beyond ASCII: ideographs, CJK
/// and full-width punctuation, the yuan sign, the middle dot of names.
fn is_chinese_text(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{2014}' | '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{00B7}' | '\u{00A5}'
        | '\u{20AC}')
}

/// Whether `bytes` read as GB18030 without an error.
fn decodes_cleanly(bytes: &[u8], complete: bool) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(0);
    let mut out = String::with_capacity(room);
    let (_, _, errors) = decoder.decode_to_string(bytes, &mut out, complete);
    !errors
}

/// The encoding detection settles on, for decoding the whole file.
pub fn encoding_of(d: Detected) -> Option<&'static Encoding> {
    match d {
        Detected::Bom(e) => Some(e),
        Detected::Utf8 | Detected::Neither => Some(UTF_8),
        Detected::Gb18030 => Some(GB18030),
        Detected::Ambiguous => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GBK.encode(s).0.into_owned()
    }

    #[test]
    fn gbk_names_whose_bytes_are_valid_utf8_are_gbk() {
        // `茅眉` in GBK reads as UTF-8 `éü`: Latin letters, but alone.
        for name in ["谢伟", "叶志强", "茅眉"] {
            let csv = format!("code,name,team\nXW,{name},East\n");
            let bytes = gbk(&csv);
            assert!(std::str::from_utf8(&bytes).is_ok(), "{name}");
            assert_eq!(detect(&bytes, true), Detected::Gb18030, "{name}");
        }
    }

    #[test]
    fn utf8_chinese_stays_utf8() {
        for text in [
            "code,name,team\nZW,张伟,华东\n",
            "ref,金额（元）\nD-1,1\n",
            "a,b\n1,2\n",
        ] {
            assert_eq!(detect(text.as_bytes(), true), Detected::Utf8, "{text}");
        }
        let long = "code,name,team\n".to_string() + &"ZW,张伟,华东一区\n".repeat(5000);
        assert_eq!(detect(&long.as_bytes()[..SNIFF], false), Detected::Utf8);
    }

    #[test]
    fn utf8_latin_names_stay_utf8() {
        // Both readings fit these: GBK would make `Caf茅 M眉ller`.
        for text in [
            "code,name,team\nLM,Café Müller,East\nJO,José Núñez,West\n",
            "code,name,team\nAK,Anna Kowalska-Łęcka,East\n",
            "code,name,team\nX1,\u{202E}abc,East\n",
        ] {
            assert!(decodes_cleanly(text.as_bytes(), true), "{text}");
            assert_eq!(detect(text.as_bytes(), true), Detected::Utf8, "{text}");
        }
    }

    #[test]
    fn a_file_both_readings_fit_with_both_scripts_is_ambiguous() {
        let text = "code,name,team\nZW,张伟лΰ,East\n";
        assert_eq!(detect(text.as_bytes(), true), Detected::Ambiguous);
        assert_eq!(encoding_of(Detected::Ambiguous), None);
    }

    #[test]
    fn gbk_that_is_not_utf8_is_gbk() {
        assert_eq!(
            detect(&gbk("负责人,金额\n张伟,1\n"), true),
            Detected::Gb18030
        );
    }
}

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
    let (mut chinese, mut foreign) = (0usize, 0usize);
    for c in utf8.chars().filter(|c| !c.is_ascii()) {
        if is_chinese_text(c) {
            chinese += 1;
        } else {
            foreign += 1;
        }
    }
    match (chinese, foreign) {
        (_, 0) => Detected::Utf8,
        (0, _) => Detected::Gb18030,
        _ => Detected::Ambiguous,
    }
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
        for name in ["谢伟", "叶志强"] {
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

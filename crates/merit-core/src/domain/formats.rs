//! The forms CRM exports write dates and amounts in, read exactly: dates
//! `2026-03-05`, `2026/3/5`, `2026.3.5`, `2026年3月5日` (and Excel's day
//! numbers, given as a calendar day by the workbook reader); amounts with
//! thousands separators, a currency sign (`¥`, `￥`, `$`, `RMB`) and
//! full-width digits. What comes out is held to the one range (`limits`).

use super::limits;
use crate::message::Msg;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Full-width digits, signs and separators as their ASCII forms.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '／' => '/',
            '　' => ' ',
            c => c,
        })
        .collect()
}

/// A date in any of the CRM forms above.
pub fn flexible_date(s: &str) -> Result<NaiveDate, Msg> {
    let t = half_width(s.trim());
    let parts: Vec<&str> = if let Some(rest) = t.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else if t.contains('/') {
        t.split('/').collect()
    } else if t.contains('.') {
        t.split('.').collect()
    } else {
        return super::parse_date(&t);
    };
    let bad = || crate::msg!("value-not-a-crm-date", value = s.trim());
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    };
    if y.len() != 4 || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return Err(bad());
    }
    let date = NaiveDate::from_ymd_opt(
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    )
    .ok_or_else(|| crate::msg!("value-not-a-calendar-date", value = s.trim()))?;
    limits::check_date(date)
}

/// An amount with thousands separators, a currency sign or full-width
/// digits: `¥1,234.50`, `RMB 1,000`, `１２３４`, `-$5`.
pub fn flexible_amount(s: &str) -> Result<Decimal, Msg> {
    let not_an_amount = || crate::msg!("value-not-an-amount", value = s.trim());
    let t = half_width(s.trim());
    let mut t = t.replace(' ', "");
    let negative = t.starts_with('-');
    if negative {
        t.remove(0);
    }
    for sign in ["RMB", "CNY", "¥", "￥", "$", "元"] {
        if let Some(rest) = t.strip_prefix(sign) {
            t = rest.to_string();
        }
        if let Some(rest) = t.strip_suffix(sign) {
            t = rest.to_string();
        }
    }
    // Separators only between groups of three digits before the point.
    let int_part = t.split('.').next().unwrap_or("");
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(not_an_amount());
        }
        t = t.replacen(int_part, &int_part.replace(',', ""), 1);
    }
    if negative {
        t.insert(0, '-');
    }
    // A number past the range is said as such (it was "not an amount").
    super::parse_decimal(&t).map_err(|e| match e.names("value-too-large") {
        true => crate::msg!("value-too-large", value = s.trim(), max = limits::max_abs()),
        false => not_an_amount(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        super::super::parse_date(s).unwrap()
    }

    #[test]
    fn dates_in_every_crm_form() {
        for s in [
            "2026-03-05",
            "2026/3/5",
            "2026/03/05",
            "2026.3.5",
            "2026年3月5日",
            "２０２６年３月５日",
        ] {
            assert_eq!(flexible_date(s), Ok(d("2026-03-05")), "{s}");
        }
        for bad in [
            "3/5/2026",
            "2026/13/1",
            "2026年3月",
            "26/3/5",
            "2026/3/5/1",
            "1899/1/1",
            "",
        ] {
            assert!(flexible_date(bad).is_err(), "{bad}");
        }
    }

    /// An amount past ±10^15 is said to be too large, quoting the cell.
    #[test]
    fn an_amount_past_the_range_is_too_large() {
        let e = flexible_amount("$1,000,000,000,000,000.01").unwrap_err();
        assert!(e.names("value-too-large"), "{e:?}");
        assert!(
            format!("{e:?}").contains("$1,000,000,000,000,000.01"),
            "{e:?}"
        );
        assert!(flexible_amount("$1,000,000,000,000,000.00").is_ok());
    }

    #[test]
    fn amounts_with_signs_separators_and_full_width_digits() {
        let a = |s: &str| flexible_amount(s).map(|d| d.to_string());
        assert_eq!(a("¥1,234.50"), Ok("1234.50".into()));
        assert_eq!(a("￥1,234.50"), Ok("1234.50".into()));
        assert_eq!(a("RMB 1,000"), Ok("1000".into()));
        assert_eq!(a("$12"), Ok("12".into()));
        assert_eq!(a("-¥5"), Ok("-5".into()));
        assert_eq!(a("１２３４．５"), Ok("1234.5".into()));
        assert_eq!(a("1,234,567"), Ok("1234567".into()));
        for bad in [
            "1,23",
            "12,34.5",
            "¥",
            "abc",
            "1.2.3",
            "2,000,000,000,000,000",
        ] {
            assert!(flexible_amount(bad).is_err(), "{bad}");
        }
    }
}

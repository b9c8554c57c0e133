//! Timestamps: `formatdate`, `timeadd`, `timecmp`, on RFC 3339 text as
//! Terraform reads and writes it (Go's `time.Parse(time.RFC3339, ...)`,
//! `time.ParseDuration` and `Format(time.RFC3339)`).
//!
//! The calendar arithmetic is the `time` crate's; parsing is written here
//! because Go's RFC 3339 reader is its own (two-digit hours, `.` before the
//! fraction, offsets below 24:00, at most nine fraction digits kept and the
//! rest dropped), and a crate's reader accepts other texts. Years outside
//! 0000–9999 (reachable with `timeadd`) are Unknown: Go writes them in a
//! form of its own.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

use super::Call;
use crate::model::Val;

pub const NAMES: &[&str] = &["formatdate", "timeadd", "timecmp"];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    if c.args.len() != 2 {
        return None;
    }
    match name {
        "formatdate" => {
            let format = c.str(0)?;
            // A format is read once: a step per 64 bytes.
            if !c.budget().steps(format.len() as u64 / 64 + 1, c.span) {
                return None;
            }
            // Verbs write more than they take (`Z` is `+05:30`): the text
            // stops growing just past the largest value, which `string` refuses.
            let max = crate::eval::budget::MAX_VALUE_BYTES as usize;
            c.string(format_date(&format, &parse_timestamp(&c.str(1)?)?, max)?)
        }
        "timeadd" => {
            let t = parse_timestamp(&c.str(0)?)?;
            let d = parse_duration(&c.str(1)?)?;
            c.string(rfc3339(&t.checked_add(Duration::nanoseconds(d))?)?)
        }
        _ => {
            let (a, b) = (parse_timestamp(&c.str(0)?)?, parse_timestamp(&c.str(1)?)?);
            c.num(a.cmp(&b) as i8 as f64)
        }
    }
}

/// An RFC 3339 timestamp as Go's fast reader takes it:
/// `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`, nothing more or less.
pub fn parse_timestamp(s: &str) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let year = digits(&b[0..4], 0, 9999)?;
    let month = Month::try_from(digits(&b[5..7], 1, 12)? as u8).ok()?;
    let day = digits(&b[8..10], 1, 31)?;
    let (hour, minute, second) = (digits(&b[11..13], 0, 23)?, digits(&b[14..16], 0, 59)?, digits(&b[17..19], 0, 59)?);
    let mut rest = &b[19..];
    let mut nanos = 0;
    if rest.len() >= 2 && rest[0] == b'.' && rest[1].is_ascii_digit() {
        let n = 1 + rest[1..].iter().take_while(|d| d.is_ascii_digit()).count();
        // Nine digits are kept, the rest dropped (not rounded).
        let kept = &rest[1..n.min(10)];
        nanos = digits(kept, 0, 999_999_999)? * 10u32.pow(9 - kept.len() as u32);
        rest = &rest[n..];
    }
    let offset = match rest {
        b"Z" => UtcOffset::UTC,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2], 0, 23)? as i8, digits(&[*m1, *m2], 0, 59)? as i8);
            let k = if *sign == b'-' { -1 } else { 1 };
            UtcOffset::from_hms(k * h, k * m, 0).ok()?
        }
        _ => return None,
    };
    let date = Date::from_calendar_date(year as i32, month, day as u8).ok()?;
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// ASCII digits as a number within `min..=max`.
fn digits(b: &[u8], min: u32, max: u32) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (min..=max).contains(&n).then_some(n)
}

/// Go's `time.ParseDuration`, in nanoseconds: `[-+]?([0-9]*(\.[0-9]*)?unit)+`
/// with units `ns`, `us` (`µs`, `μs`), `ms`, `s`, `m`, `h`; `"0"` alone is
/// zero; more than about 292 years is an error.
pub fn parse_duration(s: &str) -> Option<i64> {
    const LIMIT: u64 = 1 << 63;
    let (neg, mut s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if s == "0" {
        return Some(0);
    }
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return None;
        }
        // The whole part; overflowing it is an error.
        let int_len = b.iter().take_while(|d| d.is_ascii_digit()).count();
        let mut whole: u64 = 0;
        for d in &b[..int_len] {
            if whole > LIMIT / 10 {
                return None;
            }
            whole = whole * 10 + u64::from(d - b'0');
            if whole > LIMIT {
                return None;
            }
        }
        s = &s[int_len..];
        // The fraction: digits past what fits are ignored.
        let (mut frac, mut scale, mut frac_len) = (0u64, 1f64, None);
        if s.as_bytes().first() == Some(&b'.') {
            s = &s[1..];
            let n = s.bytes().take_while(u8::is_ascii_digit).count();
            let mut overflow = false;
            for d in s[..n].bytes() {
                if overflow || frac > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let y = frac * 10 + u64::from(d - b'0');
                if y > LIMIT {
                    overflow = true;
                    continue;
                }
                frac = y;
                scale *= 10.0;
            }
            frac_len = Some(n);
            s = &s[n..];
        }
        if int_len == 0 && frac_len.unwrap_or(0) == 0 {
            return None;
        }
        let unit_len = s.bytes().take_while(|c| !(*c == b'.' || c.is_ascii_digit())).count();
        let unit: u64 = match &s[..unit_len] {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        s = &s[unit_len..];
        if whole > LIMIT / unit {
            return None;
        }
        let mut v = whole * unit;
        if frac > 0 {
            // As Go does it: through f64, exact to the nanosecond for hours.
            v += (frac as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return None;
            }
        }
        total += v;
        if total > LIMIT {
            return None;
        }
    }
    match (neg, total) {
        (true, LIMIT) => Some(i64::MIN),
        (true, t) => Some(-(t as i64)),
        (false, t) if t < LIMIT => Some(t as i64),
        _ => None,
    }
}

/// `Format(time.RFC3339)`: seconds (the fraction dropped) and the offset as
/// read (`Z` for zero).
fn rfc3339(t: &OffsetDateTime) -> Option<String> {
    if !(0..=9999).contains(&t.year()) {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        offset(t.offset(), true, true)
    ))
}

/// An offset as Go writes `Z07:00` (`z` and `colon`), `-07:00`, `-0700`.
fn offset(o: UtcOffset, z: bool, colon: bool) -> String {
    if z && o.is_utc() {
        return "Z".into();
    }
    let sign = if o.is_negative() { '-' } else { '+' };
    let (h, m) = (o.whole_hours().unsigned_abs(), o.minutes_past_hour().unsigned_abs());
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

/// `formatdate(spec, t)`: letters are verbs (repeated, a longer form), text
/// in `'...'` is literal (`''` is a quote), anything else is copied. An
/// unknown verb or an unterminated quote is an error.
/// Stops once the text is longer than `max` bytes.
fn format_date(spec: &str, t: &OffsetDateTime, max: usize) -> Option<String> {
    let b = spec.as_bytes();
    let mut out = Vec::with_capacity(b.len().min(max) + 16);
    let mut i = 0;
    while i < b.len() && out.len() <= max {
        let start = i;
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                out.push(b'\'');
                i += 2;
                continue;
            }
            // Up to the closing quote (a doubled quote inside is one quote),
            // or to the end, where the text must end with a quote.
            i += 1;
            let mut closed = false;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    closed = true;
                    break;
                }
                i += 1;
            }
            let tok = &b[start..i];
            if !closed && (tok.len() == 1 || tok[tok.len() - 1] != b'\'') {
                return None;
            }
            let raw = &tok[1..tok.len() - 1];
            let mut j = 0;
            while j < raw.len() {
                out.push(raw[j]);
                j += if raw[j] == b'\'' { 2 } else { 1 };
            }
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i] == b[start] {
                i += 1;
            }
            out.extend_from_slice(verb(b[start], i - start, t)?.as_bytes());
        } else {
            while i < b.len() && b[i] != b'\'' && !b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.extend_from_slice(&b[start..i]);
        }
    }
    String::from_utf8(out).ok()
}

/// One verb, `letter` repeated `n` times.
fn verb(letter: u8, n: usize, t: &OffsetDateTime) -> Option<String> {
    let num = |v: u32| match n {
        1 => Some(v.to_string()),
        2 => Some(format!("{v:02}")),
        _ => None,
    };
    let hour12 = match t.hour() % 12 {
        0 => 12,
        h => h,
    };
    match letter {
        b'Y' => match n {
            2 => Some(format!("{:02}", t.year() % 100)),
            4 => Some(format!("{:04}", t.year())),
            _ => None,
        },
        b'M' => match n {
            3 => Some(month_name(t.month())[..3].to_string()),
            4 => Some(month_name(t.month()).to_string()),
            _ => num(t.month() as u32),
        },
        b'D' => num(u32::from(t.day())),
        b'E' => match n {
            3 => Some(weekday_name(t.weekday())[..3].to_string()),
            4 => Some(weekday_name(t.weekday()).to_string()),
            _ => None,
        },
        b'h' => num(u32::from(t.hour())),
        b'H' => num(u32::from(hour12)),
        b'A' | b'a' if n == 2 => {
            let pm = t.hour() >= 12;
            let marker = match (letter, pm) {
                (b'A', false) => "AM",
                (b'A', true) => "PM",
                (_, false) => "am",
                (_, true) => "pm",
            };
            Some(marker.to_string())
        }
        b'm' => num(u32::from(t.minute())),
        b's' => num(u32::from(t.second())),
        b'Z' => match n {
            1 => Some(offset(t.offset(), true, true)),
            3 if t.offset().is_utc() => Some("UTC".into()),
            3 | 4 => Some(offset(t.offset(), false, false)),
            5 => Some(offset(t.offset(), false, true)),
            _ => None,
        },
        _ => None,
    }
}

fn month_name(m: Month) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[m as usize - 1]
}

fn weekday_name(d: Weekday) -> &'static str {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    NAMES[d.number_days_from_monday() as usize]
}

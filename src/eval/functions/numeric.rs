//! Numeric functions. Numbers are `f64` here (Terraform's are arbitrary
//! precision): a result that is not exact in `f64`, or not finite, is Unknown.

use super::Call;
use crate::model::Val;

pub const NAMES: &[&str] = &["abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum"];

/// Integers up to this are exact in `f64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

pub fn call(c: &Call, name: &str) -> Option<Val> {
    let n = c.args.len();
    let arity_ok = match name {
        "max" | "min" => n >= 1,
        "log" | "pow" | "parseint" => n == 2,
        _ => n == 1,
    };
    if !arity_ok {
        return None;
    }
    match name {
        "abs" => c.num(c.num_arg(0)?.abs()),
        "ceil" => c.num(c.num_arg(0)?.ceil()),
        "floor" => c.num(c.num_arg(0)?.floor()),
        "signum" => {
            // Terraform takes a whole number.
            let x = c.int_arg(0)?;
            c.num(if x > 0 {
                1.0
            } else if x < 0 {
                -1.0
            } else {
                0.0
            })
        }
        "log" => c.num(c.num_arg(0)?.ln() / c.num_arg(1)?.ln()),
        "pow" => {
            let r = c.num_arg(0)?.powf(c.num_arg(1)?);
            // Only whole results are sure to be Terraform's to the last digit.
            (r.fract() == 0.0 && r.abs() <= EXACT).then_some(())?;
            c.num(r)
        }
        "max" | "min" => {
            let nums: Vec<f64> = (0..n).map(|i| c.num_arg(i)).collect::<Option<_>>()?;
            let pick = if name == "max" { f64::max } else { f64::min };
            c.num(nums.into_iter().reduce(pick)?)
        }
        "parseint" => {
            let (s, base) = (c.str(0)?, c.int_arg(1)?);
            c.num(parse_int(&s, base)?)
        }
        _ => None,
    }
}

/// Go's `big.Int.SetString(s, base)` for bases 2 to 62: an optional sign,
/// then digits (`0-9a-z`, and `A-Z` as 36-61 above base 36).
fn parse_int(s: &str, base: i64) -> Option<f64> {
    if !(2..=62).contains(&base) {
        return None;
    }
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: f64 = 0.0;
    for ch in digits.chars() {
        let d = match ch {
            '0'..='9' => ch as i64 - '0' as i64,
            'a'..='z' => ch as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => ch as i64 - 'A' as i64 + 10,
            'A'..='Z' => ch as i64 - 'A' as i64 + 36,
            _ => return None,
        };
        if d >= base {
            return None;
        }
        v = v * base as f64 + d as f64;
        if v > EXACT {
            return None;
        }
    }
    Some(if neg { -v } else { v })
}

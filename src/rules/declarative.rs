//! Declarative attribute checks, written in the rule file itself:
//!
//! ```toml
//! [check]
//! attribute = "metadata_options.http_tokens"   # or a list of paths
//! expect = "required"                           # fires when known and different
//! when_absent = "fire"                          # and when not set at all
//! unless = [{ attribute = "metadata_options.http_endpoint", equals = "disabled" }]
//! message = "..."
//! ```
//!
//! Paths walk nested blocks (every `ingress` block, every list element).
//! Unknown values never fire.

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::engine::Hit;
use crate::model::{Element, Val, V};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    // `Many` first: a `toml::Value` would also accept a whole array as `One`.
    Many(Vec<T>),
    One(T),
}

impl<T> OneOrMany<T> {
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(t) => std::slice::from_ref(t),
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Absent {
    #[default]
    Quiet,
    Fire,
}

/// A condition on one attribute of the element (for `unless`). Exactly one
/// predicate is given; an Unknown value satisfies none of them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub attribute: String,
    /// Holds when the attribute has this (known) value...
    pub equals: Option<toml::Value>,
    /// ...one of these values...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<toml::Value>,
    /// ...with `present = true`, when it is set at all (to anything but null);
    /// with `present = false`, when it is absent or null...
    pub present: Option<bool>,
    /// ...a known number below / above this...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
    /// ...or a known string matching this regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches: Option<String>,
}

impl Condition {
    fn predicates(&self) -> usize {
        [
            self.equals.is_some(),
            !self.one_of.is_empty(),
            self.present.is_some(),
            self.below.is_some(),
            self.above.is_some(),
            self.matches.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }

    /// Does the condition hold on `body`? (Any place the path reaches.)
    fn holds(&self, body: &Val, pattern: Option<&Regex>) -> bool {
        let found = resolve(body, &self.attribute);
        if self.present == Some(false) {
            return !found.is_empty() && found.iter().all(|f| matches!(f, Found::Absent { .. }));
        }
        found.iter().any(|f| {
            let Found::Value(v) = f else { return false };
            // Written, whatever its value (an Unknown value is still set).
            if self.present == Some(true) {
                return true;
            }
            if v.is_unknown() {
                return false;
            }
            if let Some(eq) = &self.equals {
                return toml_matches(v, eq) == Some(true);
            }
            if !self.one_of.is_empty() {
                return self.one_of.iter().any(|w| toml_matches(v, w) == Some(true));
            }
            if let Some(b) = self.below {
                return v.as_num().is_some_and(|n| n < b);
            }
            if let Some(a) = self.above {
                return v.as_num().is_some_and(|n| n > a);
            }
            match (pattern, v.as_str()) {
                (Some(p), Some(s)) => p.is_match(&s),
                _ => false,
            }
        })
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    /// A Rust check in `src/rules/checks` (instead of the fields below).
    pub function: Option<String>,
    /// Parameters passed to the function.
    #[serde(default)]
    pub params: toml::Table,
    /// The other elements the function reads (`resource.aws_s3_bucket_policy`):
    /// it sees those of its module tree in `CheckCx::elements`, and no others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relates: Vec<String>,
    pub attribute: Option<OneOrMany<String>>,
    /// The value(s) the attribute must have.
    pub expect: Option<OneOrMany<toml::Value>>,
    /// Values that are wrong.
    pub forbid: Option<OneOrMany<toml::Value>>,
    /// A regular expression for wrong string values.
    pub forbid_pattern: Option<String>,
    /// Known numbers below this are wrong (`min = 7`: a retention of 3 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Known numbers above this are wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// What to do when the attribute is not set (its enclosing block is).
    #[serde(default)]
    pub when_absent: Absent,
    /// What to do when an enclosing nested block is missing (default: as `when_absent`).
    pub when_block_absent: Option<Absent>,
    /// The rule stays quiet when any of these holds.
    #[serde(default)]
    pub unless: Vec<Condition>,
    /// The finding's message; `{value}` is replaced by the offending value
    /// when it is a boolean, a number, one of the values this check lists
    /// (`expect`, `forbid`, `quote_values`) or a match of `quote_pattern`, and
    /// by "(value not shown)" otherwise: a message must never quote a secret
    /// or the content of a file.
    pub message: Option<String>,
    /// More values `{value}` may quote (the wrong values of an `expect` check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quote_values: Vec<String>,
    /// A regular expression (anchored, `^...$`) for values `{value}` may quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_pattern: Option<String>,
    /// Message when the attribute is absent.
    pub absent_message: Option<String>,
}

impl CheckDef {
    pub fn validate(&self) -> Result<(), String> {
        match (&self.function, &self.attribute) {
            (Some(f), None) => {
                if super::checks::lookup(f).is_none() {
                    return Err(format!("unknown check function `{f}` (see src/rules/checks/mod.rs)"));
                }
            }
            (None, Some(_)) if !self.relates.is_empty() => {
                return Err("`relates` is for Rust checks (`function`)".into());
            }
            (None, Some(_)) => {
                if self.expect.is_none()
                    && self.forbid.is_none()
                    && self.forbid_pattern.is_none()
                    && self.min.is_none()
                    && self.max.is_none()
                {
                    return Err("a declarative check needs `expect`, `forbid`, `forbid_pattern`, `min` or `max`".into());
                }
                if self.message.is_none() {
                    return Err("a declarative check needs a `message`".into());
                }
                if let Some(p) = &self.forbid_pattern {
                    // Parsing (not compiling) is enough to validate, and much cheaper at startup.
                    regex_syntax::Parser::new().parse(p).map_err(|e| format!("forbid_pattern: {e}"))?;
                }
                if let Some(p) = &self.quote_pattern {
                    if !(p.starts_with('^') && p.ends_with('$')) {
                        return Err(
                            "quote_pattern must be anchored (`^...$`): it says which whole values may be shown".into(),
                        );
                    }
                    regex_syntax::Parser::new().parse(p).map_err(|e| format!("quote_pattern: {e}"))?;
                }
                if let Some(c) = self.unless.iter().find(|c| c.predicates() != 1) {
                    return Err(format!(
                        "the `unless` condition on `{}` needs exactly one of `equals`, `one_of`, `present`, `below`, `above` or `matches`",
                        c.attribute
                    ));
                }
                for c in &self.unless {
                    if let Some(p) = &c.matches {
                        regex_syntax::Parser::new().parse(p).map_err(|e| format!("unless.matches: {e}"))?;
                    }
                }
            }
            (Some(_), Some(_)) => return Err("give either `function` or `attribute`, not both".into()),
            (None, None) => return Err("give `function` (a Rust check) or `attribute` (a declarative check)".into()),
        }
        Ok(())
    }
}

/// A compiled declarative check.
pub struct Declarative {
    def: CheckDef,
    pattern: Option<Regex>,
    quote_pattern: Option<Regex>,
    /// The compiled `matches` of each `unless` condition.
    unless_patterns: Vec<Option<Regex>>,
}

/// What a path resolves to inside an element.
pub enum Found<'v> {
    Value(&'v Val),
    /// Not set; `block_missing` tells whether a nested block on the way is missing.
    Absent {
        at: &'v Val,
        block_missing: bool,
    },
}

/// Every place `path` (dotted) reaches in `body`, through nested block lists.
pub fn resolve<'v>(body: &'v Val, path: &str) -> Vec<Found<'v>> {
    let mut out = Vec::new();
    walk(body, Some(path), &mut out);
    out
}

/// `path` is what is left of the dotted path (`None` once it is used up).
fn walk<'v>(cur: &'v Val, path: Option<&str>, out: &mut Vec<Found<'v>>) {
    let Some(path) = path else {
        out.push(Found::Value(cur));
        return;
    };
    let (first, rest) = match path.split_once('.') {
        Some((first, rest)) => (first, Some(rest)),
        None => (path, None),
    };
    // Unknown (or not an object): nothing can be said.
    if !matches!(cur.v, V::Map(_)) {
        return;
    }
    match cur.get(first) {
        // `x = null` is `x` not written, as Terraform reads it.
        Some(next) if next.is_null() => out.push(Found::Absent { at: cur, block_missing: rest.is_some() }),
        Some(next) => match (&next.v, rest.is_none()) {
            // A list of nested blocks (or objects): walk each.
            (V::List(items), false) => {
                if items.is_empty() {
                    out.push(Found::Absent { at: cur, block_missing: true });
                }
                for it in items.iter() {
                    walk(it, rest, out);
                }
            }
            _ => walk(next, rest, out),
        },
        None => out.push(Found::Absent { at: cur, block_missing: rest.is_some() }),
    }
}

fn toml_matches(v: &Val, want: &toml::Value) -> Option<bool> {
    let s = v.as_str()?;
    Some(match want {
        toml::Value::String(w) => s.eq_ignore_ascii_case(w),
        toml::Value::Boolean(b) => v.as_bool() == Some(*b),
        toml::Value::Integer(i) => v.as_num() == Some(*i as f64),
        toml::Value::Float(f) => v.as_num() == Some(*f),
        _ => false,
    })
}

impl Declarative {
    pub fn new(def: &CheckDef) -> Declarative {
        Declarative {
            def: def.clone(),
            pattern: def.forbid_pattern.as_ref().and_then(|p| Regex::new(p).ok()),
            quote_pattern: def.quote_pattern.as_ref().and_then(|p| Regex::new(p).ok()),
            unless_patterns: def.unless.iter().map(|c| c.matches.as_ref().and_then(|p| Regex::new(p).ok())).collect(),
        }
    }

    /// What `{value}` becomes: the value only when this check says it is safe to show.
    fn shown(&self, v: &Val) -> String {
        let not_shown = || crate::secrets::NOT_SHOWN.to_string();
        if matches!(v.v, V::Bool(_) | V::Num(_)) {
            return v.as_str().map_or_else(not_shown, |s| s.into_owned());
        }
        let Some(s) = v.as_str() else { return not_shown() };
        let listed = |vals: Option<&OneOrMany<toml::Value>>| {
            vals.is_some_and(|l| l.as_slice().iter().any(|w| w.as_str().is_some_and(|w| w.eq_ignore_ascii_case(&s))))
        };
        let safe = s.len() <= 200
            && !s.chars().any(char::is_control)
            && (listed(self.def.expect.as_ref())
                || listed(self.def.forbid.as_ref())
                || self.def.quote_values.iter().any(|w| w.eq_ignore_ascii_case(&s))
                || (s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()))
                || self.quote_pattern.as_ref().is_some_and(|p| p.is_match(&s)));
        if safe {
            s.into_owned()
        } else {
            not_shown()
        }
    }

    /// Some(true) when `v` is wrong, Some(false) when fine, None when unknown.
    fn is_wrong(&self, v: &Val) -> Option<bool> {
        if let Some(exp) = &self.def.expect {
            let mut any_known = false;
            for w in exp.as_slice() {
                match toml_matches(v, w) {
                    Some(true) => return Some(false),
                    Some(false) => any_known = true,
                    None => {}
                }
            }
            return if any_known { Some(true) } else { None };
        }
        if self.def.min.is_some() || self.def.max.is_some() {
            let n = v.as_num()?;
            if self.def.min.is_some_and(|m| n < m) || self.def.max.is_some_and(|m| n > m) {
                return Some(true);
            }
        }
        if let Some(forbid) = &self.def.forbid {
            for w in forbid.as_slice() {
                if toml_matches(v, w)? {
                    return Some(true);
                }
            }
        }
        if let Some(p) = &self.pattern {
            if p.is_match(&v.as_str()?) {
                return Some(true);
            }
        }
        Some(false)
    }

    pub fn check(&self, el: &Element, hits: &mut Vec<Hit>) {
        for (cond, pattern) in self.def.unless.iter().zip(&self.unless_patterns) {
            if cond.holds(&el.body, pattern.as_ref()) {
                return;
            }
        }
        let Some(paths) = &self.def.attribute else { return };
        for path in paths.as_slice() {
            for found in resolve(&el.body, path) {
                match found {
                    Found::Value(v) => {
                        // A list attribute (`managed_policy_arns`): judge each element
                        // unless the check is about the list as a whole.
                        let items: Vec<&Val> = match (&v.v, &self.def.expect) {
                            (V::List(_), None) => v.items(),
                            _ => vec![v],
                        };
                        for item in items {
                            if self.is_wrong(item) == Some(true) {
                                let shown = self.shown(item);
                                let msg = self.def.message.clone().unwrap_or_default().replace("{value}", &shown);
                                hits.push(Hit::new(el.locate(item, v), msg).origin(el.written_at(item)));
                            }
                        }
                    }
                    Found::Absent { at, block_missing } => {
                        let mode = if block_missing {
                            self.def.when_block_absent.unwrap_or(self.def.when_absent)
                        } else {
                            self.def.when_absent
                        };
                        if mode == Absent::Fire {
                            let msg = self.def.absent_message.clone().unwrap_or_else(|| format!("`{path}` is not set"));
                            hits.push(Hit::new(el.locate(at, &el.body), msg));
                        }
                    }
                }
            }
        }
    }
}

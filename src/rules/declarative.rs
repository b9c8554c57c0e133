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
//! Unknown values never fire. Conditions (`when`, `unless`, with `related`
//! elements) are in [`super::condition`]; the predicates over security group
//! rules and policy documents in [`super::traffic`] and [`super::grants`],
//! which read through the Rust checks' own code. docs/rule-language.md has
//! an example of each construct.

use super::pattern::Pattern;
use serde::{Deserialize, Serialize};

pub use super::condition::Condition;
use super::engine::{CheckCx, Hit, Target};
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
    /// A known list that lacks this value is wrong (`includes = "audit"`);
    /// an Unknown element in it might be the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes: Option<toml::Value>,
    /// Read `attribute` (and the paths of `when`, `unless` and `absent_at`)
    /// in the JSON document this attribute holds (`configuration`), in
    /// whatever form it is written (`jsonencode`, heredoc, file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Judge each of these nested blocks (or list objects) on its own:
    /// `attribute` and the paths of `when`, `unless` and `absent_at` are
    /// read inside the block (`each = "parameter"`: the `parameter { name,
    /// value }` blocks of a parameter group, one finding per wrong block).
    /// Several paths: the blocks of each, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub each: Option<OneOrMany<String>>,
    /// Report only the first wrong value (of the paths in order): one
    /// setting that can be made in several places.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub once: bool,
    /// A known list with fewer elements is wrong (`min_items = 1`: empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    /// Where an absent attribute is reported: at this other attribute (the
    /// setting that makes it needed, `storage_encrypted = true`) when it is
    /// written, rather than at the enclosing block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_at: Option<String>,
    /// `forbid_cidr = "internet"`: a CIDR of the whole address space
    /// (`0.0.0.0/0`, `::/0`, any prefix length 0) is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbid_cidr: Option<String>,
    /// Without `attribute`: security group rules open to the whole internet
    /// on these ports (see [`super::traffic`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_to_internet: Option<super::traffic::OpenToInternet>,
    /// Without `attribute`: statements of a policy document that grant
    /// too much (see [`super::grants`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<super::grants::PolicyCheck>,
    /// What to do when the attribute is not set (its enclosing block is).
    #[serde(default)]
    pub when_absent: Absent,
    /// What to do when an enclosing nested block is missing (default: as `when_absent`).
    pub when_block_absent: Option<Absent>,
    /// The rule stays quiet when any of these holds.
    #[serde(default)]
    pub unless: Vec<Condition>,
    /// The check applies only when every one of these holds (an Unknown
    /// value satisfies none: the check stays quiet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// Only elements of these kinds (`resource.aws_launch_template`), a part
    /// of the rule's targets; for a check in `also`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// More checks of the same rule (`[[check.also]]`), each with its own
    /// attribute and message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<CheckDef>,
    /// The finding's message; `{value}` is replaced by the offending value
    /// when it is a boolean, a number, one of the values this check lists
    /// (`expect`, `forbid`, `quote_values`) or a match of `quote_pattern`, and
    /// by "(value not shown)" otherwise: a message must never quote a secret
    /// or the content of a file. Without `attribute`, the element itself is
    /// the finding (unless an `unless` condition holds).
    pub message: Option<String>,
    /// More values `{value}` may quote (the wrong values of an `expect` check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quote_values: Vec<String>,
    /// A regular expression (anchored, `^...$`) for values `{value}` may quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_pattern: Option<String>,
    /// Message when the attribute is absent.
    pub absent_message: Option<String>,
    /// Message when an enclosing nested block is missing (default: `absent_message`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_absent_message: Option<String>,
}

/// The attribute a dotted path starts with (`vpc_config` of `vpc_config.endpoint_public_access`).
fn top_segment(path: &str) -> &str {
    path.split('.').next().unwrap_or(path)
}

impl CheckDef {
    pub fn validate(&self) -> Result<(), String> {
        self.validate_with(true)
    }

    /// [`CheckDef::validate`]; `patterns`: also parse the regular
    /// expressions (a built-in rule's were parsed when build.rs compiled it
    /// in, which builds a rule whose patterns do not parse as written, for
    /// this check to report at its line).
    pub fn validate_with(&self, patterns: bool) -> Result<(), String> {
        let declarative = self.expect.is_some()
            || self.forbid.is_some()
            || self.forbid_pattern.is_some()
            || self.min.is_some()
            || self.max.is_some()
            || self.includes.is_some()
            || self.min_items.is_some()
            || self.forbid_cidr.is_some();
        let conditions = !self.unless.is_empty()
            || !self.when.is_empty()
            || !self.also.is_empty()
            || self.open_to_internet.is_some()
            || self.policy.is_some();
        match (&self.function, &self.attribute) {
            (Some(f), None) => {
                if super::checks::lookup(f).is_none() {
                    return Err(format!("unknown check function `{f}` (see src/rules/checks/mod.rs)"));
                }
                if declarative || conditions || !self.targets.is_empty() {
                    return Err("a Rust check (`function`) takes `params`, not the fields of a declarative one".into());
                }
                return Ok(());
            }
            (Some(_), Some(_)) => return Err("give either `function` or `attribute`, not both".into()),
            (None, _) if !self.relates.is_empty() => {
                return Err("`relates` is for Rust checks (`function`); a declarative check names the elements it reads in its conditions (`related`)".into());
            }
            (None, Some(_)) => {
                if !declarative {
                    return Err(
                        "a declarative check needs `expect`, `forbid`, `forbid_pattern`, `min`, `max` or `includes`"
                            .into(),
                    );
                }
            }
            (None, None) => {
                if declarative {
                    return Err("`expect`, `forbid`... judge an `attribute`: name it".into());
                }
            }
        }
        if self.message.is_none() {
            return Err(
                "a declarative check needs a `message` (give `function` for a Rust check, or `attribute` for an attribute check)"
                    .into(),
            );
        }
        if self.forbid_cidr.as_deref().is_some_and(|c| c != "internet") {
            return Err("`forbid_cidr` takes \"internet\"".into());
        }
        if let Some(t) = &self.open_to_internet {
            if self.attribute.is_some() {
                return Err("`open_to_internet` reads security group rules: give no `attribute`".into());
            }
            t.validate()?;
        }
        if self.each.is_some() && (self.open_to_internet.is_some() || self.policy.is_some()) {
            return Err(
                "`each` names blocks whose attributes are judged: not with `open_to_internet` or `policy`".into()
            );
        }
        if self.document.is_some() && self.attribute.is_none() {
            return Err("`document` says where `attribute` is read: give the `attribute`".into());
        }
        if let Some(p) = &self.policy {
            if self.attribute.is_some() || self.open_to_internet.is_some() {
                return Err("`policy` names the documents it reads: give no `attribute`".into());
            }
            p.validate()?;
        }
        if let Some(p) = self.forbid_pattern.as_ref().filter(|_| patterns) {
            // Parsing (not compiling) is enough to validate, and much cheaper at startup.
            regex_syntax::Parser::new().parse(p).map_err(|e| format!("forbid_pattern: {e}"))?;
        }
        if let Some(p) = &self.quote_pattern {
            if !(p.starts_with('^') && p.ends_with('$')) {
                return Err("quote_pattern must be anchored (`^...$`): it says which whole values may be shown".into());
            }
            if patterns {
                regex_syntax::Parser::new().parse(p).map_err(|e| format!("quote_pattern: {e}"))?;
            }
        }
        for c in self.unless.iter().chain(&self.when) {
            c.validate()?;
        }
        for a in &self.also {
            if a.function.is_some() {
                return Err("a check in `also` is declarative".into());
            }
            a.validate_with(patterns)?;
        }
        Ok(())
    }

    /// The kinds of elements the check reads besides the one it is given:
    /// `relates` of a Rust check, the `related` of a declarative one's conditions.
    pub fn related_kinds(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.relates.iter().map(String::as_str).collect();
        out.extend(self.unless.iter().chain(&self.when).filter_map(|c| c.related_kind()));
        out.extend(self.policy.iter().flat_map(|p| p.related_kinds()));
        for a in &self.also {
            out.extend(a.related_kinds());
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The top-level attributes the check reads (of its `attribute` paths and
    /// its conditions), when that is all it reads: `None` for a Rust check, a
    /// check of policies or documents, and one with `related`
    /// conditions. Such a check can judge the inputs of a registry module that
    /// is not downloaded (see `crate::eval::registry`).
    pub fn attributes_read(&self) -> Option<Vec<&str>> {
        if self.function.is_some()
            || self.policy.is_some()
            || self.document.is_some()
            || self.unless.iter().chain(&self.when).any(|c| c.related.is_some())
        {
            return None;
        }
        // A security group's inline rules (a rule resource's own attributes
        // are not read from module inputs).
        if self.open_to_internet.is_some() {
            return Some(vec!["egress", "ingress"]);
        }
        let mut out: Vec<&str> = Vec::new();
        if let Some(each) = &self.each {
            // Every path is read inside these blocks.
            out.extend(each.as_slice().iter().map(|e| top_segment(e)));
        } else {
            out.extend(self.attribute.iter().flat_map(|a| a.as_slice()).map(|p| top_segment(p)));
            out.extend(self.unless.iter().chain(&self.when).filter_map(|c| c.attribute.as_deref()).map(top_segment));
            out.extend(self.absent_at.as_deref().map(top_segment));
        }
        for a in &self.also {
            out.extend(a.attributes_read()?);
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// Every `targets` pattern the check and those in `also` name.
    pub fn sub_targets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.targets.iter().map(String::as_str).collect();
        for a in &self.also {
            out.extend(a.sub_targets());
        }
        out
    }
}

/// A compiled declarative check.
pub struct Declarative {
    def: CheckDef,
    pattern: Option<Pattern>,
    quote_pattern: Option<Pattern>,
    unless: Vec<super::condition::Compiled>,
    when: Vec<super::condition::Compiled>,
    targets: Vec<Target>,
    also: Vec<Declarative>,
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

pub(crate) fn toml_matches(v: &Val, want: &toml::Value) -> Option<bool> {
    // A list equals a list of the same values, in order (`types = ["PRIVATE"]`).
    if let toml::Value::Array(ws) = want {
        let items = v.as_list()?;
        if items.len() != ws.len() {
            return Some(false);
        }
        let each: Option<Vec<bool>> = items.iter().zip(ws).map(|(x, w)| toml_matches(x, w)).collect();
        return each.map(|e| e.iter().all(|b| *b));
    }
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
            pattern: def.forbid_pattern.as_deref().map(Pattern::new),
            quote_pattern: def.quote_pattern.as_deref().map(Pattern::new),
            unless: def.unless.iter().map(Condition::compile).collect(),
            when: def.when.iter().map(Condition::compile).collect(),
            targets: def.targets.iter().map(|t| Target::parse(t)).collect(),
            also: def.also.iter().map(Declarative::new).collect(),
        }
    }

    /// What `{value}` becomes: the value only when this check says it is safe to show.
    fn shown(&self, v: &Val) -> String {
        let not_shown = || crate::secrets::NOT_SHOWN.to_string();
        if matches!(v.v, V::Bool(_) | V::Num(_)) {
            return v.as_str().map_or_else(not_shown, |s| s.into_owned());
        }
        let Some(s) = v.as_str() else { return not_shown() };
        if self.def.forbid_cidr.is_some() && super::checks::network::is_world(&s) {
            return crate::secrets::quote_cidr(&s).to_string();
        }
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
        if let Some(n) = self.def.min_items {
            return Some(v.as_list()?.len() < n);
        }
        if let Some(want) = &self.def.includes {
            let mut any_unknown = false;
            for item in v.as_list()? {
                match toml_matches(item, want) {
                    Some(true) => return Some(false),
                    Some(false) => {}
                    None => any_unknown = true,
                }
            }
            return if any_unknown { None } else { Some(true) };
        }
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
        if self.def.forbid_cidr.is_some() && super::checks::network::is_world(&v.as_str()?) {
            return Some(true);
        }
        Some(false)
    }

    /// Runs the check (and those in `also`) on `el`; `cx.elements` are those
    /// of its module tree its `related` conditions read.
    pub fn check(&self, el: &Element, cx: &CheckCx, hits: &mut Vec<Hit>) {
        self.check_one(el, cx, hits);
        for a in &self.also {
            a.check(el, cx, hits);
        }
    }

    fn check_one(&self, el: &Element, cx: &CheckCx, hits: &mut Vec<Hit>) {
        if !self.targets.is_empty() && !self.targets.iter().any(|t| t.matches(el)) {
            return;
        }
        // Paths are read in the element, or in the JSON document one of its
        // attributes holds (an Unknown or unreadable one: nothing to say).
        let (doc, holder) = match &self.def.document {
            None => (None, None),
            Some(attr) => {
                let Some(holder) = el.get(attr) else { return };
                let Some(doc) = crate::parse::json::document(holder, cx.sources) else { return };
                (Some(doc), Some(holder))
            }
        };
        let body = doc.as_ref().unwrap_or(&el.body);
        match &self.def.each {
            None => self.judge(el, cx, body, holder, hits),
            // Each block on its own (blocks of an Unknown list are not known).
            Some(each) => {
                for found in each.as_slice().iter().flat_map(|e| resolve(body, e)) {
                    if let Found::Value(blocks) = found {
                        for block in blocks.items() {
                            if matches!(block.v, V::Map(_)) {
                                self.judge(el, cx, block, holder, hits);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The check on `body`: the element's own, a JSON document it holds, or
    /// one of the blocks of `each`.
    fn judge(&self, el: &Element, cx: &CheckCx, body: &Val, holder: Option<&Val>, hits: &mut Vec<Hit>) {
        let elements = cx.elements;
        if !self.when.iter().all(|c| c.holds_in(el, body, elements))
            || self.unless.iter().any(|c| c.holds_in(el, body, elements))
        {
            return;
        }
        if let Some(t) = &self.def.open_to_internet {
            t.check(el, self.def.message.as_deref().unwrap_or_default(), hits);
            return;
        }
        if let Some(p) = &self.def.policy {
            p.check(el, cx, self.def.message.as_deref().unwrap_or_default(), hits);
            return;
        }
        let Some(paths) = &self.def.attribute else {
            // No attribute: the element (or the block of `each`) is the finding.
            let at = if self.def.each.is_some() { el.locate(body, body) } else { el.span };
            hits.push(Hit::new(at, self.def.message.clone().unwrap_or_default()));
            return;
        };
        // Where a value is reported when it is not written in the element
        // (a policy file): the attribute that holds the document.
        // A value inside an object passed whole from elsewhere
        // (`permissions = local.share`): the attribute that passes it.
        let place = |item: &Val, v: &Val, path: &str| match holder {
            Some(h) => Hit::new(el.locate(item, h), String::new()).origin(el.written_at(item).or(h.origin)),
            None => {
                let at = el.locate(item, v);
                let top = if self.def.each.is_none() { el.body.get(top_segment(path)) } else { None };
                let at = match top {
                    Some(top) if at == el.span => el.locate(top, top),
                    _ => at,
                };
                Hit::new(at, String::new()).origin(el.written_at(item))
            }
        };
        for path in paths.as_slice() {
            for found in resolve(body, path) {
                match found {
                    Found::Value(v) => {
                        // A list attribute (`managed_policy_arns`): judge each element
                        // unless the check is about the list as a whole.
                        let whole =
                            self.def.expect.is_some() || self.def.includes.is_some() || self.def.min_items.is_some();
                        let items: Vec<&Val> = match &v.v {
                            V::List(_) if !whole => v.items(),
                            _ => vec![v],
                        };
                        for item in items {
                            if self.is_wrong(item) == Some(true) {
                                let shown = self.shown(item);
                                let msg = self
                                    .def
                                    .message
                                    .clone()
                                    .unwrap_or_default()
                                    .replace("{value}", &shown)
                                    .replace("{attribute}", path);
                                hits.push(Hit { message: msg, ..place(item, v, path) });
                                if self.def.once {
                                    return;
                                }
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
                            let msg = block_missing
                                .then_some(self.def.block_absent_message.as_ref())
                                .flatten()
                                .or(self.def.absent_message.as_ref())
                                .map(|m| m.replace("{attribute}", path))
                                .unwrap_or_else(|| format!("`{path}` is not set"));
                            let written = self.def.absent_at.as_deref().and_then(|a| {
                                resolve(body, a).into_iter().find_map(|f| match f {
                                    Found::Value(v) => Some(v),
                                    Found::Absent { .. } => None,
                                })
                            });
                            hits.push(match (written, holder) {
                                (Some(v), _) => Hit { message: msg, ..place(v, v, path) },
                                (None, Some(h)) => Hit::new(el.locate(at, h), msg),
                                (None, None) => Hit::new(el.locate(at, &el.body), msg),
                            });
                        }
                    }
                }
            }
        }
    }
}

//! Conditions of the rule language (`unless`, `when`): a predicate on one
//! attribute of the element, or on the elements related to it.

use super::pattern::Pattern;
use serde::{Deserialize, Serialize};

use super::declarative::{resolve, toml_matches, Found, OneOrMany};
use super::relation::{link, Link};
use crate::model::{Element, Val};

/// A condition on one attribute of the element, or (with `related`) on the
/// elements of another kind that name it. Exactly one predicate is given
/// (a `related` condition may have none: such an element exists); an
/// Unknown value satisfies none of them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
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
    /// Also holds when the attribute is not written (its provider default
    /// satisfies the predicate).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub or_absent: bool,
    /// The condition is about the elements of this kind
    /// (`resource.aws_s3_bucket_public_access_block`) in the module tree...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
    /// ...whose attribute `via` names this element: by reference, or by the
    /// known value of one of this element's attributes `to` (a bucket's
    /// `bucket`). Without `via`, any element of the kind. One whose `via`
    /// cannot be told (Unknown) may be this one's: the condition holds, as
    /// it does when a related element's attribute is Unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<OneOrMany<String>>,
    /// ...or the other way round: those that this element's attribute
    /// `named_by` names (an API Gateway method's `rest_api_id` names its
    /// API), by reference or by the known value of their attributes `to`.
    /// One this element may name (the attribute Unknown) holds, as above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_by: Option<String>,
}

/// A condition with its regular expression compiled.
pub struct Compiled {
    cond: Condition,
    pattern: Option<Pattern>,
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

    fn name(&self) -> &str {
        self.attribute.as_deref().or(self.related.as_deref()).unwrap_or("?")
    }

    pub fn validate(&self) -> Result<(), String> {
        let n = self.predicates();
        let one = "exactly one of `equals`, `one_of`, `present`, `below`, `above` or `matches`";
        match (&self.related, &self.attribute) {
            (None, None) => return Err("a condition needs an `attribute` (or `related`)".into()),
            (None, Some(_)) if n != 1 => return Err(format!("the condition on `{}` needs {one}", self.name())),
            (Some(_), Some(_)) if n != 1 => return Err(format!("the condition on `{}` needs {one}", self.name())),
            (Some(_), None) if n != 0 => {
                return Err(format!("the condition on `{}` gives a predicate without an `attribute`", self.name()))
            }
            _ => {}
        }
        if self.related.is_none() && (self.via.is_some() || self.to.is_some() || self.named_by.is_some()) {
            return Err("`via`, `named_by` and `to` go with `related`".into());
        }
        if self.via.is_some() && self.named_by.is_some() {
            return Err("a condition has `via` (the related element names this one) or `named_by` (this one names it), not both".into());
        }
        if self.to.is_some() && self.via.is_none() && self.named_by.is_none() {
            return Err("`to` needs `via` or `named_by` (the attribute that names the other element)".into());
        }
        if self.or_absent && (self.present.is_some() || n == 0) {
            return Err("`or_absent` goes with a predicate on the value".into());
        }
        if let Some(p) = &self.matches {
            regex_syntax::Parser::new().parse(p).map_err(|e| format!("matches: {e}"))?;
        }
        Ok(())
    }

    /// The kind of element the condition reads besides the checked one.
    pub fn related_kind(&self) -> Option<&str> {
        self.related.as_deref()
    }

    pub fn compile(&self) -> Compiled {
        Compiled { cond: self.clone(), pattern: self.matches.as_deref().map(Pattern::new) }
    }
}

impl Compiled {
    /// Does the condition hold on `el`, its attribute read in `body` (the
    /// element's own, or a JSON document it holds)? `elements` are those of
    /// its module tree that a `related` condition reads.
    pub fn holds_in(&self, el: &Element, body: &Val, elements: &[&Element]) -> bool {
        let c = &self.cond;
        let Some(kind) = &c.related else {
            return self.holds_on(body);
        };
        let target = super::engine::Target::parse(kind);
        let names: Vec<&str> =
            c.to.as_ref().map(|t| t.as_slice().iter().map(String::as_str).collect()).unwrap_or_default();
        elements.iter().filter(|e| target.matches(e)).any(|e| {
            let linked = match (&c.via, &c.named_by) {
                (Some(via), _) => e.get(via).map_or(Link::No, |v| link(e, v, el, &names)),
                (None, Some(attr)) => el.get(attr).map_or(Link::No, |v| link(el, v, e, &names)),
                (None, None) => Link::Yes,
            };
            match linked {
                Link::No => false,
                Link::Maybe => true,
                Link::Yes => c.attribute.is_none() || self.holds_on(&e.body) || self.unknown_on(&e.body),
            }
        })
    }

    /// Is the attribute of `body` Unknown (or a block on the way)? A related
    /// element's Unknown value may satisfy the condition.
    fn unknown_on(&self, body: &Val) -> bool {
        let Some(attr) = &self.cond.attribute else { return false };
        let found = resolve(body, attr);
        found.is_empty() || found.iter().any(|f| matches!(f, Found::Value(v) if v.is_unknown()))
    }

    /// The predicate on the attribute of `body` (any place the path reaches).
    fn holds_on(&self, body: &Val) -> bool {
        let c = &self.cond;
        let Some(attr) = &c.attribute else { return false };
        let found = resolve(body, attr);
        let all_absent = !found.is_empty() && found.iter().all(|f| matches!(f, Found::Absent { .. }));
        if c.present == Some(false) || (c.or_absent && all_absent) {
            return all_absent;
        }
        found.iter().any(|f| {
            let Found::Value(v) = f else { return false };
            // Written, whatever its value (an Unknown value is still set).
            if c.present == Some(true) {
                return true;
            }
            if v.is_unknown() {
                return false;
            }
            if let Some(eq) = &c.equals {
                return toml_matches(v, eq) == Some(true);
            }
            if !c.one_of.is_empty() {
                return c.one_of.iter().any(|w| toml_matches(v, w) == Some(true));
            }
            if let Some(b) = c.below {
                return v.as_num().is_some_and(|n| n < b);
            }
            if let Some(a) = c.above {
                return v.as_num().is_some_and(|n| n > a);
            }
            match (&self.pattern, v.as_str()) {
                (Some(p), Some(s)) => p.is_match(&s),
                _ => false,
            }
        })
    }
}

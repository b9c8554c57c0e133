//! `policy`: the rule language's predicates on policy documents (every
//! form Terraform writes them in: `jsonencode`, heredoc, file,
//! `aws_iam_policy_document`), read through the statement model of the Rust
//! IAM checks (`src/rules/checks/policy.rs`).
//!
//! ```toml
//! [check]
//! policy = { attribute = "policy", principal = "anyone" }
//! message = "queue policy allows{actions} to any principal (`*`){condition}: ..."
//! ```

use serde::{Deserialize, Serialize};

use super::checks::{iam, policy};
use super::declarative::OneOrMany;
use super::engine::{CheckCx, Hit};
use crate::model::Element;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyCheck {
    /// The attributes holding the document (`policy`, or `inline_policy.policy`
    /// in every `inline_policy` block).
    pub attribute: OneOrMany<String>,
    /// `"anyone"`: `Allow` statements whose principal is everyone (`"*"`,
    /// `{ AWS = "*" }`) and whose condition does not fix the caller...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// ...where a condition on these keys also fixes it (`kms:CallerAccount`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narrowed_by: Vec<String>,
    /// `"*"`, or a service (`"sqs"`): `Allow` statements whose actions
    /// include `*` (or `sqs:*`)...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_action: Option<String>,
    /// ...an action pattern covering this action, or one of these
    /// (`iam:PassRole`: `iam:Pass*` too), other than those in `except`
    /// (reported by other rules)...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    /// ...or, with `not_action = true`, a known `NotAction` (everything else).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_action: bool,
    /// Only statements known to apply to every resource (`true`), or not
    /// known to (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_every_resource: Option<bool>,
    /// Only statements without a `Principal` (identity-policy statements).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_principal: bool,
    /// Only statements without a `Condition`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_condition: bool,
    /// An identity policy: one used only as a permissions boundary grants
    /// nothing (the check reads what attaches it), and a document built by
    /// an `aws_iam_policy_document` is judged on the data source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub identity: bool,
}

impl PolicyCheck {
    pub fn validate(&self) -> Result<(), String> {
        let modes = [self.principal.is_some(), self.every_action.is_some(), self.action.is_some(), self.not_action];
        if modes.iter().filter(|m| **m).count() != 1 {
            return Err("policy: give one of `principal`, `every_action`, `action` or `not_action`".into());
        }
        if self.principal.as_deref().is_some_and(|p| p != "anyone") {
            return Err("policy: `principal`: only \"anyone\" is known".into());
        }
        if !self.narrowed_by.is_empty() && self.principal.is_none() {
            return Err("policy: `narrowed_by` goes with `principal`".into());
        }
        if !self.except.is_empty() && self.action.is_none() {
            return Err("policy: `except` goes with `action`".into());
        }
        Ok(())
    }

    /// The kinds of elements the check reads (what attaches an identity policy).
    pub fn related_kinds(&self) -> &'static [&'static str] {
        if self.identity {
            super::checks::iam::GRANT_RELATES
        } else {
            &[]
        }
    }

    /// Fires `message` on each statement found, at its principal or action:
    /// `{actions}` is the statement's actions (`` `sqs:SendMessage` `` with a
    /// leading space, or nothing), `{condition}` how its condition reads
    /// (" with no condition"), `{action}` the matching action as written,
    /// `{scope}` where the statement applies ("on every resource (`*`)"),
    /// `{every_resource}` " on every resource (`*`)" or nothing.
    pub fn check(&self, el: &Element, cx: &CheckCx, message: &str, hits: &mut Vec<Hit>) {
        let attrs: Vec<&str> = self.attribute.as_slice().iter().map(String::as_str).collect();
        if self.principal.is_some() {
            let extra: Vec<&str> = self.narrowed_by.iter().map(String::as_str).collect();
            for g in policy::public_grants(cx, el, &attrs, &extra) {
                let msg = message.replace("{actions}", &g.actions).replace("{condition}", g.unless);
                hits.push(Hit::new(g.span, msg).origin(g.origin));
            }
            return;
        }
        let statements = if self.identity { iam::grants(cx, el) } else { policy::statements(cx, el, &attrs, true) };
        for st in statements.iter() {
            if !st.allows()
                || (self.no_principal && st.has_principal)
                || (self.no_condition && policy::has_condition(&st.condition))
                || self.on_every_resource.is_some_and(|every| every != st.on_every_resource())
            {
                continue;
            }
            let every = if st.on_every_resource() { " on every resource (`*`)" } else { "" };
            let fill = |action: &str| {
                message
                    .replace("{action}", action)
                    .replace("{scope}", &iam::scope(st))
                    .replace("{every_resource}", every)
            };
            if self.not_action {
                let Some(na) = st.not_action.as_ref().filter(|na| !na.is_unknown()) else { continue };
                let (span, elsewhere) = policy::place(el, na, &[&st.attr]);
                hits.push(Hit::new(span, fill("")).origin(na.origin.or(elsewhere)));
                continue;
            }
            let Some(action) = &st.action else { continue };
            for a in action.items() {
                let Some(text) = a.as_str() else { continue };
                let t = text.trim();
                let found = match (&self.every_action, &self.action) {
                    (Some(svc), _) => t == "*" || (svc != "*" && t.eq_ignore_ascii_case(&format!("{svc}:*"))),
                    (None, Some(targets)) => {
                        !self.except.iter().any(|e| e.eq_ignore_ascii_case(t))
                            && targets.as_slice().iter().any(|target| policy::action_matches(t, target))
                    }
                    (None, None) => false,
                };
                if !found {
                    continue;
                }
                let (span, elsewhere) = policy::place(el, a, &[action, &st.attr]);
                hits.push(Hit::new(span, fill(t)).origin(a.origin.or(elsewhere)));
                // Every action is one finding per statement.
                if self.every_action.is_some() {
                    break;
                }
            }
        }
    }
}

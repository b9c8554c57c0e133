//! `policy`: the rule language's predicates on policy documents (every
//! form Terraform writes them in: `jsonencode`, heredoc, file,
//! `aws_iam_policy_document`), read through the statement model of the Rust
//! IAM checks ([`crate::rules::checks::policy`]).
//!
//! ```toml
//! [check]
//! policy = { attribute = "policy", principal = "anyone" }
//! message = "queue policy allows{actions} to any principal (`*`){condition}: ..."
//! ```

use serde::{Deserialize, Serialize};

use super::checks::policy;
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
    /// include `*` (or `sqs:*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_action: Option<String>,
}

impl PolicyCheck {
    pub fn validate(&self) -> Result<(), String> {
        match (&self.principal, &self.every_action) {
            (Some(p), None) if p == "anyone" => Ok(()),
            (Some(p), None) => Err(format!("policy: `principal = \"{p}\"`: only \"anyone\" is known")),
            (None, Some(_)) if !self.narrowed_by.is_empty() => {
                Err("policy: `narrowed_by` goes with `principal`".into())
            }
            (None, Some(_)) => Ok(()),
            _ => Err("policy: give one of `principal` or `every_action`".into()),
        }
    }

    /// Fires `message` on each statement found, at its principal or action:
    /// `{actions}` is the statement's actions (`` `sqs:SendMessage` `` with a
    /// leading space, or nothing), `{condition}` how its condition reads
    /// (" with no condition"), `{action}` the every-action wildcard.
    pub fn check(&self, el: &Element, cx: &CheckCx, message: &str, hits: &mut Vec<Hit>) {
        let attrs: Vec<&str> = self.attribute.as_slice().iter().map(String::as_str).collect();
        if self.principal.is_some() {
            let extra: Vec<&str> = self.narrowed_by.iter().map(String::as_str).collect();
            for g in policy::public_grants(cx, el, &attrs, &extra) {
                let msg = message.replace("{actions}", &g.actions).replace("{condition}", g.unless);
                hits.push(Hit::new(g.span, msg).origin(g.origin));
            }
        }
        if let Some(service) = &self.every_action {
            let service = (service != "*").then_some(service.as_str());
            for g in policy::every_action_grants(cx, el, &attrs, service) {
                hits.push(Hit::new(g.span, message.replace("{action}", &g.action)).origin(g.origin));
            }
        }
    }
}

//! aws-lb-http-not-redirected: HTTP listeners of load balancers that do not redirect to HTTPS.

use crate::model::{Element, Val};
use crate::rules::engine::{CheckCx, Hit};

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[("lb_http_not_redirected", lb_http_not_redirected)];

/// The load balancer a listener belongs to, when it is in this configuration.
fn listener_lb<'e>(cx: &'e CheckCx, listener: &Element) -> Option<&'e Element> {
    let arn = listener.get("load_balancer_arn")?;
    cx.elements
        .iter()
        .copied()
        .find(|e| matches!(e.type_name.as_str(), "aws_lb" | "aws_alb") && listener.refers_to(arn, e))
}

/// `load_balancer_type` (default `application`); `None` when unknown.
fn lb_type(el: &Element) -> Option<String> {
    match el.get("load_balancer_type") {
        None => Some("application".into()),
        Some(v) if v.is_null() => Some("application".into()),
        Some(v) => v.as_str().map(|s| s.to_ascii_lowercase()),
    }
}

fn str_of(v: Option<&Val>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(|s| s.into_owned())
}

/// HTTP listeners that forward to targets instead of redirecting to HTTPS.
pub fn lb_http_not_redirected(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let lb = listener_lb(cx, el);
    let protocol = match el.get("protocol") {
        Some(v) if !v.is_null() => match v.as_str() {
            Some(p) => p.to_ascii_uppercase(),
            None => return,
        },
        // The default is HTTP on an application load balancer.
        _ => match lb.map(lb_type) {
            Some(Some(t)) if t == "application" => "HTTP".into(),
            _ => return,
        },
    };
    if protocol != "HTTP" {
        return;
    }
    // Plain HTTP between services inside the VPC is out of scope.
    if let Some(lb) = lb {
        match lb.get("internal") {
            Some(v) if v.as_bool() == Some(true) => return,
            Some(v) if !v.is_null() && v.as_bool().is_none() => return,
            _ => {}
        }
    }
    let Some(actions) = el.get("default_action") else { return };
    let actions = actions.items();
    let mut forward = None;
    for a in &actions {
        let Some(t) = str_of(a.get("type")) else { return };
        match t.as_str() {
            "redirect" => {
                let to = a.get("redirect").map(|r| r.items()).unwrap_or_default();
                match to.first().and_then(|r| r.get("protocol")) {
                    Some(p) if p.as_str().is_some_and(|p| p.eq_ignore_ascii_case("HTTPS")) => return,
                    Some(p) if p.is_unknown() => return,
                    _ => {}
                }
            }
            "forward" => forward = forward.or(Some(*a)),
            _ => {}
        }
    }
    if let Some(a) = forward {
        let port = str_of(el.get("port"))
            .filter(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
            .map(|p| format!(" on port {p}"))
            .unwrap_or_default();
        let span = a.get("type").map_or(el.span, |t| el.locate(t, a));
        hits.push(Hit::new(span, format!("HTTP listener{port} forwards requests to its targets instead of redirecting to HTTPS: requests, cookies and credentials cross the network in plain text")));
    }
}

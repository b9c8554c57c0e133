//! `open_to_internet`: the rule language's predicate on security group
//! rules, read through the same code as the Rust network checks
//! (`src/rules/checks/network.rs`).
//!
//! ```toml
//! [check]
//! open_to_internet = { direction = "ingress", covers = "ssh" }
//! message = "ingress from {cidr} to {ports} includes {services}: ..."
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::checks::network::{self, Ports};
use super::engine::Hit;
use crate::model::Element;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ingress,
    Egress,
}

/// Which ports make an opening a finding.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Covers {
    /// `"all"` (every port), a port list of the built-in catalogue
    /// (`"ssh"`, `"rdp"`, `"admin"`, `"database"`, `"sensitive"`), or
    /// `"unlisted"`: ports none of those lists covers, other than 80 and 443.
    Named(String),
    /// Ports and the service each is (`{ 8080 = "Jenkins" }`).
    Ports(BTreeMap<String, String>),
}

/// A security group rule (inline block or rule resource) of `direction`
/// whose CIDR is the whole internet (any prefix length 0) and whose known
/// ports cover `covers`. Each such CIDR is a finding, at the CIDR.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenToInternet {
    pub direction: Direction,
    pub covers: Covers,
}

impl OpenToInternet {
    pub fn validate(&self) -> Result<(), String> {
        match &self.covers {
            Covers::Named(n) if n == "all" || n == "unlisted" || network::port_class(n).is_some() => Ok(()),
            Covers::Named(n) => Err(format!(
                "open_to_internet: `covers = \"{n}\"` is none of all, unlisted, ssh, rdp, admin, database, sensitive (or give a table of ports)"
            )),
            Covers::Ports(t) => match t.keys().find(|p| p.parse::<u16>().is_err()) {
                Some(p) => Err(format!("open_to_internet: `{p}` is not a port number")),
                None => Ok(()),
            },
        }
    }

    /// The services the rule file lists, by port.
    fn listed(&self) -> Vec<(u32, String)> {
        match &self.covers {
            Covers::Named(n) => {
                network::port_class(n).unwrap_or_default().iter().map(|(p, s)| (*p, s.to_string())).collect()
            }
            Covers::Ports(t) => {
                let mut v: Vec<(u32, String)> =
                    t.iter().filter_map(|(p, s)| Some((p.parse().ok()?, s.clone()))).collect();
                v.sort();
                v
            }
        }
    }

    /// Fires `message` on each opening: `{cidr}` is the CIDR, `{ports}` the
    /// ports ("port 22", "ports 20-23"), `{services}` the listed services they
    /// include, `{every}` what an all-ports rule opens ("every TCP port").
    pub fn check(&self, el: &Element, message: &str, hits: &mut Vec<Hit>) {
        let direction = match self.direction {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        };
        let named = |name: &str| matches!(&self.covers, Covers::Named(n) if n == name);
        let (all, unlisted) = (named("all"), named("unlisted"));
        let listed = self.listed();
        let listed: Vec<(u32, &str)> = listed.iter().map(|(p, s)| (*p, s.as_str())).collect();
        for o in network::world_openings(el, direction) {
            let services = match (all, o.ports) {
                (true, Ports::All) => Vec::new(),
                _ if unlisted => {
                    if !network::unlisted(o.ports) {
                        continue;
                    }
                    Vec::new()
                }
                (false, Ports::Range(..)) => {
                    let s = network::services(o.ports, &listed);
                    if s.is_empty() {
                        continue;
                    }
                    s
                }
                _ => continue,
            };
            let cidr = o.cidr.as_str().unwrap_or_default();
            let msg = message
                .replace("{cidr}", crate::secrets::quote_cidr(&cidr))
                .replace("{ports}", &network::describe(o.ports))
                .replace("{services}", &services.join(", "))
                .replace("{every}", network::every(o.rule, o.proto_key));
            hits.push(Hit::new(el.locate(o.cidr, o.attr), msg).origin(network::defined_at(el, o.cidr, o.attr)));
        }
    }
}

//! Remote and registry modules as `terraform init` installed them.
//!
//! `terraform init` downloads every module whose source is not a local path
//! into `.terraform/modules/` under the root module's directory, and records
//! where in `.terraform/modules/modules.json`:
//!
//! ```json
//! {"Modules":[{"Key":"","Source":"","Dir":"."},
//!             {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"},
//!             {"Key":"vpc.flow_logs","Source":"./modules/flow-logs","Dir":".terraform/modules/vpc/modules/flow-logs"}]}
//! ```
//!
//! `Key` is the dot-joined path of module call names from the root (instances
//! of `count` and `for_each` share their call's key) and `Dir` is relative to
//! the root module's directory. Those directories are evaluated with the
//! caller's inputs, like local modules; they stay within the trust boundary
//! (a `Dir` that leads out of the scanned tree is not read).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The manifest's path under a root module's directory.
pub const MANIFEST: &str = ".terraform/modules/modules.json";

/// Where `terraform init` put each module call's source.
#[derive(Debug, Default)]
pub struct Manifest {
    dirs: foldhash::HashMap<String, PathBuf>,
}

#[derive(Deserialize)]
struct File {
    #[serde(rename = "Modules", default)]
    modules: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Dir")]
    dir: String,
}

impl Manifest {
    /// Parses the manifest of the root module in `root_dir`.
    pub fn parse(text: &str, root_dir: &Path) -> Result<Manifest, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let dirs = file
            .modules
            .into_iter()
            .filter(|e| !e.key.is_empty() && !e.dir.is_empty())
            .map(|e| (e.key, super::normalize(&root_dir.join(e.dir))))
            .collect();
        Ok(Manifest { dirs })
    }

    /// The directory of the module call `key` (`vpc`, `app.vpc`), if installed.
    pub fn dir(&self, key: &str) -> Option<&Path> {
        self.dirs.get(key).map(PathBuf::as_path)
    }
}

/// The key of the module call `name` made from the module at `parent` (the
/// parent's own key; empty for the root module).
pub fn child_key(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// A module source as a message may show it: without a query string (go-getter
/// takes `sshkey=` with a private key there) and without the password of a URL
/// (`git::https://user:token@host/...`).
pub fn shown_source(src: &str) -> String {
    let base = src.split('?').next().unwrap_or_default();
    if let Some(scheme) = base.find("://") {
        let rest = &base[scheme + 3..];
        let host_end = rest.find('/').unwrap_or(rest.len());
        if let Some(at) = rest[..host_end].rfind('@') {
            if rest[..at].contains(':') {
                let user = &rest[..at].split(':').next().unwrap_or_default();
                return format!("{}{user}:****{}", &base[..scheme + 3], &rest[at..]);
            }
        }
    }
    base.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_maps_keys_to_directories_under_the_root() {
        let m = Manifest::parse(
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},
                {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"},
                {"Key":"vpc.sub","Source":"./modules/sub","Dir":".terraform/modules/vpc/modules/sub"}]}"#,
            Path::new("infra"),
        )
        .unwrap();
        assert_eq!(m.dir("vpc"), Some(Path::new("infra/.terraform/modules/vpc")));
        assert_eq!(m.dir("vpc.sub"), Some(Path::new("infra/.terraform/modules/vpc/modules/sub")));
        assert_eq!(m.dir(""), None);
        assert!(Manifest::parse("{", Path::new(".")).is_err());
        assert_eq!(child_key("", "vpc"), "vpc");
        assert_eq!(child_key("app", "vpc"), "app.vpc");
    }

    #[test]
    fn sources_are_shown_without_credentials() {
        assert_eq!(shown_source("terraform-aws-modules/vpc/aws"), "terraform-aws-modules/vpc/aws");
        assert_eq!(
            shown_source("git::https://bot:ghp_secret@github.com/org/mods.git//vpc?ref=v1"),
            "git::https://bot:****@github.com/org/mods.git//vpc"
        );
        assert_eq!(
            shown_source("git::ssh://git@github.com/org/mods.git?sshkey=LS0tLS1CRUdJTi"),
            "git::ssh://git@github.com/org/mods.git"
        );
        assert_eq!(shown_source("git@github.com:org/mods.git"), "git@github.com:org/mods.git");
    }
}

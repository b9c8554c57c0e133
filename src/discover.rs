//! Step 1 of the pipeline: find the files to check and say what each one is.
//!
//! The walk honours `.gitignore` even outside a git repository (what is
//! ignored would not be committed), looks at hidden files (`.credentials`),
//! and skips `.git`, `.terraform` and `node_modules`.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::eval::module::LoadError;
use crate::eval::normalize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `.tf` and `.tf.json` (Terraform's JSON syntax).
    Terraform,
    /// `terraform.tfvars` and `*.auto.tfvars` (and their `.json` forms): loaded into the root module.
    AutoTfvars,
    /// Other `.tfvars` files: only loaded with `--var-file`, still checked for secrets.
    Tfvars,
    /// JSON that may hold an ECS task or container definitions.
    Json,
    AwsCredentials,
    PrivateKey,
    State,
    /// `.env` files: environment variables, often with secrets.
    DotEnv,
}

#[derive(Clone, Debug)]
pub struct Discovered {
    /// Lexically normalized path as reached from the argument (also what users see).
    pub path: PathBuf,
    pub kind: FileKind,
}

pub fn classify(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    Some(if lower.ends_with(".tf") || lower.ends_with(".tf.json") {
        FileKind::Terraform
    } else if lower == "terraform.tfvars"
        || lower.ends_with(".auto.tfvars")
        || lower == "terraform.tfvars.json"
        || lower.ends_with(".auto.tfvars.json")
    {
        FileKind::AutoTfvars
    } else if lower.ends_with(".tfvars") || lower.ends_with(".tfvars.json") {
        FileKind::Tfvars
    } else if lower.ends_with(".tfstate") || lower.ends_with(".tfstate.backup") {
        FileKind::State
    } else if lower.ends_with(".json") {
        FileKind::Json
    } else if lower == "credentials"
        || lower == ".credentials"
        || lower == "aws_credentials"
        || lower.ends_with(".credentials")
    {
        FileKind::AwsCredentials
    } else if lower == ".env"
        || (lower.starts_with(".env.")
            && !lower.ends_with(".example")
            && !lower.ends_with(".sample")
            && !lower.ends_with(".template"))
    {
        FileKind::DotEnv
    } else if lower.ends_with(".pem")
        || lower.ends_with(".key")
        || matches!(lower.as_str(), "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519")
    {
        FileKind::PrivateKey
    } else {
        return None;
    })
}

pub struct Walk {
    pub files: Vec<Discovered>,
    /// Files named on the command line: only their findings are reported.
    /// Empty when only directories were given.
    pub explicit: Vec<PathBuf>,
    pub errors: Vec<LoadError>,
}

const SKIPPED_DIRS: &[&str] = &[".git", ".terraform", "node_modules", ".terragrunt-cache"];

pub fn build_excludes(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| format!("invalid --exclude glob `{g}`: {e}"))?);
        // `dir` also excludes everything below it.
        if !g.ends_with("/**") {
            b.add(Glob::new(&format!("{}/**", g.trim_end_matches('/'))).map_err(|e| e.to_string())?);
        }
    }
    b.build().map_err(|e| e.to_string())
}

pub fn walk(paths: &[PathBuf], excludes: &GlobSet) -> Walk {
    let mut out = Walk { files: Vec::new(), explicit: Vec::new(), errors: Vec::new() };
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push(LoadError {
                    file: root.to_string_lossy().into(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read path: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            let path = normalize(root);
            match classify(&path) {
                Some(kind) => {
                    out.explicit.push(path.clone());
                    // Evaluate the file with the rest of its module.
                    if matches!(kind, FileKind::Terraform | FileKind::AutoTfvars) {
                        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                        for sibling in crate::eval::module::module_files(dir) {
                            out.files.push(Discovered { path: sibling, kind: FileKind::Terraform });
                        }
                        if let Ok(rd) = std::fs::read_dir(dir) {
                            for e in rd.flatten() {
                                let p = normalize(&e.path());
                                if classify(&p) == Some(FileKind::AutoTfvars) {
                                    out.files.push(Discovered { path: p, kind: FileKind::AutoTfvars });
                                }
                            }
                        }
                    }
                    out.files.push(Discovered { path, kind });
                }
                None => out.explicit.push(path),
            }
            continue;
        }
        let root_for_globs = root.clone();
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .require_git(false)
            .parents(true)
            .ignore(true)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && e.file_name().to_str().is_some_and(|n| SKIPPED_DIRS.contains(&n)))
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.errors.push(LoadError {
                        file: root.to_string_lossy().into(),
                        line: 0,
                        column: 0,
                        message: format!("cannot walk directory: {e}"),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let rel = entry.path().strip_prefix(&root_for_globs).unwrap_or(entry.path());
            if excludes.is_match(rel) || excludes.is_match(entry.path()) {
                continue;
            }
            if let Some(kind) = classify(entry.path()) {
                out.files.push(Discovered { path: normalize(entry.path()), kind });
            }
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    out
}

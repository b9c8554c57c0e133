//! Step 1 of the pipeline: find the files to check and say what each one is.
//!
//! The walk honours `.gitignore` even outside a git repository (what is
//! ignored would not be committed), looks at hidden files (`.credentials`),
//! and skips `.git`, `.terraform` and `node_modules`.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::diagnostics::LoadError;

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
    // A name that is not UTF-8 is still a file Terraform loads (an evasion
    // otherwise): it is classified by its lossy form.
    let name = path.file_name()?.to_string_lossy();
    let lower = name.to_ascii_lowercase();
    // Terraform matches its own suffixes case-sensitively: `MAIN.TF` is not
    // loaded, so it is not Terraform here either.
    Some(if name.ends_with(".tf") || name.ends_with(".tf.json") {
        FileKind::Terraform
    } else if name == "terraform.tfvars"
        || name.ends_with(".auto.tfvars")
        || name == "terraform.tfvars.json"
        || name.ends_with(".auto.tfvars.json")
    {
        FileKind::AutoTfvars
    } else if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
        FileKind::Tfvars
    } else if lower.ends_with(".tfstate")
        || lower.ends_with(".tfstate.backup")
        || lower.contains(".tfstate.") && lower.ends_with(".backup")
    {
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
    /// Symlinks not followed because they leave the scanned tree.
    pub notices: Vec<crate::diagnostics::Notice>,
}

const SKIPPED_DIRS: &[&str] = &[".git", ".terraform", "node_modules", ".terragrunt-cache"];

/// The path an error of the walk is about (the deepest one it names).
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::Partial(errs) => errs.iter().find_map(walk_error_path),
        _ => None,
    }
}

/// The error without the path it names (the path is the finding's file).
fn walk_error_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        other => other.to_string(),
    }
}

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

/// Walks `paths`. Symlinks to files are followed as Terraform follows them,
/// when their target is inside `boundary` (else a notice says why not);
/// symlinks to directories are not followed (what is inside the tree is
/// walked where it is).
pub fn walk(paths: &[PathBuf], excludes: &GlobSet, boundary: &crate::boundary::Boundary) -> Walk {
    let mut out = Walk { files: Vec::new(), explicit: Vec::new(), errors: Vec::new(), notices: Vec::new() };
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push(LoadError {
                    file: root.to_string_lossy().into(),
                    line: 1,
                    column: 1,
                    message: format!("cannot read path: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            let path = normalize(root);
            // `exclude` holds for files named on the command line too (what
            // pre-commit passes): named, so only named files are reported,
            // but not checked.
            if excludes.is_match(&path) {
                out.explicit.push(path);
                continue;
            }
            match classify(&path) {
                Some(kind) => {
                    out.explicit.push(path.clone());
                    // Evaluate the file with the rest of its module.
                    if matches!(kind, FileKind::Terraform | FileKind::AutoTfvars) {
                        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                        for sibling in module_files(dir) {
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
            // `.ignore` files are not git's: they must not hide committed files.
            .ignore(false)
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
                    // Point at the directory that could not be read, not at the root.
                    let at = walk_error_path(&e).unwrap_or_else(|| root.clone());
                    out.errors.push(LoadError {
                        file: at.to_string_lossy().into(),
                        line: 1,
                        column: 1,
                        message: format!("cannot walk directory: {}", walk_error_message(&e)),
                    });
                    continue;
                }
            };
            let Some(kind) = entry.file_type().and_then(|t| {
                if t.is_file() {
                    Some(true)
                } else if t.is_symlink() {
                    Some(false)
                } else {
                    None
                }
            }) else {
                continue;
            };
            let rel = entry.path().strip_prefix(&root_for_globs).unwrap_or(entry.path());
            if excludes.is_match(rel) || excludes.is_match(entry.path()) {
                continue;
            }
            let Some(class) = classify(entry.path()) else { continue };
            // A symlink: followed when it is a file inside the tree.
            if !kind {
                if !std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
                    continue;
                }
                if let Err(why) = boundary.check(entry.path()) {
                    out.notices.push(crate::diagnostics::Notice {
                        file: entry.path().to_string_lossy().into(),
                        line: 1,
                        column: 1,
                        message: format!("symlink not followed: its target is not checked, as {why}"),
                    });
                    continue;
                }
            }
            out.files.push(Discovered { path: normalize(entry.path()), kind: class });
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    out
}

/// Lexical path normalization (`./a/../b` → `b`), without touching the disk.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// The `.tf` and `.tf.json` files of a module directory (what Terraform loads).
pub fn module_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    (name.ends_with(".tf") || name.ends_with(".tf.json")) && p.is_file()
                })
                .map(|p| normalize(&p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_errors_name_the_directory_they_are_about() {
        let denied = ignore::Error::Io(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied"));
        let e = ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(ignore::Error::WithPath { path: PathBuf::from("infra/secret"), err: Box::new(denied) }),
        };
        assert_eq!(walk_error_path(&e), Some(PathBuf::from("infra/secret")));
        assert_eq!(walk_error_message(&e), "Permission denied");
    }

    #[test]
    fn terraform_suffixes_are_case_sensitive_like_terraform() {
        assert_eq!(classify(Path::new("main.tf")), Some(FileKind::Terraform));
        assert_eq!(classify(Path::new("MAIN.TF")), None);
        assert_eq!(classify(Path::new("Terraform.tfvars")), Some(FileKind::Tfvars));
        assert_eq!(classify(Path::new("ID_RSA")), Some(FileKind::PrivateKey));
    }
}

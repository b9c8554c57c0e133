//! Step 1 of the pipeline: find the files to check and say what each one is.
//!
//! The walk honours `.gitignore` even outside a git repository (what is
//! ignored would not be committed), looks at hidden files (`.credentials`),
//! and skips `.git`, `.terraform` and `node_modules`. Inside a git work tree
//! it adds the files git tracks that `.gitignore` hid (see [`crate::git`]):
//! committed means committed.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::diagnostics::LoadError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `.tf` and `.tf.json` (Terraform's JSON syntax), and OpenTofu's
    /// `.tofu` and `.tofu.json`.
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

/// The file-level element (`file.KIND` in rule targets) a file of this kind
/// becomes, when its content is what its name says: a credentials file with
/// keys in it, a key file with a private key.
pub fn file_element(kind: FileKind, text: &str) -> Option<&'static str> {
    Some(match kind {
        FileKind::AwsCredentials if text.contains("aws_secret_access_key") || text.contains("aws_access_key_id") => {
            "credentials"
        }
        FileKind::PrivateKey if text.contains("PRIVATE KEY-----") => "private_key",
        FileKind::State => "tfstate",
        FileKind::DotEnv => "dotenv",
        _ => return None,
    })
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
    Some(if is_configuration(&name) {
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
    /// Files named on the command line: only the findings in them, or whose
    /// value is written in them, are reported. Empty when only directories
    /// were given.
    pub explicit: Vec<PathBuf>,
    pub errors: Vec<LoadError>,
    /// Symlinks not followed because they leave the scanned tree.
    pub notices: Vec<crate::diagnostics::Notice>,
    /// Files whose name says nothing: recognised by their content at the end
    /// of the walk (in parallel), then dropped or moved to `files`.
    unrecognised: Vec<PathBuf>,
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
    walk_telling(paths, excludes, boundary, &mut |_| {})
}

/// [`walk`], telling `found` of each file of a known kind the directory
/// walk meets, as it meets it (so that reading them can start meanwhile).
/// The walk's `files` are what counts: a file told may be left out of them
/// (a twin, a duplicate), and files named on the command line, their
/// siblings and files recognised by content are not told.
pub fn walk_telling(
    paths: &[PathBuf],
    excludes: &GlobSet,
    boundary: &crate::boundary::Boundary,
    found: &mut dyn FnMut(&Discovered),
) -> Walk {
    let mut out = Walk {
        files: Vec::new(),
        explicit: Vec::new(),
        errors: Vec::new(),
        notices: Vec::new(),
        unrecognised: Vec::new(),
    };
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
            match classify_file(&path) {
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
            let Some(is_file) = entry.file_type().and_then(|t| {
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
            consider(&mut out, entry.path(), rel, is_file, (excludes, boundary), found);
        }
        // Inside a git work tree, what is committed is what git tracks:
        // tracked files that `.gitignore` matches are checked too.
        if crate::git::work_tree_of(root).is_some() {
            match crate::git::tracked_files(root) {
                Ok(tracked) => {
                    for rel in tracked {
                        if rel.components().any(|c| c.as_os_str().to_str().is_some_and(|n| SKIPPED_DIRS.contains(&n))) {
                            continue;
                        }
                        let path = root.join(&rel);
                        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
                        let is_file = meta.file_type().is_file();
                        if is_file || meta.file_type().is_symlink() {
                            consider(&mut out, &path, &rel, is_file, (excludes, boundary), found);
                        }
                    }
                }
                Err(why) => out.notices.push(crate::diagnostics::Notice {
                    file: root.to_string_lossy().into(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "the git index could not be read ({why}): only `.gitignore` decided what is committed, \
                         so tracked files it matches were not checked"
                    ),
                }),
            }
        }
    }
    recognise_by_content(&mut out);
    out.files.sort_by(|a, b| crate::path_key::cmp_normal(&a.path, &b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    drop_tofu_replaced(&mut out.files, |d| (d.kind == FileKind::Terraform).then_some(d.path.as_path()));
    out
}

/// A file met by the walk (or listed by git) at `path`, `rel` to the root it
/// was reached from: kept when it is not excluded, is a kind this tool reads
/// and, for a symlink, points at a file inside the tree.
fn consider(
    out: &mut Walk,
    path: &Path,
    rel: &Path,
    is_file: bool,
    (excludes, boundary): (&GlobSet, &crate::boundary::Boundary),
    found: &mut dyn FnMut(&Discovered),
) {
    if excludes.is_match(rel) || excludes.is_match(path) {
        return;
    }
    let class = classify(path);
    if class.is_none() && !worth_sniffing(path) {
        return;
    }
    // A symlink: followed when it is a file inside the tree.
    if !is_file {
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return;
        }
        if let Err(why) = boundary.check(path) {
            out.notices.push(crate::diagnostics::Notice {
                file: path.to_string_lossy().into(),
                line: 1,
                column: 1,
                message: format!("symlink not followed: its target is not checked, as {why}"),
            });
            return;
        }
    }
    match class {
        Some(kind) => {
            let d = Discovered { path: normalize(path), kind };
            found(&d);
            out.files.push(d)
        }
        None => out.unrecognised.push(normalize(path)),
    }
}

/// How much of a file is read to recognise it by its content.
const HEAD_BYTES: u64 = 4096;

/// May a file whose name is not one this tool reads still be a key or state?
/// Files without an extension (`deploy_key`, `id_rsa_work`) and the suffixes
/// of backups and pasted copies (`terraform.tfstate.old`, `key.txt`); never
/// a public key (`.pub`) or any other extension.
fn worth_sniffing(path: &Path) -> bool {
    let Some(name) = path.file_name() else { return false };
    let name = name.to_string_lossy().to_ascii_lowercase();
    let stem = name.trim_start_matches('.');
    match stem.rsplit_once('.') {
        None => !stem.is_empty(),
        Some((_, ext)) => {
            matches!(ext, "bak" | "backup" | "old" | "orig" | "save" | "sav" | "txt" | "priv" | "private" | "secret")
        }
    }
}

/// A key or a state file, told by the first bytes of a text file: a private
/// key starts with its `-----BEGIN ... PRIVATE KEY-----` line (a key quoted in
/// documentation does not start the file), state is a JSON object with
/// `terraform_version`, `serial` and `lineage` (a plan has no `lineage`).
pub fn kind_by_content(head: &[u8]) -> Option<FileKind> {
    if memchr::memchr(0, head).is_some() {
        return None;
    }
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(rest) = t.strip_prefix("-----BEGIN ") {
        let line = rest.lines().next().unwrap_or("").trim_end();
        if line.ends_with("PRIVATE KEY-----") || line.ends_with("PRIVATE KEY BLOCK-----") {
            return Some(FileKind::PrivateKey);
        }
    }
    let has = |key: &str| memchr::memmem::find(t.as_bytes(), key.as_bytes()).is_some();
    if t.starts_with('{') && has("\"terraform_version\"") && has("\"serial\"") && has("\"lineage\"") {
        return Some(FileKind::State);
    }
    None
}

fn head_kind(path: &Path) -> Option<FileKind> {
    let mut buf = Vec::new();
    crate::source::read_head_into(path, HEAD_BYTES, &mut buf).ok().and_then(kind_by_content)
}

/// What a file is, by its name, else (for names that say nothing, and JSON
/// that may be state) by its first bytes.
pub fn classify_file(path: &Path) -> Option<FileKind> {
    match classify(path) {
        Some(FileKind::Json) => {
            Some(if head_kind(path) == Some(FileKind::State) { FileKind::State } else { FileKind::Json })
        }
        Some(kind) => Some(kind),
        None if worth_sniffing(path) => head_kind(path),
        None => None,
    }
}

/// Recognises the walk's unrecognised files and its JSON by their first
/// bytes, on all cores (a few kilobytes of each).
fn recognise_by_content(out: &mut Walk) {
    use rayon::prelude::*;
    out.files.par_iter_mut().filter(|d| d.kind == FileKind::Json).for_each(|d| {
        if head_kind(&d.path) == Some(FileKind::State) {
            d.kind = FileKind::State;
        }
    });
    let found: Vec<Discovered> = std::mem::take(&mut out.unrecognised)
        .into_par_iter()
        .filter_map(|path| head_kind(&path).map(|kind| Discovered { path, kind }))
        .collect();
    out.files.extend(found);
}

/// Lexical path normalization (`./a/../b` → `b`), without touching the disk.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    // Most paths are normal already (those the walk joins): a scan of the
    // bytes says so for a tenth of the instructions of rebuilding them.
    if is_normal(p) {
        return p.to_path_buf();
    }
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

/// Is `p` what [`normalize`] makes of it: `.` alone, or non-empty parts
/// that are not `.` or `..`, between single `/` (a leading one allowed, a
/// trailing one not)? Decided on the bytes on Unix; elsewhere (`\`, drive
/// prefixes) the answer is no, and the path is rebuilt.
fn is_normal(p: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let bytes = p.as_os_str().as_encoded_bytes();
    if bytes == b"." {
        return true;
    }
    let rest = bytes.strip_prefix(b"/").unwrap_or(bytes);
    !rest.is_empty() && rest.split(|b| *b == b'/').all(|part| !matches!(part, b"" | b"." | b".."))
}

/// Is this file name one of a module's configuration files: `.tf`,
/// `.tf.json`, or OpenTofu's `.tofu`, `.tofu.json` (case-sensitive, as both
/// tools match them)?
pub fn is_configuration(name: &str) -> bool {
    [".tf", ".tf.json", ".tofu", ".tofu.json"].iter().any(|ext| name.ends_with(ext))
}

/// The OpenTofu file that replaces this `.tf` (`.tf.json`) file when both are
/// in one directory: `main.tofu` for `main.tf`, `main.tofu.json` for
/// `main.tf.json`. OpenTofu then loads only the `.tofu` one (override files
/// alike: `x_override.tofu` replaces `x_override.tf`); a `.tf` file is not
/// replaced by a `.tofu.json` one, nor a `.tf.json` by a `.tofu`.
pub fn tofu_twin(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let twin = match name.strip_suffix(".tf.json") {
        Some(base) => format!("{base}.tofu.json"),
        None => format!("{}.tofu", name.strip_suffix(".tf")?),
    };
    Some(path.with_file_name(twin))
}

/// Leaves out of `items` the `.tf` (`.tf.json`) files whose `.tofu` twin is
/// among them (OpenTofu loads only the twin). `path`: an item's path, `None`
/// for one that is not a configuration file. Most trees hold no `.tofu`
/// file: then nothing is built.
fn drop_tofu_replaced<T>(items: &mut Vec<T>, path: impl Fn(&T) -> Option<&Path>) {
    let is_tofu = |p: &Path| {
        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".tofu") || n.ends_with(".tofu.json"))
    };
    if !items.iter().filter_map(&path).any(is_tofu) {
        return;
    }
    let present: crate::path_key::PathSet = items.iter().filter_map(&path).map(Into::into).collect();
    items.retain(|i| !path(i).and_then(tofu_twin).is_some_and(|t| present.contains(t.as_os_str())));
}

/// The configuration files of a module directory (what Terraform, and
/// OpenTofu, load), without the `.tf` files a `.tofu` twin replaces.
pub fn module_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_str().is_some_and(is_configuration))
                // The directory entry's type, without a `stat` per file (a
                // pre-commit run lists its module's files): only a link is
                // followed, to what it points to.
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink() && e.path().is_file()))
                .map(|e| normalize(&e.path()))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    drop_tofu_replaced(&mut files, |p| Some(p.as_path()));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_paths_are_kept_and_others_rebuilt() {
        let cases = [
            ("a/b/main.tf", "a/b/main.tf"),
            ("/tmp/x/main.tf", "/tmp/x/main.tf"),
            (".", "."),
            ("", "."),
            ("/", "/"),
            ("./a", "a"),
            ("a/./b", "a/b"),
            ("a//b", "a/b"),
            ("a/b/", "a/b"),
            ("a/../b", "b"),
            ("../a", "../a"),
            ("..", ".."),
            ("a/..", "."),
            ("/..", "/"),
            ("a/.b/..c/...", "a/.b/..c/..."),
        ];
        for (given, normal) in cases {
            assert_eq!(normalize(Path::new(given)), Path::new(normal), "{given}");
            // The same bytes, not only an equal path (paths are keys by their bytes).
            assert_eq!(normalize(Path::new(given)).as_os_str(), normal, "{given}");
            // Kept only when already normal ("/" and leading ".." are rebuilt, to the same).
            assert_eq!(
                is_normal(Path::new(given)),
                given == normal && given != "/" && !given.starts_with(".."),
                "{given}"
            );
        }
    }

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
    fn keys_and_state_are_recognised_by_content_where_the_name_says_nothing() {
        let key = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA\n-----END OPENSSH PRIVATE KEY-----\n";
        assert_eq!(kind_by_content(key), Some(FileKind::PrivateKey));
        assert_eq!(kind_by_content(b"\xef\xbb\xbf\n  -----BEGIN EC PRIVATE KEY-----\nMHc"), Some(FileKind::PrivateKey));
        assert_eq!(kind_by_content(b"-----BEGIN PGP PRIVATE KEY BLOCK-----\n"), Some(FileKind::PrivateKey));
        // A certificate, a public key, a key quoted in text, a binary.
        assert_eq!(kind_by_content(b"-----BEGIN CERTIFICATE-----\nMIIB\n"), None);
        assert_eq!(kind_by_content(b"ssh-ed25519 AAAAC3Nza deploy@example\n"), None);
        assert_eq!(kind_by_content(b"Keys start with -----BEGIN RSA PRIVATE KEY-----\n"), None);
        assert_eq!(kind_by_content(b"\0\0-----BEGIN RSA PRIVATE KEY-----\n"), None);
        let state = br#"{"version": 4, "terraform_version": "1.9.5", "serial": 2, "lineage": "x", "resources": []}"#;
        assert_eq!(kind_by_content(state), Some(FileKind::State));
        // A plan (`terraform show -json`) has no lineage.
        assert_eq!(kind_by_content(br#"{"format_version": "1.2", "terraform_version": "1.9.5"}"#), None);

        for name in ["deploy_key", "id_rsa_work", ".ssh_key", "terraform.tfstate.old", "key.txt", "prod.bak"] {
            assert!(worth_sniffing(Path::new(name)), "{name}");
        }
        for name in ["id_rsa.pub", "README.md", "main.py", "logo.png", "."] {
            assert!(!worth_sniffing(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn terraform_suffixes_are_case_sensitive_like_terraform() {
        assert_eq!(classify(Path::new("main.tf")), Some(FileKind::Terraform));
        assert_eq!(classify(Path::new("MAIN.TF")), None);
        assert_eq!(classify(Path::new("Terraform.tfvars")), Some(FileKind::Tfvars));
        assert_eq!(classify(Path::new("ID_RSA")), Some(FileKind::PrivateKey));
        assert_eq!(classify(Path::new("main.tofu")), Some(FileKind::Terraform));
        assert_eq!(classify(Path::new("main.tofu.json")), Some(FileKind::Terraform));
        assert_eq!(classify(Path::new("MAIN.TOFU")), None);
    }

    #[test]
    fn a_tofu_file_replaces_the_tf_file_of_the_same_base_name() {
        let twin = |p: &str| tofu_twin(Path::new(p)).map(|t| t.to_string_lossy().into_owned());
        assert_eq!(twin("infra/main.tf").as_deref(), Some("infra/main.tofu"));
        assert_eq!(twin("main.tf.json").as_deref(), Some("main.tofu.json"));
        assert_eq!(twin("db_override.tf").as_deref(), Some("db_override.tofu"));
        assert_eq!(twin("main.tofu"), None);
        assert_eq!(twin("main.tofu.json"), None);
        assert_eq!(twin("terraform.tfvars"), None);
    }
}

//! Functions of files in the module tree: `fileexists`, `fileset`, and the
//! encodings and hashes of a file's content (`filebase64`, `filemd5`,
//! `filesha256`...).
//!
//! They are pure for a given checkout, so they are evaluated, within the same
//! trust boundary as `file()`: a path outside the scanned tree is never
//! probed or read (Unknown, with a notice where it is written). Paths are
//! relative to the root module's directory, as Terraform takes them.
//!
//! The content functions read the file as `file()` does, so a file that is
//! not UTF-8 text (an archive, an image) is Unknown; for a text file the
//! bytes hashed or encoded are the file's own, as in Terraform.

use std::path::{Path, PathBuf};

use super::{encoding, hash, types, Call};
use crate::model::Val;

pub const NAMES: &[&str] = &[
    "fileexists",
    "fileset",
    "filebase64",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "filebase64sha256",
    "filebase64sha512",
];

/// At most this many directory entries are looked at by one `fileset`:
/// beyond, the set is Unknown (a module globbing a huge tree).
const MAX_FILESET_ENTRIES: usize = 20_000;

pub fn call(c: &Call, name: &str) -> Option<Val> {
    match name {
        "fileexists" if c.args.len() == 1 => file_exists(c),
        "fileset" if c.args.len() == 2 => file_set(c),
        _ if c.args.len() == 1 => {
            // The content as `file()` reads it, then the string function of
            // the same name without the `file` prefix.
            let content = c.ctx.read_file(&c.str(0)?, c.span)?;
            let args = [content];
            let inner = Call { ctx: c.ctx, args: &args, span: c.span };
            match name {
                "filebase64" => encoding::call(&inner, "base64encode"),
                _ => hash::call(&inner, name.strip_prefix("file")?),
            }
        }
        _ => None,
    }
}

/// `fileexists(path)`: whether a regular file is there. A directory is an
/// error in Terraform (Unknown here).
fn file_exists(c: &Call) -> Option<Val> {
    let path = c.ctx.resolve(&c.str(0)?);
    if !c.ctx.may_probe(&path, c.span) {
        return None;
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => Some(c.bool(true)),
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(c.bool(false)),
        Err(_) => None,
    }
}

/// `fileset(path, pattern)`: the regular files under `path` whose path
/// relative to it matches the glob `pattern` (`*` and `?` within one
/// directory level, `**` across levels, `[...]`, `{a,b}`), with `/` between
/// levels, as a set (sorted). A missing directory gives the empty set.
fn file_set(c: &Call) -> Option<Val> {
    let base = c.ctx.resolve(&c.str(0)?);
    let pattern = clean_pattern(&c.str(1)?)?;
    let glob = globset::GlobBuilder::new(&pattern).literal_separator(true).build().ok()?.compile_matcher();
    if !c.ctx.may_probe(&base, c.span) {
        return None;
    }
    let mut found = Vec::new();
    let mut seen = 0;
    walk(c, &base, &base, &glob, &mut seen, &mut found)?;
    let items: Vec<Val> = found.into_iter().map(|s| c.string(s)).collect::<Option<_>>()?;
    if !c.items(items.len(), items.iter().map(Val::size).sum()) {
        return None;
    }
    Some(c.list(types::set_of(c, items)?))
}

/// Terraform joins the pattern to the path and cleans the result: `./` and
/// repeated slashes go. A pattern that climbs out (`..`) or is absolute is
/// not followed here.
fn clean_pattern(pattern: &str) -> Option<String> {
    if pattern.starts_with('/') {
        return None;
    }
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

/// Visits `dir` (under `base`), adding matching files; `None` when a budget
/// runs out or a directory cannot be read.
fn walk(
    c: &Call,
    base: &Path,
    dir: &Path,
    glob: &globset::GlobMatcher,
    seen: &mut usize,
    found: &mut Vec<String>,
) -> Option<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        // The path itself may be missing: no matches, as in Terraform.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir == base => return Some(()),
        Err(_) => return None,
    };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().ok()?;
    entries.sort();
    for path in entries {
        *seen += 1;
        if *seen > MAX_FILESET_ENTRIES || !c.budget().steps(1, c.span) {
            return None;
        }
        let link = std::fs::symlink_metadata(&path).ok()?.file_type().is_symlink();
        // A link may lead out of the tree: not followed then.
        if link && c.ctx.boundary.check(&path).is_err() {
            continue;
        }
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() && !link {
            walk(c, base, &path, glob, seen, found)?;
        } else if meta.is_file() {
            let rel = path.strip_prefix(base).ok()?;
            let rel: Vec<&str> = rel.components().map(|p| p.as_os_str().to_str()).collect::<Option<_>>()?;
            let rel = rel.join("/");
            if glob.is_match(&rel) {
                found.push(rel);
            }
        }
    }
    Some(())
}

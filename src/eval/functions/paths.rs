//! `basename` and `dirname`: pure operations on path strings, with Go's
//! `path/filepath` semantics on Linux (`/` separates; `dirname` cleans its
//! result lexically), as Terraform computes them. No file is looked at.

use super::Call;
use crate::model::Val;

pub const NAMES: &[&str] = &["basename", "dirname"];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    if c.args.len() != 1 {
        return None;
    }
    let path = c.str(0)?;
    c.string(if name == "basename" { base(&path) } else { dir(&path) })
}

/// Go's `filepath.Base`: the last element, trailing slashes removed; `.`
/// for the empty path, `/` for a path of slashes only.
fn base(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).into()
}

/// Go's `filepath.Dir`: everything before the last element, cleaned.
fn dir(path: &str) -> String {
    let upto = path.rfind('/').map_or(0, |i| i + 1);
    clean(&path[..upto])
}

/// Go's `filepath.Clean`: one slash between elements, no `.` elements, `..`
/// removed with the element before it (or at the root); `.` when empty.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match out.last() {
                Some(&last) if last != ".." => {
                    out.pop();
                }
                _ if rooted => {}
                _ => out.push(".."),
            },
            p => out.push(p),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

//! The trust boundary: which files a scan may read.
//!
//! A scanner runs on pull requests from strangers, so what the scanned code
//! asks to read (`file()`, `templatefile()`, a module `source`, a var file
//! named in an in-tree configuration) is limited to the scanned tree: the
//! roots given on the command line, or the git repository that contains them.
//! Paths are compared after resolving symlinks, so a link that leaves the
//! tree is refused too. Inside the tree, `.git` is refused as well: CI
//! checkouts keep credentials there (`http.extraheader` in `.git/config`).
//!
//! A refused read is Unknown to the evaluator, with a located notice.

use std::path::{Component, Path, PathBuf};

/// The directories (and single files) a scan may read from.
#[derive(Debug, Clone)]
pub struct Boundary {
    /// Canonical directories; `None`: no restriction (a library caller that
    /// builds its own inputs; the command line always sets roots).
    roots: Option<Vec<PathBuf>>,
    /// Canonical files the user named outside those roots (`--var-file`).
    files: Vec<PathBuf>,
    /// Canonical forms of the directories resolved so far (see
    /// [`Boundary::canonical`]), shared by every task of the scan (`None`
    /// when nothing is restricted, so nothing is resolved).
    dirs: Option<std::sync::Arc<std::sync::Mutex<CanonicalDirs>>>,
}

/// Directories as asked for, and their canonical forms (`None`: missing).
type CanonicalDirs = crate::path_key::PathMap<Option<PathBuf>>;

/// Why a path may not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Resolved (through `..` or symlinks) to a place outside the scanned tree.
    Outside,
    /// Inside a `.git` directory.
    GitDir,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::Outside => "it is outside the scanned tree",
            Refusal::GitDir => "it is inside a `.git` directory",
        })
    }
}

impl Default for Boundary {
    fn default() -> Boundary {
        Boundary::unrestricted()
    }
}

impl Boundary {
    /// The boundary for a scan of `paths` (files or directories): for each, the
    /// git work tree that holds it, else the directory itself (a file's
    /// directory). `extra_files` are files the user named on the command line.
    pub fn for_scan(paths: &[PathBuf], extra_files: &[PathBuf]) -> Boundary {
        let mut roots = Vec::new();
        for p in paths {
            let Ok(canon) = std::fs::canonicalize(p) else { continue };
            let dir = if canon.is_dir() { canon } else { canon.parent().map(Path::to_path_buf).unwrap_or(canon) };
            roots.push(repository_root(&dir).unwrap_or(dir));
        }
        roots.sort();
        roots.dedup();
        let files = extra_files.iter().filter_map(|f| std::fs::canonicalize(f).ok()).collect();
        Boundary { roots: Some(roots), files, dirs: Some(Default::default()) }
    }

    /// No restriction at all.
    pub const fn unrestricted() -> Boundary {
        Boundary { roots: None, files: Vec::new(), dirs: None }
    }

    /// May `path` be read? Resolves symlinks; a path that does not exist is
    /// allowed here (reading it fails on its own).
    pub fn check(&self, path: &Path) -> Result<(), Refusal> {
        let Some(roots) = &self.roots else { return Ok(()) };
        let Some(canon) = self.canonical(path) else { return Ok(()) };
        if self.files.contains(&canon) {
            return Ok(());
        }
        let Some(root) = roots.iter().find(|r| canon.starts_with(r)) else { return Err(Refusal::Outside) };
        let inside = canon.strip_prefix(root).unwrap_or(&canon);
        if inside.components().any(|c| c == Component::Normal(".git".as_ref())) {
            return Err(Refusal::GitDir);
        }
        Ok(())
    }
}

impl Boundary {
    /// `std::fs::canonicalize(path)`, without resolving every directory
    /// above it again for each file: a path that is not itself a symlink is
    /// its directory's canonical form (remembered) joined with its name.
    /// (`canonicalize` reads every component's link; a scan checks a path per
    /// module call and file read, and that was 5% of a check of real code.)
    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        let plain = path.components().all(|c| matches!(c, Component::Normal(_) | Component::RootDir));
        let (Some(dirs), Some(parent), Some(name)) = (&self.dirs, path.parent(), path.file_name()) else {
            return std::fs::canonicalize(path).ok();
        };
        let is_link = std::fs::symlink_metadata(path).map(|m| m.file_type().is_symlink());
        if !plain || parent.as_os_str().is_empty() || !matches!(is_link, Ok(false)) {
            return std::fs::canonicalize(path).ok();
        }
        if let Some(known) = dirs.lock().expect("not poisoned").get(parent.as_os_str()) {
            return known.as_ref().map(|d| d.join(name));
        }
        let dir = self.canonical(parent);
        dirs.lock().expect("not poisoned").insert(parent.into(), dir.clone());
        dir.map(|d| d.join(name))
    }

    /// May the existence of `path` be looked at (`fileexists`, `fileset`)?
    /// As [`Boundary::check`]; a path that does not exist is judged by its
    /// nearest existing ancestor, so that probing outside the tree tells
    /// nothing about what is there.
    pub fn check_probe(&self, path: &Path) -> Result<(), Refusal> {
        if self.roots.is_none() || path.exists() {
            return self.check(path);
        }
        path.ancestors().skip(1).find(|a| a.exists()).map_or(Ok(()), |a| self.check(a))
    }
}

/// The nearest directory at or above `dir` that holds `.git` (a directory,
/// or a file in a linked work tree or submodule).
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_roots_and_in_git_are_refused() {
        let tmp = std::env::temp_dir().join(format!("tflint-rs-boundary-{}", std::process::id()));
        let inner = tmp.join("repo/infra");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(tmp.join("repo/.git")).unwrap();
        std::fs::write(tmp.join("repo/.git/config"), "x").unwrap();
        std::fs::write(tmp.join("repo/shared.json"), "{}").unwrap();
        std::fs::write(tmp.join("outside.txt"), "secret").unwrap();
        let b = Boundary::for_scan(std::slice::from_ref(&inner), &[]);
        // The repository holding the scanned directory is inside.
        assert_eq!(b.check(&inner.join("../shared.json")), Ok(()));
        assert_eq!(b.check(&inner.join("../.git/config")), Err(Refusal::GitDir));
        assert_eq!(b.check(&inner.join("../../outside.txt")), Err(Refusal::Outside));
        assert_eq!(b.check(Path::new("/etc/hostname")), Err(Refusal::Outside));
        #[cfg(unix)]
        {
            let link = inner.join("link.txt");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(tmp.join("outside.txt"), &link).unwrap();
            assert_eq!(b.check(&link), Err(Refusal::Outside));
            // A plain file under a directory link that leaves the tree, asked
            // for after a file of the real directory above (whose canonical
            // form is remembered).
            std::fs::create_dir_all(tmp.join("elsewhere")).unwrap();
            std::fs::write(tmp.join("elsewhere/key.pem"), "k").unwrap();
            let dir_link = inner.join("certs");
            let _ = std::fs::remove_file(&dir_link);
            std::os::unix::fs::symlink(tmp.join("elsewhere"), &dir_link).unwrap();
            assert_eq!(b.check(&inner.join("main.tf")), Ok(()));
            assert_eq!(b.check(&dir_link.join("key.pem")), Err(Refusal::Outside));
            assert_eq!(b.check(&dir_link.join("key.pem")), Err(Refusal::Outside), "asked again");
        }
        // A file the user named is allowed wherever it is.
        let named = Boundary::for_scan(std::slice::from_ref(&inner), &[tmp.join("outside.txt")]);
        assert_eq!(named.check(&tmp.join("outside.txt")), Ok(()));
        assert_eq!(Boundary::unrestricted().check(Path::new("/etc/hostname")), Ok(()));
        let _ = std::fs::remove_dir_all(&tmp);
    }
}

//! What git says is committed: the files in a work tree's index.
//!
//! Whether a state file, a key, a credentials file or a `.env` is committed
//! is a question for git, not for `.gitignore`: a file added before the
//! pattern that matches it (the classic `terraform.tfstate` incident) stays
//! tracked, and every clone has it. The walk honours `.gitignore`, so inside a
//! git work tree it adds the tracked files [`tracked_files`] lists.
//!
//! The index is read by the `git` binary (`git ls-files -z --cached`), which is
//! there wherever a work tree is, reads every index version and extension
//! (split and sparse indexes, submodules) the way git itself does, and costs
//! nothing to build; `gix` would add a large dependency tree (and minutes of
//! compile time) for one listing, and a hand-written index reader would have
//! to follow git's format changes.
//!
//! The scanned tree may be hostile (a pull request, a downloaded archive with
//! a `.git` directory), and a repository's own `.git/config` can name programs
//! that git runs. The command is therefore hardened:
//!
//! - `ls-files --cached` runs no hooks, filters, diff drivers, pagers (its
//!   output is a pipe, and `--no-pager`), editors or network transports; what
//!   a repository's configuration could still start is the file-system
//!   monitor (`core.fsmonitor`, run when the index is read), switched off on
//!   the command line, which wins over every configuration file. Hooks are
//!   pointed at `/dev/null` as well, and no transport is allowed.
//! - The `GIT_*` environment is cleared (a pre-commit hook sets `GIT_DIR` and
//!   `GIT_INDEX_FILE`, which would redirect the listing); optional locks are
//!   off, so nothing is written to the repository.
//! - The system and global configuration (the machine's own, trusted, and
//!   where `safe.directory` is set in CI containers) are read; git's refusal
//!   of a repository owned by another user is respected, not overridden.
//! - The listing has a deadline: a repository whose index or configuration
//!   is a FIFO cannot block the scan.
//!
//! When git is missing, refuses or fails, the walk falls back to `.gitignore`
//! alone and a notice says that tracked files matched by it were not checked.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long `git ls-files` may take (a large monorepo's index lists in well
/// under a second).
const DEADLINE: Duration = Duration::from_secs(20);

/// The command-line settings that neutralise what a repository's
/// configuration could make git run (see the module documentation).
const HARDENING: &[&str] = &[
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.untrackedCache=false",
    "-c",
    "protocol.allow=never",
];

/// The nearest directory at or above `dir` that holds `.git` (a directory,
/// or a file in a linked work tree or submodule).
pub fn work_tree_of(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    abs.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// The tracked files at or below `dir` (which is inside a git work tree), as
/// paths relative to `dir`; the files of initialised submodules too. An error
/// says why git could not tell (not installed, refused the repository, failed).
pub fn tracked_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut cmd = Command::new("git");
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(&key);
        }
    }
    cmd.env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .arg("--no-pager")
        .args(HARDENING)
        .args(["ls-files", "-z", "--cached", "--recurse-submodules"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot run git: {e}"))?;
    // Both pipes are drained on their own threads, so a large listing (or a
    // chatty error) never blocks the child while the deadline is watched.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < DEADLINE => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("git ls-files took more than {} s", DEADLINE.as_secs()));
            }
            Err(e) => return Err(format!("cannot run git: {e}")),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        let why = String::from_utf8_lossy(&stderr);
        let first = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        let first: String = first.strip_prefix("fatal: ").unwrap_or(first).chars().take(200).collect();
        return Err(if first.is_empty() { format!("git ls-files failed ({status})") } else { first });
    }
    Ok(stdout.split(|&b| b == 0).filter(|p| !p.is_empty()).map(path_from_bytes).collect())
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

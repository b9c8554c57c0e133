//! "Committed means committed": inside a git work tree, a tracked state file,
//! key, credentials file or `.env` is a finding even when `.gitignore` matches
//! it; untracked ignored files are not; untracked files that are not ignored
//! are (they are about to be committed). Real repositories, made with `git`
//! in a temp dir; skipped where `git` is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STATE: &str = r#"{"version": 4, "terraform_version": "1.7.5", "serial": 3, "lineage": "0b1c", "outputs": {}, "resources": []}
"#;
const KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";
const CREDENTIALS: &str = "[default]\naws_access_key_id = AKIA2OGYBAH6STMMNXNN\n";

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.email=ci@example.com", "-c", "user.name=ci", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A fresh git repository under the system temp dir.
fn repo(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tflint-rs-committed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    git(&dir, &["init", "--quiet"]);
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A repository (None without git) where `files` were committed, then
/// `.gitignore` was written with `ignore`.
fn committed_then_ignored(name: &str, files: &[(&str, &str)], ignore: &str) -> Option<PathBuf> {
    if !has_git() {
        eprintln!("note: git is not installed: skipped");
        return None;
    }
    let dir = repo(name);
    for (rel, text) in files {
        write(&dir, rel, text);
    }
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "--quiet", "-m", "init"]);
    write(&dir, ".gitignore", ignore);
    Some(dir)
}

fn check_in(dir: &Path, env: &[(&str, &str)]) -> (Output, serde_json::Value) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tflint-rs"));
    cmd.args(["check", ".", "--format", "json"]).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("binary runs");
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (out, v)
}

/// `file rule_id` of each finding, sorted.
fn found(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["file"].as_str().unwrap(), f["rule_id"].as_str().unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_tracked_file_is_committed_even_when_gitignore_matches_it() {
    if !has_git() {
        eprintln!("note: git is not installed: skipped");
        return;
    }
    let dir = repo("tracked");
    write(&dir, "main.tf", "terraform {\n  required_version = \">= 1.5\"\n}\n");
    write(&dir, "terraform.tfstate", STATE);
    write(&dir, "secrets/credentials", CREDENTIALS);
    write(&dir, "secrets/deploy.pem", KEY);
    write(&dir, ".env", "DB_PASSWORD=Sup3rS3cret-value!\n");
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "--quiet", "-m", "init"]);
    let (_, before) = check_in(&dir, &[]);
    let all = vec![
        ".env secret-dotenv-file",
        "secrets/credentials secret-aws-credentials-file",
        "secrets/deploy.pem secret-private-key-file",
        "terraform.tfstate terraform-state-committed",
    ];
    assert_eq!(found(&before), all);
    // The classic incident: committed, then added to .gitignore. Still in every clone.
    write(&dir, ".gitignore", "*.tfstate\nsecrets/\n.env\n");
    let (out, after) = check_in(&dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&after), all, "tracked files stay findings");
    assert!(after["notices"].as_array().unwrap().is_empty(), "{after}");

    // Removed from the index (`git rm --cached`): no longer committed, and ignored.
    git(&dir, &["rm", "--cached", "--quiet", "-r", "terraform.tfstate", "secrets", ".env"]);
    let (out, v) = check_in(&dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(found(&v), Vec::<String>::new());

    // Untracked and not ignored: about to be committed, a finding (as before).
    std::fs::write(dir.join(".gitignore"), "").unwrap();
    let (_, v) = check_in(&dir, &[]);
    assert_eq!(found(&v), all);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_in_a_subdirectory_sees_the_tracked_files_below_it() {
    let files = [
        ("infra/prod/main.tf", "terraform {\n  required_version = \">= 1.5\"\n}\n"),
        ("infra/prod/terraform.tfstate.backup", STATE),
        ("other/terraform.tfstate", STATE),
    ];
    let Some(dir) = committed_then_ignored("subdir", &files, "*.tfstate*\n") else { return };
    let (_, v) = check_in(&dir.join("infra"), &[]);
    assert_eq!(found(&v), ["prod/terraform.tfstate.backup terraform-state-committed"]);
    // --exclude still applies to tracked files.
    let out = Command::new(env!("CARGO_BIN_EXE_tflint-rs"))
        .args(["check", ".", "--exclude", "prod/*.backup"])
        .current_dir(dir.join("infra"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_repository_configuration_cannot_make_git_run_a_program() {
    let Some(dir) = committed_then_ignored("hostile", &[("terraform.tfstate", STATE)], "*.tfstate\n") else { return };
    // A hostile checkout's .git/config: a file-system monitor that would run
    // on any command reading the index, and hooks.
    let marker = dir.join("pwned");
    let script = dir.join("monitor.sh");
    std::fs::write(&script, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    git(&dir, &["config", "core.fsmonitor", script.to_str().unwrap()]);
    git(&dir, &["config", "core.hooksPath", dir.to_str().unwrap()]);
    let (_, v) = check_in(&dir, &[("GIT_DIR", "/nonexistent"), ("GIT_INDEX_FILE", "/nonexistent")]);
    assert!(!marker.exists(), "the repository's core.fsmonitor ran");
    // The inherited GIT_DIR / GIT_INDEX_FILE (set in hooks) did not redirect the listing.
    assert_eq!(found(&v), ["terraform.tfstate terraform-state-committed"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_git_the_gitignore_decides_and_a_notice_says_so() {
    let Some(dir) = committed_then_ignored("no-git", &[("terraform.tfstate", STATE)], "*.tfstate\n") else { return };
    write(&dir, "untracked.tfstate", STATE);
    let (out, v) = check_in(&dir, &[("PATH", "/nonexistent")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(found(&v), Vec::<String>::new());
    let notices = v["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{v}");
    assert!(notices[0]["message"].as_str().unwrap().starts_with("the git index could not be read"), "{v}");
    // With git: the tracked one only.
    let (_, v) = check_in(&dir, &[]);
    assert_eq!(found(&v), ["terraform.tfstate terraform-state-committed"]);
    let _ = std::fs::remove_dir_all(&dir);
}

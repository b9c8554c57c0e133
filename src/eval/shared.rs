//! Parsed trees of module files that several directory tasks evaluate (the
//! module a repository's `examples/*` all call): each such file is parsed
//! once and shared, and dropped as soon as every task that may need its
//! directory has finished with it, so memory still follows the modules
//! being evaluated, not the repository. On the real-code corpus about half
//! of all parsing was the same module again for another example.
//!
//! Which tasks may need a directory is known before any runs (the local
//! module calls of the first pass); a task that turns out not to evaluate
//! one (`for_each = {}` in a wrapper, `count = 0`) says so when it ends.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use hcl_edit::structure::Body;

use crate::parse::hcl::ParseError;
use crate::path_key::{PathMap, PathSet};

#[derive(Default)]
pub struct SharedTrees {
    /// For each root task, the directories of modules it may evaluate.
    reach: PathMap<Vec<PathBuf>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Directories evaluated by more than one task, and how many of those
    /// tasks have not finished with them yet.
    left: PathMap<usize>,
    /// Trees parsed for those directories, by file.
    trees: PathMap<Arc<Body>>,
    /// The texts of those files (each task's sources need them too).
    texts: PathMap<Arc<str>>,
    /// The configuration files of each of those directories.
    files: PathMap<Arc<Vec<PathBuf>>>,
    /// The variables each of those directories reads (`var.NAME` in its
    /// texts): a scan of every text of the module, once per task before.
    vars_read: PathMap<Arc<foldhash::HashSet<String>>>,
}

impl SharedTrees {
    /// `reach`: for each root task, the directories it may evaluate (its own
    /// and those of the modules it calls, once each).
    pub fn new(reach: PathMap<Vec<PathBuf>>) -> SharedTrees {
        let mut left: PathMap<usize> = PathMap::default();
        for dir in reach.values().flatten() {
            *left.entry(dir.into()).or_default() += 1;
        }
        left.retain(|_, n| *n > 1);
        SharedTrees { reach, state: Mutex::new(State { left, ..State::default() }) }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The tree of the HCL file at `path`: another task's parse when there
    /// is one, else parsed (and kept when other tasks will evaluate its
    /// directory). A failed parse is not kept.
    pub fn get_or_parse(
        &self,
        path: &Path,
        parse: impl FnOnce() -> Result<Body, ParseError>,
    ) -> Result<Arc<Body>, ParseError> {
        let dir = path.parent().unwrap_or(Path::new(""));
        self.kept(dir, path, |s| &mut s.trees, || parse().map(Arc::new))
    }

    /// The text of `path`, read once while the tasks that evaluate its
    /// directory run (by `read` alone for any other file).
    pub fn get_or_read<E>(&self, path: &Path, read: impl FnOnce() -> Result<Arc<str>, E>) -> Result<Arc<str>, E> {
        let dir = path.parent().unwrap_or(Path::new(""));
        self.kept(dir, path, |s| &mut s.texts, read)
    }

    /// The configuration files of module directory `dir`, listed once while
    /// the tasks that evaluate it run (by `list` alone for any other).
    pub fn files_of(&self, dir: &Path, list: impl FnOnce() -> Vec<PathBuf>) -> Arc<Vec<PathBuf>> {
        self.kept_for_dir(dir, |s| &mut s.files, || Arc::new(list()))
    }

    /// The variables module directory `dir` reads, found once while the
    /// tasks that evaluate it run (by `find` alone for any other).
    pub fn vars_read_of(
        &self,
        dir: &Path,
        find: impl FnOnce() -> foldhash::HashSet<String>,
    ) -> Arc<foldhash::HashSet<String>> {
        self.kept_for_dir(dir, |s| &mut s.vars_read, || Arc::new(find()))
    }

    /// [`SharedTrees::kept`] for what is known of directory `dir` itself,
    /// made without failing.
    fn kept_for_dir<T: Clone>(
        &self,
        dir: &Path,
        table: fn(&mut State) -> &mut PathMap<T>,
        make: impl FnOnce() -> T,
    ) -> T {
        let made: Result<T, std::convert::Infallible> = self.kept(dir, dir, table, || Ok(make()));
        made.unwrap_or_else(|never| match never {})
    }

    /// What `make` gives for `key` (a file or directory of module directory
    /// `dir`), kept in `table` while other tasks will evaluate `dir`. A
    /// failure is not kept.
    fn kept<T: Clone, E>(
        &self,
        dir: &Path,
        key: &Path,
        table: fn(&mut State) -> &mut PathMap<T>,
        make: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        {
            let mut state = self.state();
            if !state.left.contains_key(dir.as_os_str()) {
                drop(state);
                return make();
            }
            if let Some(kept) = table(&mut state).get(key.as_os_str()) {
                return Ok(kept.clone());
            }
        }
        let made = make()?;
        let mut state = self.state();
        if state.left.contains_key(dir.as_os_str()) {
            table(&mut state).entry(key.into()).or_insert_with(|| made.clone());
        }
        Ok(made)
    }

    /// A task is done with the module in `dir`: once every task that may
    /// evaluate it is, its trees, texts and file list are dropped.
    pub fn done_with(&self, dir: &Path) {
        let mut state = self.state();
        let Some(n) = state.left.get_mut(dir.as_os_str()) else { return };
        *n -= 1;
        if *n == 0 {
            state.left.remove(dir.as_os_str());
            state.trees.retain(|file, _| file.parent() != Some(dir));
            state.texts.retain(|file, _| file.parent() != Some(dir));
            state.files.remove(dir.as_os_str());
            state.vars_read.remove(dir.as_os_str());
        }
    }

    /// The root task in `root` has ended, having evaluated the directories in
    /// `evaluated` (each already given to [`SharedTrees::done_with`]): it is
    /// done with the others it might have evaluated too.
    pub fn task_ended(&self, root: &Path, evaluated: &PathSet) {
        for dir in self.reach.get(root.as_os_str()).into_iter().flatten() {
            if !evaluated.contains(dir.as_os_str()) {
                self.done_with(dir);
            }
        }
    }

    /// Trees still held (none once every task has ended).
    pub fn held(&self) -> usize {
        self.state().trees.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(roots: &[(&str, &[&str])]) -> PathMap<Vec<PathBuf>> {
        roots.iter().map(|(r, dirs)| (PathBuf::from(r).into(), dirs.iter().map(PathBuf::from).collect())).collect()
    }

    fn set(dirs: &[&str]) -> PathSet {
        dirs.iter().map(|d| PathBuf::from(d).into()).collect()
    }

    #[test]
    fn a_tree_is_parsed_once_and_dropped_when_every_task_is_done_with_it() {
        let reach = reach(&[
            ("a", &["a", "m"]),
            ("b", &["b", "m"]),
            // A wrapper that turns out to evaluate nothing (`for_each = {}`).
            ("w", &["w", "m"]),
        ]);
        let shared = SharedTrees::new(reach);
        let parses = std::cell::Cell::new(0);
        let parse = || {
            parses.set(parses.get() + 1);
            crate::parse::hcl::parse_terraform("a = 1\n")
        };
        let first = shared.get_or_parse(Path::new("m/main.tf"), parse).unwrap();
        shared.done_with(Path::new("m"));
        shared.task_ended(Path::new("a"), &set(&["a", "m"]));
        let second = shared.get_or_parse(Path::new("m/main.tf"), parse).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!((parses.get(), shared.held()), (1, 1));
        shared.done_with(Path::new("m"));
        shared.task_ended(Path::new("b"), &set(&["b", "m"]));
        assert_eq!(shared.held(), 1, "the wrapper may still need it");
        shared.task_ended(Path::new("w"), &set(&["w"]));
        assert_eq!(shared.held(), 0, "dropped once the wrapper ends without it");
        shared.get_or_parse(Path::new("a/main.tf"), parse).unwrap();
        assert_eq!((parses.get(), shared.held()), (2, 0), "a module of one task is not kept");
    }

    #[test]
    fn texts_and_file_lists_of_a_shared_module_are_read_once_while_it_is_needed() {
        let reach = reach(&[("a", &["a", "m"]), ("b", &["b", "m"])]);
        let shared = SharedTrees::new(reach);
        let reads = std::cell::Cell::new(0);
        let read = || {
            reads.set(reads.get() + 1);
            Ok::<Arc<str>, ()>(Arc::from("a = 1\n"))
        };
        let list = || {
            reads.set(reads.get() + 1);
            vec![PathBuf::from("m/main.tf")]
        };
        let first = shared.get_or_read(Path::new("m/main.tf"), read).unwrap();
        let second = shared.get_or_read(Path::new("m/main.tf"), read).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert!(Arc::ptr_eq(&shared.files_of(Path::new("m"), list), &shared.files_of(Path::new("m"), list)));
        assert_eq!(reads.get(), 2, "one read of the text, one listing");
        let find = || {
            reads.set(reads.get() + 1);
            foldhash::HashSet::from_iter(["region".to_string()])
        };
        assert!(Arc::ptr_eq(&shared.vars_read_of(Path::new("m"), find), &shared.vars_read_of(Path::new("m"), find)));
        assert_eq!(reads.get(), 3, "the variables a shared module reads are found once");
        reads.set(2);
        shared.get_or_read(Path::new("a/main.tf"), read).unwrap();
        shared.get_or_read(Path::new("a/main.tf"), read).unwrap();
        assert_eq!(reads.get(), 4, "a file of one task's own module is not kept");
        shared.done_with(Path::new("m"));
        shared.done_with(Path::new("m"));
        shared.get_or_read(Path::new("m/main.tf"), read).unwrap();
        assert_eq!(reads.get(), 5, "dropped once every task is done with the module");
    }
}

//! Texts the first pass read, handed to the task that reads the file next.
//!
//! The first pass (`pipeline::walk_and_prescan`) reads every Terraform and variables
//! file to find which directories are called as modules; the directory
//! tasks then read the same files again. Opening and reading each small file
//! twice was about 4% of a run's CPU time on real repositories. The texts
//! are kept here instead, up to [`Prefetched::CAP_BYTES`] in all (what is
//! beyond is read again by its task, as before), and each is given away the
//! first time it is asked for. Room is claimed as each file is read (before
//! the pass gathers them), so memory stays bounded by the cap, not by the
//! size of the repository.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::path_key::PathMap;

#[derive(Default)]
pub struct Prefetched {
    texts: Mutex<PathMap<Arc<str>>>,
    /// Bytes held now (claimed before a text is kept, given back when it is taken).
    held: AtomicU64,
}

impl Prefetched {
    /// At most this many bytes of text are kept (the Terraform of a large
    /// monorepo is read twice beyond it).
    pub const CAP_BYTES: u64 = 16 << 20;
    /// A file larger than this is not kept: the tasks of large files run
    /// last, alone (see `pipeline::HEAVY_DIR_BYTES`), and would hold it meanwhile.
    pub const MAX_FILE_BYTES: u64 = 256 << 10;

    /// Reserves room for a text of `len` bytes, if it fits under the caps:
    /// asked as the file is read, so that no more than the cap is ever held
    /// (the texts are gathered before they are kept).
    pub fn claim(&self, len: u64) -> bool {
        if len > Self::MAX_FILE_BYTES {
            return false;
        }
        let claimed = self.held.fetch_add(len, Ordering::Relaxed) + len;
        if claimed > Self::CAP_BYTES {
            self.release(len);
            return false;
        }
        true
    }

    /// Gives back room claimed for a text that is not kept after all.
    pub fn release(&self, len: u64) {
        self.held.fetch_sub(len, Ordering::Relaxed);
    }

    /// Keeps `text` (the content of `path`), for which room was claimed.
    pub fn keep_claimed(&self, path: &Path, text: Arc<str>) {
        self.lock().insert(path.into(), text);
    }

    /// The text kept for `path`, given away (a second call reads the file).
    pub fn take(&self, path: &Path) -> Option<Arc<str>> {
        let mut texts = self.lock();
        if texts.is_empty() {
            return None;
        }
        let text = texts.remove(path.as_os_str())?;
        self.held.fetch_sub(text.len() as u64, Ordering::Relaxed);
        Some(text)
    }

    /// Drops every text kept for a file under one of `dirs` (directories
    /// whose tasks run late: their texts would be held all along).
    pub fn forget_dirs(&self, dirs: &[&Path]) {
        if dirs.is_empty() {
            return;
        }
        let mut texts = self.lock();
        texts.retain(|p, t| {
            let late = p.parent().is_some_and(|d| dirs.contains(&d));
            if late {
                self.held.fetch_sub(t.len() as u64, Ordering::Relaxed);
            }
            !late
        });
    }

    /// Drops everything kept (no task asked for it).
    pub fn clear(&self) {
        *self.lock() = Default::default();
        self.held.store(0, Ordering::Relaxed);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PathMap<Arc<str>>> {
        self.texts.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    impl Prefetched {
        /// What the first pass does with a file's text.
        fn keep(&self, path: &Path, text: Arc<str>) {
            if self.claim(text.len() as u64) {
                self.keep_claimed(path, text);
            }
        }
    }

    #[test]
    fn a_text_is_given_once_and_only_texts_under_the_caps_are_kept() {
        let p = Prefetched::default();
        p.keep(Path::new("a/x.tf"), Arc::from("a = 1\n"));
        p.keep(Path::new("a/big.tf"), Arc::from("x".repeat(Prefetched::MAX_FILE_BYTES as usize + 1)));
        assert_eq!(p.take(Path::new("a/x.tf")).as_deref(), Some("a = 1\n"));
        assert_eq!(p.take(Path::new("a/x.tf")), None);
        assert_eq!(p.take(Path::new("a/big.tf")), None);
        // The total cap: files that would pass it are left to be read again.
        let file: Arc<str> = Arc::from("y".repeat(Prefetched::MAX_FILE_BYTES as usize));
        let fit = (Prefetched::CAP_BYTES / Prefetched::MAX_FILE_BYTES) as usize;
        for i in 0..fit + 3 {
            p.keep(&PathBuf::from(format!("b/{i}.tf")), file.clone());
        }
        // Full: nothing more is claimed until a text is taken.
        assert!(!p.claim(1));
        assert!(p.take(Path::new("b/0.tf")).is_some());
        assert!(p.claim(Prefetched::MAX_FILE_BYTES));
        p.release(Prefetched::MAX_FILE_BYTES);
        let kept = (1..fit + 3).filter(|i| p.take(&PathBuf::from(format!("b/{i}.tf"))).is_some()).count();
        assert_eq!(kept, fit - 1);
        // Late directories' texts are dropped.
        p.keep(Path::new("c/x.tf"), Arc::from("c = 1\n"));
        p.keep(Path::new("d/x.tf"), Arc::from("d = 1\n"));
        p.forget_dirs(&[Path::new("c")]);
        assert_eq!(p.take(Path::new("c/x.tf")), None);
        assert!(p.take(Path::new("d/x.tf")).is_some());
    }
}

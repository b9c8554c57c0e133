//! Paths as the keys of hash maps and sets, hashed and compared by their bytes.
//!
//! `Path` hashes itself byte by byte, skipping repeated separators and `.`
//! components, and compares itself component by component, so that `a//b`
//! and `a/b` are one key. That is about 1,000 instructions to hash a path of a
//! deep checkout, and a check looked paths up about 30 times per file (3.6% of
//! the instructions of a check of the real-code corpus). Every path the
//! pipeline keys a map by is normal already (from [`crate::discover::normalize`],
//! or a file name joined onto a normal directory), so its bytes are its one
//! spelling: a [`PathKey`] hashes and compares those bytes, as `OsStr` does,
//! and a map of them is looked up with `path.as_os_str()`.

use std::borrow::Borrow;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// A normal path, as a key (see the module's documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PathKey(OsString);

/// A hash map keyed by normal paths.
pub type PathMap<V> = foldhash::HashMap<PathKey, V>;
/// A hash set of normal paths.
pub type PathSet = foldhash::HashSet<PathKey>;

impl PathKey {
    pub fn as_path(&self) -> &Path {
        Path::new(&self.0)
    }

    pub fn into_path_buf(self) -> PathBuf {
        PathBuf::from(self.0)
    }
}

impl std::ops::Deref for PathKey {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.as_path()
    }
}

impl AsRef<Path> for PathKey {
    fn as_ref(&self) -> &Path {
        self.as_path()
    }
}

/// Lookups by `path.as_os_str()`: `OsStr` hashes and compares its bytes as a key does.
impl Borrow<OsStr> for PathKey {
    fn borrow(&self) -> &OsStr {
        &self.0
    }
}

impl From<PathBuf> for PathKey {
    fn from(p: PathBuf) -> PathKey {
        PathKey(p.into_os_string())
    }
}

impl From<&Path> for PathKey {
    fn from(p: &Path) -> PathKey {
        PathKey(p.as_os_str().to_owned())
    }
}

impl From<&PathBuf> for PathKey {
    fn from(p: &PathBuf) -> PathKey {
        PathKey(p.as_os_str().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_by_the_bytes_of_its_path() {
        let mut m: PathMap<u8> = PathMap::default();
        m.insert(PathBuf::from("a/b/main.tf").into(), 1);
        assert_eq!(m.get(Path::new("a/b/main.tf").as_os_str()), Some(&1));
        assert_eq!(m.get(Path::new("a/b").join("main.tf").as_os_str()), Some(&1));
        // Only normal paths are keys: another spelling is another key.
        assert_eq!(m.get(Path::new("a//b/main.tf").as_os_str()), None);
        let key = m.keys().next().unwrap();
        assert_eq!(key.parent(), Some(Path::new("a/b")));
        assert_eq!(key.as_path(), Path::new("a/b/main.tf"));
    }
}

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
/// A hash set of borrowed normal paths, by their bytes (`path.as_os_str()`).
pub type PathRefSet<'a> = foldhash::HashSet<&'a OsStr>;

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

/// `a.cmp(b)` for normal paths, from their bytes: components compare as
/// the bytes between separators do, a shorter component first, which is the
/// order of the bytes with `/` below every other byte. (`Path`'s own `cmp`
/// splits both into components; sorting the walk's files with it was 1.5% of
/// a check.) A path that is or starts with `.`/`..` (a component that sorts
/// before any name) is compared by `Path`.
pub fn cmp_normal(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (x, y) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    if !cfg!(unix) || x.starts_with(b".") || y.starts_with(b".") {
        return a.cmp(b);
    }
    let same = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let rank = |c: Option<&u8>| c.map(|c| if *c == b'/' { 0 } else { u16::from(*c) + 1 });
    rank(x.get(same)).cmp(&rank(y.get(same)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_paths_sort_by_their_bytes_as_by_their_components() {
        let paths = [
            "a",
            "a/b",
            "a-b",
            "a.b",
            "a/b-c",
            "a/b/c",
            "ab",
            "a b",
            "/a",
            "/a/b",
            "/a-b",
            "./x",
            ".",
            "..",
            "../a",
            "../a-b",
            "-x",
            ",y",
            ".hidden/x",
            "a/.b",
            "a/-b",
            "z",
            "a/b c",
            "é/x",
            "e/x",
        ];
        for x in paths {
            for y in paths {
                assert_eq!(cmp_normal(Path::new(x), Path::new(y)), Path::new(x).cmp(Path::new(y)), "{x} vs {y}");
            }
        }
    }

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

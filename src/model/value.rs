//! Values as the evaluator knows them: known (with the span of the expression
//! that produced them) or [`V::Unknown`] (only Terraform at apply time knows).
//!
//! Rules must never report on an Unknown value; the helpers here make that the
//! easy path: `as_str`, `as_bool`, ... return `None` for Unknown.

// Values live inside one directory task, on one thread: `Rc`, not `Arc`,
// so that cloning and dropping them needs no atomic operations.
use std::rc::Rc;

use compact_str::CompactString;

use crate::source::Span;

/// Marks the place of an Unknown part inside an otherwise known string
/// (`"postgresql://admin:${local.pw}@${aws_db_instance.x.address}"`).
/// A private-use character, so it never collides with real text.
pub const UNKNOWN_MARK: char = '\u{E000}';

/// What one value counts for in [`Val::size`], besides its text: what it
/// takes in memory.
pub const NODE_BYTES: u64 = std::mem::size_of::<Val>() as u64;

/// A map of at least this many entries that is looked up again is looked up
/// through an index (see [`large_maps`]); smaller ones are scanned.
const INDEXED_MAP: usize = 64;

/// Indexes of the large maps looked up last. `{ for k, v in local.m : k =>
/// local.m[k] }` looks the map up once per key, and a scan each time made
/// the loop quadratic (20,000 entries: 0.8 s). A map seen for the first time
/// is only remembered (one lookup is cheaper scanned); seen again, it is
/// indexed. Each entry holds its map, so the allocation it is known by is
/// not reused while it is here, and only a few are kept (memory stays
/// bounded by the largest maps, not by how many there are). Values never
/// leave their thread, hence one list per thread.
mod large_maps {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::Val;

    type Entries = Rc<Vec<(Rc<str>, Val)>>;
    type Index = foldhash::HashMap<Rc<str>, usize>;

    /// How many maps are kept.
    pub(super) const KEPT: usize = 4;

    thread_local! {
        static SEEN: RefCell<Vec<(Entries, Option<Index>)>> = const { RefCell::new(Vec::new()) };
    }

    /// Where `key` last is in `m` (`Some(None)`: not there), or `None`
    /// when `m` is not indexed (yet): scan it.
    pub fn position(m: &Entries, key: &str) -> Option<Option<usize>> {
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            let Some(at) = seen.iter().position(|(kept, _)| Rc::ptr_eq(kept, m)) else {
                if seen.len() == KEPT {
                    seen.remove(0);
                }
                seen.push((m.clone(), None));
                return None;
            };
            let index = seen[at].1.get_or_insert_with(|| {
                // The last of repeated keys wins.
                m.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect()
            });
            Some(index.get(key).copied())
        })
    }
}

#[derive(Clone, Debug)]
pub struct Val {
    pub v: V,
    /// Where the expression that produced this value is written.
    pub span: Span,
    /// Where a value reached through a variable or local was defined, when that
    /// differs from `span` (used in messages: "set in variables.tf:13").
    pub origin: Option<Span>,
    /// The value's size written out in full, shared parts counted every time
    /// they appear (see [`Val::size`]). It fits where `Val` had padding.
    size: u32,
}

#[derive(Clone, Debug)]
pub enum V {
    Null,
    Bool(bool),
    Num(f64),
    Str(Rc<Text>),
    List(Rc<Vec<Val>>),
    Map(Rc<Vec<(Rc<str>, Val)>>),
    /// A value wrapped by an encoding function: `jsonencode(x)` keeps `x` (with
    /// its spans) so rules can look inside a policy or container definition;
    /// `base64encode(x)` keeps the text it encodes.
    Encoded(Encoding, Box<Val>),
    Unknown,
    /// Unknown too, but known to be a reference to another object's attribute
    /// (`aws_s3_bucket.docs.id`): lets checks relate resources to each other.
    /// (An `Rc<String>`, not `Rc<str>`: a thin pointer keeps `V` at 16 bytes.)
    Ref(Rc<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Json,
    Base64,
    /// `base64gzip(x)`: the text is kept for the rules; the bytes of the
    /// compressed stream are Terraform's own, so written out it is Unknown.
    Base64Gzip,
}

/// A string value with a map from its bytes back to the source, so that a
/// position inside a heredoc (even after `${...}` interpolations and
/// dedenting) resolves to its exact line.
#[derive(Clone, Debug, Default)]
pub struct Text {
    /// Inline up to 24 bytes (most literals: `t3.micro`, `10.0.0.0/16`), so a
    /// short string costs no allocation of its own.
    pub text: CompactString,
    /// Ordered, non-overlapping pieces of `text`. Empty: the whole string maps
    /// to the value's span.
    pub segs: Vec<Seg>,
}

#[derive(Clone, Debug)]
pub struct Seg {
    /// Byte range in `Text::text`.
    pub out: (u32, u32),
    /// Where those bytes come from.
    pub src: Span,
    /// True when the bytes are copied from the source verbatim line by line
    /// (template literals, file contents): offsets inside can be mapped exactly.
    pub literal: bool,
    /// The reference an interpolated Unknown came from
    /// (`"postgres://app:${random_password.db.result}@db/app"`): a check may
    /// tell a secret's source inside a string, never its value.
    pub reference: Option<Rc<String>>,
}

impl Text {
    pub fn plain(s: impl Into<CompactString>) -> Text {
        Text { text: s.into(), segs: Vec::new() }
    }

    pub fn is_fully_known(&self) -> bool {
        // One vectorised pass for the mark's first byte (0xEE leads only
        // U+E000..U+EFFF), asked of strings many times over.
        const MARK: &[u8] = "\u{E000}".as_bytes();
        let bytes = self.text.as_bytes();
        !memchr::memchr_iter(MARK[0], bytes).any(|i| bytes[i..].starts_with(MARK))
    }
}

impl Val {
    pub fn new(v: V, span: Span) -> Val {
        let size = match &v {
            V::Str(t) => t.text.len() as u64,
            V::Ref(r) => r.len() as u64,
            V::List(l) => l.iter().map(|x| x.size as u64).sum(),
            V::Map(m) => m.iter().map(|(k, x)| k.len() as u64 + x.size as u64).sum(),
            V::Encoded(_, inner) => inner.size as u64,
            V::Null | V::Bool(_) | V::Num(_) | V::Unknown => 0,
        };
        Val { v, span, origin: None, size: (size + NODE_BYTES).min(u32::MAX as u64) as u32 }
    }

    /// About the bytes this value takes written out as a tree in memory:
    /// string bytes, map keys, and [`NODE_BYTES`] per value, with shared
    /// parts (`Rc`) counted every time they appear. Values are shared, so a few lines can make a value
    /// whose tree is astronomically large (`a = [b, b]` forty times): every
    /// walk over a value costs at most this, and the evaluator refuses to
    /// build values beyond `MAX_VALUE_BYTES` (`crate::source::budget`), which is
    /// what makes walking any value (JSON encoding, secret scanning, the
    /// rules' path walkers) safe. Saturates at `u32::MAX`.
    pub fn size(&self) -> u64 {
        self.size as u64
    }
    pub fn unknown(span: Span) -> Val {
        Val::new(V::Unknown, span)
    }
    /// Whether `self` and `other` are the same value written at the same
    /// places (spans, origins and the source map of every string included):
    /// then everything derived from them is the same too. Shared parts are
    /// compared by pointer first; `budget` bounds the nodes compared (DAG
    /// safe), and a comparison that runs out of it answers false.
    pub fn same_as(&self, other: &Val, budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if self.span != other.span || self.origin != other.origin || self.size != other.size {
            return false;
        }
        match (&self.v, &other.v) {
            (V::Null, V::Null) | (V::Unknown, V::Unknown) => true,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Num(a), V::Num(b)) => a.to_bits() == b.to_bits(),
            (V::Str(a), V::Str(b)) => {
                Rc::ptr_eq(a, b)
                    || a.text == b.text
                        && a.segs.len() == b.segs.len()
                        && a.segs.iter().zip(&b.segs).all(|(x, y)| {
                            x.out == y.out && x.src == y.src && x.literal == y.literal && x.reference == y.reference
                        })
            }
            (V::List(a), V::List(b)) => {
                Rc::ptr_eq(a, b) || a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same_as(y, budget))
            }
            (V::Map(a), V::Map(b)) => {
                Rc::ptr_eq(a, b)
                    || a.len() == b.len()
                        && a.iter().zip(b.iter()).all(|((ka, x), (kb, y))| ka == kb && x.same_as(y, budget))
            }
            (V::Encoded(ea, a), V::Encoded(eb, b)) => ea == eb && a.same_as(b, budget),
            (V::Ref(a), V::Ref(b)) => a == b,
            _ => false,
        }
    }

    pub fn str(s: impl Into<CompactString>, span: Span) -> Val {
        Val::new(V::Str(Rc::new(Text::plain(s))), span)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.v, V::Unknown | V::Ref(_))
    }

    /// The reference an apply-time value comes from (`aws_s3_bucket.docs.id`).
    pub fn as_ref_path(&self) -> Option<&str> {
        match &self.v {
            V::Ref(r) => Some(r.as_str()),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self.v, V::Null)
    }

    /// A fully known string (numbers and bools convert as Terraform does).
    pub fn as_str(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.v {
            V::Str(t) if t.is_fully_known() => Some(std::borrow::Cow::Borrowed(&t.text)),
            V::Num(n) => Some(std::borrow::Cow::Owned(fmt_num(*n))),
            V::Bool(b) => Some(std::borrow::Cow::Owned(b.to_string())),
            _ => None,
        }
    }

    /// The string, possibly with [`UNKNOWN_MARK`] where parts are unknown.
    pub fn as_text(&self) -> Option<&Text> {
        match &self.v {
            V::Str(t) => Some(t),
            V::Encoded(Encoding::Base64 | Encoding::Base64Gzip, inner) => inner.as_text(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.v {
            V::Bool(b) => Some(*b),
            V::Str(t) if t.text == "true" => Some(true),
            V::Str(t) if t.text == "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_num(&self) -> Option<f64> {
        match &self.v {
            V::Num(n) => Some(*n),
            V::Str(t) => t.text.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Val]> {
        match &self.v {
            V::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Rc<str>, Val)]> {
        match &self.v {
            V::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Looks up a key in a map (the last one wins, as in Terraform).
    pub fn get(&self, key: &str) -> Option<&Val> {
        let V::Map(m) = &self.v else { return None };
        if m.len() >= INDEXED_MAP {
            if let Some(found) = large_maps::position(m, key) {
                return found.map(|i| &m[i].1);
            }
        }
        m.iter().rev().find(|(k, _)| &**k == key).map(|(_, v)| v)
    }

    /// Case-insensitive key lookup (IAM policy documents are written both ways).
    pub fn get_ci(&self, key: &str) -> Option<&Val> {
        self.as_map()?.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
    }

    /// Elements of a list, or the value itself when it is a single item
    /// (IAM's `Action: "*"` vs `Action: ["*"]`).
    pub fn items(&self) -> Vec<&Val> {
        match &self.v {
            V::List(l) => l.iter().collect(),
            V::Null => Vec::new(),
            _ => vec![self],
        }
    }

    /// A number, bool or string computed here (a function, an operator, a
    /// condition's choice) from `inputs`: when exactly one place outside
    /// holds what they were reached from, the result is written there too
    /// (`tobool(var.public)`, `var.env == "prod"`): changing that place
    /// changes the result.
    pub fn derived_from<'x>(mut self, inputs: impl IntoIterator<Item = &'x Val>) -> Val {
        if self.origin.is_some() || !matches!(self.v, V::Bool(_) | V::Num(_) | V::Str(_)) {
            return self;
        }
        let mut origins = inputs.into_iter().filter_map(|v| v.origin);
        if let Some(first) = origins.next() {
            if origins.all(|o| o == first) && first != self.span {
                self.origin = Some(first);
            }
        }
        self
    }

    /// The same value, now seen at `span` (the reference that reached it).
    pub fn rehome(mut self, span: Span) -> Val {
        if self.span != span {
            self.origin = Some(self.origin.unwrap_or(self.span));
            self.span = span;
        }
        self
    }
}

/// Builds a map where a repeated key replaces the earlier value (Terraform
/// keeps the last), in constant time per key even for very large maps.
/// Most maps are a handful of keys: those are searched linearly, and the hash
/// index is only built once a map grows past [`MapBuilder::LINEAR`] keys.
#[derive(Default)]
pub struct MapBuilder {
    entries: Vec<(Rc<str>, Val)>,
    index: Option<foldhash::HashMap<Rc<str>, usize>>,
}

impl MapBuilder {
    const LINEAR: usize = 16;

    pub fn with_capacity(n: usize) -> MapBuilder {
        MapBuilder { entries: Vec::with_capacity(n), index: None }
    }

    pub fn insert(&mut self, key: Rc<str>, val: Val) {
        let found = match &mut self.index {
            Some(index) => index.get(&key).copied(),
            None => self.entries.iter().position(|(k, _)| *k == key),
        };
        match found {
            Some(i) => self.entries[i].1 = val,
            None => {
                if let Some(index) = &mut self.index {
                    index.insert(key.clone(), self.entries.len());
                } else if self.entries.len() == Self::LINEAR {
                    let mut index = foldhash::HashMap::with_capacity_and_hasher(2 * Self::LINEAR, Default::default());
                    index.extend(self.entries.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)));
                    index.insert(key.clone(), self.entries.len());
                    self.index = Some(index);
                }
                self.entries.push((key, val));
            }
        }
    }

    pub fn finish(self) -> Vec<(Rc<str>, Val)> {
        self.entries
    }
}

/// A map key: the same name (`tags`, `cidr_blocks`, `Effect`) is shared by
/// every map that uses it, so building a value allocates once per distinct
/// name and thread, not once per attribute. The table is per thread (no
/// locking) and bounded: past its size, or for long names, keys are fresh.
pub fn key(name: &str) -> Rc<str> {
    const MAX_NAMES: usize = 1 << 14;
    const MAX_LEN: usize = 64;
    thread_local! {
        static NAMES: std::cell::RefCell<foldhash::HashSet<Rc<str>>> = Default::default();
    }
    if name.len() > MAX_LEN {
        return Rc::from(name);
    }
    NAMES.with_borrow_mut(|names| {
        if let Some(k) = names.get(name) {
            return k.clone();
        }
        let k: Rc<str> = Rc::from(name);
        if names.len() < MAX_NAMES {
            names.insert(k.clone());
        }
        k
    })
}

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_fully_known_unless_it_holds_the_mark() {
        let text = |s: &str| Text { text: s.into(), segs: Vec::new() };
        for known in ["", "abc", "\u{E001}\u{EFFF}é", "\u{EE}\u{80}"] {
            assert!(text(known).is_fully_known(), "{known:?}");
        }
        for unknown in ["\u{E000}", "a\u{E000}", "é\u{E001}x\u{E000}y"] {
            assert!(!text(unknown).is_fully_known(), "{unknown:?}");
        }
    }

    /// Scanned or indexed, a lookup gives the same answer: the last of
    /// repeated keys, nothing for a missing one; maps that share no
    /// allocation are never confused, however many come and go.
    #[test]
    fn large_maps_are_looked_up_as_small_ones() {
        let span = Span::default();
        let map = |tag: usize| {
            let mut entries: Vec<(Rc<str>, Val)> =
                (0..100).map(|i| (key(&format!("k{i}")), Val::str(format!("{tag}-{i}"), span))).collect();
            entries.push((key("k5"), Val::str(format!("{tag}-last"), span)));
            Val::new(V::Map(Rc::new(entries)), span)
        };
        let maps: Vec<Val> = (0..2 * large_maps::KEPT).map(map).collect();
        for round in 0..3 {
            for (tag, m) in maps.iter().enumerate() {
                assert_eq!(m.get("k5").and_then(|v| v.as_str()).as_deref(), Some(&*format!("{tag}-last")), "{round}");
                assert_eq!(m.get("k99").and_then(|v| v.as_str()).as_deref(), Some(&*format!("{tag}-99")));
                assert!(m.get("k100").is_none());
                // Looked up again at once: indexed now.
                assert_eq!(m.get("k0").and_then(|v| v.as_str()).as_deref(), Some(&*format!("{tag}-0")));
                assert_eq!(m.get("k5").and_then(|v| v.as_str()).as_deref(), Some(&*format!("{tag}-last")));
            }
        }
    }

    #[test]
    fn size_counts_shared_parts_every_time_and_fits_in_the_padding() {
        assert_eq!(std::mem::size_of::<Val>(), 48);
        let span = Span::default();
        let mut v = Val::str("abc", span);
        assert_eq!(v.size(), 3 + NODE_BYTES);
        for _ in 0..40 {
            v = Val::new(V::List(Rc::new(vec![v.clone(), v])), span);
        }
        assert_eq!(v.size(), u32::MAX as u64);
        let m = Val::new(V::Map(Rc::new(vec![(key("ab"), Val::new(V::Num(1.0), span))])), span);
        assert_eq!(m.size(), 2 + 2 * NODE_BYTES);
    }

    fn build(keys: &[String]) -> Vec<(String, f64)> {
        let mut b = MapBuilder::default();
        for (i, k) in keys.iter().enumerate() {
            b.insert(Rc::from(k.as_str()), Val::new(V::Num(i as f64), Span::default()));
        }
        b.finish().into_iter().map(|(k, v)| (k.to_string(), v.as_num().unwrap())).collect()
    }

    #[test]
    fn repeated_keys_keep_the_last_value_in_first_position() {
        // Small (linear search) and large (hash index) maps behave the same.
        for n in [3, MapBuilder::LINEAR, 100] {
            let mut keys: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
            keys.push("k0".into());
            keys.push(format!("k{}", n - 1));
            let map = build(&keys);
            assert_eq!(map.len(), n, "n = {n}");
            assert_eq!(map[0], ("k0".to_string(), n as f64));
            assert_eq!(map[n - 1], (format!("k{}", n - 1), (n + 1) as f64));
            assert_eq!(map[1], ("k1".to_string(), 1.0));
        }
    }
}

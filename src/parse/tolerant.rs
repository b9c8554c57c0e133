//! Tolerant Terraform parsing on top of `hcl-edit` 0.10.
//!
//! `hcl_edit::parser::parse_body` rejects a few constructs that Terraform (the Go `hclsyntax`
//! parser) accepts. Real modules use them, so a linter must parse them too. This module keeps
//! hcl-edit as the one and only parser and works around its gaps:
//!
//! 1. **Repeated keys in an object constructor** (`{ port = 80, port = 8080 }`). hcl-edit stops
//!    with "unique object key; found redefined object key"; Terraform keeps the last value.
//! 2. **Newlines inside `{ for ... }` expressions.** In HCL, newlines are insignificant inside a
//!    `for` expression (the Go parser pushes "ignore newlines" for it), so a conditional may put
//!    its `?` or `:` (or a binary operator, or a `.attr`) at the start of a new line. hcl-edit
//!    parses the key and value expressions of an object `for` (and the collection expression of
//!    every `for`) with newlines switched off, and fails.
//! 3. **Heredoc lines that merely start with the closing marker** (`EOF"` while the marker is
//!    `EOF`). In HCL only a line whose whitespace-trimmed content equals the marker closes the
//!    heredoc; hcl-edit closes it at any line that starts with the marker followed by a
//!    non-identifier character.
//!
//! # Technique
//!
//! The happy path is untouched: the source is parsed with hcl-edit as-is and, if that works, the
//! result is returned unchanged. Only when hcl-edit reports an error do we:
//!
//! * rewrite a copy of the source **without changing its length or any byte offset**, so that
//!   every span of the parsed tree still refers to the original text (the caller computes
//!   line/column numbers from the original source):
//!   - newlines at the top level of a `{ for ... }` / `[ for ... ]` are replaced by spaces, and the
//!     same number of newlines is put back into the whitespace right before the closing bracket
//!     (where hcl-edit does accept them), so the line count after the expression is unchanged;
//!   - the first character of a marker-like heredoc content line is replaced by a placeholder
//!     character that does not occur in the file (restored in the parsed literal afterwards);
//!   - a repeated object key is renamed to an unused identifier of the same byte length
//!     (error-directed: hcl-edit tells us where the repeat is, we rename, and reparse);
//! * reparse, and fix up the tree with [`hcl_edit::visit_mut`]: restore placeholder characters in
//!   template literals; for repeated keys, a second pass renames every occurrence but the last
//!   one (now that the tree tells us where the earlier ones are), reparses, and drops the renamed
//!   entries, so the object holds the last definition -- the value Terraform evaluates -- with
//!   its genuine key and value spans.
//!
//! If the rewritten source still does not parse, an error is returned (the input is then really
//! invalid, or uses something this module does not handle). Its byte offset
//! ([`hcl_edit::parser::Location::offset`]) is valid for the original source; its line number
//! is too, unless a `for` expression before it had too little whitespace before its closing
//! bracket to take back all of its newlines. `Error::line()` shows the rewritten line.
//!
//! Whitespace/comment decor (`Decor`) of a tree produced on the repair path is taken from the
//! rewritten text, so it may show a space where the source had a newline. Spans are exact.
//!
//! Deep nesting cannot overflow the stack: hcl-edit 0.10 rejects input nested more than 64 levels
//! with a parse error, the scanner below is iterative, and the fix-up visitor only walks trees
//! that hcl-edit built (and therefore bounded).

use hcl_edit::expr::{Expression, Object, ObjectKey};
use hcl_edit::parser::Error;
use hcl_edit::structure::{Body, Structure};
use hcl_edit::visit::{self, Visit};
use hcl_edit::visit_mut::{self, VisitMut};
use hcl_edit::{Decorated, Ident, Span, Spanned};
use std::ops::Range;

/// Upper bound for the error-directed repair loop (each round is one full parse). Every round
/// renames one repeated object key, so this is also the number of repeats we can fix in a file.
const MAX_REPAIR_ROUNDS: usize = 256;

/// Parses a Terraform file, accepting the valid constructs hcl-edit 0.10 rejects.
/// Byte offsets of every span in the returned Body refer to the ORIGINAL `src`.
///
/// Attributes defined twice in one body stay a parse error (hcl-edit's `Body` cannot hold them,
/// and Terraform rejects them too); the error's offset is the start of the second definition.
pub fn parse_body(src: &str) -> Result<Body, Error> {
    let original_err = match hcl_edit::parser::parse_body_spanned(src) {
        Ok(body) => return Ok(body),
        Err(err) => err,
    };
    match repair(src) {
        Ok(body) => Ok(body),
        // Prefer the error of the repaired text when it lies further into the file: the original
        // error may point at one of the valid constructs we just worked around, while the real
        // problem is later. Offsets are identical in both texts.
        Err(Some(err)) if err.location().offset() > original_err.location().offset() => Err(err),
        Err(_) => Err(original_err),
    }
}

/// Attributes set twice in the same block body (Terraform rejects this: "Attribute redefined").
/// Returns (name, byte span of the second definition) for each repeat, recursively through nested blocks.
///
/// Note: bodies produced by hcl-edit's parser (and so by [`parse_body`]) never contain repeats,
/// because the parser itself rejects them and `Body`'s public API refuses to insert them; this is
/// a cheap safety net for bodies from any other source.
pub fn duplicate_attributes(body: &Body) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    collect_duplicates(body, &mut out);
    out
}

fn collect_duplicates(body: &Body, out: &mut Vec<(String, Range<usize>)>) {
    // A set, not a list: a `locals` block may hold tens of thousands of attributes.
    let mut seen: foldhash::HashSet<&str> = Default::default();
    for structure in body.iter() {
        match structure {
            Structure::Attribute(attr) => {
                let name = attr.key.as_str();
                if !seen.insert(name) {
                    let span = attr.span().or_else(|| attr.key.span()).unwrap_or(0..0);
                    out.push((name.to_string(), span));
                }
            }
            Structure::Block(block) => collect_duplicates(&block.body, out),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Repair path
// ---------------------------------------------------------------------------------------------

/// An object key occurrence that was renamed in the rewritten source.
struct Rename {
    /// Byte offset of the renamed key.
    offset: usize,
    /// The identifier written over it (same byte length as the key).
    placeholder: String,
    /// The key as it is in the original source.
    original: ObjectKey,
}

/// Rewrites the source, reparses, and fixes up the tree. `Err(None)` means we could not even
/// produce a reparse error (e.g. the rewrite would not be valid UTF-8, which should not happen).
fn repair(src: &str) -> Result<Body, Option<Error>> {
    match repair_with(src, true) {
        (result, true) => result,
        // Some blanked entry was not an object entry after all (or the text no longer parses):
        // the slow way, one repeat per parse.
        (_, false) => repair_with(src, false).0,
    }
}

/// [`repair`], with repeated object keys first removed in one go (`blank`: all but the last
/// entry of each repeated key, as the scanner sees them, are overwritten with spaces). The
/// flag is false when that was done and the tree does not confirm it (every kept entry must be
/// an entry of the object the scanner saw it in).
fn repair_with(src: &str, blank: bool) -> (Result<Body, Option<Error>>, bool) {
    let mut scan = Scanner::new(src);
    scan.run();
    let Scanner { mut out, marks, items, .. } = scan;

    // Assign one placeholder character per distinct original character of the marker-like heredoc
    // lines. The placeholder must have the same UTF-8 length and must not occur in the file, so
    // that every occurrence in a parsed literal is known to be ours.
    let mut placeholders: Vec<(char, char)> = Vec::new(); // (placeholder, original)
    for &(offset, original) in &marks {
        let ph = match placeholders.iter().find(|(_, o)| *o == original) {
            Some(&(ph, _)) => ph,
            None => {
                let used: Vec<char> = placeholders.iter().map(|(p, _)| *p).collect();
                let Some(ph) = pick_placeholder_char(src, original.len_utf8(), &used) else {
                    continue; // no free character: leave the line alone (parse will likely fail)
                };
                placeholders.push((ph, original));
                ph
            }
        };
        let mut tmp = [0u8; 4];
        let bytes = ph.encode_utf8(&mut tmp).as_bytes();
        out[offset..offset + bytes.len()].copy_from_slice(bytes);
    }
    let kept = if blank { blank_repeated_keys(&items, &mut out) } else { Vec::new() };
    let base = out.clone();

    // Construct 1, phase 1: hcl-edit stops at the first repeat of a key, pointing at the later
    // occurrence. Rename that occurrence and reparse, until the whole file parses.
    let mut renames: Vec<Rename> = Vec::new();
    let mut last_err: Option<Error> = None;
    let mut body = None;
    for _ in 0..MAX_REPAIR_ROUNDS {
        let Ok(text) = std::str::from_utf8(&out) else { return (Err(last_err), kept.is_empty()) };
        match hcl_edit::parser::parse_body_spanned(text) {
            Ok(parsed) => {
                body = Some(parsed);
                break;
            }
            Err(err) => {
                let offset = err.location().offset();
                let handled = err.message().contains("redefined object key")
                    && rename_repeated_key(src, &mut out, offset, &mut renames);
                last_err = Some(err);
                if !handled {
                    return (Err(last_err), kept.is_empty());
                }
            }
        }
    }
    let Some(mut body) = body else {
        return (Err(last_err), kept.is_empty());
    };
    if !kept.is_empty() {
        let mut seen = KeptEntries { opens: kept.iter().map(|(open, _)| *open).collect(), found: Default::default() };
        visit::visit_body(&mut seen, &body);
        if !kept.iter().all(|k| seen.found.contains(k)) {
            return (Err(None), false);
        }
    }
    let mut fold = true;

    if !renames.is_empty() {
        // Phase 2: now that we have a tree, we know where the earlier occurrence of each renamed
        // key is. Rename all occurrences but the LAST instead, reparse, and drop the renamed
        // entries: what remains is the genuine last definition, with its real key and value
        // spans, in its own place -- the value Terraform uses.
        let mut plan = PlanHides { renames: &renames, hides: Vec::new() };
        visit::visit_body(&mut plan, &body);
        let mut hidden: Vec<Rename> = Vec::new();
        let mut out2 = base;
        for (offset, len, original) in plan.hides {
            let Some(placeholder) = pick_placeholder_ident(&out2, len) else {
                break;
            };
            out2[offset..offset + len].copy_from_slice(placeholder.as_bytes());
            hidden.push(Rename { offset, placeholder, original });
        }
        let reparsed = std::str::from_utf8(&out2).ok().and_then(|text| hcl_edit::parser::parse_body_spanned(text).ok());
        if let Some(parsed) = reparsed.filter(|_| hidden.len() == renames.len()) {
            body = parsed;
            renames = hidden;
            fold = false;
        }
        // Otherwise (should not happen) keep the phase-1 tree and fold it (see `Fixup`).
    }
    let mut fix = Fixup { placeholders: &placeholders, renames: &renames, fold };
    visit_mut::visit_body_mut(&mut fix, &mut body);
    (Ok(body), true)
}

/// Offsets where `src` can be cut into pieces of whole top-level blocks, each
/// at least `every` bytes (but the last): after a newline outside any bracket,
/// string, heredoc or comment. With 0 and the length, in order. Parsed one by
/// one (see [`crate::parse::hcl::parse_terraform_piece`]), the pieces of a large file need the memory of
/// one piece's tree, not the whole file's.
pub fn top_level_cuts(src: &str, every: usize) -> Vec<usize> {
    top_level_lines(src, every).0
}

/// [`top_level_cuts`], and where each top-level `{` is (a block's body
/// opening: a piece holding exactly one holds one block).
pub fn top_level_lines(src: &str, every: usize) -> (Vec<usize>, Vec<usize>) {
    let mut scan = Scanner::new(src);
    scan.track_items = false;
    scan.cut_every = every.max(1);
    scan.cuts.push(0);
    scan.run();
    let mut cuts = scan.cuts;
    if cuts.last() != Some(&src.len()) {
        cuts.push(src.len());
    }
    (cuts, scan.top_opens)
}

/// Overwrites with spaces (newlines kept, so every offset and line stays) every entry of an
/// object constructor whose key is repeated later in the same object: Terraform keeps the last
/// definition, and hcl-edit, which rejects repeats, then sees only that one. One pass, however
/// many repeats. Returns the kept entries as (object's opening brace, key offset).
fn blank_repeated_keys(items: &[Item], out: &mut [u8]) -> Vec<(usize, usize)> {
    let mut last: foldhash::HashMap<(usize, &str), usize> = Default::default();
    for (k, item) in items.iter().enumerate() {
        last.insert((item.open, &item.key), k);
    }
    let mut kept = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let keep = last[&(item.open, item.key.as_str())];
        if keep == k || item.end == usize::MAX || item.end > out.len() {
            continue;
        }
        for byte in &mut out[item.start..item.end] {
            if !matches!(*byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
        kept.push((item.open, items[keep].start));
    }
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// The key of an object entry as hcl-edit compares keys (see [`Item::key`]); `None` if it does
/// not parse on its own.
fn object_key(text: &str) -> Option<String> {
    let t = text.trim();
    let b = t.as_bytes();
    if !b.is_empty() && b.iter().all(|&c| is_ident_byte(c)) && (b[0].is_ascii_alphabetic() || b[0] == b'_') {
        return Some(format!("i:{t}"));
    }
    match hcl_edit::parser::parse_expr(t) {
        Ok(Expression::Variable(v)) => Some(format!("i:{}", v.as_str())),
        Ok(Expression::String(s)) => Some(format!("s:{}", s.value())),
        Ok(_) => Some(format!("e:{t}")),
        Err(_) => None,
    }
}

/// Collects (object's opening brace, key offset) for the objects opening at `opens`.
struct KeptEntries {
    opens: foldhash::HashSet<usize>,
    found: foldhash::HashSet<(usize, usize)>,
}

impl Visit for KeptEntries {
    fn visit_object(&mut self, node: &Object) {
        if let Some(open) = node.span().map(|r| r.start).filter(|s| self.opens.contains(s)) {
            for (key, _) in node.iter() {
                if let Some(r) = key.span() {
                    self.found.insert((open, r.start));
                }
            }
        }
        visit::visit_object(self, node);
    }
}

/// Renames the repeated object key starting at `offset` (as reported by hcl-edit) to a fresh
/// identifier of the same byte length. Returns false if that is not possible.
fn rename_repeated_key(src: &str, out: &mut [u8], offset: usize, renames: &mut Vec<Rename>) -> bool {
    let Some(end) = key_end(out, offset) else {
        return false;
    };
    let Some(orig_text) = src.get(offset..end) else {
        return false;
    };
    // The key as hcl-edit sees it (an identifier key becomes `ObjectKey::Ident`).
    let original = match hcl_edit::parser::parse_expr(orig_text) {
        Ok(Expression::Variable(var)) => ObjectKey::Ident(Decorated::new(var.into_value())),
        Ok(expr) => ObjectKey::Expression(expr),
        Err(_) => return false,
    };
    // (If an earlier placeholder at this offset collided with a key, the new one differs from
    // it, because placeholders are chosen among words absent from the rewritten text.)
    renames.retain(|r| r.offset != offset);
    let Some(placeholder) = pick_placeholder_ident(out, end - offset) else {
        return false;
    };
    out[offset..end].copy_from_slice(placeholder.as_bytes());
    renames.push(Rename { offset, placeholder, original });
    true
}

/// Phase 2 of construct 1: for each object holding phase-1 placeholders, lists every occurrence
/// of each repeated key except the last, as (offset, byte length, key).
struct PlanHides<'a> {
    renames: &'a [Rename],
    hides: Vec<(usize, usize, ObjectKey)>,
}

impl Visit for PlanHides<'_> {
    fn visit_object(&mut self, node: &Object) {
        // (key, occurrences as (offset, len)) for the repeated keys of this object.
        let mut groups: Vec<(&ObjectKey, Vec<(usize, usize)>)> = Vec::new();
        for rename in self.renames {
            let ph_key = placeholder_key(&rename.placeholder);
            let ours = node.get_key_value(&ph_key).and_then(|(k, _)| k.span());
            if ours.as_ref().map(|s| s.start) != Some(rename.offset) {
                continue;
            }
            let occurrence = (rename.offset, rename.placeholder.len());
            if let Some((_, occ)) = groups.iter_mut().find(|(k, _)| **k == rename.original) {
                occ.push(occurrence);
            } else if let Some(first) = node.get_key_value(&rename.original).and_then(|(k, _)| k.span()) {
                groups.push((&rename.original, vec![(first.start, first.len()), occurrence]));
            }
        }
        for (key, mut occurrences) in groups {
            occurrences.sort_unstable();
            occurrences.pop(); // the last definition stays
            self.hides.extend(occurrences.into_iter().map(|(o, l)| (o, l, key.clone())));
        }
        visit::visit_object(self, node);
    }
}

fn placeholder_key(placeholder: &str) -> ObjectKey {
    ObjectKey::Ident(Decorated::new(Ident::new_unchecked(placeholder)))
}

/// End (exclusive, trailing blanks trimmed) of the object key starting at `start`: the first `=`
/// or `:` at bracket depth 0 that is an assignment and not part of `==`, `!=`, `<=`, `>=`, `=>`
/// or `::`. Keys spanning lines are not supported (renaming them would change line numbers).
fn key_end(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                // Skip a quoted string (escapes included); bail on template sequences or newlines.
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        b'\n' => return None,
                        b'$' | b'%' if b.get(i + 1) == Some(&b'{') => return None,
                        _ => i += 1,
                    }
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.checked_sub(1)?,
            b'\n' => return None,
            b',' if depth == 0 => return None,
            b'=' if depth == 0 => {
                if matches!(b.get(i + 1), Some(b'=') | Some(b'>')) {
                    i += 2;
                    continue;
                }
                if i > start && matches!(b[i - 1], b'!' | b'<' | b'>' | b'=') {
                    i += 1;
                    continue;
                }
                break;
            }
            b':' if depth == 0 => {
                if b.get(i + 1) == Some(&b':') {
                    i += 2;
                    continue;
                }
                break;
            }
            _ => {}
        }
        i += 1;
    }
    if i >= b.len() {
        return None;
    }
    let mut end = i;
    while end > start && matches!(b[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    (end > start).then_some(end)
}

/// An identifier of exactly `len` ASCII bytes that does not occur as a word in `text`.
fn pick_placeholder_ident(text: &[u8], len: usize) -> Option<String> {
    const FIRST: &[u8] = b"_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if len == 1 {
        return FIRST
            .iter()
            .map(|&c| vec![c])
            .find(|cand| !contains_word(text, cand))
            .and_then(|c| String::from_utf8(c).ok());
    }
    // Names led by `_` are rare in real code; a bounded number of tries keeps this cheap.
    (0..4096usize)
        .map(|mut n| {
            let mut cand = vec![b'_'];
            for _ in 1..len {
                cand.push(REST[n % REST.len()]);
                n /= REST.len();
            }
            cand
        })
        .find(|cand| len > 0 && !contains_word(text, cand))
        .and_then(|c| String::from_utf8(c).ok())
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}

/// Whether `word` occurs in `text` delimited by non-identifier bytes.
fn contains_word(text: &[u8], word: &[u8]) -> bool {
    if word.len() > text.len() {
        return false;
    }
    (0..=text.len() - word.len()).any(|i| {
        &text[i..i + word.len()] == word
            && (i == 0 || !is_ident_byte(text[i - 1]))
            && text.get(i + word.len()).is_none_or(|&b| !is_ident_byte(b))
    })
}

/// A character of UTF-8 length `len` that occurs neither in `src` nor in `used`, and that no
/// whitespace trimming or heredoc dedenting would touch.
fn pick_placeholder_char(src: &str, len: usize, used: &[char]) -> Option<char> {
    let ranges: &[(u32, u32)] = match len {
        // C0 controls other than \t \n \v \f \r and the 0x1C..0x1F separators (which some
        // whitespace definitions include), then DEL.
        1 => &[(0x01, 0x08), (0x0E, 0x1B), (0x7F, 0x7F)],
        // C1 controls except NEL (U+0085, whitespace), then Latin Extended letters.
        2 => &[(0x80, 0x84), (0x86, 0x9F), (0x100, 0x17F)],
        // Private use area.
        3 => &[(0xE000, 0xF8FF)],
        // Supplementary private use area A.
        _ => &[(0xF0000, 0xFFFFD)],
    };
    ranges
        .iter()
        .flat_map(|&(lo, hi)| lo..=hi)
        .filter_map(char::from_u32)
        .find(|c| c.len_utf8() == len && !used.contains(c) && !src.contains(*c))
}

/// Tree fix-ups after a successful parse of the rewritten source.
struct Fixup<'a> {
    placeholders: &'a [(char, char)],
    /// Renamed object keys: hidden earlier occurrences (phase 2), or, when `fold` is set,
    /// renamed later occurrences (phase 1 fallback).
    renames: &'a [Rename],
    fold: bool,
}

impl VisitMut for Fixup<'_> {
    /// Heredoc content: put back the characters hidden behind placeholders.
    fn visit_literal_mut(&mut self, node: &mut Spanned<String>) {
        let lookup = |c: char| self.placeholders.iter().find(|(p, _)| *p == c).map(|(_, o)| *o);
        let value = node.value_mut();
        if value.chars().any(|c| lookup(c).is_some()) {
            *value = value.chars().map(|c| lookup(c).unwrap_or(c)).collect();
        }
    }

    /// Repeated keys. Normally (phase 2) the renamed entries are the overridden earlier
    /// definitions and are simply dropped. In the fallback (`fold`), each renamed entry is a later
    /// definition: its value replaces the value of the earlier entry with the same key, which keeps
    /// its place and key span.
    fn visit_object_mut(&mut self, node: &mut Object) {
        for rename in self.renames {
            let ph_key = placeholder_key(&rename.placeholder);
            let is_ours =
                node.get_key_value(&ph_key).and_then(|(k, _)| k.span()).is_some_and(|span| span.start == rename.offset);
            if !is_ours {
                continue;
            }
            let Some((_, mut value)) = node.remove_entry(&ph_key) else {
                continue;
            };
            if !self.fold {
                continue;
            }
            match node.get_mut(&rename.original) {
                Some(earlier) => {
                    // Keep the earlier entry's separator so the object still encodes correctly.
                    value.set_terminator(earlier.terminator());
                    *earlier = value;
                }
                // Should not happen (hcl-edit reported a repeat), but never lose the entry.
                // (hcl-edit offers no public way to set a span, so this key has none.)
                None => {
                    node.insert(rename.original.clone(), value);
                }
            }
        }
        visit_mut::visit_object_mut(self, node);
    }
}

// ---------------------------------------------------------------------------------------------
// Offset-preserving source scanner
// ---------------------------------------------------------------------------------------------

/// Lexical context of the scanner.
enum Ctx {
    /// Expression/structure code; `close` is the expected closing bracket (0 at top level).
    /// `region` is set for the brackets of a `for` expression.
    Code { close: u8, region: Option<Region>, kind: Frame },
    /// Inside a quoted string.
    Str,
    /// Inside a heredoc body; `marker` is the byte range of its marker in the source.
    Heredoc { marker: Range<usize>, line_start: bool },
}

/// What a bracket (or the top level) holds, as far as repeated object keys are concerned.
enum Frame {
    /// The top level or a block's body: a `{` opens a block, unless an `=` came before it on
    /// its line (then it opens an object).
    Body { saw_eq: bool },
    /// An object constructor opened at `open`: `item` is the entry being scanned (an index in
    /// `Scanner::items`), `expect_key` is set where the next entry's key may start.
    Object { open: usize, expect_key: bool, item: Option<usize> },
    /// Anything else: parentheses, lists, `for` expressions, template interpolations.
    Other,
}

/// One entry of an object constructor: its key and its extent (key to separator).
struct Item {
    /// Offset of the object's opening brace.
    open: usize,
    /// The key as hcl-edit compares keys: `i:name` for an identifier, `s:value` for a quoted
    /// string, `e:text` for any other expression.
    key: String,
    start: usize,
    /// End (exclusive) of the entry: after its comma, or at its newline or the closing brace.
    /// `usize::MAX` while not seen.
    end: usize,
}

/// A `{ for ... }` or `[ for ... ]` being scanned.
struct Region {
    /// Offset of the opening bracket.
    open: usize,
    /// Newlines replaced by spaces so far (to be put back before the closing bracket).
    removed: usize,
}

/// Single forward pass over the source that tracks comments, strings, heredocs, template
/// interpolations and brackets with an explicit stack (no recursion, so any nesting depth is
/// safe), and writes the length-preserving rewrites for constructs 2 and 3 into `out`.
struct Scanner<'a> {
    src: &'a str,
    out: Vec<u8>,
    /// Heredoc content lines that hcl-edit would mistake for the closing marker:
    /// (offset of the marker's first character, that character).
    marks: Vec<(usize, char)>,
    stack: Vec<Ctx>,
    /// The entries of every object constructor, in source order.
    items: Vec<Item>,
    /// Record `items` (the repair path) or not (cutting a file, see [`top_level_cuts`]).
    track_items: bool,
    /// Where a top-level line ends, at least `cut_every` bytes after the previous one.
    cuts: Vec<usize>,
    cut_every: usize,
    /// Where each `{` opened at the top level is.
    top_opens: Vec<usize>,
    /// Offset of the newline that ends the most recent line comment: it must stay a newline,
    /// otherwise the comment would swallow the next line.
    comment_newline: Option<usize>,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        Scanner {
            src,
            out: src.as_bytes().to_vec(),
            marks: Vec::new(),
            stack: vec![Ctx::Code { close: 0, region: None, kind: Frame::Body { saw_eq: false } }],
            items: Vec::new(),
            track_items: true,
            cuts: Vec::new(),
            cut_every: usize::MAX,
            top_opens: Vec::new(),
            comment_newline: None,
        }
    }

    fn run(&mut self) {
        let b = self.src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            i = match self.stack.last() {
                Some(Ctx::Code { .. }) | None => self.code(i),
                Some(Ctx::Str) => self.string(i),
                Some(Ctx::Heredoc { .. }) => self.heredoc(i),
            };
        }
    }

    /// One step in code context at `i`; returns the next position.
    fn code(&mut self, i: usize) -> usize {
        let src = self.src;
        let b = src.as_bytes();
        let next = b.get(i + 1).copied();
        // Where an object's entry may start, its first code byte starts it.
        if let (true, Some(Ctx::Code { kind: Frame::Object { open, expect_key: expect @ true, item }, .. })) =
            (self.track_items, self.stack.last_mut())
        {
            let blank = matches!(b[i], b' ' | b'\t' | b'\r' | b'\n' | b'#' | b',' | b'}')
                || b[i] == b'/' && matches!(next, Some(b'/' | b'*'));
            if !blank {
                *expect = false;
                *item = key_end(b, i).and_then(|end| object_key(&src[i..end])).map(|key| {
                    self.items.push(Item { open: *open, key, start: i, end: usize::MAX });
                    self.items.len() - 1
                });
            }
        }
        match b[i] {
            b'#' => self.line_comment_end(i),
            b'/' if next == Some(b'/') => self.line_comment_end(i),
            b'/' if next == Some(b'*') => find(b, i + 2, b"*/").map_or(b.len(), |p| p + 2),
            b'"' => {
                self.stack.push(Ctx::Str);
                i + 1
            }
            b'<' if next == Some(b'<') => match heredoc_start(self.src, i) {
                Some((marker, body_start)) => {
                    self.stack.push(Ctx::Heredoc { marker, line_start: true });
                    body_start
                }
                None => i + 2,
            },
            c @ (b'{' | b'[' | b'(') => {
                let close = match c {
                    b'{' => b'}',
                    b'[' => b']',
                    _ => b')',
                };
                if c == b'{' && self.stack.len() == 1 {
                    self.top_opens.push(i);
                }
                let region = (c != b'(' && is_for_intro(b, i + 1)).then_some(Region { open: i, removed: 0 });
                let kind = match (c, &region, self.stack.last()) {
                    (b'{', None, Some(Ctx::Code { kind: Frame::Body { saw_eq: false }, .. })) => {
                        Frame::Body { saw_eq: false }
                    }
                    (b'{', None, _) => Frame::Object { open: i, expect_key: true, item: None },
                    _ => Frame::Other,
                };
                self.stack.push(Ctx::Code { close, region, kind });
                i + 1
            }
            b'=' => {
                if let Some(Ctx::Code { kind: Frame::Body { saw_eq }, .. }) = self.stack.last_mut() {
                    *saw_eq = true;
                }
                i + 1
            }
            b',' => {
                if let Some(Ctx::Code { kind: Frame::Object { expect_key, item, .. }, .. }) = self.stack.last_mut() {
                    if let Some(k) = item.take() {
                        self.items[k].end = i + 1;
                    }
                    *expect_key = true;
                }
                i + 1
            }
            c @ (b'}' | b']' | b')') => {
                // Pop only on a matching bracket (the top-level context has close == 0 and is
                // never popped); stray brackets are left for hcl-edit to report.
                if let Some(Ctx::Code { close, .. }) = self.stack.last() {
                    if *close == c {
                        match self.stack.pop() {
                            Some(Ctx::Code { region: Some(region), .. }) => self.put_back_newlines(&region, i),
                            Some(Ctx::Code { kind: Frame::Object { item: Some(k), .. }, .. }) => self.items[k].end = i,
                            _ => {}
                        }
                    }
                }
                i + 1
            }
            b'\n' => {
                if self.stack.len() == 1 && i + 1 - self.cuts.last().copied().unwrap_or(0) >= self.cut_every {
                    self.cuts.push(i + 1);
                }
                let keep = self.comment_newline == Some(i);
                match self.stack.last_mut() {
                    Some(Ctx::Code { kind: Frame::Body { saw_eq }, .. }) => *saw_eq = false,
                    Some(Ctx::Code { kind: Frame::Object { expect_key, item, .. }, .. }) => {
                        if let Some(k) = item.take() {
                            self.items[k].end = i;
                        }
                        *expect_key = true;
                    }
                    _ => {}
                }
                if let Some(Ctx::Code { region: Some(region), .. }) = self.stack.last_mut() {
                    if !keep {
                        // Construct 2: a newline at the top level of a `for` expression is
                        // insignificant in HCL; make it a space for hcl-edit.
                        self.out[i] = b' ';
                        if i > 0 && self.out[i - 1] == b'\r' {
                            self.out[i - 1] = b' ';
                        }
                        region.removed += 1;
                    }
                }
                i + 1
            }
            _ => i + 1,
        }
    }

    /// Skips a `#` or `//` comment up to (not including) its newline and remembers that newline.
    fn line_comment_end(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        let end = find(b, i, b"\n").unwrap_or(b.len());
        self.comment_newline = Some(end);
        end
    }

    /// Puts the newlines removed from a `for` expression back into the whitespace right before
    /// its closing bracket (`close`) and, if that is too short, right after its opening bracket
    /// (before `for`): hcl-edit accepts newlines in both places. Line numbers after the expression
    /// are then unchanged. If both runs together are too short, some newlines stay removed (only
    /// line numbers of an error reported inside/after this expression are then off; byte
    /// offsets never are).
    fn put_back_newlines(&mut self, region: &Region, close: usize) {
        let is_ws = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
        let mut remaining = region.removed;
        if remaining == 0 {
            return;
        }
        // Closing run: spaces first, newlines last (the run may directly follow a line comment,
        // whose terminating newline was kept; a comment may absorb the spaces, never code).
        let mut start = close;
        while start > region.open + 1 && is_ws(self.out[start - 1]) {
            start -= 1;
        }
        let run = &mut self.out[start..close];
        let kept = run.iter().filter(|&&c| c == b'\n').count();
        let total = (kept + remaining).min(run.len());
        remaining -= total - kept.min(total);
        let first_newline = run.len() - total;
        for (k, byte) in run.iter_mut().enumerate() {
            *byte = if k >= first_newline { b'\n' } else { b' ' };
        }
        if remaining == 0 {
            return;
        }
        // Opening run (it ends at `for`, so it cannot reach the closing run).
        let begin = region.open + 1;
        let mut end = begin;
        while end < start && is_ws(self.out[end]) {
            end += 1;
        }
        let run = &mut self.out[begin..end];
        let kept = run.iter().filter(|&&c| c == b'\n').count();
        let total = (kept + remaining).min(run.len());
        for (k, byte) in run.iter_mut().enumerate() {
            *byte = if k < total { b'\n' } else { b' ' };
        }
    }

    /// One step inside a quoted string.
    fn string(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        let rest = &b[i..];
        if rest.starts_with(b"$${") || rest.starts_with(b"%%{") {
            i + 3
        } else if rest.starts_with(b"${") || rest.starts_with(b"%{") {
            self.stack.push(Ctx::Code { close: b'}', region: None, kind: Frame::Other });
            i + 2
        } else {
            match b[i] {
                b'\\' => i + 2,
                b'"' => {
                    self.stack.pop();
                    i + 1
                }
                b'\n' => {
                    // Unterminated string (invalid HCL): recover in code context.
                    self.stack.pop();
                    i
                }
                _ => i + 1,
            }
        }
    }

    /// One step inside a heredoc body.
    fn heredoc(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        let Some(Ctx::Heredoc { marker, line_start }) = self.stack.last_mut() else {
            return i + 1;
        };
        if *line_start {
            *line_start = false;
            let marker = &self.src[marker.clone()];
            let line_end = find(b, i, b"\n").unwrap_or(b.len());
            let line = &self.src[i..line_end];
            if line.trim() == marker {
                // The real end marker (Go's hclsyntax compares the trimmed line). Continue in code
                // context right after the marker; the rest of the line is whitespace.
                self.stack.pop();
                let lead = line.len() - line.trim_start().len();
                return i + lead + marker.len();
            }
            // Construct 3: hcl-edit ends a heredoc at any line that starts (after spaces/tabs)
            // with the marker followed by a non-identifier character. Hide this content line's
            // marker from it. (Marking lines hcl-edit would not misread is harmless: the
            // placeholder is restored either way.)
            let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
            if line[lead..].starts_with(marker) {
                if let Some(first) = marker.chars().next() {
                    self.marks.push((i + lead, first));
                }
            }
            return i;
        }
        let rest = &b[i..];
        if rest.starts_with(b"$${") || rest.starts_with(b"%%{") {
            i + 3
        } else if rest.starts_with(b"${") || rest.starts_with(b"%{") {
            self.stack.push(Ctx::Code { close: b'}', region: None, kind: Frame::Other });
            i + 2
        } else {
            if b[i] == b'\n' {
                *line_start = true;
            }
            i + 1
        }
    }
}

/// First occurrence of `needle` in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// Recognizes `<<MARKER` / `<<-MARKER` followed by a line ending at `i`; returns the marker's
/// byte range and the offset where the heredoc body starts.
fn heredoc_start(src: &str, i: usize) -> Option<(Range<usize>, usize)> {
    let b = src.as_bytes();
    let mut j = i + 2;
    if b.get(j) == Some(&b'-') {
        j += 1;
    }
    let marker_start = j;
    let mut chars = src.get(j..)?.char_indices();
    let (_, first) = chars.next()?;
    if !(first == '_' || first.is_alphabetic()) {
        return None;
    }
    let mut end = j + first.len_utf8();
    for (k, c) in chars {
        if c == '_' || c == '-' || c.is_alphanumeric() {
            end = j + k + c.len_utf8();
        } else {
            break;
        }
    }
    match (b.get(end), b.get(end + 1)) {
        (Some(b'\n'), _) => Some((marker_start..end, end + 1)),
        (Some(b'\r'), Some(b'\n')) => Some((marker_start..end, end + 2)),
        _ => None,
    }
}

/// Whether the text after an opening `{`/`[` at `i` starts a `for` expression:
/// whitespace/comments, `for`, an identifier, optionally `, identifier`, then `in`.
/// (Checking beyond the `for` keyword keeps an attribute named `for` in a block from matching.)
fn is_for_intro(b: &[u8], i: usize) -> bool {
    let mut i = skip_ws(b, i);
    if !b[i.min(b.len())..].starts_with(b"for")
        || !matches!(b.get(i + 3), Some(b' ' | b'\t' | b'\r' | b'\n' | b'#' | b'/'))
    {
        return false;
    }
    i = skip_ws(b, i + 3);
    let ident = |i: usize| {
        let mut j = i;
        while j < b.len() && is_ident_byte(b[j]) {
            j += 1;
        }
        (j > i).then_some(j)
    };
    let Some(j) = ident(i) else { return false };
    i = skip_ws(b, j);
    if b.get(i) == Some(&b',') {
        let Some(j) = ident(skip_ws(b, i + 1)) else {
            return false;
        };
        i = skip_ws(b, j);
    }
    b[i.min(b.len())..].starts_with(b"in") && !b.get(i + 2).is_some_and(|&c| is_ident_byte(c))
}

/// Skips whitespace (newlines included) and comments.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
            Some(b'#') => i = find(b, i, b"\n").unwrap_or(b.len()),
            Some(b'/') if b.get(i + 1) == Some(&b'/') => i = find(b, i, b"\n").unwrap_or(b.len()),
            Some(b'/') if b.get(i + 1) == Some(&b'*') => i = find(b, i + 2, b"*/").map_or(b.len(), |p| p + 2),
            _ => return i,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use hcl_edit::expr::Expression;
    use hcl_edit::template::Element;

    fn attr<'b>(body: &'b Body, name: &str) -> &'b Expression {
        &body.get_attribute(name).unwrap_or_else(|| panic!("attribute {name}")).value
    }

    fn text(src: &str, span: Option<Range<usize>>) -> &str {
        &src[span.expect("span")]
    }

    /// Concatenated literal text of a heredoc without interpolations.
    fn heredoc_text(expr: &Expression) -> String {
        let Expression::HeredocTemplate(h) = expr else { panic!("not a heredoc: {expr:?}") };
        h.template
            .iter()
            .map(|e| match e {
                Element::Literal(l) => l.value().clone(),
                other => panic!("unexpected element {other:?}"),
            })
            .collect()
    }

    fn object_of(expr: &Expression) -> &Object {
        match expr {
            Expression::Object(o) => o,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn get<'o>(obj: &'o Object, key: &str) -> &'o hcl_edit::expr::ObjectValue {
        obj.get(&ObjectKey::Ident(Decorated::new(Ident::new(key)))).unwrap_or_else(|| panic!("key {key}"))
    }

    #[test]
    fn valid_input_is_parsed_exactly_as_hcl_edit_does() {
        let src = r#"
resource "aws_instance" "web" {
  ami           = "ami-123"
  tags = { Name = "web", Env = var.env }
  user_data = <<-EOT
    #!/bin/bash
    echo hi
  EOT
}
locals {
  m = { for k, v in var.x : k => v if v != null }
}
"#;
        // The happy path changes nothing: the tree of hcl-edit's parse, decor included (kept
        // as spans of the text, which is all the checks read; copied out, it is hcl-edit's
        // `parse_body` exactly, and writes the text back).
        let mut ours = parse_body(src).unwrap();
        assert_eq!(ours, hcl_edit::parser::parse_body_spanned(src).unwrap());
        hcl_edit::parser::despan_body(&mut ours, src);
        assert_eq!(ours, hcl_edit::parser::parse_body(src).unwrap());
        assert_eq!(ours.to_string(), src);
    }

    /// The vendored parser's own error type (vendor/hcl-edit/PATCHES.md) gives the messages and
    /// places winnow's gave: these are what the parser said before it (byte offset, message).
    #[test]
    fn parse_errors_say_what_they_said_with_winnows_error_type() {
        let expression = "invalid expression; expected `\"`, `[`, `{`, `-`, `!`, `(`, `_`, `<`, letter or digit";
        let cases: &[(&str, usize, &str)] = &[
            ("resource \"a\" \"b\" {\n", 18, "invalid block body; expected `}`, newline or identifier"),
            ("x = \n", 4, expression),
            ("m = { for k in x : k => }\n", 24, expression),
            ("x = a ? b\n", 9, "expected `:`"),
            ("x = foo(1,,2)\n", 10, "expected `)` or expression"),
            ("x = \"\\q\"\n", 7, "invalid escape sequence; expected `n`, `r`, `t`, `u`, `U`, `\\` or `\"`"),
            ("block { nested \"l\" { a = } }\n", 15, "invalid attribute; expected `=`"),
            ("x = a.*.[0]\n", 8, "invalid traversal operator; expected `*`, identifier or unsigned integer"),
            ("resource \"a\" \"b\" { x = [1, 2 }\n", 29, "expected `]`"),
            ("resource \"a\" { }}\n", 16, "expected newline or eof"),
        ];
        for (src, offset, message) in cases {
            let err = parse_body(src).unwrap_err();
            assert_eq!((err.location().offset(), err.message()), (*offset, *message), "{src:?}");
        }
    }

    /// Quoted strings as the patched literal scan reads them (vendor/hcl-edit/PATCHES.md): the
    /// values `terraform console` gives for the same literals (`$` and `%` alone, escaped markers,
    /// markers after other `$`, characters past ASCII).
    #[test]
    fn quoted_strings_are_read_as_terraform_reads_them() {
        let cases = [
            (r#""$${x}""#, "${x}"),
            (r#""%%{x}""#, "%{x}"),
            (r#""a$b%c$""#, "a$b%c$"),
            (r#""$$$${x}""#, "$$${x}"),
            (r#""100%""#, "100%"),
            (r#""€uro$$""#, "€uro$$"),
            (r#""a\\$${b}""#, r"a\${b}"),
            (r#""%%%{if}""#, "%%{if}"),
            (r#""tab\there""#, "tab\there"),
        ];
        for (literal, value) in cases {
            let src = format!("x = {literal}\n");
            let body = parse_body(&src).unwrap();
            let attr = body.get_attribute("x").unwrap();
            match &attr.value {
                Expression::String(s) => assert_eq!(s.value().as_str(), value, "{literal}"),
                other => panic!("{literal}: not a string: {other:?}"),
            }
            assert_eq!(hcl_edit::Span::span(&attr.value), Some(4..4 + literal.len()), "{literal}");
        }
    }

    /// Identifiers as the patched scan reads them (vendor/hcl-edit/PATCHES.md): ASCII ones over
    /// their bytes, the rest (letters past ASCII anywhere in them) by Unicode's classes.
    #[test]
    fn identifiers_are_read_whole_in_and_past_ascii() {
        let src = "a-b = 1\n_x = 2\nrésumé = 3\nx9 = var.é\nké-y = 5\n";
        let body = parse_body(src).unwrap();
        let keys: Vec<&str> = body.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["a-b", "_x", "résumé", "x9", "ké-y"]);
        // What the parser said before the patch, and says still.
        let structure = "invalid structure; expected `{`, `=`, `\"` or identifier";
        for (src, offset, message) in [
            ("9x = 1\n", 0, "unexpected token"),
            ("ab€ = 1\n", 2, structure),
            ("x = a€b\n", 5, "expected newline or eof"),
        ] {
            let err = parse_body(src).unwrap_err();
            assert_eq!((err.location().offset(), err.message()), (offset, message), "{src:?}");
        }
    }

    /// hcl-edit as patched in vendor/hcl-edit (keys indexed by a hash set): each kind of repeated
    /// key is still refused at the repeat, and distinct keys keep their order.
    #[test]
    fn patched_hcl_edit_refuses_repeated_keys_of_every_kind_and_keeps_order() {
        for (src, repeat) in [
            ("x = { a = 1, b = 2, a = 3 }", "a = 3"),
            (r#"x = { "a" = 1, b = 2, "a" = 3 }"#, r#""a" = 3"#),
            ("x = { (var.k) = 1, b = 2, (var.k) = 3 }", "(var.k) = 3"),
        ] {
            let err = hcl_edit::parser::parse_body(src).unwrap_err();
            assert!(err.message().contains("redefined object key"), "{src}: {err}");
            assert_eq!(err.location().offset(), src.find(repeat).unwrap(), "{src}");
        }
        // An identifier and a string of the same text are different keys to hcl-edit, as before.
        assert!(hcl_edit::parser::parse_body(r#"x = { a = 1, "a" = 2, (a) = 3 }"#).is_ok());

        let keys: Vec<String> = (0..2000).rev().map(|i| format!("k{i}")).collect();
        let src = format!("x = {{ {} }}", keys.iter().map(|k| format!("{k} = 1")).collect::<Vec<_>>().join(", "));
        let body = hcl_edit::parser::parse_body(&src).unwrap();
        let parsed: Vec<String> =
            object_of(attr(&body, "x")).iter().map(|(k, _)| k.as_ident().unwrap().as_str().to_string()).collect();
        assert_eq!(parsed, keys);
    }

    /// Construct 1, from terraform-aws-modules/terraform-aws-alb examples/complete-alb/main.tf.
    #[test]
    fn repeated_object_key_keeps_last_value() {
        let src = r#"module "alb" {
  source = "../../"

  target_groups = {
    ex-instance = {
      name_prefix = "h1"
      protocol    = "HTTP"
      port        = 80
      target_type = "instance"
      port        = 8080
    }
  }
  one_line = { name = "x", port = 80, protocol = "HTTP", port = 8080 }
}
"#;
        assert!(hcl_edit::parser::parse_body(src).is_err(), "hcl-edit should reject this");
        let body = parse_body(src).unwrap();
        let module = body.get_blocks("module").next().unwrap();

        let one = object_of(attr(&module.body, "one_line"));
        assert_eq!(one.len(), 3);
        let port = get(one, "port");
        assert_eq!(text(src, port.expr().span()), "8080");
        assert_eq!(port.expr(), &Expression::from(8080u64));
        assert_eq!(text(src, get(one, "protocol").expr().span()), "\"HTTP\"");
        // The surviving entry is the last definition itself: real key span, own place.
        let (port_key, _) = one.iter().find(|(k, _)| k.as_ident().is_some_and(|i| i.as_str() == "port")).unwrap();
        assert_eq!(port_key.span().unwrap().start, src.find("port = 8080 }").unwrap());
        let keys: Vec<_> = one.iter().map(|(k, _)| text(src, k.span()).to_string()).collect();
        assert_eq!(keys, ["name", "protocol", "port"]);

        let tgs = object_of(attr(&module.body, "target_groups"));
        let ex = object_of(get(tgs, "ex-instance").expr());
        assert_eq!(ex.len(), 4);
        assert_eq!(text(src, get(ex, "port").expr().span()), "8080");
        assert_eq!(text(src, get(ex, "target_type").expr().span()), "\"instance\"");
        // The object's own span is the original object.
        assert!(text(src, ex.span()).starts_with("{\n      name_prefix"));
    }

    #[test]
    fn key_repeated_three_times_and_quoted_keys() {
        let src = "x = {\n  a = 1\n  \"b\" = 2\n  a = 3\n  \"b\" = 4\n  a = 5\n}\n";
        let body = parse_body(src).unwrap();
        let obj = object_of(attr(&body, "x"));
        assert_eq!(obj.len(), 2);
        assert_eq!(text(src, get(obj, "a").expr().span()), "5");
        let b = obj.get(&ObjectKey::Expression(Expression::from("b"))).unwrap();
        assert_eq!(text(src, b.expr().span()), "4");
    }

    #[test]
    fn any_number_of_repeats_in_one_pass_and_blocks_are_not_objects() {
        // 100 repeats of a two-letter key: more than there are two-letter placeholders.
        let mut src = "x = {\n".to_string();
        for i in 0..100 {
            src.push_str(&format!("  ab = {i}\n"));
        }
        src.push_str(
            "  y = [{ k = 1, k = 2 }, { k = 3 }]\n  \"q\" = 1, \"q\" = 2\n}\nb {\n  x = { a = 1, a = 2 }\n}\n",
        );
        let body = parse_body(&src).unwrap();
        let obj = object_of(attr(&body, "x"));
        assert_eq!(obj.len(), 3);
        assert_eq!(text(&src, get(obj, "ab").expr().span()), "99");
        let q = obj.get(&ObjectKey::Expression(Expression::from("q"))).unwrap();
        assert_eq!(q.expr().span().unwrap().start, src.find("\"q\" = 2").unwrap() + 6);
        let block = body.get_blocks("b").next().unwrap();
        assert_eq!(text(&src, get(object_of(attr(&block.body, "x")), "a").expr().span()), "2");
        // Objects inside lists too.
        let Expression::Array(list) = get(obj, "y").expr() else { panic!() };
        let Some(Expression::Object(first)) = list.iter().next() else { panic!() };
        assert_eq!(text(&src, get(first, "k").expr().span()), "2");
        // A block body is not an object: an argument set twice stays an error.
        assert!(parse_body("b {\n  a = 1\n  a = 2\n  x = { k = 1, k = 2 }\n}\n").is_err());
    }

    /// Construct 2, from GoogleCloudPlatform/cloud-foundation-fabric
    /// modules/cloudsql-instance/main.tf.
    #[test]
    fn conditional_on_new_line_in_for_expression() {
        let src = r#"locals {
  users = {
    for k, v in coalesce(var.users, {}) :
    k => v.password == null
    ? "generated"
    : v.password
  }
  after = 1
}
"#;
        assert!(hcl_edit::parser::parse_body(src).is_err(), "hcl-edit should reject this");
        let body = parse_body(src).unwrap();
        let locals = body.get_blocks("locals").next().unwrap();
        let Expression::ForExpr(f) = attr(&locals.body, "users") else { panic!() };
        let Expression::Conditional(c) = &f.value_expr else { panic!("{:?}", f.value_expr) };
        assert_eq!(text(src, c.cond_expr.span()), "v.password == null");
        assert_eq!(text(src, c.true_expr.span()), "\"generated\"");
        assert_eq!(text(src, c.false_expr.span()), "v.password");
        assert_eq!(text(src, f.key_expr.as_ref().unwrap().span()), "k");
        let after = locals.body.get_attribute("after").unwrap();
        assert_eq!(text(src, after.span()), "after = 1");
    }

    #[test]
    fn other_newline_forms_in_for_expressions() {
        // `:` alone on a line, operators and traversals on new lines, a comment inside,
        // CRLF line endings, a tuple `for` with a multi-line collection, nested objects keep
        // their newline separators.
        let src = "locals {\r\n  a = {\r\n    for k, v in var.m : k => v.enabled ? v.name\r\n    : \"off\" # trailing comment\r\n  }\r\n  b = [for s in var.list != null\r\n    ? var.list : [] : s]\r\n  c = { for k, v in var.m : k => {\r\n      x = v\r\n      y = 2\r\n    }\r\n    if v\r\n    != null }\r\n  d = { for k, v in var.m :\r\n    k\r\n    => v\r\n    .attr\r\n    + 1 }\r\n}\r\n";
        assert!(hcl_edit::parser::parse_body(src).is_err());
        let body = parse_body(src).unwrap();
        let locals = body.get_blocks("locals").next().unwrap();
        for name in ["a", "b", "c", "d"] {
            let Expression::ForExpr(f) = attr(&locals.body, name) else { panic!("{name}") };
            assert!(!text(src, f.value_expr.span()).is_empty());
        }
        let Expression::ForExpr(d) = attr(&locals.body, "d") else { panic!() };
        assert_eq!(text(src, d.value_expr.span()), "v\r\n    .attr\r\n    + 1");
    }

    /// Construct 3: a content line that starts with the marker but continues.
    #[test]
    fn heredoc_line_starting_with_marker_is_content() {
        let src = "resource \"x\" \"y\" {\n  x = <<EOF\n  some text\nEOF\"\nmore\nEOF\n  z = 1\n}\n";
        assert!(hcl_edit::parser::parse_body(src).is_err(), "hcl-edit should reject this");
        let body = parse_body(src).unwrap();
        let block = body.get_blocks("resource").next().unwrap();
        let x = attr(&block.body, "x");
        assert_eq!(heredoc_text(x), "  some text\nEOF\"\nmore\n");
        assert_eq!(text(src, x.span()), "<<EOF\n  some text\nEOF\"\nmore\nEOF");
        assert_eq!(text(src, block.body.get_attribute("z").unwrap().span()), "z = 1");
    }

    #[test]
    fn indented_heredoc_with_marker_like_lines_and_interpolation() {
        let src = "policy = <<-EOT\n    {\n      \"a\": \"${var.x}\"\n    EOT-ish is an identifier char, fine\n    EOT, not the end\n    EOT: neither\n    }\n  EOT\nnext = \"n\"\n";
        assert!(hcl_edit::parser::parse_body(src).is_err());
        let body = parse_body(src).unwrap();
        let Expression::HeredocTemplate(h) = attr(&body, "policy") else { panic!() };
        let lit: String = h
            .template
            .iter()
            .filter_map(|e| match e {
                Element::Literal(l) => Some(l.value().as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(lit, "{\n  \"a\": \"\"\nEOT-ish is an identifier char, fine\nEOT, not the end\nEOT: neither\n}\n");
        assert_eq!(text(src, attr(&body, "next").span()), "\"n\"");
    }

    #[test]
    fn all_three_constructs_together() {
        let src = "locals {\n  m = {\n    for k, v in var.m :\n    k => v == null\n    ? <<EOF\nEOF (not yet)\nEOF\n    : { a = 1, a = 2 }\n  }\n}\n";
        let body = parse_body(src).unwrap();
        let locals = body.get_blocks("locals").next().unwrap();
        let Expression::ForExpr(f) = attr(&locals.body, "m") else { panic!() };
        let Expression::Conditional(c) = &f.value_expr else { panic!() };
        assert_eq!(heredoc_text(&c.true_expr), "EOF (not yet)\n");
        let obj = object_of(&c.false_expr);
        assert_eq!(obj.len(), 1);
        assert_eq!(text(src, get(obj, "a").expr().span()), "2");
    }

    #[test]
    fn invalid_input_still_fails() {
        for src in [
            "resource \"a\" \"b\" { x = }\n",
            "resource \"a\" \"b\" {\n  x = \n}\n",
            "x = { for k, v in y : k => }\n",
            "x = <<EOF\nno end\n",
            "x = 1\nx = 2\n",
            "x = { a = 1\n? 2 : 3 }\n",
        ] {
            assert!(parse_body(src).is_err(), "should fail: {src:?}");
        }
    }

    #[test]
    fn redefined_attribute_is_an_error_at_the_second_definition() {
        let src = "resource \"a\" \"b\" {\n  name = \"x\"\n  name = \"y\"\n}\n";
        let err = parse_body(src).unwrap_err();
        assert_eq!(err.location().offset(), src.rfind("name").unwrap());
        // The repair path does not hide it either (here combined with construct 2).
        let src2 = "locals {\n  a = { for k in x : k => k\n  ? 1 : 2 }\n  b = 1\n  b = 2\n}\n";
        let err = parse_body(src2).unwrap_err();
        assert_eq!(err.location().offset(), src2.rfind("b = 2").unwrap());
        assert_eq!(err.location().line(), 5, "newlines are put back, so lines stay right");
    }

    #[test]
    fn line_numbers_after_a_repaired_for_expression_are_unchanged() {
        // The fabric snippet removes 5 newlines; they go back before `}` and after `{`.
        let src = "locals {\n  users = {\n    for k, v in coalesce(var.users, {}) :\n    k => v.password == null\n    ? \"generated\"\n    : v.password\n  }\n  b = 1\n  b = 2\n}\n";
        let err = parse_body(src).unwrap_err();
        assert_eq!(err.location().offset(), src.rfind("b = 2").unwrap());
        assert_eq!(err.location().line(), 9);
        assert_eq!(err.location().column(), 3);
    }

    #[test]
    fn duplicate_attributes_walks_nested_blocks() {
        let src = "a = 1\nb { c = 2 }\nd {\n  e = 3\n  f {\n    g = 4\n  }\n}\n";
        assert!(duplicate_attributes(&parse_body(src).unwrap()).is_empty());
    }

    #[test]
    fn hostile_inputs_never_panic() {
        let deep = |open: &str, close: &str, n: usize| format!("x = {}1{}\n", open.repeat(n), close.repeat(n));
        let mut inputs: Vec<String> = vec![
            "x = <<EOF\n".into(),
            "x = <<EOF".into(),
            "x = <<-EOF\nEOF\"\n".into(),
            "{".into(),
            "x = {".into(),
            "x = { for".into(),
            "x = [for k in".into(),
            "x = { for k, v in y : k => v\n? ".into(),
            "x = { a = 1, a".into(),
            "x = { a = 1, a = 2".into(),
            "\0\0\0".into(),
            "x = \"\0\"\n".into(),
            "x = <<EOF\n\u{1}EOF\"\nEOF\n".into(),
            "\u{feff}x = 1".into(),
            "x = \"${".into(),
            "x = \"${\"${\"${".into(),
            "x = }}}]]])))\n".into(),
            "x = { é = 1, é = 2 }\n".into(),
            "x = { \"\" = 1, \"\" = 2 }\n".into(),
            "x = { a = 1, a = 2, b = 3 }".into(),
            "/* unterminated".into(),
            "x = <<ÉOF\nÉOF!\nÉOF\n".into(),
        ];
        for n in [63, 64, 65, 5000] {
            inputs.push(deep("[", "]", n));
            inputs.push(deep("{", "}", n));
            inputs.push(deep("(", ")", n));
            inputs.push(deep("\"${", "}\"", n));
            inputs.push(format!("x = {}1\n", "-".repeat(n)));
            inputs.push(format!("x = {}1\n", "!".repeat(n)));
            inputs.push(format!("x = 1{}\n", " + 1".repeat(n)));
            inputs.push(format!("x = {}\n", "a ? b : ".repeat(n) + "c"));
            inputs.push(format!("{}\n", "b {\n".repeat(n) + &"}\n".repeat(n)));
            inputs.push(format!("x = {}\n", "{ for k in x : k => ".repeat(n) + &"k }".repeat(n)));
            inputs.push(format!("x = <<EOF\n{}EOF\n", "EOF;\n".repeat(n)));
        }
        // hcl-edit's parser recurses; run on a thread with a small (2 MiB) stack like the test
        // harness's default, to be sure its nesting limit keeps deep input from overflowing.
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || {
                for src in &inputs {
                    let _ = parse_body(src);
                }
            })
            .unwrap();
        handle.join().unwrap();
        // Unicode markers and keys are restored exactly.
        let body = parse_body("x = <<ÉOF\nÉOF!\nÉOF\n").unwrap();
        assert_eq!(heredoc_text(attr(&body, "x")), "ÉOF!\n");
        let body = parse_body("x = { é = 1, é = 2 }\n").unwrap();
        assert_eq!(object_of(attr(&body, "x")).len(), 1);
    }
}

//! The top-level blocks of a file that a run on named files (a pre-commit
//! hook) parses when the file is not one of them.
//!
//! Such a run evaluates only the blocks of the other files that a named
//! file's values may reach, and the kinds that rules relating elements read
//! (see [`super::focus`]); parsing all of those files was most of a one-file
//! run in a large module. A file is cut into its top-level blocks by a lexical
//! scan ([`crate::parse::tolerant::top_level_cuts`]), each block's kind and
//! labels are read from its first line, and the blocks not needed are
//! replaced by spaces (newlines kept) before the file is parsed: every offset,
//! line and column stays that of the file as written.
//!
//! Declarations (`variable`, `locals`, `module`, `data`) and settings
//! (`provider`, `terraform`) are always parsed: the focus is worked out from
//! them. A `resource` is parsed when a rule relating elements reads its type
//! or its text names a value a named file reaches; `output`, `check`,
//! `moved`, `import` and `removed` blocks of a root module make nothing that
//! is checked. A syntax error inside a block left out goes unnoticed: such a
//! run reports errors in the named files only.

use std::ops::Range;

use super::focus::Focus;
use crate::model::{Kind, Wanted};

/// One top-level piece of a file: a block with what comes before it on its
/// lines (comments, blank lines).
pub(super) struct Piece {
    pub range: Range<usize>,
    pub kind: PieceKind,
    /// How many top-level blocks it holds (none: comments, blank lines).
    pub blocks: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum PieceKind {
    /// Parsed in any case: a declaration, a setting, comments, or anything
    /// not recognised.
    Needed,
    /// A `resource` block of this type.
    Resource(String),
    /// A block that makes nothing checked in a root module.
    Unused,
}

/// The pieces of `text`, in order, covering it.
pub(super) fn pieces(text: &str) -> Vec<Piece> {
    let (cuts, opens) = crate::parse::tolerant::top_level_lines(text, 1);
    let mut opens = opens.into_iter().peekable();
    cuts.windows(2)
        .map(|w| {
            let mut blocks = 0;
            while opens.next_if(|&o| o < w[1]).is_some() {
                blocks += 1;
            }
            // Two blocks on one line (`} resource ... {`) are one piece: parsed.
            let kind = if blocks == 1 { kind_of(&text[w[0]..w[1]]) } else { PieceKind::Needed };
            Piece { range: w[0]..w[1], kind, blocks }
        })
        .collect()
}

/// Is piece `p` of `text` parsed? The kinds rules relating elements read
/// (`related`) are, whatever the focus; with `focus`, so is a resource whose
/// text names a value a named file reaches. (Without: the first parse, from
/// which the focus is worked out.)
pub(super) fn keeps(p: &Piece, text: &str, related: &Wanted, focus: Option<&Focus>) -> bool {
    match &p.kind {
        PieceKind::Needed => true,
        PieceKind::Resource(ty) => {
            related.names(Kind::Resource, ty) || focus.is_some_and(|f| f.text_may_read_reached(&text[p.range.clone()]))
        }
        PieceKind::Unused => false,
    }
}

/// `text` with the pieces `keep` refuses replaced by spaces (newlines kept,
/// so that lines and offsets do not move).
pub(super) fn masked(text: &str, pieces: &[Piece], mut keep: impl FnMut(&Piece) -> bool) -> String {
    let mut out = Vec::with_capacity(text.len());
    for p in pieces {
        let bytes = &text.as_bytes()[p.range.clone()];
        if keep(p) {
            out.extend_from_slice(bytes);
        } else {
            out.extend(bytes.iter().map(|&b| if b == b'\n' { b'\n' } else { b' ' }));
        }
    }
    // Kept pieces are whole (cut at newlines), the others ASCII spaces.
    String::from_utf8(out).expect("pieces end at newlines")
}

/// What a piece is, from its block's first identifier and labels.
fn kind_of(piece: &str) -> PieceKind {
    let b = piece.as_bytes();
    let mut i = skip_trivia(b, 0);
    let Some(ident) = ident_at(b, i) else { return PieceKind::Needed };
    i = skip_spaces(b, i + ident.len());
    match ident {
        "output" | "check" | "moved" | "import" | "removed" => PieceKind::Unused,
        // `resource "TYPE" "NAME" {` (a label may also be written bare).
        "resource" => match label_at(b, i) {
            Some(ty) => PieceKind::Resource(ty.to_string()),
            None => PieceKind::Needed,
        },
        _ => PieceKind::Needed,
    }
}

/// Past spaces, newlines and comments from `i`.
fn skip_trivia(b: &[u8], mut i: usize) -> usize {
    loop {
        i = skip_spaces(b, i);
        match (b.get(i), b.get(i + 1)) {
            (Some(b'#'), _) | (Some(b'/'), Some(b'/')) => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            (Some(b'/'), Some(b'*')) => match b[i + 2..].windows(2).position(|w| w == b"*/") {
                Some(end) => i += 2 + end + 2,
                None => return b.len(),
            },
            _ => return i,
        }
    }
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

/// An ASCII identifier at `i` (HCL's may hold more: those are not the
/// keywords looked for, and their piece is parsed).
fn ident_at(b: &[u8], i: usize) -> Option<&str> {
    let start = i;
    let mut end = i;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_' || b[end] == b'-') {
        end += 1;
    }
    let first_ok = b.get(start).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
    // A letter past ASCII would continue it.
    let whole = b.get(end).is_none_or(|&c| c < 0x80);
    (first_ok && whole).then(|| std::str::from_utf8(&b[start..end]).expect("ASCII"))
}

/// A block label at `i`: a quoted string without escapes or templates, or
/// a bare identifier.
fn label_at(b: &[u8], i: usize) -> Option<&str> {
    if b.get(i) == Some(&b'"') {
        let rest = &b[i + 1..];
        let end = rest.iter().position(|&c| matches!(c, b'"' | b'\\' | b'$' | b'%' | b'\n'))?;
        (rest[end] == b'"').then(|| std::str::from_utf8(&rest[..end]).ok()).flatten()
    } else {
        ident_at(b, i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_told_by_their_first_line() {
        let text = concat!(
            "# A comment\n",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\" # }\n}\n",
            "\n",
            "/* block\n comment */ output \"o\" {\n  value = 1\n}\n",
            "locals {\n  a = \"resource \\\"x\\\" {\"\n}\n",
            "resource aws_instance i {\n}\n",
            "resource \"${x}\" \"y\" {\n}\n",
            "variable \"v\" {}\n",
            "output \"a\" { value = 1 } resource \"aws_s3_bucket\" \"c\" {}\n",
        );
        let kinds: Vec<PieceKind> =
            pieces(text).into_iter().map(|p| p.kind).filter(|k| k != &PieceKind::Needed).collect();
        assert_eq!(
            kinds,
            [
                PieceKind::Resource("aws_s3_bucket".into()),
                PieceKind::Unused,
                PieceKind::Resource("aws_instance".into())
            ]
        );
        let ps = pieces(text);
        assert_eq!(ps.first().unwrap().range.start, 0);
        assert_eq!(ps.last().unwrap().range.end, text.len());
        assert!(ps.windows(2).all(|w| w[0].range.end == w[1].range.start));
    }

    #[test]
    fn masked_pieces_keep_lines_and_offsets() {
        let text = "resource \"a\" \"b\" {\n  x = \"é\"\n}\nlocals {\n  y = 1\n}\n";
        let ps = pieces(text);
        let out = masked(text, &ps, |p| p.kind == PieceKind::Needed);
        assert_eq!(out.len(), text.len());
        assert_eq!(out.matches('\n').count(), text.matches('\n').count());
        assert!(out.ends_with("locals {\n  y = 1\n}\n"));
        assert!(out[..text.find("locals").unwrap()].trim().is_empty());
        let body = crate::parse::hcl::parse_terraform(&out).expect("parses");
        let locals = body.iter().find_map(hcl_edit::structure::Structure::as_block).unwrap();
        assert_eq!(hcl_edit::Span::span(locals).unwrap().start, text.find("locals").unwrap());
    }
}

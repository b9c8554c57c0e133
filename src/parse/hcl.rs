//! Terraform files: hcl-edit's parser (which keeps byte spans), made to
//! accept everything Terraform accepts and to reject what Terraform rejects.

use hcl_edit::structure::Body;

#[derive(Debug, Clone)]
pub struct ParseError {
    /// 1-based line and column in the file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn parse_terraform(src: &str) -> Result<Body, ParseError> {
    // A UTF-8 byte order mark (editors on Windows write one): Terraform skips
    // it. Parsed as three spaces, so every byte offset stays that of the file.
    if let Some(rest) = src.strip_prefix('\u{feff}') {
        let spaced = format!("   {rest}");
        return parse_located(&spaced, &spaced);
    }
    parse_located(src, src)
}

/// [`parse_terraform`] of the piece `src[start..end]` (whole top-level
/// blocks, see [`super::tolerant::top_level_cuts`]): the piece is parsed
/// after `start` spaces (written into `buf`, reused from piece to piece), so
/// that every span in the tree, and the error, is an offset in `src`.
pub fn parse_terraform_piece(src: &str, start: usize, end: usize, buf: &mut String) -> Result<Body, ParseError> {
    buf.clear();
    buf.extend(std::iter::repeat_n(' ', start));
    buf.push_str(&src[start..end]);
    parse_located(buf, src)
}

/// Parses `text`; lines and columns of an error are those of `lines` (the
/// same offsets).
fn parse_located(text: &str, lines: &str) -> Result<Body, ParseError> {
    let src = lines;
    // No depth guard of our own: hcl-edit refuses nesting deeper than 64
    // levels with a parse error (tested with 5,000 levels of every bracket).
    let body = super::tolerant::parse_body(text).map_err(|e| {
        // The offset is exact for the original text (the tolerant parser may
        // have reparsed a rewritten copy of the same length).
        let (line, column) = line_col(src, e.location().offset());
        ParseError { line, column, message: e.message().trim().to_string() }
    })?;
    if let Some((name, range)) = super::tolerant::duplicate_attributes(&body).into_iter().next() {
        let (line, column) = line_col(src, range.start);
        return Err(ParseError {
            line,
            column,
            message: format!("attribute `{name}` redefined: each argument may be set only once in a block"),
        });
    }
    Ok(body)
}

pub fn line_col(src: &str, off: usize) -> (usize, usize) {
    let off = off.min(src.len());
    let before = &src.as_bytes()[..off];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

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
        return parse_terraform(&format!("   {rest}"));
    }
    // No depth guard of our own: hcl-edit refuses nesting deeper than 64
    // levels with a parse error (tested with 5,000 levels of every bracket).
    let body = super::tolerant::parse_body(src).map_err(|e| {
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

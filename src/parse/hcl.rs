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

/// Hostile inputs (thousands of nested brackets) would exhaust the stack of a
/// recursive-descent parser; Terraform code never nests this deep.
const MAX_NESTING: usize = 256;

pub fn parse_terraform(src: &str) -> Result<Body, ParseError> {
    if let Some(off) = too_deep(src) {
        let (line, column) = line_col(src, off);
        return Err(ParseError {
            line,
            column,
            message: format!("expressions nested more than {MAX_NESTING} levels deep"),
        });
    }
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

fn too_deep(src: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in src.bytes().enumerate() {
        match b {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub fn line_col(src: &str, off: usize) -> (usize, usize) {
    let off = off.min(src.len());
    let before = &src.as_bytes()[..off];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

//! Temporary: plain hcl-edit parsing (a tolerant parser replaces this).
pub fn parse_body(src: &str) -> Result<hcl_edit::structure::Body, hcl_edit::parser::Error> {
    hcl_edit::parser::parse_body(src)
}

pub fn duplicate_attributes(_body: &hcl_edit::structure::Body) -> Vec<(String, std::ops::Range<usize>)> {
    Vec::new()
}

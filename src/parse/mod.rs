//! Parsers: Terraform (HCL) with hcl-edit, JSON with spans, and the small
//! line-oriented formats of credential files.

pub mod hcl;
pub mod json;
pub mod json_syntax;
pub mod tolerant;

/// Another tool's template syntax on `line` (`{{ cookiecutter.name }}`,
/// `{% if %}`, `<%= %>`; with `dollar`, also placeholders such as
/// `$$$$CPU$$$$` or `$PORT`, which only JSON cannot hold outside a string):
/// a file that fails to parse there is a template something renders, not a
/// broken configuration.
pub fn template_marker(line: &str, dollar: bool) -> Option<&'static str> {
    let markers: &[&'static str] = if dollar { &["{{", "{%", "<%", "$"] } else { &["{{", "{%", "<%"] };
    markers.iter().copied().find(|m| line.contains(m))
}

//! Files that must not be committed: AWS credentials, private keys, state.

use crate::model::Element;
use crate::rules::engine::{CheckCx, Hit};
use crate::secrets::mask;
use crate::source::Span;

pub const CHECKS: &[(&str, crate::rules::engine::CheckFn)] = &[
    ("credentials_file", credentials_file),
    ("private_key_file", private_key_file),
    ("state_file", state_file),
    ("key_formats", key_formats),
    ("dotenv_secrets", dotenv_secrets),
];

fn line_span(el: &Element, text: &str, offset: usize) -> Span {
    let start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |p| offset + p);
    Span { file: el.span.file, start: start as u32, end: end as u32 }
}

/// An AWS shared credentials file with keys in it.
pub fn credentials_file(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let file = cx.sources.get(el.span.file);
    let text = &file.text;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some((key, value)) = trimmed.split_once('=') {
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            if matches!(key.as_str(), "aws_access_key_id" | "aws_secret_access_key" | "aws_session_token")
                && !value.is_empty()
            {
                hits.push(
                    Hit::new(line_span(el, text, offset), format!("AWS credentials file with `{key}` = \"{}\" would be committed: anyone with the repository gets the account", mask(value)))
                        .secret(Span { file: el.span.file, start: (offset + line.find('=').unwrap_or(0) + 1) as u32, end: (offset + line.trim_end().len()) as u32 }),
                );
                return;
            }
        }
        offset += line.len();
    }
}

/// Known key formats (AWS keys, private keys, provider tokens) anywhere in a file.
pub fn key_formats(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let file = cx.sources.get(el.span.file);
    // Name heuristics and URIs belong to the attribute-level rules.
    for s in crate::secrets::scan_key_formats(&file.text) {
        let span = Span { file: el.span.file, start: s.range.start as u32, end: s.range.end as u32 };
        hits.push(
            Hit::new(
                span,
                format!(
                    "{} in the file: \"{}\"",
                    capitalize(&crate::secrets::with_article(s.kind)),
                    mask(&file.text[s.range.clone()])
                ),
            )
            .secret(span),
        );
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Secrets in a `.env` file that git would commit.
pub fn dotenv_secrets(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let file = cx.sources.get(el.span.file);
    for s in crate::secrets::scan_text(&file.text) {
        let span = Span { file: el.span.file, start: s.range.start as u32, end: s.range.end as u32 };
        hits.push(
            Hit::new(
                span,
                format!(
                    "`.env` file with {}: \"{}\" would be committed",
                    crate::secrets::with_article(s.kind),
                    mask(&file.text[s.range.clone()])
                ),
            )
            .secret(span),
        );
    }
}

/// A private key file.
pub fn private_key_file(cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    let file = cx.sources.get(el.span.file);
    if let Some(p) = file.text.find("-----BEGIN") {
        if file.text[p..].lines().next().is_some_and(|l| l.contains("PRIVATE KEY")) {
            let span = line_span(el, &file.text, p);
            hits.push(Hit::new(
                span,
                "private key file would be committed: rotate the key and keep it out of the repository",
            ));
        }
    }
}

/// A Terraform state file: it holds every secret the configuration manages, in plain text.
pub fn state_file(_cx: &CheckCx, el: &Element, hits: &mut Vec<Hit>) {
    hits.push(Hit::new(
        Span { file: el.span.file, start: 0, end: 1 },
        "Terraform state file would be committed: state holds resource secrets in plain text",
    ));
}

//! Secret detection shared by the checks: which names hold secrets, which
//! values are placeholders, known key formats in free text, and masking (no
//! output ever shows a secret in full).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::UNKNOWN_MARK;

/// The last word or words of a name that holds a secret (`db_password`,
/// `master_password`, `client_secret`), matched against the whole normalized
/// name or its end after an underscore. (A regular expression did the same;
/// building it was 0.5 ms of every run.)
const SENSITIVE_ENDINGS: &[&str] = &[
    "password",
    "passwords",
    "passwd",
    "pwd",
    "pass",
    "passphrase",
    "secret_key_base",
    "secret",
    "secrets",
    "secret_key",
    "secret_access_key",
    "access_key",
    "access_key_id",
    "api_key",
    "apikey",
    "auth_token",
    "access_token",
    "token",
    "private_key",
    "client_secret",
    "master_password",
    "credential",
    "credentials",
    "connection_string",
    "secret_string",
    "signing_key",
    "encryption_key",
];

/// Is `norm` one of [`SENSITIVE_ENDINGS`], or does it end in `_` and one?
fn ends_in_secret_word(norm: &str) -> bool {
    SENSITIVE_ENDINGS.iter().any(|w| norm.strip_suffix(w).is_some_and(|head| head.is_empty() || head.ends_with('_')))
}

const NOT_CREDENTIAL_NAMES: &[&str] = &[
    "creation_token",
    "client_token",
    "client_request_token",
    "idempotency_token",
    "secretKey",
    "secretRef",
    "remoteRef",
    "token_key",
];

/// True for names that hold secrets: `password`, `DB_PASSWORD`,
/// `FLASK_SECRET_KEY`, `masterPassword`; not `password_length`, `secret_arn`,
/// `http_tokens` or `SECRET_NAME`.
pub fn sensitive_name(name: &str) -> bool {
    // Terraform's write-only arguments (`password_wo`, `secret_string_wo`,
    // `value_wo`) exist only for secrets.
    if name.len() > 3 && name.ends_with("_wo") {
        return true;
    }
    // Most attribute names (`name`, `cidr_blocks`, `engine`) share no word with
    // a secret's: rule them out before building the normalized name.
    if !has_secret_word(name.as_bytes()) {
        return false;
    }
    // Names that hold no credential: idempotency tokens, and keys that name
    // another key (`secretKey` of an external-secrets manifest picks a key of
    // a secret; AWS's credential is spelled `secret_key`).
    if NOT_CREDENTIAL_NAMES.contains(&name) {
        return false;
    }
    // camelCase → snake_case, dashes and dots → underscores, lowercase.
    let mut norm = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            norm.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        norm.push(match c {
            '-' | '.' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        });
    }
    ends_in_secret_word(&norm)
}

/// Does `text` hold a word a secret's name is made of (`pass`, `secret`,
/// `key`, `token`, ...)? A cheap test before evaluating anything for it.
pub fn may_name_secret(text: &str) -> bool {
    has_secret_word(text.as_bytes())
}

/// Any of `pass`, `pwd`, `secret`, `key`, `token`, `credential`, `connection`
/// (any case): one pass over the name, as every attribute name is asked, and
/// over the whole text of each local (an automaton: the byte-at-a-time test
/// it replaced was 1% of a check of real code).
fn has_secret_word(bytes: &[u8]) -> bool {
    SECRET_WORDS.is_match(bytes)
}

static SECRET_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(["pass", "pwd", "secret", "key", "token", "credential", "connection"])
        .expect("valid patterns")
});

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?: <[^>]*> | \{\{.*\}\} | \$\{.*\} | \$\(.*\) | \$[A-Za-z_][A-Za-z0-9_]* | %[A-Za-z_]+% | x{3,} | \*+ | \.{3,} | -+
            | replace[_-]?me | todo | tbd | fixme | none | null | nil | undefined | true | false | redacted | placeholder | dummy
            | your[_-]?.* | example | insert[_-]?.* | enter[_-]?.*
            # WordPress's wp-config-sample.php: `password_here`, `put your unique phrase here`.
            | [a-z]+_here | put[_\ -]your[_\ -].*
            # Seed values set once and replaced out of band, as real code writes them.
            | change[_-]?me.* | replace.* | placeholder.* | initial[_-]?value.* | dummy.* | todo.* | populate.*
            | .*managed[_\ -](?:outside|elsewhere|externally|manually).* | .*set[_\ -](?:manually|later|out[_\ -]of[_\ -]band).*
            | default | unset | empty | n/?a
            # Settings of a secret, not the secret: the units of a token validity.
            | (?:milli|micro)?seconds? | minutes? | hours? | days? | weeks? | months? | years?
            | enabled? | disabled? | required | optional
            # Test and mock values.
            | mock[_-].* | test | testing | foo | bar | baz | fake[_-]?.*
            | no[_-]?(?:token|secret|password|key|value) | you[_-]?(?:should|must|need[_-]?to)[_-]?.* | please[_-]?(?:change|set|replace|update|rotate).* | do[_-]?not[_-]?use.* )$",
    )
    .unwrap()
});

/// Values that are not secrets even under a secret's name: empty strings,
/// placeholders and seed values, test values, shell or template references,
/// pointers into secret stores (ARNs, SSM paths, `{{resolve:...}}`, KMS
/// aliases), AWS's documentation keys, and empty JSON documents.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || v.contains(UNKNOWN_MARK)
        || PLACEHOLDER.is_match(v)
        || v.starts_with("arn:aws")
        || v.starts_with("{{resolve:")
        || v.starts_with("ssm:")
        || v.starts_with("secretsmanager:")
        || v.starts_with("alias/")
        || is_documentation_key(v)
        || EXAMPLE_WORD.is_match(v)
        || v.chars().all(|c| c == v.chars().next().unwrap_or(' '))
        || empty_json(v)
}

static EXAMPLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    // `EXAMPLE-uoc1c1qsw7poexampleewjeno1pte3rw`, `my-example-password`: a value
    // written for documentation says so; `example` inside a longer word
    // (`counterexample`) does not count.
    Regex::new(r"(?i)(?:^|[^a-z])example(?:[^a-z]|$)").unwrap()
});

/// AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`).
/// Exactly their shapes: a 20-character key id ending in `EXAMPLE`, a
/// 40-character secret key ending in `EXAMPLEKEY`.
pub fn is_documentation_key(v: &str) -> bool {
    let id = v.len() == 20 && (v.starts_with("AKIA") || v.starts_with("ASIA")) && v.ends_with("EXAMPLE");
    let secret = v.len() == 40 && v.ends_with("EXAMPLEKEY");
    id || secret
}

/// `{}`, `[]` or a JSON document whose values are all empty (`{"password": ""}`).
fn empty_json(v: &str) -> bool {
    if !(v.starts_with('{') || v.starts_with('[')) {
        return false;
    }
    fn empty(j: &serde_json::Value) -> bool {
        match j {
            serde_json::Value::Null => true,
            serde_json::Value::String(s) => is_placeholder(s),
            serde_json::Value::Array(a) => a.iter().all(empty),
            serde_json::Value::Object(o) => o.values().all(empty),
            _ => false,
        }
    }
    serde_json::from_str::<serde_json::Value>(v).is_ok_and(|j| empty(&j))
}

/// Lowercase letters and digits only: `client-secret` and `CLIENT_SECRET` alike.
fn squash(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

static SECRET_PATH: LazyLock<Regex> = LazyLock::new(|| {
    // `app/prod/api-key`, `/service/slack-token`: where a secret is kept, not the secret.
    Regex::new(r"^(?:/[A-Za-z0-9_.@-]+(?:/[A-Za-z0-9_.@-]+)*/?|[a-z0-9_.-]+(?:/[a-z0-9_.-]+)+/?)$").unwrap()
});

static SECRET_URI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^\s:/@'"]*(?::([^\s@/'"]*))?@)?"#).unwrap());

/// Is `value`, written under the secret-like `name`, a credential worth
/// reporting? Not a placeholder, the key's own name (`client_secret =
/// "client-secret"`), a number (a count, a quota, a key id) unless the name
/// is a password's, the name or path of a secret, or a URL without a
/// literal password.
pub fn is_credential(name: &str, value: &str) -> bool {
    let v = value.trim();
    if is_placeholder(v) || names_the_key(name, v) {
        return false;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) && !is_password_name(name) {
        return false;
    }
    if SECRET_PATH.is_match(v) {
        return false;
    }
    if let Some(c) = SECRET_URI.captures(v) {
        return c.get(1).is_some_and(|p| !is_placeholder(p.as_str()));
    }
    true
}

/// Is `value` the key's own name, or its last words (`auth_oidc_client_secret
/// = "client_secret"`, `client_secret = "client-secret"`)? A template's
/// stand-in for the value, not a credential. One word alone is not enough:
/// `db_password = "password"` is a weak password in use.
fn names_the_key(name: &str, value: &str) -> bool {
    fn words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in s.chars() {
            if (!c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && prev_lower)) && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if c.is_ascii_alphanumeric() {
                cur.push(c.to_ascii_lowercase());
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }
    if squash(value) == squash(name) {
        return true;
    }
    let (n, v) = (words(name), words(value));
    // ...or what the secret is for, the name without its last word: the
    // name of a secret object (`OPERATOR_SECRET = "operator"`).
    (v.len() >= 2 && n.len() > v.len() && n.ends_with(&v)) || (n.len() >= 2 && n[..n.len() - 1] == v[..])
}

/// A password's name (`db_password`, `PGPASS`, `passphrase`).
fn is_password_name(name: &str) -> bool {
    let n = squash(name);
    n.ends_with("password")
        || n.ends_with("passwd")
        || n.ends_with("pwd")
        || n.ends_with("pass")
        || n.ends_with("passphrase")
}

/// A secret found inside free text (user data, an environment value, a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSecret {
    /// Byte range of the secret value in the text.
    pub range: Range<usize>,
    pub kind: &'static str,
}

struct Pattern {
    kind: &'static str,
    /// Compiled on the first text that holds one of the needles: most runs
    /// meet no AWS key, GitHub or Slack token, and their counted repetitions
    /// (`[A-Za-z0-9]{36}`) made these the costliest expressions to build,
    /// 0.9 ms of a one-file run's 8.
    source: &'static str,
    re: std::sync::OnceLock<Regex>,
    /// Literals one of which every match contains: a pattern runs only on text
    /// that holds one (a memchr search), which keeps whole-file scans cheap.
    needles: &'static [&'static str],
}

impl Pattern {
    fn regex(&self) -> &Regex {
        self.re.get_or_init(|| Regex::new(self.source).expect("valid pattern"))
    }
}

const URI_PASSWORD: &str = "password in a connection URI";

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let p = |kind, needles, source| Pattern { kind, source, re: std::sync::OnceLock::new(), needles };
    vec![
        p("AWS access key ID", &["AKIA", "ASIA", "ABIA", "ACCA"], r"\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b"),
        p(
            "AWS secret access key",
            &["ecret", "ECRET"],
            r#"(?i)aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{32,64})(?:[^A-Za-z0-9/+=]|$)"#,
        ),
        p(
            "private key",
            &["PRIVATE KEY"],
            r"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)",
        ),
        p(URI_PASSWORD, &["://"], r#"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@'"]+:([^\s@/'"]+)@"#),
        p(
            "GitHub token",
            &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
            r"\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b",
        ),
        p("Slack token", &["xox"], r"\b(xox[abprs]-[A-Za-z0-9-]{10,})\b"),
        p("Stripe secret key", &["_live_"], r"\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b"),
        p("Google API key", &["AIza"], r"\b(AIza[0-9A-Za-z_-]{35})\b"),
    ]
});

/// All patterns' needles in one searcher: one pass over the text says which
/// patterns can match at all. The SIMD (Teddy) searcher scans several bytes
/// per instruction; the general automaton is the fallback on CPUs without it
/// (it runs a byte at a time once its own prefilter gives up, which on
/// configuration text full of `secret` was 5% of a whole check).
struct Needles {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: aho_corasick::AhoCorasick,
    owner: Vec<usize>,
}

static NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    let mut owner = Vec::new();
    let mut needles = Vec::new();
    for (i, p) in PATTERNS.iter().enumerate() {
        for n in p.needles {
            needles.push(*n);
            owner.push(i);
        }
    }
    let packed = aho_corasick::packed::Searcher::new(needles.iter());
    let automaton = aho_corasick::AhoCorasick::new(&needles).expect("needles build");
    Needles { packed, automaton, owner }
});

/// Matches of the key-format patterns (and, with `uris`, passwords in URIs).
fn scan_patterns(text: &str, uris: bool, out: &mut Vec<TextSecret>) {
    let needles = &*NEEDLES;
    let mut candidates = [false; 16];
    // The needles never overlap each other, so a plain scan sees them all.
    match &needles.packed {
        Some(packed) => {
            for m in packed.find_iter(text) {
                candidates[needles.owner[m.pattern().as_usize()]] = true;
            }
        }
        None => {
            for m in needles.automaton.find_iter(text) {
                candidates[needles.owner[m.pattern().as_usize()]] = true;
            }
        }
    }
    for (i, p) in PATTERNS.iter().enumerate() {
        if p.kind == URI_PASSWORD && !uris || !candidates[i] {
            continue;
        }
        for c in p.regex().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            if p.kind == URI_PASSWORD && is_placeholder(m.as_str()) || is_documentation_key(m.as_str()) {
                continue;
            }
            out.push(TextSecret { range: m.range(), kind: p.kind });
        }
    }
}

/// Known key formats only (no name heuristics, no URIs): for whole files.
pub fn scan_key_formats(text: &str) -> Vec<TextSecret> {
    let mut out = Vec::new();
    scan_patterns(text, false, &mut out);
    out.sort_by_key(|s| s.range.start);
    out
}

// `NAME = value`, `NAME: value`, `"NAME": "value"` on one line; the value
// may be quoted with escaped quotes (`NAME=\"value\"`, kept as written in a
// heredoc or a JSON string), group 4; group 5 is an unquoted value.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:)[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|\\"([^"\\\n]*)\\"|([^\s"'#;,]+))"#,
    )
    .unwrap()
});

// PowerShell's `ConvertTo-SecureString "..." -AsPlainText`: a literal
// password made into a secure string (group 1, `SecureString`, stands for a secret's name).
static PLAIN_SECURE_STRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)ConvertTo-(SecureString)[ \t]+(?:-String[ \t]+)?(?:"([^"\n]*)"|'([^'\n]*)')[ \t]+-AsPlainText"#)
        .unwrap()
});

// PHP's `define('DB_PASSWORD', '...')` (WordPress's wp-config.php).
static DEFINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\bdefine\([ \t]*["']([A-Za-z_][A-Za-z0-9_]*)["'][ \t]*,[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')[ \t]*\)"#)
        .unwrap()
});

static TRAVERSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:var|local|module|data|each|aws_[a-z0-9_]+|random_[a-z_]+)\.[A-Za-z0-9_.\[\]*-]+$").unwrap()
});

/// Secrets in free text: known key formats anywhere, and `NAME=value`
/// assignments whose name holds a secret and whose value is a literal.
pub fn scan_text(text: &str) -> Vec<TextSecret> {
    let mut out: Vec<TextSecret> = Vec::new();
    scan_patterns(text, true, &mut out);
    let defines = text.contains("define(").then(|| DEFINE.captures_iter(text));
    let plain = text.contains("-AsPlainText").then(|| PLAIN_SECURE_STRING.captures_iter(text));
    for c in ASSIGNMENT.captures_iter(text).chain(defines.into_iter().flatten()).chain(plain.into_iter().flatten()) {
        let name = c.get(1).map_or("", |m| m.as_str());
        let Some(m) = c.get(2).or(c.get(3)).or(c.get(4)).or(c.get(5)) else { continue };
        let named = sensitive_name(name) || name.eq_ignore_ascii_case("SecureString");
        if !named || is_placeholder(m.as_str()) || m.as_str().starts_with('$') || m.as_str().len() < 4 {
            continue;
        }
        if c.get(5).is_some() {
            // An unquoted `local.db_password` or `var.x` is a reference, not a value.
            if TRAVERSAL.is_match(m.as_str()) {
                continue;
            }
            // Code, not a literal: a call (`getpass()`, `New-Object ...PSCredential(...)`),
            // or any unquoted right-hand side of a PowerShell, PHP or Perl
            // `$variable = ...` (their literals are quoted).
            let sigil = c.get(1).is_some_and(|n| text[..n.start()].ends_with('$'));
            let call = m.as_str().contains('(') || text[m.end()..].starts_with('(');
            if sigil || call {
                continue;
            }
        }
        if !out.iter().any(|s| s.range.start < m.end() && m.start() < s.range.end) {
            out.push(TextSecret { range: m.range(), kind: "secret assigned to a sensitive name" });
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}

/// Key formats only (no name heuristics): for values whose name says nothing.
pub fn scan_value(text: &str) -> Option<TextSecret> {
    scan_text(text).into_iter().find(|s| s.kind != "secret assigned to a sensitive name")
}

/// "an AWS access key ID", "a private key".
pub fn with_article(kind: &str) -> String {
    let vowel = kind.starts_with(|c: char| "aeiouAEIOU".contains(c)) || kind.starts_with("AWS");
    format!("{} {kind}", if vowel { "an" } else { "a" })
}

/// Stands in for a secret: shows neither a part of it nor its length.
pub fn mask(_secret: &str) -> String {
    "****".into()
}

/// What a message says in place of a value it may not quote.
pub const NOT_SHOWN: &str = "(value not shown)";

/// Can a message quote `s`? Only short, single-token, printable ASCII made of
/// `[A-Za-z0-9]` and the bytes in `extra`, that does not look like a key.
/// Messages reach CI logs and pull-request annotations: a value read from a
/// file, or a secret put where a setting belongs, must not.
fn quotable(s: &str, max: usize, extra: &[u8]) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
        && scan_value(s).is_none()
}

/// An identifier (an environment variable's name, a setting's value).
pub fn quote_name(s: &str) -> &str {
    if quotable(s, 64, b"_-.") {
        s
    } else {
        NOT_SHOWN
    }
}

/// A container image reference (`registry/repo:tag@digest`).
pub fn quote_image(s: &str) -> &str {
    if quotable(s, 200, b"_-./:@${}") {
        s
    } else {
        NOT_SHOWN
    }
}

/// An ARN or ARN pattern (`arn:aws:s3:::logs/*`, `arn:${...}:batch:*:${...}:*`).
pub fn quote_arn(s: &str) -> &str {
    // Only what reads as an ARN: a value read from a file inside the tree,
    // put where a resource belongs, is not quoted.
    let arn = s.starts_with("arn:") || s.starts_with("${...}") || s == "*";
    if arn && quotable(s, 160, b"-:*?/._${}+=,@") {
        s
    } else {
        NOT_SHOWN
    }
}

/// An IAM action (`s3:GetObject`, `iam:*`, `*`).
pub fn quote_action(s: &str) -> &str {
    if quotable(s, 128, b"-:*?") {
        s
    } else {
        NOT_SHOWN
    }
}

/// An OIDC subject claim or pattern (`repo:octo-org/app:ref:refs/heads/main`, `repo:*`).
pub fn quote_claim(s: &str) -> &str {
    if quotable(s, 160, b"-:*?/._@") {
        s
    } else {
        NOT_SHOWN
    }
}

/// A CIDR block or address (`0.0.0.0/0`, `::/0`).
pub fn quote_cidr(s: &str) -> &str {
    if quotable(s, 43, b"./:") {
        s
    } else {
        NOT_SHOWN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_endings_read_as_the_expression_they_replace() {
        let words = SENSITIVE_ENDINGS.join("|");
        let re = Regex::new(&format!("(?:^|_)(?:{words})$")).unwrap();
        let mut names: Vec<String> = Vec::new();
        for w in SENSITIVE_ENDINGS {
            for (pre, post) in
                [("", ""), ("db_", ""), ("db", ""), ("_", ""), ("", "_x"), ("", "s"), ("x_", "_"), ("__", "")]
            {
                names.push(format!("{pre}{w}{post}"));
            }
        }
        names.extend(
            ["", "_", "key", "secret_arn", "password_length", "my_passwords", "tokens", "pass_word"].map(String::from),
        );
        for n in &names {
            assert_eq!(ends_in_secret_word(n), re.is_match(n), "{n:?}");
        }
    }

    #[test]
    fn every_key_format_pattern_compiles() {
        // They are compiled on first use only: a bad one would fail there.
        for p in PATTERNS.iter() {
            assert!(Regex::new(p.source).is_ok(), "{}: {}", p.kind, p.source);
        }
    }

    #[test]
    fn secret_words_are_found_in_any_case_anywhere() {
        for yes in ["PASSWORD", "db_Pwd", "x-secret-y", "apiKey", "TOKEN", "aws_credentials", "ConnectionString", "key"]
        {
            assert!(has_secret_word(yes.as_bytes()), "{yes}");
        }
        for no in ["", "name", "engine", "ke", "pas", "tok en", "monkeyless"[..4].as_ref(), "cidr_blocks"] {
            assert!(!has_secret_word(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn names() {
        for n in [
            "password",
            "DB_PASSWORD",
            "master_password",
            "FLASK_SECRET_KEY",
            "masterPassword",
            "secret_key",
            "access_key",
            "GITHUB_TOKEN",
            "aws_secret_access_key",
        ] {
            assert!(sensitive_name(n), "{n}");
        }
        for n in ["creation_token", "secretKey", "secretRef", "remoteRef", "client_request_token"] {
            assert!(!sensitive_name(n), "{n}");
        }
        for n in ["DB_PASS", "SECRET_KEY_BASE", "JWT_SECRET"] {
            assert!(sensitive_name(n), "{n}");
        }
        for n in [
            "bypass",
            "password_length",
            "secret_arn",
            "http_tokens",
            "SECRET_NAME",
            "token_url",
            "key_name",
            "username",
        ] {
            assert!(!sensitive_name(n), "{n}");
        }
    }

    #[test]
    fn placeholders() {
        for v in [
            "",
            "<password>",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "xxxxx",
            "****",
            "REPLACE_ME",
            "arn:aws:secretsmanager:us-east-1:1:secret:x",
            "true",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in [
            "changeme",
            "CHANGE_ME_IN_THE_CONSOLE",
            "replace-with-real-value",
            "placeholder-value",
            "initial_value_will_be_overwritten",
            "populate_me",
            "NO_TOKEN",
            "YouShouldNotStoreThisInPlainText",
            "This value is managed outside of Terraform",
            "default",
            "{}",
            "{\"username\": \"\", \"password\": \"\"}",
            "mock_password",
            "test",
            "foo",
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "alias/aws/secretsmanager",
            "YouShouldChangePasswordAfterApply!",
            "YouShouldSetVeryStrongSecretToken!",
            "please-change-this",
            "hours",
            "minutes",
            "Days",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in ["foobarbaz", "Hum4nG0v!2024", "password", "{\"password\": \"Hum4nG0v!2024\"}"] {
            assert!(!is_placeholder(v), "{v}");
        }
        // Under a name: the name itself, numbers, paths and URLs without a password are not credentials.
        assert!(!is_credential("client_secret", "client-secret"));
        assert!(!is_credential("auth_oidc_client_secret", "client_secret"));
        assert!(!is_credential("authOidcClientSecret", "clientSecret"));
        assert!(is_credential("db_password", "password"));
        assert!(!is_credential("OPERATOR_SECRET", "operator"), "the name of a secret object");
        assert!(is_credential("OPERATOR_SECRET", "operat0r-2024"));
        assert!(is_credential("client_secret", "secret_sauce_2024"));
        assert!(!is_credential("terraform_token", "EXAMPLE-uoc1c1qsw7poexampleewjeno1pte3rw"));
        assert!(!is_credential("api_key", "my-example-key-123"));
        assert!(is_credential("api_key", "counterexample9Zq"));
        assert!(!is_credential("secrets", "20"));
        assert!(!is_credential("encryption_key", "123456789"));
        assert!(is_credential("db_password", "123456789"));
        assert!(!is_credential("api_key", "app/prod/api-key"));
        assert!(!is_credential("slack_token", "/service/slack-token"));
        assert!(is_credential("secret_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzREALKEYx"));
        assert!(!is_credential("connection_string", "postgres://app:@db:5432/app"));
        assert!(!is_credential("connection_string", "postgres://db:5432/app"));
        assert!(is_credential("connection_string", "postgres://app:Hum4nG0v2024@db:5432/app"));
        assert!(is_credential("password", "Hum4nG0v!2024"));
    }

    #[test]
    fn text() {
        let t = "export DB_PASSWORD=\"Sup3rS3cret!\"\necho $HOME\nX=AKIAABCDEFGHIJKLMNOP\n";
        let found = scan_text(t);
        assert_eq!(found.len(), 2);
        assert_eq!(&t[found[0].range.clone()], "Sup3rS3cret!");
        assert_eq!(found[1].kind, "AWS access key ID");
        assert!(scan_text("export DB_PASSWORD=$(aws ssm get-parameter)").is_empty());
        assert!(scan_text("postgresql://user:${PASS}@host/db").is_empty());
        assert_eq!(scan_value("postgresql://admin:foobarbaz@db:5432/x").unwrap().kind, "password in a connection URI");
    }

    #[test]
    fn text_forms() {
        let one = |t: &str| -> Vec<String> { scan_text(t).iter().map(|s| t[s.range.clone()].to_string()).collect() };
        assert_eq!(one("define('DB_PASSWORD', 'Wp-Pr0d-2024!');"), ["Wp-Pr0d-2024!"]);
        assert_eq!(one(r#"define( "DB_PASSWORD", "Wp-Pr0d-2024!" );"#), ["Wp-Pr0d-2024!"]);
        assert_eq!(one(r#"{"db": {"password": "J50n-Pa55w0rd"}}"#), ["J50n-Pa55w0rd"]);
        assert_eq!(one("database:\n  password: Yaml-Pa55w0rd\n"), ["Yaml-Pa55w0rd"]);
        assert_eq!(one("export API_TOKEN=tok-12345-abcdef"), ["tok-12345-abcdef"]);
        assert_eq!(one(r#"$pw = ConvertTo-SecureString "Ps-Pa55w0rd!" -AsPlainText -Force"#), ["Ps-Pa55w0rd!"]);
        assert_eq!(one(r#"$password = "Ps-Pa55w0rd!""#), ["Ps-Pa55w0rd!"]);
        // Escaped quotes, as a heredoc keeps them.
        assert_eq!(one(r#"export DATABASE_PASSWORD=\"Esc-Pa55w0rd\""#), ["Esc-Pa55w0rd"]);
        assert!(one(r#"export DATABASE_PASSWORD=\"$(fetch-secret)\""#).is_empty());
        // Code or an Unknown interpolation on the right-hand side: not a literal.
        assert!(one("$credential = New-Object System.Management.Automation.PSCredential($user, $pw)").is_empty());
        assert!(one("$password = ConvertTo-SecureString $env:DB_PASSWORD -AsPlainText -Force").is_empty());
        assert!(one("$secret = Get-SECSecretValue -SecretId prod/db").is_empty());
        assert!(one("password = getpass()").is_empty());
        assert!(one(&format!("$token = \"{UNKNOWN_MARK}\"")).is_empty());
        assert!(one(&format!("define('DB_PASSWORD', '{UNKNOWN_MARK}');")).is_empty());
        assert!(one("define('DB_NAME', 'wordpress');").is_empty());
        assert!(one("define( 'DB_PASSWORD', 'password_here' );").is_empty());
        assert!(one("define( 'SECRET_KEY', 'put your unique phrase here' );").is_empty());
    }

    #[test]
    fn write_only_arguments_are_secrets() {
        assert!(sensitive_name("password_wo"));
        assert!(sensitive_name("secret_string_wo"));
        assert!(sensitive_name("value_wo"));
        assert!(!sensitive_name("password_wo_version"));
        assert!(!sensitive_name("_wo"));
    }

    #[test]
    fn masking() {
        // Neither a part of the secret nor its length.
        assert_eq!(mask("foobarbaz"), "****");
        assert_eq!(mask("abc"), "****");
        assert_eq!(quote_name("DB_PASSWORD"), "DB_PASSWORD");
        assert_eq!(quote_name("SHELL=/bin/bash\0HOME=/root"), NOT_SHOWN);
        assert_eq!(quote_name("AKIAIOSFODNN7REALKEY"), NOT_SHOWN);
        assert_eq!(quote_image("nginx:latest"), "nginx:latest");
        assert_eq!(quote_image("a b"), NOT_SHOWN);
        assert_eq!(quote_action("iam:*"), "iam:*");
        assert_eq!(quote_cidr("0.0.0.0/0"), "0.0.0.0/0");
        assert_eq!(quote_cidr("::/0"), "::/0");
        assert!(!mask("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY").contains("EXAMPLE"));
        // Only the documentation keys themselves, not keys that merely end like them.
        assert!(is_documentation_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assert!(!is_documentation_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"));
    }
}

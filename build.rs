//! Compiles the rule catalogue (`rules/*.toml`) into the binary: adding a rule
//! file is enough for it to be built in.
//!
//! Each rule is converted to JSON here, once: every run loads the whole
//! catalogue (340 KB of TOML), and parsing it as TOML was about a tenth of a
//! one-file pre-commit run; serde_json reads the same rules in a fraction of
//! that. The runtime applies the same checks to either form, but for the
//! parsing of regular expressions, done here once (see `patterns_parse`). A file that is
//! not valid TOML is built in as it is, so that the run reports it with its
//! line and column (the catalogue tests fail on it). The TOML of every rule
//! is built in beside its JSON: a rule whose JSON the runtime cannot read (a
//! value of the wrong type) is parsed from it, for an error at its line.

use std::fmt::Write as _;

fn main() {
    // Read when the script runs, not when it is compiled: a target directory
    // shared by several checkouts must build each one's own rules.
    let dir = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/ directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// (file name, contents as JSON or, if it is not valid TOML, as written) of every built-in rule.\n\
         pub static BUILTIN_RULES: &[(&str, BuiltIn)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(f).expect("a rule file is UTF-8 text");
        match toml::from_str::<toml::Value>(&text) {
            // Its regular expressions are parsed here, once, not at every
            // start (a tenth of a small run): a rule with one that does not
            // parse is built in as written, for the runtime to report it.
            Ok(mut value) if patterns_parse(&value) => {
                // Prose unwrapped here, not at every start (see `rules::unwrap_paragraphs`).
                for key in ["description", "remediation"] {
                    if let Some(toml::Value::String(s)) = value.get_mut(key) {
                        *s = unwrap_paragraphs(s);
                    }
                }
                let json = serde_json::to_string(&value).expect("TOML values are JSON values");
                writeln!(out, "    ({name:?}, BuiltIn::Json({json:?}, include_str!({:?}))),", f.display().to_string())
                    .unwrap();
            }
            _ => writeln!(out, "    ({name:?}, BuiltIn::Toml(include_str!({:?}))),", f.display().to_string()).unwrap(),
        }
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    std::fs::write(dest, out).unwrap();
}

/// As `rules::unwrap_paragraphs` (a unit test there checks that every rule
/// reads the same from this JSON as from its TOML).
fn unwrap_paragraphs(s: &str) -> String {
    s.trim().split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n")
}

/// Do the regular expressions of a rule (`forbid_pattern`, `quote_pattern`,
/// wherever they are in its check) parse? As `CheckDef::validate` asks.
fn patterns_parse(value: &toml::Value) -> bool {
    match value {
        toml::Value::Table(t) => t.iter().all(|(k, v)| match (k.as_str(), v) {
            ("forbid_pattern" | "quote_pattern", toml::Value::String(p)) => {
                regex_syntax::Parser::new().parse(p).is_ok()
            }
            _ => patterns_parse(v),
        }),
        toml::Value::Array(a) => a.iter().all(patterns_parse),
        _ => true,
    }
}

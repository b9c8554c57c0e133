//! The named values a piece of Terraform text refers to (`var.NAME`,
//! `module.NAME`, `local.NAME`, a policy document or a rendered template),
//! found by a scan of the text rather than of its tree: a superset (in
//! comments and strings too), asked before the tree is walked or where it
//! is not held.

use foldhash::HashSet;
use std::sync::LazyLock;

type Finder = LazyLock<memchr::memmem::Finder<'static>>;

/// The names of the variables `text` reads (`var.NAME`; in comments too,
/// which can only make two instances look different).
pub(super) fn vars_read(text: &str, out: &mut HashSet<String>) {
    static VAR: Finder = LazyLock::new(|| memchr::memmem::Finder::new("var."));
    names_after(text, &VAR, out)
}

/// The NAMEs of the `module.NAME` references in a file's text
/// (`module.db.endpoint`, `module.app[0].id`, `values(module.app)`; a
/// superset: comments and strings count too, which only costs an evaluation).
pub(super) fn modules_read(text: &str, out: &mut HashSet<String>) {
    static MODULE: Finder = LazyLock::new(|| memchr::memmem::Finder::new("module."));
    names_after(text, &MODULE, out)
}

/// What else a module's text can read that may itself read a module call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Named {
    Local,
    PolicyDocument,
    TemplateFile,
}

/// The locals, policy documents and rendered templates named in `text`.
pub(super) fn named_values_read(text: &str) -> Vec<(Named, String)> {
    static LOCAL: Finder = LazyLock::new(|| memchr::memmem::Finder::new("local."));
    static DOC: Finder = LazyLock::new(|| memchr::memmem::Finder::new("data.aws_iam_policy_document."));
    static TEMPLATE: Finder = LazyLock::new(|| memchr::memmem::Finder::new("data.template_file."));
    let mut out = Vec::new();
    for (kind, finder) in [(Named::Local, &LOCAL), (Named::PolicyDocument, &DOC), (Named::TemplateFile, &TEMPLATE)] {
        let mut names = HashSet::default();
        names_after(text, finder, &mut names);
        out.extend(names.into_iter().map(|n| (kind, n)));
    }
    out
}

/// The names that follow `prefix` (`var.`, `module.`) in `text`, where it
/// is not the end of a longer name (`path.module.x`, `myvar.y`).
/// (`prefix`: its searcher, built once: building one was as costly as
/// searching a file with it.)
fn names_after(text: &str, finder: &memchr::memmem::Finder, out: &mut HashSet<String>) {
    let prefix = finder.needle();
    for at in finder.find_iter(text.as_bytes()) {
        if at > 0 && matches!(text.as_bytes()[at - 1], b'.' | b'_' | b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z') {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        let len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-').count();
        if len > 0 && !out.contains(&rest[..len]) {
            out.insert(rest[..len].to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `scan` finds in `text`, sorted.
    fn found(scan: fn(&str, &mut HashSet<String>), text: &str) -> Vec<String> {
        let mut names = HashSet::default();
        scan(text, &mut names);
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort();
        names
    }

    #[test]
    fn module_references_are_found_once_each() {
        assert_eq!(
            found(
                modules_read,
                "a = module.db.endpoint\nb = \"${module.db.port}\"\nc = module.net-x.ids[0]\nd = module.counted[0].x\ne = values(module.each)\nf = path.module.x\n",
            ),
            ["counted", "db", "each", "net-x"]
        );
    }

    #[test]
    fn variable_references_are_found_and_longer_names_ending_in_var_are_not() {
        assert_eq!(
            found(
                vars_read,
                "a = var.name\nb = \"${var.tags[\"x\"]}\"\nc = local.var.x\nd = myvar.y\ne = var.with-dash\n"
            ),
            ["name", "tags", "with-dash"]
        );
    }

    #[test]
    fn locals_documents_and_templates_are_found_by_name() {
        let mut found = named_values_read(
            "x = local.a, y = data.aws_iam_policy_document.p.json, z = data.template_file.t.rendered, w = mylocal.b",
        );
        found.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(
            found,
            vec![
                (Named::Local, "a".to_string()),
                (Named::PolicyDocument, "p".to_string()),
                (Named::TemplateFile, "t".to_string())
            ]
        );
    }
}

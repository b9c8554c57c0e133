//! The common resource model every parser produces and every rule reads.
//!
//! Terraform blocks, ECS containers and plain files all become [`Element`]s:
//! a kind and type (which rules target them), an address, a span, and a body
//! of evaluated attribute values. Nested blocks appear in the body as a list
//! of maps under the block type (`ingress = [{...}, {...}]`), as in
//! Terraform's JSON representation.

pub mod value;

pub use value::{Encoding, Text, Val, UNKNOWN_MARK, V};

use crate::source::Span;

/// The element kinds and types the loaded rules target, so that the loader
/// builds only those (no rule reads a variable block or an `aws_ami` data
/// source today). Resources and module calls are always built: checks reach
/// other resources through `CheckCx::elements`, and module calls carry the
/// inputs of child modules. The default wants everything.
#[derive(Clone, Debug, Default)]
pub struct Wanted(Option<foldhash::HashMap<String, foldhash::HashSet<String>>>);

impl Wanted {
    /// From rule targets (`kind.type`, `kind.*`).
    pub fn from_targets<'t>(targets: impl IntoIterator<Item = &'t str>) -> Wanted {
        let mut by_kind: foldhash::HashMap<String, foldhash::HashSet<String>> = Default::default();
        for t in targets {
            let (kind, ty) = t.split_once('.').unwrap_or((t, "*"));
            by_kind.entry(kind.to_string()).or_default().insert(ty.to_string());
        }
        Wanted(Some(by_kind))
    }

    pub fn wants(&self, kind: Kind, type_name: &str) -> bool {
        matches!(kind, Kind::Resource | Kind::Module | Kind::ModuleInput) || self.names(kind, type_name)
    }

    /// Do the targets name `kind.type_name` (or `kind.*`)? As [`Wanted::wants`]
    /// without building every resource and module call; the default names everything.
    pub fn names(&self, kind: Kind, type_name: &str) -> bool {
        self.0.as_ref().is_none_or(|by_kind| {
            by_kind.get(kind.as_str()).is_some_and(|types| types.contains("*") || types.contains(type_name))
        })
    }

    /// Do the targets name any type of `kind`?
    pub fn names_any(&self, kind: Kind) -> bool {
        self.0.as_ref().is_none_or(|by_kind| by_kind.contains_key(kind.as_str()))
    }
}

/// For each resource type, the attributes read by the rules that can judge
/// the inputs of a registry module not downloaded ([`Kind::ModuleInput`]).
pub type InputReads = foldhash::HashMap<String, Vec<String>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Resource,
    Data,
    Provider,
    Backend,
    Module,
    Variable,
    /// One named value of a `locals` block (`local.NAME`), built only when a
    /// rule targets locals and its text may hold a secret.
    Local,
    /// One ECS container definition (embedded in Terraform or standalone JSON).
    Container,
    /// An ECS task definition read from a standalone JSON file.
    TaskDefinition,
    /// A file judged by its name and content (credentials, keys, state, tfvars).
    File,
    /// The inputs of a registry module call that is not downloaded, read as
    /// the resource the module makes of them (see `crate::eval::registry`):
    /// judged by the rules of that resource type that read only attributes.
    ModuleInput,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Resource => "resource",
            Kind::Data => "data",
            Kind::Provider => "provider",
            Kind::Backend => "backend",
            Kind::Module => "module",
            Kind::Variable => "variable",
            Kind::Local => "local",
            Kind::Container => "container",
            Kind::TaskDefinition => "task_definition",
            Kind::File => "file",
            Kind::ModuleInput => "module_input",
        }
    }

    /// The kind rule targets name for this kind: the inputs of a registry
    /// module are judged as the resource the module makes of them.
    pub fn target_kind(self) -> &'static str {
        match self {
            Kind::ModuleInput => Kind::Resource.as_str(),
            k => k.as_str(),
        }
    }
}

/// What a [`Kind::File`] element holds, judged from its name and content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileClass {
    AwsCredentials,
    PrivateKey,
    TerraformState,
    Tfvars,
    DotEnv,
}

impl FileClass {
    pub fn as_str(self) -> &'static str {
        match self {
            FileClass::AwsCredentials => "credentials",
            FileClass::PrivateKey => "private_key",
            FileClass::TerraformState => "tfstate",
            FileClass::Tfvars => "tfvars",
            FileClass::DotEnv => "dotenv",
        }
    }
}

#[derive(Clone)]
pub struct Element {
    pub kind: Kind,
    /// Resource/data type (`aws_db_instance`), provider or backend name
    /// (`aws`, `s3`), `FileClass` name for files, `ecs` for containers.
    pub type_name: String,
    /// `aws_db_instance.main`, `module.state.aws_s3_bucket.documents`, ...
    pub address: String,
    /// The whole block (its first line is the header).
    pub span: Span,
    /// Evaluated attributes and nested blocks (a `V::Map`).
    pub body: Val,
}

impl Element {
    pub fn get(&self, key: &str) -> Option<&Val> {
        self.body.get(key)
    }

    /// The address inside its module (`aws_s3_bucket.docs` for
    /// `module.state.aws_s3_bucket.docs`): what references in that module use.
    pub fn local_address(&self) -> &str {
        let mut a = self.address.as_str();
        while let Some(rest) = a.strip_prefix("module.") {
            // The module name and its instance key (`each["a.b"]`), whose
            // quoted text may hold dots.
            match after_segment(rest) {
                Some(tail) if !tail.is_empty() => a = tail,
                _ => break,
            }
        }
        a
    }

    /// [`Element::local_address`] without this instance's key
    /// (`aws_s3_bucket.docs` for `aws_s3_bucket.docs["eu"]`): the block
    /// that references name.
    pub fn block_address(&self) -> &str {
        let a = self.local_address();
        match a.strip_suffix(']') {
            Some(_) => a.rfind('[').filter(|i| !a[..*i].contains('[')).map_or(a, |i| &a[..i]),
            None => a,
        }
    }

    /// The `module.x.` prefix of the address (empty in the root module).
    pub fn module_prefix(&self) -> &str {
        &self.address[..self.address.len() - self.local_address().len()]
    }

    /// True when `v` is a reference to an attribute of `target` (same module):
    /// `bucket = aws_s3_bucket.docs.id` refers to `aws_s3_bucket.docs`.
    pub fn refers_to(&self, v: &Val, target: &Element) -> bool {
        // The reference first: most values are none, and the module prefixes
        // are worked out from the addresses each time.
        v.as_ref_path().is_some_and(|r| {
            let t = target.block_address();
            r.strip_prefix(t).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        }) && self.module_prefix() == target.module_prefix()
    }

    /// Where to point a finding about `v`: at `v` itself when it is written
    /// inside this element, else at `fallback` (e.g. the attribute that refers
    /// to a variable whose list element was defined elsewhere).
    pub fn locate(&self, v: &Val, fallback: &Val) -> Span {
        if self.span.contains(&v.span) {
            v.span
        } else if self.span.contains(&fallback.span) {
            fallback.span
        } else {
            self.span
        }
    }

    /// Where `v` was written, when that is not inside this element: its
    /// origin (reached through a variable or local), or its own place (an
    /// element of a list passed in from elsewhere). A finding's
    /// [`crate::rules::engine::Hit::origin`]: what a finding in an installed
    /// module is reported at when the caller wrote the value.
    pub fn written_at(&self, v: &Val) -> Option<Span> {
        v.origin.or_else(|| (!self.span.contains(&v.span)).then_some(v.span))
    }
}

/// What follows the first address segment of `a` (a name, then an optional
/// `[key]` whose quoted text may hold dots and brackets) and its dot.
fn after_segment(a: &str) -> Option<&str> {
    let mut quoted = false;
    let mut escaped = false;
    let mut depth = 0u32;
    for (i, c) in a.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            '.' if !quoted && depth == 0 => return Some(&a[i + 1..]),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_with_instance_keys() {
        let v = Val::new(V::Map(std::rc::Rc::new(Vec::new())), crate::source::Span::default());
        let el = |address: &str| Element {
            kind: Kind::Resource,
            type_name: "aws_s3_bucket".into(),
            address: address.into(),
            span: crate::source::Span::default(),
            body: v.clone(),
        };
        let e = el("module.m[\"a.b\"].module.n[0].aws_s3_bucket.docs[\"eu.west\"]");
        assert_eq!(e.local_address(), "aws_s3_bucket.docs[\"eu.west\"]");
        assert_eq!(e.module_prefix(), "module.m[\"a.b\"].module.n[0].");
        assert_eq!(e.block_address(), "aws_s3_bucket.docs");
        assert_eq!(el("aws_s3_bucket.docs").block_address(), "aws_s3_bucket.docs");
        let r = Val::new(
            V::Ref(std::rc::Rc::new("aws_s3_bucket.docs[each.key].id".into())),
            crate::source::Span::default(),
        );
        assert!(el("x.y").refers_to(&r, &el("aws_s3_bucket.docs[\"eu\"]")));
    }

    #[test]
    fn wanted_builds_resources_modules_and_targeted_kinds() {
        let w = Wanted::from_targets(["resource.aws_s3_bucket", "data.aws_iam_policy_document", "file.*"]);
        assert!(w.wants(Kind::Resource, "aws_ami_copy"), "resources are always built");
        assert!(w.wants(Kind::Module, "call"));
        assert!(w.wants(Kind::Data, "aws_iam_policy_document"));
        assert!(!w.wants(Kind::Data, "aws_ami"));
        assert!(!w.wants(Kind::Variable, "variable"));
        assert!(w.wants(Kind::File, "tfvars"), "`kind.*` wants every type");
        assert!(Wanted::default().wants(Kind::Variable, "variable"), "the default wants everything");
    }
}

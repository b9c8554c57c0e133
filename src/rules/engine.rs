//! Runs the catalogue over model elements. Rules are indexed by the element
//! kinds they target, so each element meets only the rules that concern it.
//!
//! Most rules read one element. The few that relate elements (an S3 bucket
//! and its `aws_s3_bucket_public_access_block`) say which kinds they read
//! (`[check] relates` of a Rust check, the `related` conditions and identity
//! `policy` of a declarative one: [`super::declarative::CheckDef::related_kinds`]),
//! and see exactly those: so every other element can be checked as soon as
//! it is evaluated, and dropped (see [`Engine::waits_for_others`]).

use foldhash::HashMap;

use super::declarative::Declarative;
use super::{Profile, Rule};
use crate::model::Element;
use crate::source::{Sources, Span};

/// One problem a check found in an element.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    pub message: String,
    /// Where the offending value was written, when not at `span`: reached
    /// through a variable or local, or passed in by a module's caller (see
    /// [`crate::model::Element::written_at`]). A finding in a module that
    /// `terraform init` installed is reported there.
    pub origin: Option<Span>,
    /// Byte range of a secret value to mask wherever source text is shown.
    pub secret: Option<Span>,
}

impl Hit {
    pub fn new(span: Span, message: impl Into<String>) -> Hit {
        Hit { span, message: message.into(), origin: None, secret: None }
    }
    pub fn origin(mut self, origin: Option<Span>) -> Hit {
        self.origin = origin.filter(|o| *o != self.span);
        self
    }
    pub fn secret(mut self, secret: Span) -> Hit {
        self.secret = Some(secret);
        self
    }
}

/// What a Rust check gets besides the element.
pub struct CheckCx<'a> {
    pub sources: &'a Sources,
    /// The elements of the module tree being checked whose kinds the rule
    /// reads (an S3 bucket's rule reads the `aws_s3_bucket_public_access_block`s);
    /// empty for a rule without.
    pub elements: &'a [&'a Element],
    /// `[check.params]` from the rule file.
    pub params: &'a toml::Table,
    /// What the checks of this one element have already derived from it.
    pub memo: &'a Memo,
}

/// Facts several checks derive from the same element (its policy statements,
/// read by five IAM checks), computed by the first check that asks and
/// shared with the others. Lives for one element.
#[derive(Default)]
pub struct Memo(std::cell::RefCell<Vec<(String, std::rc::Rc<dyn std::any::Any>)>>);

impl CheckCx<'_> {
    /// The value stored under `key` for this element, computed on first use.
    pub fn memo<T: 'static>(&self, key: &str, compute: impl FnOnce() -> T) -> std::rc::Rc<T> {
        let found = self.memo.0.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        if let Some(v) = found.and_then(|v| v.downcast::<T>().ok()) {
            return v;
        }
        let v = std::rc::Rc::new(compute());
        self.memo.0.borrow_mut().push((key.to_string(), v.clone()));
        v
    }
}

impl CheckCx<'_> {
    pub fn param_str(&self, key: &str) -> Option<&str> {
        self.params.get(key).and_then(|v| v.as_str())
    }

    /// A numeric parameter (an integer or a float).
    pub fn param_num(&self, key: &str) -> Option<f64> {
        self.params.get(key).and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
    }
}

pub type CheckFn = fn(&CheckCx, &Element, &mut Vec<Hit>);

enum Compiled {
    Declarative(Box<Declarative>),
    Function(CheckFn),
}

pub struct Engine {
    pub rules: Vec<Rule>,
    compiled: Vec<Compiled>,
    /// Rule indexes by element kind, then type (`*` for every type of the kind).
    index: HashMap<String, HashMap<String, Vec<usize>>>,
    /// Per rule, the kinds of elements its check reads besides the one it is
    /// given (`[check] relates`): empty for most rules.
    relates: Vec<Vec<Target>>,
    /// The kinds targeted or read by a rule that relates elements: such an
    /// element is checked once its whole module tree is evaluated.
    waiting: HashMap<String, Vec<String>>,
    /// Per rule: does it judge the inputs of registry modules (it reads
    /// nothing but attributes; see `CheckDef::attributes_read`)?
    judges_inputs: Vec<bool>,
}

/// A `kind.type` pattern from a rule file (`resource.aws_s3_bucket`, `resource.*`).
pub(crate) struct Target {
    kind: String,
    type_name: String,
}

impl Target {
    pub(crate) fn parse(t: &str) -> Target {
        // Checked when the rule was parsed.
        let (kind, ty) = t.split_once('.').unwrap_or((t, "*"));
        Target { kind: kind.to_string(), type_name: ty.to_string() }
    }
    pub(crate) fn matches(&self, el: &Element) -> bool {
        self.kind == el.kind.target_kind() && (self.type_name == "*" || self.type_name == el.type_name)
    }
}

/// For each rule that relates elements, the elements of one module tree it
/// may read (see [`CheckCx::elements`]).
#[derive(Default)]
pub struct Relations<'e>(Vec<Vec<&'e Element>>);

impl Relations<'_> {
    fn of(&self, rule: usize) -> &[&Element] {
        self.0.get(rule).map_or(&[], Vec::as_slice)
    }
}

/// A hit with the rule that produced it and the element it is about.
pub struct RawFinding {
    pub rule: usize,
    pub hit: Hit,
    pub resource: String,
}

impl Engine {
    /// Builds the engine for the rules of `profile` (strict includes default).
    pub fn new(catalogue: Vec<Rule>, profile: Profile) -> Engine {
        let rules: Vec<Rule> = catalogue
            .into_iter()
            .filter(|r| profile == Profile::Strict || r.profile == Profile::Default)
            .map(|mut r| {
                r.finding_text = super::FindingText::of(&r);
                r
            })
            .collect();
        let mut index: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::default();
        let relates: Vec<Vec<Target>> =
            rules.iter().map(|r| r.check.related_kinds().into_iter().map(Target::parse).collect()).collect();
        let mut waiting: HashMap<String, Vec<String>> = HashMap::default();
        for r in rules.iter() {
            let related = r.check.related_kinds();
            if related.is_empty() {
                continue;
            }
            for t in r.targets.iter().map(String::as_str).chain(related).map(Target::parse) {
                waiting.entry(t.kind).or_default().push(t.type_name);
            }
        }
        let compiled = rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                for t in r.targets.iter().map(|t| Target::parse(t)) {
                    index.entry(t.kind).or_default().entry(t.type_name).or_default().push(i);
                }
                match &r.check.function {
                    Some(f) => {
                        Compiled::Function(super::checks::lookup(f).expect("validated when the rule was parsed"))
                    }
                    None => Compiled::Declarative(Box::new(Declarative::new(&r.check))),
                }
            })
            .collect();
        let judges_inputs = rules.iter().map(|r| r.check.attributes_read().is_some()).collect();
        Engine { rules, compiled, index, relates, waiting, judges_inputs }
    }

    /// Must `el` wait until its whole module tree is evaluated before it is
    /// checked? Only when a rule that relates elements targets it or reads
    /// it. Every other element can be checked (and dropped) at once.
    pub fn waits_for_others(&self, el: &Element) -> bool {
        self.waiting.get(el.kind.as_str()).is_some_and(|types| types.iter().any(|t| t == "*" || *t == el.type_name))
    }

    /// The kinds and types that a rule relating elements targets or reads
    /// (see [`Engine::waits_for_others`]).
    pub fn related(&self) -> crate::model::Wanted {
        crate::model::Wanted::from_targets(
            self.rules
                .iter()
                .filter(|r| !r.check.related_kinds().is_empty())
                .flat_map(|r| r.targets.iter().map(String::as_str).chain(r.check.related_kinds())),
        )
    }

    /// What each rule that relates elements may read of `elements`.
    pub fn relations<'e>(&self, elements: &'e [Element]) -> Relations<'e> {
        let mut out: Vec<Vec<&Element>> = Vec::new();
        for (i, rel) in self.relates.iter().enumerate().filter(|(_, rel)| !rel.is_empty()) {
            if out.len() <= i {
                out.resize_with(i + 1, Vec::new);
            }
            // (What a registry module makes of its inputs is not known well
            // enough to relate it to anything.)
            out[i] = elements
                .iter()
                .filter(|e| e.kind != crate::model::Kind::ModuleInput && rel.iter().any(|t| t.matches(e)))
                .collect();
        }
        Relations(out)
    }

    /// The element kinds and types these rules target or read (a data
    /// source a check looks up is built only when a rule relates it).
    pub fn wanted(&self) -> crate::model::Wanted {
        crate::model::Wanted::from_targets(
            self.rules.iter().flat_map(|r| r.targets.iter().map(String::as_str).chain(r.check.related_kinds())),
        )
    }

    /// For each resource type, the attributes that the rules able to judge a
    /// registry module's inputs read (see `crate::eval::registry`).
    pub fn module_input_reads(&self) -> crate::model::InputReads {
        let mut out = crate::model::InputReads::default();
        for r in &self.rules {
            let Some(read) = r.check.attributes_read() else { continue };
            for t in r.targets.iter().filter_map(|t| t.strip_prefix("resource.")).filter(|t| *t != "*") {
                let names: &mut Vec<String> = out.entry(t.to_string()).or_default();
                names.extend(read.iter().map(|s| s.to_string()));
                names.sort_unstable();
                names.dedup();
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Runs the rules that target `el`. `relations` must hold the elements of
    /// its module tree when a rule that relates elements targets it (see
    /// [`Engine::waits_for_others`]); otherwise it can be empty.
    pub fn check(&self, el: &Element, relations: &Relations, sources: &Sources, out: &mut Vec<RawFinding>) {
        let module_input = el.kind == crate::model::Kind::ModuleInput;
        let Some(of_kind) = self.index.get(el.kind.target_kind()) else { return };
        let exact = of_kind.get(el.type_name.as_str());
        let wildcard = of_kind.get("*");
        let mut hits = Vec::new();
        let memo = Memo::default();
        for &i in exact.into_iter().flatten().chain(wildcard.into_iter().flatten()) {
            if module_input && !self.judges_inputs[i] {
                continue;
            }
            // A rule that relates elements reads the others of its kinds for
            // each element it checks: n buckets and n configurations are n^2.
            // Past the budget it is not run (quiet, with the budget's error).
            let elements = relations.of(i);
            if !elements.is_empty() && !sources.budget.relations(elements.len() as u64, el.span) {
                continue;
            }
            let cx = CheckCx { sources, elements, params: &self.rules[i].check.params, memo: &memo };
            match &self.compiled[i] {
                Compiled::Declarative(d) => d.check(el, &cx, &mut hits),
                Compiled::Function(f) => f(&cx, el, &mut hits),
            }
            out.extend(hits.drain(..).map(|hit| RawFinding { rule: i, hit, resource: el.address.clone() }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, targets: &str, check: &str) -> Rule {
        let text = format!(
            "id = \"{id}\"\ntitle = \"t\"\nseverity = \"low\"\ntargets = [{targets}]\n\
             description = \"d\"\nremediation = \"r\"\n[check]\n{check}\n"
        );
        crate::rules::parse_rule("test.toml", &text).unwrap_or_else(|e| panic!("{}", e.message))
    }

    fn element(type_name: &str) -> Element {
        let v = crate::model::Val::new(crate::model::V::Map(std::rc::Rc::new(Vec::new())), Span::default());
        Element {
            kind: crate::model::Kind::Resource,
            type_name: type_name.into(),
            address: format!("{type_name}.x"),
            span: Span::default(),
            body: v,
        }
    }

    #[test]
    fn only_what_relating_rules_need_waits_and_each_sees_what_it_declares() {
        let engine = Engine::new(
            vec![
                rule(
                    "relating",
                    "\"resource.aws_s3_bucket\"",
                    "function = \"s3_versioning_disabled\"\nrelates = [\"resource.aws_s3_bucket_versioning\"]",
                ),
                rule("alone", "\"resource.aws_instance\"", "attribute = \"a\"\nforbid = true\nmessage = \"m\""),
            ],
            Profile::Strict,
        );
        let els: Vec<Element> =
            ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_instance", "aws_s3_bucket_acl"].map(element).into();
        let waits: Vec<bool> = els.iter().map(|e| engine.waits_for_others(e)).collect();
        assert_eq!(waits, [true, true, false, false]);
        let relations = engine.relations(&els);
        let seen: Vec<&str> = relations.of(0).iter().map(|e| e.type_name.as_str()).collect();
        assert_eq!(seen, ["aws_s3_bucket_versioning"]);
        assert!(relations.of(1).is_empty());
    }

    #[test]
    fn a_declarative_check_reads_the_kinds_its_related_conditions_name() {
        let engine = Engine::new(
            vec![rule(
                "declared",
                "\"resource.aws_vpc\"",
                "unless = [{ related = \"resource.aws_flow_log\", via = \"vpc_id\" }]\nmessage = \"m\"",
            )],
            Profile::Strict,
        );
        let els: Vec<Element> = ["aws_vpc", "aws_flow_log", "aws_subnet"].map(element).into();
        let waits: Vec<bool> = els.iter().map(|e| engine.waits_for_others(e)).collect();
        assert_eq!(waits, [true, true, false]);
        let relations = engine.relations(&els);
        let seen: Vec<&str> = relations.of(0).iter().map(|e| e.type_name.as_str()).collect();
        assert_eq!(seen, ["aws_flow_log"]);
        assert_eq!(engine.rules[0].check.relates, ["resource.aws_flow_log"]);
    }

    #[test]
    fn a_module_input_is_judged_by_the_rules_that_read_only_attributes() {
        let engine = Engine::new(
            vec![
                rule("flag", "\"resource.aws_db_instance\"", "attribute = \"publicly_accessible\"\nforbid = true\nunless = [{ attribute = \"engine\", equals = \"x\" }]\nmessage = \"m\""),
                rule("related", "\"resource.aws_db_instance\"", "unless = [{ related = \"resource.aws_db_proxy\" }]\nmessage = \"m\""),
                rule("function", "\"resource.aws_db_instance\"", "function = \"secret_attributes\""),
            ],
            Profile::Strict,
        );
        let reads = engine.module_input_reads();
        assert_eq!(
            reads.get("aws_db_instance").map(Vec::as_slice),
            Some(&["engine".to_string(), "publicly_accessible".to_string()][..])
        );
        let mut input = element("aws_db_instance");
        input.kind = crate::model::Kind::ModuleInput;
        input.body = crate::model::Val::new(
            crate::model::V::Map(std::rc::Rc::new(vec![(
                "publicly_accessible".into(),
                crate::model::Val::new(crate::model::V::Bool(true), Span::default()),
            )])),
            Span::default(),
        );
        let sources = Sources::default();
        let mut out = Vec::new();
        engine.check(&input, &Relations::default(), &sources, &mut out);
        let fired: Vec<&str> = out.iter().map(|f| engine.rules[f.rule].id.as_str()).collect();
        assert_eq!(fired, ["flag"], "the related and the Rust check are not run on module inputs");
        let mut proxy = element("aws_db_proxy");
        proxy.kind = crate::model::Kind::ModuleInput;
        assert!(engine.relations(&[proxy]).of(1).is_empty(), "nor related to anything");
        assert_eq!(engine.relations(&[element("aws_db_proxy")]).of(1).len(), 1);
    }

    #[test]
    fn declarative_checks_are_validated() {
        let parse = |check: &str| {
            let text = format!(
                "id = \"x\"\ntitle = \"t\"\nseverity = \"low\"\ntargets = [\"resource.a\"]\n\
                 description = \"d\"\nremediation = \"r\"\n[check]\n{check}\n"
            );
            crate::rules::parse_rule("x.toml", &text).map(|_| ()).map_err(|e| e.message)
        };
        assert!(parse("message = \"the resource is the finding\"").is_ok());
        assert!(parse("targets = [\"resource.a\"]\nmessage = \"m\"").is_ok());
        assert!(parse("targets = [\"resource.b\"]\nmessage = \"m\"").is_err(), "not a rule target");
        assert!(parse("forbid = true\nmessage = \"m\"").is_err(), "forbid without attribute");
        assert!(parse("unless = [{ attribute = \"a\", via = \"b\", equals = 1 }]\nmessage = \"m\"").is_err());
        assert!(parse("unless = [{ related = \"resource.b\", to = \"name\" }]\nmessage = \"m\"").is_err());
        assert!(parse("unless = [{ related = \"resource.b\", equals = 1 }]\nmessage = \"m\"").is_err());
        assert!(parse("unless = [{ related = \"nonsense\" }]\nmessage = \"m\"").is_err());
        assert!(parse("when = [{ attribute = \"a\", present = true, or_absent = true }]\nmessage = \"m\"").is_err());
        assert!(parse("message = \"m\"\n[[check.also]]\nfunction = \"none_enabled\"").is_err());
        assert!(parse("message = \"m\"\n[[check.also]]\nattribute = \"a\"\nincludes = \"x\"").is_err(), "no message");
        assert!(parse("function = \"none_enabled\"\nwhen = [{ attribute = \"a\", equals = 1 }]").is_err());
    }

    #[test]
    fn relates_is_only_for_rust_checks() {
        let text = "id = \"x\"\ntitle = \"t\"\nseverity = \"low\"\ntargets = [\"resource.a\"]\n\
                    description = \"d\"\nremediation = \"r\"\n[check]\nattribute = \"a\"\nforbid = true\n\
                    message = \"m\"\nrelates = [\"resource.b\"]\n";
        assert!(crate::rules::parse_rule("x.toml", text).is_err());
        let bad_kind = text
            .replace("attribute = \"a\"\nforbid = true\nmessage = \"m\"\n", "function = \"s3_versioning_disabled\"\n")
            .replace("resource.b", "nonsense");
        assert!(crate::rules::parse_rule("x.toml", &bad_kind).is_err());
    }

    #[test]
    fn memo_computes_once_per_key() {
        let (sources, params, memo) = (Sources::default(), toml::Table::new(), Memo::default());
        let cx = CheckCx { sources: &sources, elements: &[], params: &params, memo: &memo };
        let calls = std::cell::Cell::new(0);
        let count = || {
            calls.set(calls.get() + 1);
            calls.get()
        };
        assert_eq!(*cx.memo("a", count), 1);
        assert_eq!(*cx.memo("a", count), 1);
        assert_eq!(*cx.memo("b", count), 2);
        assert_eq!(calls.get(), 2);
    }
}

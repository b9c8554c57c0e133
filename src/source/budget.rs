//! What one directory task may spend evaluating Terraform.
//!
//! Values are shared (`Rc`), so a few lines can describe a value whose
//! written-out form is astronomically large (`a = "${b}${b}"` forty times,
//! `[b, b]`, `concat(b, b)`), a `for` inside a `for` can multiply work, and
//! local modules can call each other ten times per level. Every directory
//! task therefore has a budget; what runs out makes the value Unknown (so no
//! rule reports on it, never a guess) and is reported once, as an error
//! located at the expression where it ran out.
//!
//! The limits are far above what real configurations need: none of the test
//! data, the acceptance projects or a generated 31 MB module comes near them.

use std::cell::{Cell, RefCell};

use crate::source::Span;

/// The fuzz targets (built with `--cfg fuzzing`) run with the size and step
/// budgets divided by this: they look for growth that no budget bounds, and an
/// input that exhausts a budget exercises the same paths whatever its size, but
/// the fuzz build (debug assertions, every output format) spends about twenty
/// times the release binary's time reaching a full-size limit, longer than
/// libFuzzer's per-input timeout. Everywhere else the budgets are as written.
const FUZZ_SCALE: u64 = if cfg!(fuzzing) { 16 } else { 1 };

/// The largest single value (a string, or a list or map as it would take in
/// memory written out in full, shared parts counted each time; see
/// [`crate::model::Val::size`]): four times the largest file `file()` reads,
/// so any file can still be wrapped in a template or decoded. Real values are
/// far smaller (AWS caps `user_data` at 16 KiB, a policy at 10 KiB, a task
/// definition at 64 KiB). Since every walk over a value costs at most its
/// size, this is also what bounds JSON encoding, secret scanning and the
/// rules' walks over shared values.
pub const MAX_VALUE_BYTES: u64 = 4 * super::MAX_FILE_FN_BYTES / FUZZ_SCALE;

/// Evaluation steps per directory task: one per expression evaluated, per
/// element copied by a function (`concat`, `merge`, `flatten`, ...) and per
/// node visited when a value is encoded or copied. A generated 31 MB module
/// takes about 1.2 million, the test data and acceptance projects at most a
/// few hundred per directory; a `for` nested five deep over 100 items would
/// take ten billion.
pub const MAX_STEPS: u64 = 20_000_000 / FUZZ_SCALE;

/// Bytes of text built (templates, `format`, `join`, `replace`, encodings)
/// plus bytes of the resource bodies handed to the rules (which scan them),
/// per directory task: 32 times the largest file checked.
pub const MAX_BUILT_BYTES: u64 = 32 * crate::source::MAX_FILE_BYTES / FUZZ_SCALE;

/// Module evaluations per directory task (each instance of a local module
/// call, and each evaluation of a called module's outputs). Real root modules
/// call tens of modules, a few levels deep; ten calls per level, nine levels
/// deep, would be a billion.
pub const MAX_MODULE_EVALUATIONS: u64 = 2_000;

/// Module calls nested in each other (a module calling a module ...): real
/// configurations nest a few levels (a component, its modules, their label
/// and policy modules). Terraform sets no limit; deeper than this is said
/// where it is cut, and the budget above bounds the work whatever the depth.
pub const MAX_MODULE_DEPTH: usize = 32;

/// Block instances the configuration multiplies (each `count` or `for_each`
/// instance of a resource, data source or module call, and every block of a
/// module instance; a root module's blocks as written are not counted) per
/// directory task. Each costs a few kilobytes with its findings, so this
/// bounds the memory a few lines can claim (a 65 KB module called 40 times
/// by a module called 40 times made 960,000 instances: 3.1 GB; 50,000 take
/// about 0.2 GB with the strict profile's findings). The real-code
/// corpus makes at most 769 in a directory.
pub const MAX_INSTANCES: u64 = 50_000 / FUZZ_SCALE;

/// Elements read by the rules that relate elements (an S3 bucket and its
/// versioning, logging, policy...), per directory task: each such rule reads
/// the related elements of its module tree for every element it checks, so n
/// buckets with n configurations cost n^2. The real-code corpus reads at most
/// about 100,000 in a directory; this allows a module of about 7,000
/// buckets, each configured, and about three seconds of reading.
pub const MAX_RELATION_READS: u64 = 100_000_000 / FUZZ_SCALE;

/// How deep `templatefile` calls may nest (a template may render another):
/// real templates include one or two others; a template that renders itself
/// would recurse until the stack overflowed.
pub const MAX_TEMPLATE_NESTING: usize = 16;

/// Variables a `templatefile` call may pass (more are Unknown): they are
/// bound as a chain of stack frames. Real templates take a few dozen.
pub const MAX_TEMPLATE_VARIABLES: usize = 1_000;

/// Private-key operations (`rsadecrypt`) per directory task: each reads a
/// key and does one RSA decryption, about 10 ms for a 4,096-bit key, so a
/// `for` over a list could otherwise spend minutes. Real configurations
/// decrypt a Windows password or two, and mostly from `password_data`, which
/// is only known at apply time.
pub const MAX_KEY_OPERATIONS: u64 = 32;

/// Which budget ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    ValueSize,
    Steps,
    Bytes,
    Modules,
    Instances,
    Nesting,
    ModuleDepth,
    KeyOperations,
    Relations,
}

impl Limit {
    fn describe(self) -> String {
        match self {
            Limit::ValueSize => format!(
                "a value larger than {} MiB written out (shared parts counted each time); it is taken as unknown",
                MAX_VALUE_BYTES >> 20
            ),
            Limit::Steps => {
                format!("more than {MAX_STEPS} evaluation steps in this directory; values from here on are unknown")
            }
            Limit::Bytes => format!(
                "more than {} MiB of text built in this directory; values from here on are unknown",
                MAX_BUILT_BYTES >> 20
            ),
            Limit::Modules => format!(
                "more than {MAX_MODULE_EVALUATIONS} module evaluations in this directory; this module is not evaluated"
            ),
            Limit::Instances => {
                format!("more than {MAX_INSTANCES} block instances in this directory; the rest are not evaluated")
            }
            Limit::Relations => format!(
                "more than {MAX_RELATION_READS} reads of related resources in this directory; the checks that relate resources (a bucket and its configuration) are not made for the rest"
            ),
            Limit::KeyOperations => format!(
                "more than {MAX_KEY_OPERATIONS} `rsadecrypt` calls in this directory; the rest are taken as unknown"
            ),
            Limit::ModuleDepth => format!(
                "modules nested more than {MAX_MODULE_DEPTH} deep; this module (and what it calls) is not evaluated"
            ),
            Limit::Nesting => {
                format!("`templatefile` nested more than {MAX_TEMPLATE_NESTING} deep; the template is taken as unknown")
            }
        }
    }
}

/// One directory task's budget (see the module documentation).
#[derive(Default)]
pub struct Budget {
    steps: Cell<u64>,
    bytes: Cell<u64>,
    modules: Cell<u64>,
    instances: Cell<u64>,
    key_operations: Cell<u64>,
    relations: Cell<u64>,
    /// Values refused for their size so far.
    too_large: Cell<u64>,
    /// The block instances this task may make, when it has a share of
    /// [`MAX_INSTANCES`] (see [`Budget::share_instances`]).
    instance_share: Cell<Option<u64>>,
    /// The budgets that ran out, with where each first did.
    exhausted: RefCell<Vec<(Limit, Span)>>,
}

impl Budget {
    fn charge(&self, counter: &Cell<u64>, n: u64, max: u64, limit: Limit, at: Span) -> bool {
        let total = counter.get().saturating_add(n);
        counter.set(total);
        if total <= max {
            return true;
        }
        self.ran_out(limit, at);
        false
    }

    /// Records that `limit` ran out at `at` (reported once per budget).
    pub fn ran_out(&self, limit: Limit, at: Span) {
        let mut ex = self.exhausted.borrow_mut();
        if !ex.iter().any(|(l, _)| *l == limit) {
            ex.push((limit, at));
        }
    }

    /// Spends `n` steps; false when the budget is spent.
    pub fn steps(&self, n: u64, at: Span) -> bool {
        self.charge(&self.steps, n, MAX_STEPS, Limit::Steps, at)
    }

    /// Spends `n` bytes of text; false when the budget is spent.
    pub fn bytes(&self, n: u64, at: Span) -> bool {
        self.charge(&self.bytes, n, MAX_BUILT_BYTES, Limit::Bytes, at)
    }

    /// Spends one private-key operation; false when the budget is spent.
    pub fn key_operation(&self, at: Span) -> bool {
        self.charge(&self.key_operations, 1, MAX_KEY_OPERATIONS, Limit::KeyOperations, at)
    }

    /// Spends one module evaluation; false when the budget is spent.
    pub fn module(&self, at: Span) -> bool {
        self.charge(&self.modules, 1, MAX_MODULE_EVALUATIONS, Limit::Modules, at)
    }

    /// Spends `n` block instances; false when the budget is spent.
    pub fn instances(&self, n: u64, at: Span) -> bool {
        let max = self.instance_share.get().unwrap_or(MAX_INSTANCES);
        self.charge(&self.instances, n, max, Limit::Instances, at)
    }

    /// Gives this task one `n`th of the block instances budget: `n` tasks
    /// side by side then hold at most one budget's instances (and their
    /// findings) at once, whatever the thread count. A task that needs more
    /// ([`Budget::needs_whole_budget`]) is run again on its own.
    pub fn share_instances(&self, n: u64) {
        if n > 1 {
            self.instance_share.set(Some(MAX_INSTANCES / n));
        }
    }

    /// Whether the instances ran out at a share of the budget (not the whole).
    pub fn needs_whole_budget(&self) -> bool {
        self.instance_share.get().is_some_and(|share| self.instances.get() > share)
    }

    /// Spends `n` reads of related elements; false when the budget is spent.
    pub fn relations(&self, n: u64, at: Span) -> bool {
        self.charge(&self.relations, n, MAX_RELATION_READS, Limit::Relations, at)
    }

    /// Whether a value of `size` bytes may be built (else recorded at `at`).
    pub fn fits(&self, size: u64, at: Span) -> bool {
        if size <= MAX_VALUE_BYTES {
            return true;
        }
        self.too_large.set(self.too_large.get() + 1);
        self.ran_out(Limit::ValueSize, at);
        false
    }

    /// How many values were refused for their size so far: a `for` whose
    /// body had one refused gives up at once (its result is incomplete
    /// anyway), rather than build the next of a product of lists.
    pub fn refusals(&self) -> u64 {
        self.too_large.get()
    }

    /// How many times a budget ran out or a value was refused so far (it
    /// only grows until [`Budget::take_exhausted`]).
    pub fn exhaustions(&self) -> u64 {
        self.exhausted.borrow().len() as u64 + self.too_large.get()
    }

    /// The budgets that ran out, as (where, message), and forgets them.
    pub fn take_exhausted(&self) -> Vec<(Span, String)> {
        self.exhausted
            .take()
            .into_iter()
            .map(|(limit, at)| (at, format!("evaluation budget exhausted: {}", limit.describe())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_the_instances_budget_runs_out_first_and_says_so() {
        let at = Span { file: 0, start: 0, end: 1 };
        let whole = Budget::default();
        assert!(whole.instances(MAX_INSTANCES / 4 + 1, at));
        assert!(!whole.needs_whole_budget());
        let share = Budget::default();
        share.share_instances(4);
        assert!(share.instances(MAX_INSTANCES / 4, at));
        assert!(!share.needs_whole_budget());
        assert!(!share.instances(1, at));
        assert!(share.needs_whole_budget());
    }

    #[test]
    fn each_budget_is_reported_once_where_it_first_ran_out() {
        let b = Budget::default();
        let at = |start| Span { file: 0, start, end: start + 1 };
        assert!(b.steps(MAX_STEPS, at(1)));
        assert!(!b.steps(1, at(2)));
        assert!(!b.steps(1, at(3)));
        assert!(b.fits(MAX_VALUE_BYTES, at(4)));
        assert!(!b.fits(MAX_VALUE_BYTES + 1, at(5)));
        let ex = b.take_exhausted();
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].0, at(2));
        assert!(ex[0].1.contains("budget") && ex[0].1.contains("steps"), "{}", ex[0].1);
        assert_eq!(ex[1].0, at(5));
        assert!(b.take_exhausted().is_empty());
    }
}

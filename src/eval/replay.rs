//! Module instances evaluated once per distinct inputs.
//!
//! A module block with `count` or `for_each` whose arguments do not use the
//! iterator, or a module tree reached again through another instance of its
//! caller, is called with the same inputs again and again. The same inputs
//! (the same values, written at the same places) in the same calling context
//! (the stack of module directories above it) give the same elements, so the
//! first evaluation's elements are kept and replayed under the next
//! instance's address instead of evaluating the module again. Findings stay
//! one per source location, naming every instance, as when each instance was
//! evaluated.

use std::path::PathBuf;
use std::rc::Rc;

use crate::model::{Element, Kind, Val};
use crate::source::Span;

/// Where a module is evaluated: its directory, the module directories above
/// it (a cycle or the depth limit cuts evaluation short) and its module key
/// (which installed module a registry source below it resolves to).
pub(super) type Context = (PathBuf, Vec<PathBuf>, String);

/// The inputs a module instance was given, by name, in the block's order.
type Inputs = Vec<(String, Val)>;

/// What one module instance (and the modules it calls) produced.
pub(super) struct Recorded {
    /// Its address prefix (`module.db[0].`): every element address and call
    /// site below starts with it.
    pub prefix: String,
    /// Its elements (locals excluded: each `locals` entry is one element per
    /// declaration, made by the first instance only).
    pub elements: Vec<Element>,
    /// The `module` blocks that made the instances below it, by address prefix.
    pub sites: Vec<(String, Span)>,
}

/// Where a module instance's records start in the log.
pub(super) struct Mark {
    elements: usize,
    sites: usize,
    /// Budget exhaustions before it: an instance cut short by a budget is
    /// not kept (a later instance might have had budget left).
    exhausted: u64,
}

#[derive(Default)]
pub(super) struct InstanceMemo {
    /// Recorded instances, by context, with their inputs.
    entries: foldhash::HashMap<Context, Vec<(Inputs, Rc<Recorded>)>>,
    /// The outputs of module instances, by context, with their inputs.
    outputs: foldhash::HashMap<Context, Vec<(Inputs, Option<Val>)>>,
    /// Elements and call sites of the instances being evaluated, in order
    /// (an instance's are a tail of its caller's).
    log: Vec<Element>,
    sites: Vec<(String, Span)>,
    /// Instances being recorded (nested).
    open: usize,
    /// Written-out size of the recorded element bodies (shared parts
    /// counted each time, so an upper bound of their memory).
    held: u64,
}

/// At most this many bytes of element bodies are held for replay per
/// directory task: beyond it, instances are evaluated as they come.
const MAX_HELD_BYTES: u64 = 64 << 20;
/// Recorded instances compared per module and context (the inputs of a
/// `for_each` over many keys usually differ; comparing each new instance with
/// every earlier one would be quadratic).
const MAX_PER_KEY: usize = 8;
/// Value nodes compared per lookup, at most.
const MAX_COMPARED: u32 = 100_000;

impl InstanceMemo {
    /// An earlier instance of the module in this context with the same inputs.
    pub fn find(&self, key: &Context, inputs: &[(String, Val)]) -> Option<Rc<Recorded>> {
        matching(self.entries.get(key)?, inputs).cloned()
    }

    /// The outputs of an earlier instance in this context with the same inputs.
    pub fn outputs(&self, key: &Context, inputs: &[(String, Val)]) -> Option<Option<Val>> {
        matching(self.outputs.get(key)?, inputs).cloned()
    }

    /// Keeps the outputs of an instance (unless a budget ran out meanwhile).
    pub fn keep_outputs(&mut self, key: Context, inputs: Inputs, outputs: Option<Val>, cut_short: bool) {
        let slot = self.outputs.entry(key).or_default();
        if !cut_short && slot.len() < MAX_PER_KEY {
            slot.push((inputs, outputs));
        }
    }

    /// Starts recording an instance.
    pub fn open(&mut self, exhausted: u64) -> Mark {
        self.open += 1;
        Mark { elements: self.log.len(), sites: self.sites.len(), exhausted }
    }

    /// Elements made while instances are being recorded.
    pub fn record_elements(&mut self, elements: &[Element]) {
        if self.open > 0 {
            self.log.extend(elements.iter().filter(|e| e.kind != Kind::Local).cloned());
        }
    }

    /// A module call site registered while instances are being recorded.
    pub fn record_site(&mut self, prefix: &str, at: Span) {
        if self.open > 0 {
            self.sites.push((prefix.to_string(), at));
        }
    }

    /// Ends recording the instance begun at `mark`: keeps it under `key` when
    /// its record is whole and no budget ran out meanwhile.
    pub fn close(&mut self, mark: Mark, exhausted: u64, key: Context, inputs: Inputs, prefix: &str) {
        self.open -= 1;
        // The outermost instance's records are the rest of the log: moved, not copied.
        let outermost = self.open == 0;
        let size: u64 = self.log[mark.elements..].iter().map(|e| e.body.size()).sum();
        let keep = exhausted == mark.exhausted && self.held + size <= MAX_HELD_BYTES;
        let slot = self.entries.entry(key).or_default();
        if keep && slot.len() < MAX_PER_KEY {
            self.held += size;
            let (elements, sites) = if outermost {
                (self.log.split_off(mark.elements), self.sites.split_off(mark.sites))
            } else {
                (self.log[mark.elements..].to_vec(), self.sites[mark.sites..].to_vec())
            };
            let recorded = Recorded { prefix: prefix.to_string(), elements, sites };
            slot.push((inputs, Rc::new(recorded)));
        }
        if outermost {
            self.log.clear();
            self.sites.clear();
        }
    }
}

/// What was kept for the same inputs as `inputs`, if anything.
fn matching<'a, T>(kept: &'a [(Inputs, T)], inputs: &[(String, Val)]) -> Option<&'a T> {
    let mut budget = MAX_COMPARED;
    kept.iter()
        .find(|(given, _)| {
            given.len() == inputs.len()
                && given.iter().zip(inputs).all(|((ka, a), (kb, b))| ka == kb && a.same_as(b, &mut budget))
        })
        .map(|(_, t)| t)
}

/// `address` (under `from`) moved under `to`.
pub(super) fn moved(address: &str, from: &str, to: &str) -> String {
    match address.strip_prefix(from) {
        Some(rest) => format!("{to}{rest}"),
        None => address.to_string(),
    }
}

//! The order in which a module's calls get their outputs bound.
//!
//! Terraform evaluates a module call after everything its arguments refer
//! to, whatever order the blocks are written in (files are read in name
//! order, so `app.tf` calling `module.db` of `db.tf` is common). The outputs
//! of a call are worked out with its inputs, so a call whose inputs read
//! another call's outputs (directly, or through locals, policy documents
//! and rendered templates) must come after it: else those inputs were
//! Unknown, and so was every output and local built from them (a local is
//! evaluated once, when first read).
//!
//! The references are found in the text of each block and of the locals
//! and documents it reaches (a superset: comments count too, which only
//! moves a call). Calls that refer to each other in a cycle, which
//! Terraform refuses, keep their written order among themselves.

use std::rc::Rc;

use hcl_edit::structure::Block;

use super::expr::span_of;
use super::text_refs::{modules_read, named_values_read, Named};
use super::{Ctx, Local};
use crate::source::{FileId, Span};

/// References followed (from calls to locals and documents, and on) when
/// ordering the calls of one module, each text being scanned once: beyond
/// it the calls keep their written order, so that a module built to make
/// the walk quadratic costs little.
const MAX_STEPS: usize = 100_000;

/// The order of `calls` (the module blocks whose outputs are read, as
/// indices): each after the calls whose outputs its block reaches, otherwise
/// in the order given. It depends on the module's text only, so a module
/// evaluated again (another instance) keeps it (see `Loader::call_orders`).
pub(super) fn dependency_order<'b>(calls: &[(FileId, &'b Block)], ctx: &Ctx<'b>) -> Vec<usize> {
    let written = || (0..calls.len()).collect();
    if calls.len() < 2 {
        return written();
    }
    let index: foldhash::HashMap<&str, usize> =
        calls.iter().enumerate().map(|(i, (_, b))| (b.labels.first().map_or("", |l| l.as_str()), i)).collect();
    let mut refs = Refs { ctx, direct: Default::default(), seen: Default::default(), steps: 0 };
    let mut deps = Vec::with_capacity(calls.len());
    for (f, b) in calls {
        let Some(modules) = refs.modules_reached(span_of(*b, *f)) else { return written() };
        let mut on: Vec<usize> = modules.iter().filter_map(|m| index.get(m.as_str()).copied()).collect();
        // In written order, whatever the set's: the same order every run.
        on.sort_unstable();
        deps.push(on);
    }
    post_order(&deps)
}

/// What one text names: the module calls, and the locals and documents
/// that may name more.
#[derive(Default)]
struct Direct {
    modules: foldhash::HashSet<String>,
    named: Vec<(Named, String)>,
}

struct Refs<'c, 'b> {
    ctx: &'c Ctx<'b>,
    /// What each local or document names, scanned once per module (a local
    /// many calls reach is not read again for each).
    direct: foldhash::HashMap<(Named, String), Rc<Direct>>,
    /// Per call: the locals and documents already followed.
    seen: foldhash::HashSet<(Named, String)>,
    steps: usize,
}

impl Refs<'_, '_> {
    /// The `module.NAME`s read in the text at `span` and in the locals and
    /// documents it reads, transitively; `None` when the walk is too long.
    fn modules_reached(&mut self, span: Span) -> Option<foldhash::HashSet<String>> {
        self.seen.clear();
        let first = self.scan(span);
        let mut modules = first.modules.clone();
        let mut todo: Vec<Rc<Direct>> = vec![first];
        while let Some(direct) = todo.pop() {
            for (kind, name) in &direct.named {
                self.steps += 1;
                if self.steps > MAX_STEPS {
                    return None;
                }
                let key = (*kind, name.clone());
                if !self.seen.insert(key.clone()) {
                    continue;
                }
                let next = match self.direct.get(&key) {
                    Some(d) => d.clone(),
                    None => {
                        let at = match kind {
                            Named::Local => self.ctx.locals.get(name.as_str()).map(|Local::Hcl(e, f)| span_of(*e, *f)),
                            Named::PolicyDocument => {
                                self.ctx.policy_docs.get(name.as_str()).map(|(b, f)| span_of(*b, *f))
                            }
                            Named::TemplateFile => {
                                self.ctx.template_files.get(name.as_str()).map(|(b, f)| span_of(*b, *f))
                            }
                        };
                        let d = at.map(|at| self.scan(at)).unwrap_or_default();
                        self.direct.insert(key, d.clone());
                        d
                    }
                };
                modules.extend(next.modules.iter().cloned());
                todo.push(next);
            }
        }
        Some(modules)
    }

    /// What the text at `span` names.
    fn scan(&self, span: Span) -> Rc<Direct> {
        let file = self.ctx.sources.get(span.file);
        let text = file.text.get(span.start as usize..span.end as usize).unwrap_or("");
        let mut modules = foldhash::HashSet::default();
        modules_read(text, &mut modules);
        Rc::new(Direct { modules, named: named_values_read(text) })
    }
}

/// The nodes `0..deps.len()` in depth-first post-order over `deps` (each
/// node's dependencies first), roots taken in index order; an edge back
/// into the path being walked (a cycle) is passed over. Iterative: the
/// number of calls is not bounded by the stack.
fn post_order(deps: &[Vec<usize>]) -> Vec<usize> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; deps.len()];
    let mut out = Vec::with_capacity(deps.len());
    for root in 0..deps.len() {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        let mut path = vec![(root, 0usize)];
        while let Some(&(node, next)) = path.last() {
            match deps[node].get(next) {
                Some(&dep) => {
                    if let Some(top) = path.last_mut() {
                        top.1 += 1;
                    }
                    if state[dep] == NEW {
                        state[dep] = OPEN;
                        path.push((dep, 0));
                    }
                }
                None => {
                    state[node] = DONE;
                    out.push(node);
                    path.pop();
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_come_first_and_the_written_order_stays_otherwise() {
        // 0 reads 2, 2 reads 3; 1 reads nothing.
        assert_eq!(post_order(&[vec![2], vec![], vec![3], vec![]]), vec![3, 2, 0, 1]);
        assert_eq!(post_order(&[vec![], vec![], vec![]]), vec![0, 1, 2]);
    }

    #[test]
    fn a_cycle_is_walked_once_in_written_order() {
        assert_eq!(post_order(&[vec![1], vec![0]]), vec![1, 0]);
        assert_eq!(post_order(&[vec![0]]), vec![0]);
        // A long chain does not recurse.
        let chain: Vec<Vec<usize>> = (0..100_000).map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![] }).collect();
        let order = post_order(&chain);
        assert_eq!(order.first(), Some(&99_999));
        assert_eq!(order.last(), Some(&0));
    }
}

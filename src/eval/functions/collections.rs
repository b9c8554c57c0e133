//! Functions over lists, sets and maps. Lists whose elements Terraform would
//! unify (`distinct`, `sort`, the set functions) are converted first, so
//! `distinct(["a", 1, "1"])` is `["a", "1"]` as in Terraform; elements that
//! are copied keep their own spans, so findings point at the literal.

use std::rc::Rc;

use super::types::{equal, set_of, sorted_entries, to_bool, to_number, unify_list, Seen};
use super::{fully_known, Call};
use crate::model::value::{key, MapBuilder, NODE_BYTES};
use crate::model::{Val, V};

pub const NAMES: &[&str] = &[
    "alltrue",
    "anytrue",
    "chunklist",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "distinct",
    "element",
    "flatten",
    "index",
    "keys",
    "length",
    "lookup",
    "matchkeys",
    "merge",
    "one",
    "range",
    "reverse",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "slice",
    "sort",
    "sum",
    "transpose",
    "values",
    "zipmap",
];

/// `range` makes at most this many numbers (Terraform's own limit).
const MAX_RANGE: usize = 1024;

pub fn call(c: &Call, name: &str) -> Option<Val> {
    let n = c.args.len();
    let arity_ok = match name {
        "coalesce" | "coalescelist" | "merge" => true,
        "setintersection" | "setunion" | "concat" => n >= 1,
        "setproduct" => n >= 2,
        "range" => (1..=3).contains(&n),
        "lookup" => n == 2 || n == 3,
        "matchkeys" | "slice" => n == 3,
        "chunklist" | "contains" | "element" | "index" | "setsubtract" | "zipmap" => n == 2,
        _ => n == 1,
    };
    if !arity_ok {
        return None;
    }
    match name {
        "alltrue" | "anytrue" => {
            let l = c.list_arg(0)?;
            let mut bools = Vec::with_capacity(l.len());
            for x in l {
                bools.push(to_bool(x)?);
            }
            Some(c.bool(if name == "alltrue" { bools.iter().all(|b| *b) } else { bools.iter().any(|b| *b) }))
        }
        "chunklist" => {
            let l = unify_list(c, c.list_arg(0)?)?;
            let size = c.int_arg(1).filter(|s| *s >= 0)? as usize;
            if !c.items(l.len() * 2, c.arg(0)?.size() * 2) {
                return None;
            }
            let chunks: Vec<Val> =
                if size == 0 { vec![c.list(l)] } else { l.chunks(size).map(|ch| c.list(ch.to_vec())).collect() };
            Some(c.list(chunks))
        }
        "coalesce" => {
            let args = unify_list(c, c.args)?;
            args.into_iter().find(|a| !a.is_null() && !matches!(&a.v, V::Str(t) if t.text.is_empty()))
        }
        "coalescelist" => {
            for a in c.args {
                match a.as_list()? {
                    [] => continue,
                    _ => return Some(a.clone().rehome(c.span)),
                }
            }
            None
        }
        "compact" => {
            let l = c.list_arg(0)?;
            let mut out = Vec::with_capacity(l.len());
            for it in l {
                match &it.v {
                    V::Null => {}
                    _ => {
                        let s = c.str_of(it)?;
                        if !s.is_empty() {
                            out.push(if matches!(it.v, V::Str(_)) { it.clone() } else { Val::str(&*s, it.span) });
                        }
                    }
                }
            }
            c.items(out.len(), 0).then(|| c.list(out))
        }
        "concat" => {
            let (mut n, mut size) = (0, 0);
            for l in c.args {
                n += l.as_list()?.len();
                size += l.size();
            }
            if !c.items(n, size) {
                return None;
            }
            let mut out = Vec::with_capacity(n);
            for l in c.args {
                out.extend(l.as_list().unwrap_or_default().iter().cloned());
            }
            Some(c.list(out))
        }
        "contains" | "index" => {
            let (l, x) = (c.list_arg(0)?, c.arg(1)?);
            let arg = c.arg(0)?;
            let found = if l.len() < INDEXED_LIST {
                if !known(c, arg) || !known(c, x) {
                    return None;
                }
                l.iter().position(|i| equal(i, x))
            } else {
                // Indexed once for as long as the call is given this list (a
                // loop asking `contains(local.names, name)` for each name).
                let list = c.again(arg, || Indexed(known(c, arg).then(|| Seen::of(c, l).map(Rc::new)).flatten()));
                let found = list.0?.position(c, x)?;
                if !known(c, x) {
                    return None;
                }
                found
            };
            if name == "contains" {
                Some(c.bool(found.is_some()))
            } else {
                c.num(found? as f64)
            }
        }
        "distinct" => {
            let l = c.list_arg(0)?;
            if !known(c, c.arg(0)?) || !c.items(l.len(), 0) {
                return None;
            }
            let l = unify_list(c, l)?;
            let mut out: Vec<Val> = Vec::with_capacity(l.len());
            let mut seen = Seen::default();
            for it in l {
                if seen.insert(c, &it)? {
                    out.push(it);
                }
            }
            Some(c.list(out))
        }
        "element" => {
            let l = c.list_arg(0)?;
            let i = c.int_arg(1).filter(|i| *i >= 0)? as usize;
            (!l.is_empty()).then(|| l[i % l.len()].clone())
        }
        "flatten" => {
            let mut out = Vec::new();
            (c.list_arg(0).is_some() && flat(c, c.arg(0)?, &mut out)).then(|| c.list(out))
        }
        "keys" | "values" => {
            let m = c.arg(0)?;
            m.as_map()?;
            // Once per map and call: `index(keys(var.rules), rule.key)` in a
            // `dynamic` block asks for every rule, and each answer sorts the map.
            let list = || {
                let entries = sorted_entries(m);
                if !c.items(entries.len(), m.size()) {
                    return None;
                }
                let items =
                    entries.into_iter().map(|(k, v)| if name == "keys" { Val::str(&**k, v.span) } else { v.clone() });
                Some(c.list(items.collect()))
            };
            c.again(m, || Listed(list())).0
        }
        "length" => match &c.arg(0)?.v {
            V::List(l) => c.num(l.len() as f64),
            V::Map(_) => {
                let m = c.arg(0)?;
                c.num(c.again(m, || Length(sorted_entries(m).len())).0 as f64)
            }
            V::Str(_) | V::Encoded(..) => {
                use unicode_segmentation::UnicodeSegmentation;
                let s = c.str(0)?;
                c.budget().steps(s.len() as u64 / 64, c.span).then_some(())?;
                c.num(s.graphemes(true).count() as f64)
            }
            _ => None,
        },
        "lookup" => {
            let m = c.arg(0)?;
            m.as_map()?;
            let k = c.str(1)?;
            match m.get(&k) {
                Some(v) => Some(v.clone()),
                None => c.arg(2).cloned(),
            }
        }
        "matchkeys" => {
            let (values, keys, search) = (c.list_arg(0)?, c.list_arg(1)?, c.list_arg(2)?);
            if values.len() != keys.len() || !c.items(keys.len() * search.len().max(1), c.arg(0)?.size()) {
                return None;
            }
            let mut both: Vec<Val> = keys.to_vec();
            both.extend(search.iter().cloned());
            if !both.iter().all(|x| known(c, x)) {
                return None;
            }
            let both = unify_list(c, &both)?;
            let (keys, search) = both.split_at(keys.len());
            let out =
                values.iter().zip(keys).filter(|(_, k)| search.iter().any(|s| equal(s, k))).map(|(v, _)| v.clone());
            Some(c.list(out.collect()))
        }
        "merge" => {
            let mut out = MapBuilder::default();
            let (mut n, mut size) = (0, 0);
            for m in c.args {
                if !m.is_null() {
                    n += m.as_map()?.len();
                    size += m.size();
                }
            }
            if !c.items(n, size) {
                return None;
            }
            for m in c.args.iter().filter(|m| !m.is_null()) {
                for (k, v) in m.as_map()? {
                    out.insert(k.clone(), v.clone());
                }
            }
            Some(c.val(V::Map(Rc::new(out.finish()))))
        }
        "one" => match c.list_arg(0)? {
            [] => Some(c.val(V::Null)),
            [x] => Some(x.clone()),
            _ => None,
        },
        "range" => range(c),
        "reverse" => {
            let l = c.list_arg(0)?;
            c.items(l.len(), c.arg(0)?.size()).then(|| c.list(l.iter().rev().cloned().collect()))
        }
        "setunion" | "setintersection" | "setsubtract" => {
            let mut all = Vec::new();
            let mut lens = Vec::new();
            for a in c.args {
                let l = a.as_list()?;
                if !known(c, a) || !c.items(l.len(), a.size()) {
                    return None;
                }
                all.extend(l.iter().cloned());
                lens.push(l.len());
            }
            let all = unify_list(c, &all)?;
            let mut sets = Vec::new();
            let mut rest = &all[..];
            for n in lens {
                let (s, r) = rest.split_at(n);
                sets.push(s);
                rest = r;
            }
            if !c.budget().steps((all.len() * sets.len()) as u64, c.span) {
                return None;
            }
            let picked: Vec<Val> = if name == "setunion" {
                all.clone()
            } else {
                // The other sets, each indexed once.
                let mut others = Vec::with_capacity(sets.len() - 1);
                for set in &sets[1..] {
                    others.push(Seen::of(c, set)?);
                }
                let mut picked = Vec::new();
                for x in sets[0] {
                    let keep = if name == "setintersection" {
                        let mut everywhere = true;
                        for seen in &others {
                            everywhere = everywhere && seen.contains(c, x)?;
                        }
                        everywhere
                    } else {
                        !others[0].contains(c, x)?
                    };
                    if keep {
                        picked.push(x.clone());
                    }
                }
                picked
            };
            Some(c.list(set_of(c, picked)?))
        }
        "setproduct" => setproduct(c),
        "slice" => {
            let l = c.list_arg(0)?;
            let (start, end) = (c.int_arg(1)?, c.int_arg(2)?);
            if start < 0 || end < start || end as usize > l.len() {
                return None;
            }
            let part = &l[start as usize..end as usize];
            c.items(part.len(), 0).then(|| c.list(part.to_vec()))
        }
        "sort" => {
            let l = c.list_arg(0)?;
            if !c.items(l.len(), c.arg(0)?.size()) {
                return None;
            }
            let mut strings: Vec<(std::borrow::Cow<str>, &Val)> = Vec::with_capacity(l.len());
            for x in l {
                strings.push((c.str_of(x)?, x));
            }
            strings.sort_by(|a, b| a.0.cmp(&b.0));
            let out = strings.into_iter().map(|(s, x)| match x.v {
                V::Str(_) => x.clone(),
                _ => Val::str(&*s, x.span),
            });
            Some(c.list(out.collect()))
        }
        "sum" => {
            let l = c.list_arg(0)?;
            if l.is_empty() || !c.budget().steps(l.len() as u64, c.span) {
                return None;
            }
            let mut total = 0.0;
            for x in l {
                total += to_number(x)?;
            }
            c.num(total)
        }
        "transpose" => {
            let m = c.arg(0)?;
            let mut out: Vec<(Rc<str>, Vec<Val>)> = Vec::new();
            let mut index: foldhash::HashMap<Rc<str>, usize> = Default::default();
            for (k, l) in sorted_entries(m) {
                let l = l.as_list()?;
                if !c.items(l.len(), 0) {
                    return None;
                }
                for x in l {
                    let s = key(&c.str_of(x)?);
                    let i = *index.entry(s.clone()).or_insert_with(|| {
                        out.push((s, Vec::new()));
                        out.len() - 1
                    });
                    out[i].1.push(Val::str(&**k, x.span));
                }
            }
            let entries = out.into_iter().map(|(k, l)| (k, c.list(l))).collect();
            Some(c.val(V::Map(Rc::new(entries))))
        }
        "zipmap" => {
            let (keys, values) = (c.list_arg(0)?, c.list_arg(1)?);
            if keys.len() != values.len() || !c.items(keys.len(), c.arg(1)?.size()) {
                return None;
            }
            let mut m = MapBuilder::with_capacity(keys.len());
            for (k, v) in keys.iter().zip(values) {
                m.insert(key(&c.str_of(k)?), v.clone());
            }
            Some(c.val(V::Map(Rc::new(m.finish()))))
        }
        _ => None,
    }
}

fn known(c: &Call, v: &Val) -> bool {
    fully_known(v, c.budget(), c.span)
}

/// Visits every node of the input: its size is bounded, and each visit is
/// a step (a shared list is visited each time).
fn flat(c: &Call, v: &Val, out: &mut Vec<Val>) -> bool {
    if !c.budget().steps(1, c.span) {
        return false;
    }
    match v.as_list() {
        Some(l) => l.iter().all(|x| flat(c, x, out)),
        None if v.is_unknown() => false,
        None => {
            out.push(v.clone());
            true
        }
    }
}

fn range(c: &Call) -> Option<Val> {
    let nums: Vec<f64> = (0..c.args.len()).map(|i| c.num_arg(i)).collect::<Option<_>>()?;
    let (start, limit) = match nums[..] {
        [limit] => (0.0, limit),
        [start, limit, ..] => (start, limit),
        _ => return None,
    };
    let step = nums.get(2).copied().unwrap_or(if start > limit { -1.0 } else { 1.0 });
    if step == 0.0 || (step < 0.0 && start < limit) || (step > 0.0 && start > limit) {
        return None;
    }
    let mut out = Vec::new();
    let mut x = start;
    while (step > 0.0 && x < limit) || (step < 0.0 && x > limit) {
        if out.len() >= MAX_RANGE {
            return None;
        }
        out.push(c.num(x)?);
        x += step;
    }
    c.items(out.len(), out.len() as u64 * NODE_BYTES).then(|| c.list(out))
}

fn setproduct(c: &Call) -> Option<Val> {
    let mut lists = Vec::with_capacity(c.args.len());
    let mut count: u64 = 1;
    let mut row: u64 = 0;
    for a in c.args {
        let l = a.as_list()?;
        if !known(c, a) {
            return None;
        }
        count = count.saturating_mul(l.len() as u64);
        row += a.size() / (l.len().max(1) as u64) + NODE_BYTES;
        lists.push(unify_list(c, l)?);
    }
    // Charged for the whole product before any of it is built.
    if !c.budget().steps(count.saturating_mul(lists.len() as u64), c.span)
        || !c.budget().fits(count.saturating_mul(row), c.span)
    {
        return None;
    }
    let mut out: Vec<Vec<Val>> = vec![Vec::new()];
    for l in &lists {
        out = out
            .into_iter()
            .flat_map(|prefix| l.iter().map(move |x| [prefix.clone(), vec![x.clone()]].concat()))
            .collect();
    }
    Some(c.list(out.into_iter().map(|r| c.list(r)).collect()))
}

/// `keys(m)` or `values(m)` at one call, kept by [`Call::again`].
#[derive(Clone)]
struct Listed(Option<Val>);

/// `length(m)` of a map (its distinct keys) at one call, kept beside [`Listed`].
#[derive(Clone)]
struct Length(usize);

/// `contains` and `index` index a list of at least this many elements
/// (fewer are compared one by one: most lists are short and built anew).
const INDEXED_LIST: usize = 16;

/// The elements of a fully known list for `contains` and `index` at one
/// call, kept beside [`Listed`] (`None`: the list is not fully known).
#[derive(Clone)]
struct Indexed(Option<Rc<Seen>>);

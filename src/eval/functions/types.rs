//! Terraform's type conversions: `tostring`, `tonumber`, `tobool`, `tolist`,
//! `toset`, `tomap`, and the unification that turns `[1, "a"]` into a list of
//! strings wherever a function takes a list (`distinct`, `sort`, `toset`...).
//!
//! Values here carry no static type: a list literal is a tuple, an object
//! literal an object, and this module infers the type Terraform would give
//! them, as cty does (`cty/convert/unify.go`).

use std::cmp::Ordering;
use std::rc::Rc;

use super::Call;
use crate::model::value::{fmt_num, MapBuilder};
use crate::model::{Encoding, Val, V};

pub const NAMES: &[&str] =
    &["tostring", "tonumber", "tobool", "tolist", "toset", "tomap", "sensitive", "nonsensitive", "ephemeralasnull"];

pub fn call(c: &Call, name: &str) -> Option<Val> {
    let v = c.arg(0)?;
    if c.args.len() != 1 {
        return None;
    }
    match name {
        "sensitive" | "nonsensitive" | "ephemeralasnull" => Some(v.clone().rehome(c.span)),
        "tostring" => match &v.v {
            V::Null => Some(c.val(V::Null)),
            V::Str(_) | V::Encoded(..) => Some(v.clone().rehome(c.span)),
            V::Num(_) | V::Bool(_) => c.string(v.as_str()?.into_owned()),
            _ => None,
        },
        "tonumber" => match &v.v {
            V::Null => Some(c.val(V::Null)),
            _ => c.num(to_number(v)?),
        },
        "tobool" => match &v.v {
            V::Null => Some(c.val(V::Null)),
            _ => Some(c.bool(to_bool(v)?)),
        },
        "tolist" | "toset" => {
            let items = c.arg(0)?.as_list()?;
            if !c.items(items.len(), v.size()) {
                return None;
            }
            let items = unify_list(c, items)?;
            Some(c.list(if name == "toset" { set_of(c, items)? } else { items }))
        }
        "tomap" => {
            let entries = v.as_map()?;
            if !c.items(entries.len(), v.size()) {
                return None;
            }
            let values: Vec<Val> = entries.iter().map(|(_, x)| x.clone()).collect();
            let values = unify_list(c, &values)?;
            let mut m = MapBuilder::with_capacity(entries.len());
            for ((k, _), x) in entries.iter().zip(values) {
                m.insert(k.clone(), x);
            }
            Some(c.val(V::Map(Rc::new(m.finish()))))
        }
        _ => None,
    }
}

/// A string converted to a number as Terraform does: decimal, with an
/// optional sign, fraction and exponent; no spaces, no `0x`, no `inf`.
pub fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let digits = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let mut any = false;
    while digits(i) {
        i += 1;
        any = true;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while digits(i) {
            i += 1;
            any = true;
        }
    }
    if !any {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(i) {
            return None;
        }
        while digits(i) {
            i += 1;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A value as a number parameter.
pub fn to_number(v: &Val) -> Option<f64> {
    match &v.v {
        V::Num(n) => Some(*n),
        V::Str(t) if t.is_fully_known() => parse_number(&t.text),
        _ => None,
    }
}

/// A value as a bool parameter.
pub fn to_bool(v: &Val) -> Option<bool> {
    match &v.v {
        V::Bool(b) => Some(*b),
        V::Str(t) => match t.text.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A type as cty infers it from a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `null`: any type.
    Dynamic,
    Str,
    Num,
    Bool,
    Tuple(Vec<Ty>),
    List(Box<Ty>),
    /// Attributes sorted by name.
    Object(Vec<(Rc<str>, Ty)>),
    Map(Box<Ty>),
}

/// The type of a known value (`None`: a part is unknown).
pub fn type_of(v: &Val) -> Option<Ty> {
    Some(match &v.v {
        V::Null => Ty::Dynamic,
        V::Str(_) | V::Encoded(..) => Ty::Str,
        V::Num(_) => Ty::Num,
        V::Bool(_) => Ty::Bool,
        V::List(l) => Ty::Tuple(l.iter().map(type_of).collect::<Option<_>>()?),
        V::Map(m) => {
            let mut attrs: Vec<(Rc<str>, Ty)> = Vec::with_capacity(m.len());
            for (k, x) in m.iter() {
                let t = type_of(x)?;
                match attrs.iter_mut().find(|(a, _)| a == k) {
                    Some(slot) => slot.1 = t,
                    None => attrs.push((k.clone(), t)),
                }
            }
            attrs.sort_by(|a, b| a.0.cmp(&b.0));
            Ty::Object(attrs)
        }
        V::Unknown | V::Ref(_) => return None,
    })
}

/// The one type all of `types` convert to, as cty's `unify` finds it.
pub fn unify(types: &[Ty]) -> Option<Ty> {
    let known: Vec<&Ty> = types.iter().filter(|t| **t != Ty::Dynamic).collect();
    let Some(first) = known.first() else { return Some(Ty::Dynamic) };
    if known.iter().all(|t| t == first) {
        return Some((*first).clone());
    }
    let prim = |t: &&Ty| matches!(t, Ty::Str | Ty::Num | Ty::Bool);
    if known.iter().all(prim) {
        // Only strings take both numbers and bools.
        return known.contains(&&Ty::Str).then_some(Ty::Str);
    }
    let elements = |t: &Ty| -> Option<Vec<Ty>> {
        match t {
            Ty::Tuple(e) => Some(e.clone()),
            Ty::List(e) => Some(vec![(**e).clone()]),
            _ => None,
        }
    };
    if known.iter().all(|t| matches!(t, Ty::Tuple(_) | Ty::List(_))) {
        let tuples: Vec<&Vec<Ty>> =
            known.iter().filter_map(|t| if let Ty::Tuple(e) = t { Some(e) } else { None }).collect();
        if tuples.len() == known.len() && tuples.iter().all(|e| e.len() == tuples[0].len()) {
            let n = tuples[0].len();
            let per: Option<Vec<Ty>> =
                (0..n).map(|i| unify(&tuples.iter().map(|e| e[i].clone()).collect::<Vec<_>>())).collect();
            return per.map(Ty::Tuple);
        }
        let all: Vec<Ty> = known.iter().flat_map(|t| elements(t).unwrap_or_default()).collect();
        return Some(Ty::List(Box::new(unify(&all)?)));
    }
    if known.iter().all(|t| matches!(t, Ty::Object(_) | Ty::Map(_))) {
        let objects: Vec<&Vec<(Rc<str>, Ty)>> =
            known.iter().filter_map(|t| if let Ty::Object(a) = t { Some(a) } else { None }).collect();
        let same_names = objects.len() == known.len()
            && objects.iter().all(|a| a.len() == objects[0].len() && a.iter().zip(objects[0]).all(|(x, y)| x.0 == y.0));
        if same_names {
            let attrs: Option<Vec<(Rc<str>, Ty)>> = objects[0]
                .iter()
                .enumerate()
                .map(|(i, (k, _))| {
                    Some((k.clone(), unify(&objects.iter().map(|a| a[i].1.clone()).collect::<Vec<_>>())?))
                })
                .collect();
            return attrs.map(Ty::Object);
        }
        let all: Vec<Ty> = known
            .iter()
            .flat_map(|t| match t {
                Ty::Object(a) => a.iter().map(|(_, t)| t.clone()).collect(),
                Ty::Map(e) => vec![(**e).clone()],
                _ => Vec::new(),
            })
            .collect();
        return Some(Ty::Map(Box::new(unify(&all)?)));
    }
    None
}

/// `v` converted to `ty` (`None`: it does not convert).
pub fn convert(c: &Call, v: &Val, ty: &Ty) -> Option<Val> {
    if !c.budget().steps(1, c.span) {
        return None;
    }
    let same = |x: V| Some(Val::new(x, v.span));
    match (&v.v, ty) {
        (V::Null, _) | (_, Ty::Dynamic) => Some(v.clone()),
        (V::Str(_) | V::Encoded(Encoding::Json | Encoding::Base64, _), Ty::Str) => Some(v.clone()),
        (V::Num(_) | V::Bool(_), Ty::Str) => same(V::Str(Rc::new(crate::model::Text::plain(v.as_str()?.into_owned())))),
        (V::Num(_), Ty::Num) | (V::Bool(_), Ty::Bool) => Some(v.clone()),
        (V::Str(_), Ty::Num) => same(V::Num(to_number(v)?)),
        (V::Str(_), Ty::Bool) => same(V::Bool(to_bool(v)?)),
        (V::List(l), Ty::Tuple(ts)) if l.len() == ts.len() => {
            let items: Option<Vec<Val>> = l.iter().zip(ts).map(|(x, t)| convert(c, x, t)).collect();
            same(V::List(Rc::new(items?)))
        }
        (V::List(l), Ty::List(t)) => {
            let items: Option<Vec<Val>> = l.iter().map(|x| convert(c, x, t)).collect();
            same(V::List(Rc::new(items?)))
        }
        (V::Map(m), Ty::Object(_) | Ty::Map(_)) => {
            let mut out = MapBuilder::with_capacity(m.len());
            for (k, x) in m.iter() {
                let t = match ty {
                    Ty::Map(t) => t,
                    Ty::Object(attrs) => &attrs.iter().find(|(a, _)| a == k)?.1,
                    _ => return None,
                };
                out.insert(k.clone(), convert(c, x, t)?);
            }
            same(V::Map(Rc::new(out.finish())))
        }
        _ => None,
    }
}

/// The elements of a list argument converted to their unified type, as a
/// function with a `list(any)` or `set(any)` parameter receives them.
pub fn unify_list(c: &Call, items: &[Val]) -> Option<Vec<Val>> {
    let types: Vec<Ty> = items.iter().map(type_of).collect::<Option<_>>()?;
    let ty = unify(&types)?;
    items.iter().map(|x| convert(c, x, &ty)).collect()
}

/// Known values compared as Terraform's `==` compares them: same type and
/// value (a number is never equal to a string).
pub fn equal(a: &Val, b: &Val) -> bool {
    match (&a.v, &b.v) {
        (V::Null, V::Null) => true,
        (V::Num(x), V::Num(y)) => x == y,
        (V::Bool(x), V::Bool(y)) => x == y,
        (V::Str(x), V::Str(y)) => x.text == y.text,
        (V::List(x), V::List(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| equal(p, q)),
        (V::Map(_), V::Map(_)) => {
            let (x, y) = (sorted_entries(a), sorted_entries(b));
            x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| p.0 == q.0 && equal(p.1, q.1))
        }
        _ => false,
    }
}

/// Values met so far, as [`equal`] tells them apart, each with the place it
/// was first met: strings and numbers by hash (a string is only ever equal
/// to a string, a number to a number), anything else compared one by one,
/// each comparison a step of the budget. `toset`, `distinct`, the set
/// functions, `contains` and `index` compared every element with every
/// other: quadratic, and for numbers not even charged.
#[derive(Default)]
pub struct Seen {
    strings: foldhash::HashMap<compact_str::CompactString, usize>,
    /// Bits of each number, with -0 as 0 (`==` makes them equal).
    numbers: foldhash::HashMap<u64, usize>,
    others: Vec<(Val, usize)>,
    /// How many values were inserted (the place of the next one).
    len: usize,
}

impl Seen {
    /// Each of `items`, in order; `None` when the budget ran out.
    pub fn of(c: &Call, items: &[Val]) -> Option<Seen> {
        let mut seen = Seen::default();
        for x in items {
            seen.insert(c, x)?;
        }
        Some(seen)
    }

    /// Whether `v` is new (it is seen now); `None` when the budget ran out.
    pub fn insert(&mut self, c: &Call, v: &Val) -> Option<bool> {
        let at = self.len;
        self.len += 1;
        let new = match &v.v {
            V::Str(t) => self.strings.try_insert_first(t.text.clone(), at),
            V::Num(n) if !n.is_nan() => self.numbers.try_insert_first(number_key(*n), at),
            _ => {
                let new = self.among_others(c, v)?.is_none();
                if new {
                    self.others.push((v.clone(), at));
                }
                new
            }
        };
        Some(new)
    }

    /// Whether a value equal to `v` was seen; `None` when the budget ran out.
    pub fn contains(&self, c: &Call, v: &Val) -> Option<bool> {
        self.position(c, v).map(|p| p.is_some())
    }

    /// Where a value equal to `v` was first seen; `None` when the budget ran out.
    pub fn position(&self, c: &Call, v: &Val) -> Option<Option<usize>> {
        match &v.v {
            V::Str(t) => Some(self.strings.get(t.text.as_str()).copied()),
            V::Num(n) if !n.is_nan() => Some(self.numbers.get(&number_key(*n)).copied()),
            _ => self.among_others(c, v),
        }
    }

    fn among_others(&self, c: &Call, v: &Val) -> Option<Option<usize>> {
        c.budget()
            .steps(self.others.len() as u64, c.span)
            .then(|| self.others.iter().find(|(o, _)| equal(o, v)).map(|(_, at)| *at))
    }
}

/// `insert` that keeps the first value of a key.
trait FirstPlace<K> {
    /// Whether `k` is new (then `at` is its place).
    fn try_insert_first(&mut self, k: K, at: usize) -> bool;
}

impl<K: std::hash::Hash + Eq> FirstPlace<K> for foldhash::HashMap<K, usize> {
    fn try_insert_first(&mut self, k: K, at: usize) -> bool {
        match self.entry(k) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(at);
                true
            }
        }
    }
}

fn number_key(n: f64) -> u64 {
    if n == 0.0 {
        0
    } else {
        n.to_bits()
    }
}

/// A map's entries in Terraform's order (by key), the last of repeated keys kept.
pub fn sorted_entries(v: &Val) -> Vec<(&Rc<str>, &Val)> {
    let Some(m) = v.as_map() else { return Vec::new() };
    let mut entries: Vec<(usize, &(Rc<str>, Val))> = m.iter().enumerate().collect();
    entries.sort_by(|(i, a), (j, b)| a.0.cmp(&b.0).then(j.cmp(i)));
    entries.dedup_by(|later, first| later.1 .0 == first.1 .0);
    entries.into_iter().map(|(_, (k, x))| (k, x)).collect()
}

/// Unified elements as a set: repeated values once, in Terraform's order
/// for sets of strings, numbers or bools (`None` for a set of other values
/// with more than one element, whose order is Terraform's hash order).
pub fn set_of(c: &Call, items: Vec<Val>) -> Option<Vec<Val>> {
    let mut out: Vec<Val> = Vec::with_capacity(items.len());
    let mut seen = Seen::default();
    for it in items {
        if !c.budget().steps(1, c.span) {
            return None;
        }
        if seen.insert(c, &it)? {
            out.push(it);
        }
    }
    let primitive = out.iter().all(|x| matches!(x.v, V::Str(_) | V::Num(_) | V::Bool(_) | V::Null));
    if !primitive && out.len() > 1 {
        return None;
    }
    // Known values first in their order, then nulls.
    out.sort_by(|a, b| match (&a.v, &b.v) {
        (V::Str(x), V::Str(y)) => x.text.cmp(&y.text),
        (V::Num(x), V::Num(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (V::Bool(x), V::Bool(y)) => x.cmp(y),
        (V::Null, V::Null) => Ordering::Equal,
        (V::Null, _) => Ordering::Greater,
        (_, V::Null) => Ordering::Less,
        _ => Ordering::Equal,
    });
    Some(out)
}

/// A number written as Terraform writes it.
pub fn number_text(n: f64) -> String {
    fmt_num(n)
}

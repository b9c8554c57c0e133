//! How one element names another: an `aws_s3_bucket_versioning` names its
//! bucket in `bucket`, by reference (`aws_s3_bucket.docs.id`) or by the
//! bucket's name written out. The one reading of such links, shared by the
//! rule language (`unless = [{ related = ... }]`) and the Rust checks.

use crate::model::{Element, Val, V};

/// Does a value name an element?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Yes,
    No,
    /// Cannot be told (a variable without a value, a module output, a
    /// partly known string): it may be this element. Rules stay quiet.
    Maybe,
}

/// Does `v`, an attribute of `from`, name `target`? By reference to it, or
/// by the known value of one of `target`'s attributes `names` (a bucket's
/// `bucket`: names are global, so a module may write another one's bucket
/// name out). A reference to another element of `target`'s type in the same
/// module is not it.
pub fn link(from: &Element, v: &Val, target: &Element, names: &[&str]) -> Link {
    if let Some(s) = v.as_str() {
        let named = names.iter().any(|n| target.get(n).and_then(|t| t.as_str()).is_some_and(|t| *t == *s));
        return if named { Link::Yes } else { Link::No };
    }
    if from.refers_to(v, target) {
        return Link::Yes;
    }
    let same_type = v.as_ref_path().is_some_and(|r| {
        r.strip_prefix(target.type_name.as_str()).is_some_and(|rest| rest.starts_with('.'))
            && from.module_prefix() == target.module_prefix()
    });
    if same_type {
        Link::No
    } else if v.is_unknown() || matches!(v.v, V::Str(_)) {
        Link::Maybe
    } else {
        Link::No
    }
}

/// The elements of `type_name` among `elements` whose `attr` names `target`
/// (see [`link`]), and whether another one may (its `attr` cannot be told).
pub fn linked<'e>(
    elements: &[&'e Element],
    type_name: &str,
    attr: &str,
    target: &Element,
    names: &[&str],
) -> (Vec<&'e Element>, bool) {
    let mut related = Vec::new();
    let mut maybe = false;
    for e in elements.iter().copied().filter(|e| e.type_name == type_name) {
        let Some(v) = e.get(attr) else { continue };
        match link(e, v, target, names) {
            Link::Yes => related.push(e),
            Link::Maybe => maybe = true,
            Link::No => {}
        }
    }
    (related, maybe)
}

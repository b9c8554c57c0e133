//! An HCL parser which keeps track of whitespace, comments and span information.

mod context;
mod error;
mod expr;
mod nesting;
mod number;
mod pratt;
mod repr;
mod state;
mod string;
mod structure;
mod template;
#[cfg(test)]
mod tests;
mod trivia;

pub use self::error::{Error, Location};
use self::expr::root_expr;
use self::structure::body;
use self::template::template;
use crate::expr::Expression;
use crate::structure::Body;
use crate::template::Template;

mod prelude {
    pub(super) use super::context::ContextError;
    pub(super) use winnow::error::{StrContext, StrContextValue};
    pub(super) use winnow::stream::Stream;
    pub(super) use winnow::{dispatch, ModalParser, Parser};

    /// winnow's `ModalResult`, with the parser's own error type.
    pub(super) type ModalResult<O, E = ContextError> = winnow::ModalResult<O, E>;

    pub(super) type Input<'a> =
        winnow::stream::Stateful<winnow::stream::LocatingSlice<&'a str>, NestingState>;

    use super::nesting::NestingState;

    /// Creates a new parser input from `s`.
    pub(super) fn new_input(s: &str) -> Input<'_> {
        Input {
            input: winnow::stream::LocatingSlice::new(s),
            state: NestingState::default(),
        }
    }
}

use self::prelude::*;

/// Parse an input into a [`Body`].
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL body.
pub fn parse_body(input: &str) -> Result<Body, Error> {
    let mut body = parse_body_spanned(input)?;
    despan_body(&mut body, input);
    Ok(body)
}

/// Parse an input into a [`Body`] whose whitespace and comments (the decor
/// of its nodes, and raw representations) stay byte ranges of `input`
/// instead of being copied into strings of their own, as [`parse_body`]
/// does. The values, identifiers and spans are the same; only encoding
/// the tree back to text needs the copies (it writes empty decor without
/// them). A patch of tflint-rs, which never encodes a tree: the copies
/// were 3-4% of the instructions of a parse.
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL body.
pub fn parse_body_spanned(input: &str) -> Result<Body, Error> {
    parse_complete(input, body)
}

/// Copies the decor of a body from [`parse_body_spanned`] out of `input`
/// (the text it was parsed from): the tree [`parse_body`] gives. A patch of
/// tflint-rs, for its tests.
pub fn despan_body(body: &mut Body, input: &str) {
    body.despan(input);
}

/// Parse an input into an [`Expression`].
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL expression.
pub fn parse_expr(input: &str) -> Result<Expression, Error> {
    let mut expr = parse_complete(input, root_expr)?;
    expr.despan(input);
    Ok(expr)
}

/// Parse an input into a [`Template`].
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL template.
pub fn parse_template(input: &str) -> Result<Template, Error> {
    let mut template = parse_complete(input, template)?;
    template.despan(input);
    Ok(template)
}

fn parse_complete<'a, P, O>(input: &'a str, mut parser: P) -> Result<O, Error>
where
    P: ModalParser<Input<'a>, O, ContextError>,
{
    let input = new_input(input);

    parser
        .parse(input)
        .map_err(|err| Error::from_parse_error(&err))
}

//! The parser's error type: winnow's `ContextError` (the same contexts, in
//! the same order, and cause), kept behind one pointer that stays null until
//! the first context or cause is added. A tflint-rs patch: the parser builds,
//! moves and drops an error for every alternative that does not match, and
//! winnow's type is five words wide (a `Vec` and a boxed cause) where this
//! one is one.

use winnow::error::{AddContext, ErrorConvert, FromExternalError, ParserError, StrContext};
use winnow::stream::Stream;

#[derive(Debug, Default)]
pub(crate) struct ContextError(Option<Box<Inner>>);

#[derive(Debug, Default)]
struct Inner {
    context: Vec<StrContext>,
    cause: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl ContextError {
    /// The contexts added, in order.
    pub(crate) fn context(&self) -> impl Iterator<Item = &StrContext> {
        self.0.iter().flat_map(|inner| inner.context.iter())
    }

    /// The originating error, if any.
    pub(crate) fn cause(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.0.as_ref().and_then(|inner| inner.cause.as_deref())
    }
}

impl Clone for ContextError {
    fn clone(&self) -> Self {
        ContextError(self.0.as_ref().map(|inner| {
            Box::new(Inner {
                context: inner.context.clone(),
                cause: inner.cause.as_ref().map(|e| e.to_string().into()),
            })
        }))
    }
}

impl PartialEq for ContextError {
    fn eq(&self, other: &Self) -> bool {
        self.context().eq(other.context())
            && self.cause().map(ToString::to_string) == other.cause().map(ToString::to_string)
    }
}

impl<I: Stream> ParserError<I> for ContextError {
    type Inner = Self;

    #[inline]
    fn from_input(_input: &I) -> Self {
        ContextError(None)
    }

    #[inline(always)]
    fn into_inner(self) -> Result<Self::Inner, Self> {
        Ok(self)
    }
}

impl<I: Stream> AddContext<I, StrContext> for ContextError {
    #[inline]
    fn add_context(mut self, _input: &I, _token_start: &<I as Stream>::Checkpoint, context: StrContext) -> Self {
        self.0.get_or_insert_with(Default::default).context.push(context);
        self
    }
}

impl<I, E: std::error::Error + Send + Sync + 'static> FromExternalError<I, E> for ContextError {
    #[inline]
    fn from_external_error(_input: &I, e: E) -> Self {
        ContextError(Some(Box::new(Inner { context: Vec::new(), cause: Some(Box::new(e)) })))
    }
}

impl ErrorConvert<Self> for ContextError {
    #[inline]
    fn convert(self) -> Self {
        self
    }
}

//! The checks of closure stages' user code (`map`, `try_then`, `filter`, `for_each`,
//! `recurse`, ..): the shape of each closure, spelled out as the bounds of its check.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use syn::Ident;

use super::{Check, alias};

/// What the closure of a closure stage looks like, which its check spells out as bounds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Closure {
    /// `map`: `|item| output`.
    Map,
    /// `try_map`: `|item| Result<output, E>`.
    TryMap,
    /// `then`: `|item|` returning a future of the output.
    Then,
    /// `try_then`: `|item|` returning a future of `Result<output, E>`.
    TryThen,
    /// `filter`, `take_while`: `|&item| -> bool`. Checked code: the item, if it passes.
    Predicate,
    /// `filter_map`: `|item| Option<output>`.
    FilterMap,
    /// `flat_map`: `|item|` returning an iterable of outputs.
    FlatMap,
    /// `inspect`: `|&item|`. Checked code: the item, once looked at.
    Inspect,
    /// `for_each`: `|item|`.
    ForEach,
    /// `try_for_each`: `|item| Result<(), E>`.
    TryForEach,
    /// `for_each_async`: `|item|` returning a future of `()`.
    ForEachAsync,
    /// `try_for_each_async`: `|item|` returning a future of `Result<(), E>`.
    TryForEachAsync,
    /// `recurse`: `|item|` returning a future of `(output, children)`.
    Recurse,
    /// `try_recurse`: `|item|` returning a future of `Result<(output, children), E>`.
    TryRecurse,
}

/// The check of a closure stage's user code (`map`, `try_then`, `filter`, `for_each`, ..),
/// taking `(typed::input(&link), closure)` and returning the closure boxed. `workers`: each
/// worker calls a copy.
pub fn closure(span: Span, closure: Closure, workers: bool) -> Check {
    let p = &alias(span);
    let (generics, call, output, extra) = match closure {
        Closure::Map => (
            (quote_spanned!(span=> Out)),
            (quote_spanned!(span=> #p::FnMut(In) -> Out)),
            (quote_spanned!(span=> Out)),
            (quote_spanned!(span=> Out: #p::typed::Item)),
        ),
        Closure::TryMap => (
            quote_spanned!(span=> Out),
            quote_spanned!(span=> #p::FnMut(In) -> #p::Result<Out, E>),
            quote_spanned!(span=> #p::Result<Out, E>),
            quote_spanned!(span=> Out: #p::typed::Item, E: #p::typed::RunError),
        ),
        Closure::Predicate => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(&In) -> bool),
            quote_spanned!(span=> bool),
            TokenStream::new(),
        ),
        Closure::FilterMap => (
            quote_spanned!(span=> Out),
            quote_spanned!(span=> #p::FnMut(In) -> #p::Option<Out>),
            quote_spanned!(span=> #p::Option<Out>),
            quote_spanned!(span=> Out: #p::typed::Item),
        ),
        Closure::FlatMap => (
            quote_spanned!(span=> I),
            quote_spanned!(span=> #p::FnMut(In) -> I),
            quote_spanned!(span=> #p::typed::Outputs<I::IntoIter, I::Item>),
            quote_spanned! {span=>
                // The items first: their error says what items must be, and implies the
                // iterator's `Send` (reported at the same span, so rustc drops it).
                I: #p::IntoIterator, I::Item: #p::typed::Item, I::IntoIter: #p::Send
            },
        ),
        Closure::Inspect => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(&In)),
            quote_spanned!(span=> ()),
            TokenStream::new(),
        ),
        Closure::ForEach => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(In)),
            quote_spanned!(span=> ()),
            TokenStream::new(),
        ),
        Closure::TryForEach => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(In) -> #p::Result<(), E>),
            quote_spanned!(span=> #p::Result<(), E>),
            quote_spanned!(span=> E: #p::typed::RunError),
        ),
        Closure::Then => future_shape(span, quote_spanned!(span=> Out), TokenStream::new()),
        Closure::TryThen => future_shape(
            span,
            quote_spanned!(span=> #p::Result<Out, E>),
            quote_spanned!(span=> E: #p::typed::RunError,),
        ),
        Closure::ForEachAsync => {
            async_sink_shape(span, quote_spanned!(span=> ()), TokenStream::new())
        }
        Closure::TryForEachAsync => async_sink_shape(
            span,
            quote_spanned!(span=> #p::Result<(), E>),
            quote_spanned!(span=> E: #p::typed::RunError,),
        ),
        Closure::Recurse => recursive_shape(
            span,
            quote_spanned!(span=> R),
            quote_spanned!(span=> (Out, #p::Vec<In>)),
            TokenStream::new(),
        ),
        Closure::TryRecurse => recursive_shape(
            span,
            quote_spanned!(span=> #p::Result<R, E>),
            quote_spanned!(span=> #p::Result<(Out, #p::Vec<In>), E>),
            quote_spanned!(span=> E: #p::typed::RunError,),
        ),
    };
    // Code that looks at the item by reference is handed back taking it by value and
    // giving it back (when it passes), so every stage's checked code is one kind of thing.
    let code_output = match closure {
        Closure::Predicate => quote_spanned!(span=> #p::Option<In>),
        Closure::Inspect => quote_spanned!(span=> In),
        Closure::Map
        | Closure::TryMap
        | Closure::Then
        | Closure::TryThen
        | Closure::FilterMap
        | Closure::FlatMap
        | Closure::ForEach
        | Closure::TryForEach
        | Closure::ForEachAsync
        | Closure::TryForEachAsync
        | Closure::Recurse
        | Closure::TryRecurse => output,
    };
    let boxed = if workers {
        quote_spanned!(span=> #p::Box<dyn #p::typed::WorkerFn<In, #code_output>>)
    } else {
        quote_spanned!(span=> #p::typed::Code<In, #code_output>)
    };
    let clone = workers.then(|| quote_spanned!(span=> + #p::typed::WorkerCopy));
    let signature = quote_spanned! {span=>
        <In, E, F, #generics>(_: #p::typed::Input<In, E>, f: F) -> #boxed
        where F: #call + #p::typed::StageCode #clone + 'static, #extra
    };
    let body = match (closure, workers) {
        (
            Closure::Then | Closure::TryThen | Closure::ForEachAsync | Closure::TryForEachAsync,
            false,
        ) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::asynchronous(f)))
        }
        (
            Closure::Then | Closure::TryThen | Closure::ForEachAsync | Closure::TryForEachAsync,
            true,
        ) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::asynchronous_for_workers(f)))
        }
        (Closure::Recurse, false) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::recursive(f)))
        }
        (Closure::Recurse, true) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::recursive_for_workers(f)))
        }
        (Closure::TryRecurse, false) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::try_recursive(f)))
        }
        (Closure::TryRecurse, true) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::try_recursive_for_workers(f)))
        }
        (Closure::FlatMap, _) => {
            quote_spanned! {span=>
                let mut f = f;
                #p::Box::new(move |input| #p::typed::outputs(f(input)))
            }
        }
        (Closure::Predicate, _) => {
            quote_spanned! {span=>
                let mut f = f;
                #p::Box::new(move |input| if f(&input) { #p::Some(input) } else { #p::None })
            }
        }
        (Closure::Inspect, _) => {
            quote_spanned! {span=>
                let mut f = f;
                #p::Box::new(move |input| {
                    f(&input);
                    input
                })
            }
        }
        (
            Closure::Map
            | Closure::TryMap
            | Closure::FilterMap
            | Closure::ForEach
            | Closure::TryForEach,
            _,
        ) => quote_spanned!(span=> #p::Box::new(f)),
    };
    Check::new(signature, body)
}

/// `then`, `try_then`: `(generics, call, output, extra)` of a closure returning a future of
/// `output`, which is checked too; `error` bounds the error type when there is one.
fn future_shape(
    span: Span,
    output: TokenStream,
    error: TokenStream,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let p = &alias(span);
    (
        quote_spanned!(span=> Fut, Out),
        quote_spanned!(span=> #p::FnMut(In) -> Fut),
        quote_spanned!(span=> #p::typed::Checked<Fut, #output>),
        quote_spanned! {span=>
            Fut: #p::Future<Output = #output> + #p::Send + 'static,
            In: 'static,
            Out: #p::typed::Item,
            #error
        },
    )
}

/// `for_each_async`, `try_for_each_async`: like [`future_shape`], for a future resolving to
/// `output`, which has no type of the user's to infer.
fn async_sink_shape(
    span: Span,
    output: TokenStream,
    error: TokenStream,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let p = &alias(span);
    (
        quote_spanned!(span=> Fut),
        quote_spanned!(span=> #p::FnMut(In) -> Fut),
        quote_spanned!(span=> #p::typed::Checked<Fut, #output>),
        quote_spanned! {span=>
            Fut: #p::Future<Output = #output> + #p::Send + 'static,
            In: 'static,
            #error
        },
    )
}

/// `recurse`, `try_recurse`: like [`future_shape`], for a future resolving to `resolves`
/// (with `R` the `(output, children)` in it), handed back as `delivered`.
fn recursive_shape(
    span: Span,
    resolves: TokenStream,
    delivered: TokenStream,
    error: TokenStream,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let p = &alias(span);
    (
        quote_spanned!(span=> Fut, Out, R),
        quote_spanned!(span=> #p::FnMut(In) -> Fut),
        quote_spanned!(span=> #p::typed::Checked<Fut, #delivered>),
        quote_spanned! {span=>
            Fut: #p::Future<Output = #resolves> + #p::Send + 'static,
            R: #p::typed::Expansion<Output = Out, Child = In> + 'static,
            In: 'static,
            Out: #p::typed::Item,
            #error
        },
    )
}

/// How a worker of a fanned-out stage takes its own copy of the checked code.
pub fn copy_for_worker(p: &TokenStream, f: &Ident) -> TokenStream {
    quote::quote!(#p::typed::WorkerFn::copy_for_worker(&*#f))
}

//! The checks of user code, each at the user's own tokens.
//!
//! A bound of a runtime function is reported with a note "required by a bound in `f`" that
//! points at `f`'s definition: inside this crate. So the expansion calls the runtime through
//! a tiny generic function it defines itself, every token spanned at the stage:
//!
//! ```text
//! {
//!     use $crate::__private as pipeline_check;
//!     fn map<In, E, F, Out>(_: Input<In, E>, f: F) -> Code<In, Out>
//!     where F: FnMut(In) -> Out + StageCode + 'static, Out: Item { Box::new(f) }
//!     map(typed::input(&link), |n| n * 2)
//! }
//! ```
//!
//! It carries only the bounds (their messages live on the runtime's traits) and returns the
//! closure boxed as a `dyn FnMut(..) + Send`: a type with nothing left to prove, so the loop
//! that calls it, and the spawn, never report the same mistake again. (An opaque
//! `impl FnMut` would not do: every use of it re-proves the function's bounds.)

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use syn::Ident;

/// `{ mod pipeline_stage { use $crate::__private as ALIAS; pub fn name signature { body } }
/// pipeline_stage::name turbofish(args) }`, every token of the function at `span`, so that
/// the bounds a note points at are the user's tokens (the alias keeps `$crate`'s own span
/// out of them). The call is direct, so rustc points an unmet bound at the argument and
/// infers closure signatures from it. The function lives in a module so that only the
/// module's name is in scope of the user's arguments: a variable of theirs called `timeout`
/// or `map` stays theirs.
pub fn at(
    private: &TokenStream,
    span: Span,
    name: &str,
    signature: TokenStream,
    body: TokenStream,
    turbofish: TokenStream,
    args: TokenStream,
) -> TokenStream {
    let name = Ident::new(name, span);
    let alias = alias(span);
    quote_spanned! {span=>
        {
            #[allow(clippy::all, unreachable_pub)]
            mod pipeline_stage {
                use #private as #alias;
                pub fn #name #signature { #body }
            }
            pipeline_stage::#name #turbofish(#args)
        }
    }
}

/// The name the checks reach the runtime's `__private` by, at the user's span.
fn alias(span: Span) -> TokenStream {
    quote_spanned!(span=> pipeline_check)
}

/// The check of a closure stage's user code (`map`, `try_then`, `filter`, `for_each`, ..):
/// `(signature, body)` of its function, taking `(typed::input(&link), closure)` and
/// returning the closure boxed. `workers`: each worker calls a copy.
pub fn closure(span: Span, kind: &str, workers: bool) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    let (generics, call, output, extra) = match kind {
        "map" => (
            (quote_spanned!(span=> Out)),
            (quote_spanned!(span=> #p::FnMut(In) -> Out)),
            (quote_spanned!(span=> Out)),
            (quote_spanned!(span=> Out: #p::typed::Item)),
        ),
        "try_map" => (
            quote_spanned!(span=> Out),
            quote_spanned!(span=> #p::FnMut(In) -> #p::Result<Out, E>),
            quote_spanned!(span=> #p::Result<Out, E>),
            quote_spanned!(span=> Out: #p::typed::Item, E: #p::typed::RunError),
        ),
        "filter" | "take_while" => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(&In) -> bool),
            quote_spanned!(span=> bool),
            TokenStream::new(),
        ),
        "filter_map" => (
            quote_spanned!(span=> Out),
            quote_spanned!(span=> #p::FnMut(In) -> #p::Option<Out>),
            quote_spanned!(span=> #p::Option<Out>),
            quote_spanned!(span=> Out: #p::typed::Item),
        ),
        "flat_map" => (
            quote_spanned!(span=> I),
            quote_spanned!(span=> #p::FnMut(In) -> I),
            quote_spanned!(span=> #p::typed::Outputs<I::IntoIter, I::Item>),
            quote_spanned! {span=>
                // The items first: their error says what items must be, and implies the
                // iterator's `Send` (reported at the same span, so rustc drops it).
                I: #p::IntoIterator, I::Item: #p::typed::Item, I::IntoIter: #p::Send
            },
        ),
        "inspect" => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(&In)),
            quote_spanned!(span=> ()),
            TokenStream::new(),
        ),
        "for_each" => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(In)),
            quote_spanned!(span=> ()),
            TokenStream::new(),
        ),
        "try_for_each" => (
            TokenStream::new(),
            quote_spanned!(span=> #p::FnMut(In) -> #p::Result<(), E>),
            quote_spanned!(span=> #p::Result<(), E>),
            quote_spanned!(span=> E: #p::typed::RunError),
        ),
        // `then`, `try_then`: the future's output is checked too.
        _ => {
            let (output, error) = if kind == "try_then" {
                (
                    quote_spanned!(span=> #p::Result<Out, E>),
                    quote_spanned!(span=> E: #p::typed::RunError,),
                )
            } else {
                (quote_spanned!(span=> Out), TokenStream::new())
            };
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
    };
    let by_reference = matches!(kind, "filter" | "take_while" | "inspect");
    let boxed = match (workers, by_reference) {
        (false, false) => quote_spanned!(span=> #p::typed::Code<In, #output>),
        (false, true) => quote_spanned!(span=> #p::typed::RefCode<In, #output>),
        (true, false) => quote_spanned!(span=> #p::Box<dyn #p::typed::WorkerFn<In, #output>>),
        (true, true) => quote_spanned!(span=> #p::Box<dyn #p::typed::WorkerRefFn<In, #output>>),
    };
    let clone = workers.then(|| quote_spanned!(span=> + #p::typed::WorkerCopy));
    let signature = quote_spanned! {span=>
        <In, E, F, #generics>(_: #p::typed::Input<In, E>, f: F) -> #boxed
        where F: #call + #p::typed::StageCode #clone + 'static, #extra
    };
    let body = match (kind, workers) {
        ("then" | "try_then", false) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::asynchronous(f)))
        }
        ("then" | "try_then", true) => {
            quote_spanned!(span=> #p::Box::new(#p::typed::asynchronous_for_workers(f)))
        }
        ("flat_map", _) => {
            quote_spanned! {span=>
                let mut f = f;
                #p::Box::new(move |input| #p::typed::outputs(f(input)))
            }
        }
        _ => quote_spanned!(span=> #p::Box::new(f)),
    };
    (signature, body)
}

/// How a worker of a fanned-out `kind` stage takes its own copy of the checked code.
pub fn copy_for_worker(p: &TokenStream, kind: &str, f: &Ident) -> TokenStream {
    let by_reference = matches!(kind, "filter" | "take_while" | "inspect");
    if by_reference {
        quote::quote!(#p::typed::WorkerRefFn::copy_for_worker(&*#f))
    } else {
        quote::quote!(#p::typed::WorkerFn::copy_for_worker(&*#f))
    }
}

/// `fold(init, f)`: takes `(typed::sink_input(&link), init, f)`, returns `(init, f)`.
pub fn fold(span: Span) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, Acc, F>(_: #p::typed::Input<In, E>, init: Acc, f: F)
            -> (Acc, #p::Box<dyn #p::FnMut(Acc, In) -> Acc + #p::Send>)
        where F: #p::FnMut(Acc, In) -> Acc + #p::typed::StageCode + 'static, Acc: #p::Send
    };
    (signature, quote_spanned!(span=> (init, #p::Box::new(f))))
}

/// `collect::<C>()`: takes `(typed::sink_input(&link))`, returns an empty `C`.
pub fn collect(span: Span) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <I, C>(_: I) -> #p::typed::Collecting<C, I::Item>
        where I: #p::typed::Reads, I::Item: #p::typed::CollectInto<C>
    };
    (
        signature,
        quote_spanned!(span=> <I::Item as #p::typed::CollectInto<C>>::collecting()),
    )
}

/// `to_channel(tx)`: takes `(typed::sink_input(&link), tx)`.
pub fn to_channel(span: Span) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        // `Tx`, not `C::Sender`: a projection in the result is normalized again at the call,
        // a second error (on the stage name) when `C` is not a sender.
        <In, E, C, Tx>(_: #p::typed::Input<In, E>, sender: C) -> Tx
        where C: #p::typed::Sending<In, Sender = Tx>
    };
    (
        signature,
        quote_spanned!(span=> #p::typed::Sending::sender(sender)),
    )
}

/// `[timeout = after]`: takes `(typed::input(&link), after)`; the run's error type must
/// express a timeout.
pub fn timeout(span: Span) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, D>(_: #p::typed::Input<In, E>, after: D) -> #p::Timeout<E>
        where D: #p::ItemTimeout<E>
    };
    (
        signature,
        quote_spanned!(span=> #p::ItemTimeout::into_timeout(after)),
    )
}

/// `generate(f)`, `try_generate(f)`: takes `(&pipeline, f)`; returns `f` with its future
/// boxed (once per run), so that a future that is not `Send` is reported here only.
pub fn generate(span: Span, kind: &str) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    let (output, error) = if kind == "try_generate" {
        (
            quote_spanned!(span=> #p::Result<(), E>),
            quote_spanned!(span=> E: #p::typed::RunError,),
        )
    } else {
        (quote_spanned!(span=> ()), TokenStream::new())
    };
    let signature = quote_spanned! {span=>
        <Out, E, S, F, Fut>(_: &#p::Pipeline<E, S>, f: F) -> #p::typed::Generator<Out, E, S, #output>
        where
            E: #p::Send + 'static,
            S: #p::Style,
            Out: #p::typed::Item,
            F: #p::FnOnce(#p::Emitter<Out, E, S>) -> Fut + 'static,
            Fut: #p::Future<Output = #output> + #p::Send + 'static,
            #error
    };
    let body = quote_spanned!(span=> #p::typed::generator(f));
    (signature, body)
}

/// The sources: `from_iter(items)`, `from_stream(stream)`, `from_channel(rx)`.
pub fn source(span: Span, kind: &str) -> (TokenStream, TokenStream) {
    let p = &alias(span);
    match kind {
        "from_iter" => (
            quote_spanned! {span=>
                <I>(items: I) -> impl #p::Iterator<Item = I::Item> + #p::Send
                where I: #p::typed::Items
            },
            quote_spanned!(span=> #p::typed::iter(items)),
        ),
        "from_stream" => (
            quote_spanned! {span=>
                <St>(stream: St)
                    -> #p::Pin<#p::Box<dyn #p::Stream<Item = <St as #p::Stream>::Item> + #p::Send>>
                where St: #p::typed::ItemStream
            },
            quote_spanned!(span=> #p::Box::pin(stream)),
        ),
        _ => (
            quote_spanned! {span=>
                // `Rx`, not `C::Receiver`: see `to_channel`.
                <C, Rx>(channel: C) -> Rx where C: #p::typed::Receiving<Receiver = Rx>
            },
            quote_spanned!(span=> #p::typed::Receiving::receiver(channel)),
        ),
    }
}

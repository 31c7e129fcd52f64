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

/// The function that checks one piece of user code: its generic signature (the bounds) and
/// body, and the type arguments its call passes, if any.
pub struct Check {
    signature: TokenStream,
    body: TokenStream,
    turbofish: TokenStream,
}

impl Check {
    fn new(signature: TokenStream, body: TokenStream) -> Self {
        Check {
            signature,
            body,
            turbofish: TokenStream::new(),
        }
    }

    /// `{ mod pipeline_stage { use $crate::__private as ALIAS; pub fn name signature { body } }
    /// pipeline_stage::name turbofish(args) }`, every token of the function at `span`, so
    /// that the bounds a note points at are the user's tokens (the alias keeps `$crate`'s own
    /// span out of them). The call is direct, so rustc points an unmet bound at the argument
    /// and infers closure signatures from it. The function lives in a module so that only the
    /// module's name is in scope of the user's arguments: a variable of theirs called
    /// `timeout` or `map` stays theirs.
    pub fn call(
        self,
        private: &TokenStream,
        span: Span,
        name: &str,
        args: TokenStream,
    ) -> TokenStream {
        let Check {
            signature,
            body,
            turbofish,
        } = self;
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
}

/// The name the checks reach the runtime's `__private` by, at the user's span.
fn alias(span: Span) -> TokenStream {
    quote_spanned!(span=> pipeline_check)
}

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

/// `[unique_by = key]`: takes `(typed::input(&link), key)`, returns the set of keys seen,
/// its key type erased.
pub fn unique_by(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, K, F>(_: #p::typed::Input<In, E>, key: F) -> #p::Box<dyn #p::SeenKeys<In>>
        where
            F: #p::Fn(&In) -> K + #p::typed::StageCode + #p::Sync + 'static,
            In: 'static,
            K: #p::typed::ItemKey
    };
    Check::new(
        signature,
        quote_spanned!(span=> #p::Box::new(#p::Seen::new(key))),
    )
}

/// `route(f)` (`|&item| -> usize`) and `partition(p)` (`|&item| -> bool`, `partition`): take
/// `(typed::input(&link), closure)`, return the index of each item's branch as a
/// `typed::Chooser` (for `partition`, 0 for `true` and 1 for `false`).
pub fn route(span: Span, partition: bool) -> Check {
    let p = &alias(span);
    let picks = if partition {
        quote_spanned!(span=> bool)
    } else {
        quote_spanned!(span=> usize)
    };
    let signature = quote_spanned! {span=>
        <In, E, F>(_: #p::typed::Input<In, E>, f: F) -> #p::typed::Chooser<In>
        where F: #p::FnMut(&In) -> #picks + #p::typed::StageCode + 'static
    };
    let body = if partition {
        quote_spanned! {span=>
            let mut f = f;
            #p::Box::new(move |item: &In| if f(item) { 0 } else { 1 })
        }
    } else {
        quote_spanned!(span=> #p::Box::new(f))
    };
    Check::new(signature, body)
}

/// How a worker of a fanned-out stage takes its own copy of the checked code.
pub fn copy_for_worker(p: &TokenStream, f: &Ident) -> TokenStream {
    quote::quote!(#p::typed::WorkerFn::copy_for_worker(&*#f))
}

/// `fold(init, f)`: takes `(typed::sink_input(&link), init, f)`, returns `(init, f)`.
pub fn fold(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, Acc, F>(_: #p::typed::Input<In, E>, init: Acc, f: F)
            -> (Acc, #p::Box<dyn #p::FnMut(Acc, In) -> Acc + #p::Send>)
        where F: #p::FnMut(Acc, In) -> Acc + #p::typed::StageCode + 'static, Acc: #p::typed::StageState
    };
    Check::new(signature, quote_spanned!(span=> (init, #p::Box::new(f))))
}

/// `scan(init, f)`: takes `(typed::input(&link), init, f)`, returns `(init, f)`.
pub fn scan(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, St, Out, F>(_: #p::typed::Input<In, E>, init: St, f: F)
            -> (St, #p::Box<dyn #p::FnMut(&mut St, In) -> #p::Option<Out> + #p::Send>)
        where
            F: #p::FnMut(&mut St, In) -> #p::Option<Out> + #p::typed::StageCode + 'static,
            St: #p::typed::StageState,
            Out: #p::typed::Item
    };
    Check::new(signature, quote_spanned!(span=> (init, #p::Box::new(f))))
}

/// `collect::<C>()`: takes `(typed::sink_input(&link))`, returns an empty `C`. `turbofish`
/// passes the user's `C`, if given.
pub fn collect(span: Span, turbofish: TokenStream) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <I, C>(_: I) -> #p::typed::Collecting<C, I::Item>
        where I: #p::typed::Reads, I::Item: #p::typed::CollectInto<C>
    };
    let body = quote_spanned!(span=> <I::Item as #p::typed::CollectInto<C>>::collecting());
    Check {
        turbofish,
        ..Check::new(signature, body)
    }
}

/// `to_channel(tx)`: takes `(typed::sink_input(&link), tx)`.
pub fn to_channel(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        // `Tx`, not `C::Sender`: a projection in the result is normalized again at the call,
        // a second error (on the stage name) when `C` is not a sender.
        <In, E, C, Tx>(_: #p::typed::Input<In, E>, sender: C) -> Tx
        where C: #p::typed::Sending<In, Sender = Tx>
    };
    Check::new(
        signature,
        quote_spanned!(span=> #p::typed::Sending::sender(sender)),
    )
}

/// `[timeout = after]`: takes `(typed::input(&link), after)`; the run's error type must
/// express a timeout.
pub fn timeout(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, D>(_: #p::typed::Input<In, E>, after: D) -> #p::Timeout<E>
        where D: #p::ItemTimeout<E>
    };
    Check::new(
        signature,
        quote_spanned!(span=> #p::ItemTimeout::into_timeout(after)),
    )
}

/// `[retry = policy]`: takes `(typed::input(&link), policy)`, a count or a `Retry<E>`. The
/// items' `Clone` is asked of the policy (`R: RetryItems<In>`, `In` from the result, which
/// the caller ties to the link) so that it is reported at the policy: asked of `In`, rustc
/// points at the whole block or suggests borrowing the option (`&In` is always `Clone`).
pub fn retry(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, Read, E, R>(_: #p::typed::Input<Read, E>, policy: R) -> #p::Retrying<In, E>
        where R: #p::RetryPolicy<E> + #p::typed::RetryItems<In>
    };
    let body = quote_spanned! {span=>
        #p::typed::RetryItems::<In>::retrying(policy, #p::RetryPolicy::into_retry)
    };
    Check::new(signature, body)
}

/// `[rate = limit]`: takes the limit, a number of items per second or a `Rate`, and returns
/// the `Rate`.
pub fn rate(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <R>(limit: R) -> #p::Rate where R: #p::RateLimit
    };
    Check::new(
        signature,
        quote_spanned!(span=> #p::RateLimit::into_rate(limit)),
    )
}

/// `generate(f)`, `try_generate(f)` (`fallible`): takes `(&pipeline, f)`; returns `f` with
/// its future boxed (once per run), so that a future that is not `Send` is reported here
/// only.
pub fn generate(span: Span, fallible: bool) -> Check {
    let p = &alias(span);
    let (output, error) = if fallible {
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
    Check::new(signature, quote_spanned!(span=> #p::typed::generator(f)))
}

/// `from_iter(items)`: takes the items, returns their iterator.
pub fn from_iter(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <I>(items: I) -> impl #p::Iterator<Item = I::Item> + #p::Send
        where I: #p::typed::Items
    };
    Check::new(signature, quote_spanned!(span=> #p::typed::iter(items)))
}

/// `from_stream(stream)`: takes the stream, returns it boxed.
pub fn from_stream(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <St>(stream: St)
            -> #p::Pin<#p::Box<dyn #p::Stream<Item = <St as #p::Stream>::Item> + #p::Send>>
        where St: #p::typed::ItemStream
    };
    Check::new(signature, quote_spanned!(span=> #p::Box::pin(stream)))
}

/// `from_channel(rx)`: takes the channel, returns its receiver.
pub fn from_channel(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        // `Rx`, not `C::Receiver`: see `to_channel`.
        <C, Rx>(channel: C) -> Rx where C: #p::typed::Receiving<Receiver = Rx>
    };
    Check::new(
        signature,
        quote_spanned!(span=> #p::typed::Receiving::receiver(channel)),
    )
}

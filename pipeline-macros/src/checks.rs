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
//!
//! The shapes of the closure stages' closures are in [`closures`]; the checks of every other
//! piece of user code (folds, keys, options, sources) are here.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use syn::Ident;

mod closures;

pub use closures::{Closure, closure, copy_for_worker};

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

/// `scan(init, f)`: takes `(typed::input(&link), init, f)`, returns one closure of the item
/// that owns the state. The state's type ends here: nothing after the check asks it again.
pub fn scan(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <In, E, St, Out, F>(_: #p::typed::Input<In, E>, init: St, f: F)
            -> #p::Box<dyn #p::FnMut(In) -> #p::Option<Out> + #p::Send>
        where
            F: #p::FnMut(&mut St, In) -> #p::Option<Out> + #p::typed::StageCode + 'static,
            St: #p::typed::StageState,
            Out: #p::typed::Item,
            In: 'static
    };
    let body = quote_spanned! {span=>
        let (mut state, mut f) = (init, f);
        #p::Box::new(move |item| f(&mut state, item))
    };
    Check::new(signature, body)
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

/// `#![progress = how]`: takes a `Progress`, a `Duration` or a `bool` (or an `Option` of one)
/// and returns the progress to show, if any.
pub fn progress(span: Span) -> Check {
    let p = &alias(span);
    let signature = quote_spanned! {span=>
        <P>(how: P) -> #p::Option<#p::Progress> where P: #p::ShowProgress
    };
    Check::new(
        signature,
        quote_spanned!(span=> #p::ShowProgress::into_progress(how)),
    )
}

/// `#![metrics = on]` and `#![fusion = on]`: takes a `bool`.
pub fn flag(span: Span) -> Check {
    let p = &alias(span);
    Check::new(
        quote_spanned!(span=> (on: #p::bool) -> #p::bool),
        quote_spanned!(span=> on),
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
        <Out, E, S, Errors, F, Fut>(_: &#p::Pipeline<E, S, Errors>, f: F) -> #p::typed::Generator<Out, E, S, #output>
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

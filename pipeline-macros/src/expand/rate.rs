//! `[rate = ..]` in a stage's expansion: three small pieces, each empty without the option,
//! that the loops of `source`, `transform` and `sink` put in place. The bucket and the waits
//! are the runtime's (`Limiter`).
//!
//! ```text
//! let limiter = pipeline.checked_rate("name", <check>(limit));  // setup: zero is invalid
//! let limiter = limiter.clone();                                // each worker: one bucket
//! io.wait_for_token(&limiter).await?;                           // each item, before its code
//! ```

use proc_macro2::TokenStream;
use quote::quote;

use super::{Names, local};
use crate::checks;
use crate::valid::PlannedStage;

/// `let limiter = pipeline.checked_rate(stage, <check>(limit));`: the check, at the option,
/// makes a `Rate` of a number of items per second or of a `Rate`; the runtime rejects a zero
/// figure before the run starts.
pub(super) fn setup(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let Some(setting) = planned.options.rate else {
        return TokenStream::new();
    };
    let Some((_, limit)) = &setting.value else {
        return TokenStream::new();
    };
    let (p, pipeline) = (&names.private, &names.pipeline);
    let span = setting.key.span();
    let checked = checks::rate(span).call(p, span, "rate", quote!(#limit));
    let (limiter, stage) = (local("limiter"), &planned.name);
    quote!(let #limiter = #pipeline.checked_rate(#stage, #checked);)
}

/// A worker's handle on the stage's one bucket: the workers share it, so the rate is the
/// stage's.
pub(super) fn for_worker(planned: &PlannedStage<'_>) -> TokenStream {
    if planned.options.rate.is_none() {
        return TokenStream::new();
    }
    let limiter = local("limiter");
    quote!(let #limiter = #limiter.clone();)
}

/// `io.wait_for_token(&limiter).await?;`: what each item does first (a source: before it is
/// sent); returns at once while tokens are left.
pub(super) fn wait(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    if planned.options.rate.is_none() {
        return TokenStream::new();
    }
    let (io, limiter) = (&names.io, local("limiter"));
    quote!(#io.wait_for_token(&#limiter).await?;)
}

/// The limiter itself, for the runtime parts that take it (`Chunks`, a generator's emitter),
/// if the stage has one.
pub(super) fn limiter(planned: &PlannedStage<'_>) -> Option<proc_macro2::Ident> {
    planned.options.rate.map(|_| local("limiter"))
}

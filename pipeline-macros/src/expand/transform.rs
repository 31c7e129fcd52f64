//! The transforms: a closure stage's loop (on one task, or fanned out to workers, with an
//! optional per-item timeout and, for the fallible ones, retry), and the counted stages
//! `take`, `skip` and `chunks`. Each loop takes its items' tokens where the stage has a
//! `rate` (see `rate.rs`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use super::{FusedStep, Names, Task, checked_closure, each_input, local, rate, spawned};
use crate::checks::{self, Closure};
use crate::valid::PlannedStage;

/// A stage that calls the user's `closure` for each item, doing `per_item` with each.
pub(super) fn closure_stage(
    names: &Names,
    planned: &PlannedStage<'_>,
    spec: &TokenStream,
    closure: Closure,
    per_item: TokenStream,
) -> TokenStream {
    let (p, pipeline, io, f) = (&names.private, &names.pipeline, &names.io, &names.f);
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let each = each_input(names, planned, per_item);
    let body = quote!(#each #io.close().await);
    let setup = checked_closure(names, planned, closure);
    let timeout = timeout_setup(names, planned);
    let retry = retry_setup(names, planned);
    let limiter = rate::setup(names, planned);
    if planned.options.workers.is_none() {
        let setup = quote!(#setup #timeout #retry #limiter);
        return spawned(
            names,
            Ident::new("stage", span),
            spec,
            input,
            Task { setup, body },
        );
    }
    let method = Ident::new("workers", span);
    // The check made the closure `Clone` (or reported that it is not).
    let copy = checks::copy_for_worker(p, f);
    // Each worker retries its own items, with jitter of its own.
    let retry_copy = planned.options.retry.map(|_| {
        let retry = local("retry");
        quote!(let mut #retry = #retry.for_worker();)
    });
    let limiter_copy = rate::for_worker(planned);
    quote! {{
        #setup
        #timeout
        #retry
        #limiter
        #pipeline.#method(#spec, #input, move |mut #io| {
            let mut #f = #copy;
            #retry_copy
            #limiter_copy
            async move { #body }
        })
    }}
}

/// `recurse(f)`, `try_recurse(f)`: workers (one by default) sharing a frontier; each item's
/// children are fed back by `visit.deliver(..)`, `deliver_result` for `try_recurse`.
pub(super) fn recurse(
    names: &Names,
    planned: &PlannedStage<'_>,
    spec: &TokenStream,
    closure: Closure,
) -> TokenStream {
    let Names {
        private: p,
        pipeline,
        io,
        item,
        f,
    } = names;
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let (out, visit, frontier, recursion) = (
        local("out"),
        local("visit"),
        local("frontier"),
        local("recursion"),
    );
    let retry = local("retry");
    let (run, deliver) = match (closure, planned.options.retry) {
        // `try_recurse [retry = ..]`: the runtime's attempts (each bounded by the per-item
        // timeout, if any), then the children of the one that succeeded.
        (Closure::TryRecurse, Some(_)) => {
            let timeout = match planned.options.timeout {
                Some(_) => {
                    let timeout = local("timeout");
                    quote!(#p::Some(#timeout))
                }
                None => quote!(#p::None),
            };
            let run = quote! {
                let #out = #io.run_attempts(&mut #retry, #item, #timeout, &mut #f).await?;
            };
            (run, quote!(deliver_attempted))
        }
        (Closure::TryRecurse, None) => (
            run_call(names, planned, quote!(#f(#item)), &out),
            quote!(deliver_result),
        ),
        _ => (
            run_call(names, planned, quote!(#f(#item)), &out),
            quote!(deliver),
        ),
    };
    let retry_setup = retry_setup(names, planned);
    // Each worker retries its own items, with jitter of its own.
    let retry_copy = planned
        .options
        .retry
        .map(|_| quote!(let mut #retry = #retry.for_worker();));
    // Every item takes a token, an input's or a child fed back.
    let token = rate::wait(names, planned);
    let body = quote! {
        while let #p::Some((#item, #visit)) = #frontier.next(&mut #io).await {
            #token
            #run
            #visit.#deliver(&mut #io, #out).await?;
        }
        #io.close().await
    };
    let setup = checked_closure(names, planned, closure);
    let timeout = timeout_setup(names, planned);
    let limiter = rate::setup(names, planned);
    let limits = recursion_limits(names, planned);
    let spawned = if planned.options.workers.is_none() {
        let method = Ident::new("recurse", span);
        quote! {
            #pipeline.#method(#spec, #input, #recursion, move |mut #io, mut #frontier| async move {
                #body
            })
        }
    } else {
        let method = Ident::new("recurse_workers", span);
        let copy = checks::copy_for_worker(p, f);
        let limiter_copy = rate::for_worker(planned);
        quote! {
            #pipeline.#method(#spec, #input, #recursion, move |mut #io, mut #frontier| {
                let mut #f = #copy;
                #retry_copy
                #limiter_copy
                async move { #body }
            })
        }
    };
    quote! {{
        #setup
        #timeout
        #retry_setup
        #limiter
        let #recursion = #limits;
        #spawned
    }}
}

/// `Recursion::new()` with the stage's `unique_by` (checked at the user's key closure),
/// `max_depth` and `max_pending`.
fn recursion_limits(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let p = &names.private;
    let options = &planned.options;
    let mut limits = quote!(#p::Recursion::new());
    if let (Some(key), Some(input)) = (options.unique_by, planned.inputs.first()) {
        let span = key.span();
        let checked = checks::unique_by(span).call(
            p,
            span,
            "unique_by",
            quote!(#p::typed::input(&#input), #key),
        );
        limits.extend(quote!(.unique_by(#checked)));
    }
    if let Some(depth) = options.max_depth {
        limits.extend(quote!(.max_depth(#depth)));
    }
    if let Some(limit) = options.max_pending {
        limits.extend(quote!(.max_pending(#limit)));
    }
    limits
}

/// `let retry = <check>(typed::input(&input), policy);` when the stage has `[retry = ..]`
/// (`mut` when one task uses it; each worker takes its own copy instead). The check, at the
/// option, makes the policy of a number of attempts or a `Retry` and asks the items to be
/// `Clone`.
fn retry_setup(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let (p, pipeline) = (&names.private, &names.pipeline);
    let Some(setting) = planned.options.retry else {
        return TokenStream::new();
    };
    let (Some((_, policy)), Some(input)) = (&setting.value, planned.inputs.first()) else {
        return TokenStream::new();
    };
    let span = setting.key.span();
    let call =
        checks::retry(span).call(p, span, "retry", quote!(#p::typed::input(&#input), #policy));
    let (name, stage) = (local("retry"), &planned.name);
    let mutable = planned.options.workers.is_none().then(|| quote!(mut));
    // Zero attempts is an invalid argument of the stage, reported before the run starts; the
    // link gives the policy its items' type.
    quote!(let #mutable #name = #pipeline.checked_retry(#stage, &#input, #call);)
}

/// With `[retry = ..]`, what `try_map` or `try_then` does with each item: the runtime's loop
/// of attempts and waits (`send_retried`, or for async code `run_retried`, which the stage's
/// per-item timeout, if any, bounds each attempt of).
pub(super) fn retried(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let Names {
        private: p,
        io,
        item,
        f,
        ..
    } = names;
    let retry = local("retry");
    if !planned.kind.is_asynchronous() {
        return quote!(#io.send_retried(&mut #retry, #item, &mut #f).await?;);
    }
    let timeout = match planned.options.timeout {
        Some(_) => {
            let timeout = local("timeout");
            quote!(#p::Some(#timeout))
        }
        None => quote!(#p::None),
    };
    quote!(#io.run_retried(&mut #retry, #item, #timeout, &mut #f).await?;)
}

/// `let timeout = <check>(typed::input(&input), after);` when the stage has a per-item
/// timeout; the check that the run's error type can express a timeout is at the option.
fn timeout_setup(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let p = &names.private;
    let Some(setting) = planned.options.timeout else {
        return TokenStream::new();
    };
    let (Some((_, after)), Some(input)) = (&setting.value, planned.inputs.first()) else {
        return TokenStream::new();
    };
    let name = local("timeout");
    let span = setting.key.span();
    let call = checks::timeout(span).call(
        p,
        span,
        "timeout",
        quote!(#p::typed::input(&#input), #after),
    );
    let (pipeline, stage) = (&names.pipeline, &planned.name);
    // A zero duration is an invalid argument of the stage, reported before the run starts.
    quote!(let #name = #pipeline.checked_timeout(#stage, #call);)
}

/// Runs user code for one item: `let out = io.run(..).await?;`, or with a timeout
/// `let Some(out) = io.run_timed(.., timeout).await? else { continue };`.
pub(super) fn run_call(
    names: &Names,
    planned: &PlannedStage<'_>,
    future: TokenStream,
    out: &Ident,
) -> TokenStream {
    let Names { private: p, io, .. } = names;
    match planned.options.timeout {
        None => quote!(let #out = #io.run(#future).await?;),
        Some(_) => {
            let name = local("timeout");
            quote!(let #p::Some(#out) = #io.run_timed(#future, #name).await? else { continue; };)
        }
    }
}

/// `take(n)`: passes the first `n` items on, then stops reading.
pub(super) fn take(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, io, item) = (&names.private, &names.io, &names.item);
    let count = planned.stage.args.first();
    let left = local("left");
    let token = rate::wait(names, planned);
    Task {
        setup: quote!(let mut #left: usize = #count;),
        body: quote! {
            while #left > 0 {
                let #p::Some(#item) = #io.recv().await else { break };
                #token
                #left -= 1;
                #io.send(#item).await?;
            }
            #io.close().await
        },
    }
}

/// A fused `take(n)` or `skip(n)`: the count, read as a `usize`, and the runtime's step.
pub(super) fn counted_step(names: &Names, planned: &PlannedStage<'_>) -> FusedStep {
    let p = &names.private;
    let count = planned.stage.args.first();
    let left = local("left");
    let step = match planned.kind {
        crate::kinds::Kind::Take => quote!(#p::fuse::Take::new(#left)),
        _ => quote!(#p::fuse::Skip::new(#left)),
    };
    FusedStep {
        setup: quote!(let #left: usize = #count;),
        step,
        at: planned.stage.span(),
    }
}

/// A fused `scan(init, f)`: the state and closure as checked, and the runtime's step.
pub(super) fn scan_step(names: &Names, planned: &PlannedStage<'_>) -> FusedStep {
    let (p, f) = (&names.private, &names.f);
    let scanning = checked_scan(names, planned);
    // `None` from the closure ends the stage, as `take_while`'s does.
    FusedStep {
        setup: quote!(let #f = #scanning;),
        step: quote!(#p::fuse::TakeWhile(#f)),
        at: planned.stage.span(),
    }
}

/// `scan`'s state and closure, checked at the stage: one closure owning the state.
fn checked_scan(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let p = &names.private;
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let mut args = planned.stage.args.iter();
    let (init, step) = (args.next(), args.next());
    checks::scan(span).call(
        p,
        span,
        planned.kind.name(),
        quote!(#p::typed::input(&#input), #init, #step),
    )
}

/// `skip(n)`: drops the first `n` items, passes the rest on.
pub(super) fn skip(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let Names { io, item, .. } = names;
    let count = planned.stage.args.first();
    let left = local("left");
    let each = each_input(
        names,
        planned,
        quote! {
            if #left > 0 {
                #left -= 1;
                continue;
            }
            #io.send(#item).await?;
        },
    );
    Task {
        setup: quote!(let mut #left: usize = #count;),
        body: quote!(#each #io.close().await),
    }
}

/// `chunks(n)`: passes the items on in `Vec`s of `n`, the last one possibly shorter.
pub(super) fn chunks(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, pipeline, io, item) = (&names.private, &names.pipeline, &names.io, &names.item);
    let count = planned.stage.args.first();
    let (chunk, size) = (local("chunk"), local("size"));
    let stage = &planned.name;
    let each = each_input(
        names,
        planned,
        quote! {
            #chunk.push(#item);
            if #chunk.len() == #size {
                #io.send(#p::replace(&mut #chunk, #p::new_chunk(#size))).await?;
            }
        },
    );
    Task {
        // Checked before the run starts: a zero size is an invalid argument of the stage.
        setup: quote! {
            let #size: usize = #count;
            let #size = #pipeline.chunk_size(#stage, #size);
        },
        body: quote! {
            let mut #chunk = #p::new_chunk(#size);
            #each
            if !#chunk.is_empty() {
                #io.send(#chunk).await?;
            }
            #io.close().await
        },
    }
}

/// `chunks_timeout(n, window)`: `Vec`s of at most `n`, each leaving at most `window` after its
/// first item (the runtime's `Chunks` keeps the rule).
pub(super) fn chunks_timeout(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, pipeline, io) = (&names.private, &names.pipeline, &names.io);
    let (count, window) = (planned.stage.args.first(), planned.stage.args.get(1));
    let (chunks, chunk, size, after) = (
        local("chunks"),
        local("chunk"),
        local("size"),
        local("window"),
    );
    let stage = &planned.name;
    // Its items arrive inside `Chunks`, which takes their tokens.
    let limited = rate::limiter(planned).map(|limiter| quote!(.limited(#limiter)));
    Task {
        // Checked before the run starts: a zero size or window is an invalid argument.
        setup: {
            // The annotations at the arguments: a mistyped one is reported there alone.
            let at = |arg: Option<&syn::Expr>| arg.map_or_else(Span::call_site, Spanned::span);
            let size_type = quote_spanned!(at(count)=> usize);
            let window_type = quote_spanned!(at(window)=> #p::Duration);
            quote! {
                let #size: #size_type = #count;
                let #size = #pipeline.chunk_size(#stage, #size);
                let #after: #window_type = #window;
                let #after = #pipeline.chunk_window(#stage, #after);
            }
        },
        body: quote! {
            let mut #chunks = #p::Chunks::new(#size, #after) #limited;
            while let #p::Some(#chunk) = #chunks.next(&mut #io).await {
                #io.send(#chunk).await?;
            }
            #io.close().await
        },
    }
}

/// `scan(init, f)`: running state; `f(&mut state, item)` gives each output, and `None` ends
/// the stage (and stops its upstream), as `Iterator::scan` does.
pub(super) fn scan(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, io, item, f) = (&names.private, &names.io, &names.item, &names.f);
    let out = local("out");
    let scanning = checked_scan(names, planned);
    let token = rate::wait(names, planned);
    Task {
        setup: quote!(let mut #f = #scanning;),
        body: quote! {
            while let #p::Some(#item) = #io.recv().await {
                #token
                let #p::Some(#out) = #f(#item) else { break };
                #io.send(#out).await?;
            }
            #io.close().await
        },
    }
}

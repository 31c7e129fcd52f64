//! The sinks: each reads every item (or, for `first`, one) and produces the run's result.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;

use super::{Names, Task, checked_closure, each_input, local, rate};
use crate::checks::{self, Closure};
use crate::valid::PlannedStage;

/// `collect::<C>()`: pushes every item into an empty `C`.
pub(super) fn collect(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, item) = (&names.private, &names.item);
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let value = local("value");
    let turbofish = planned.stage.generics.as_ref().map(|generics| {
        let args = &generics.args;
        quote_spanned!(span=> ::<_, #args>)
    });
    let empty = checks::collect(span, turbofish.unwrap_or_default()).call(
        p,
        span,
        planned.kind.name(),
        quote!(#p::typed::sink_input(&#input)),
    );
    let each = each_input(names, planned, quote!(#value.push(#item);));
    Task {
        setup: quote!(let mut #value = #empty;),
        body: quote!(#each #p::Ok(#value.finish())),
    }
}

/// `for_each(f)`: calls `f` with every item.
pub(super) fn for_each(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, item, f) = (&names.private, &names.item, &names.f);
    let each = each_input(names, planned, quote!(#f(#item);));
    Task {
        setup: checked_closure(names, planned, Closure::ForEach),
        body: quote!(#each #p::Ok(())),
    }
}

/// `for_each(f)` or `try_for_each(f)` with `[workers = N]`: `N` workers share the items, each
/// calling its own copy of `f` (the check made it `Clone`, or said it is not).
pub(super) fn workers(
    names: &Names,
    planned: &PlannedStage<'_>,
    spec: &TokenStream,
    task: Task,
) -> TokenStream {
    let (p, pipeline, io, f) = (&names.private, &names.pipeline, &names.io, &names.f);
    let Task { setup, body } = task;
    let input = planned.inputs.first();
    // A sink that ends a `let` branch: see `wire`.
    let method = match planned.outputs.is_empty() {
        true => "sink_workers",
        false => "branch_sink_workers",
    };
    let method = Ident::new(method, planned.stage.span());
    let copy = checks::copy_for_worker(p, f);
    let (limiter, limiter_copy) = (rate::setup(names, planned), rate::for_worker(planned));
    quote! {{
        #setup
        #limiter
        #pipeline.#method(#spec, #input, move |mut #io| {
            let mut #f = #copy;
            #limiter_copy
            async move { #body }
        })
    }}
}

/// `try_for_each(f)`: calls `f` with every item; its errors are handled in the run's style.
pub(super) fn try_for_each(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, io, item, f) = (&names.private, &names.io, &names.item, &names.f);
    let error = local("error");
    let each = each_input(
        names,
        planned,
        quote! {
            if let #p::Err(#error) = #f(#item) {
                #io.fail(#error).await?;
            }
        },
    );
    Task {
        setup: checked_closure(names, planned, Closure::TryForEach),
        body: quote!(#each #p::Ok(())),
    }
}

/// `for_each_async(f)`: awaits `f`'s future for every item (giving up when the run is
/// cancelled).
pub(super) fn for_each_async(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, io, item, f) = (&names.private, &names.io, &names.item, &names.f);
    let each = each_input(names, planned, quote!(#io.run(#f(#item)).await?;));
    Task {
        setup: checked_closure(names, planned, Closure::ForEachAsync),
        body: quote!(#each #p::Ok(())),
    }
}

/// `try_for_each_async(f)`: like `for_each_async`; errors are handled in the run's style.
pub(super) fn try_for_each_async(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, io, item, f) = (&names.private, &names.io, &names.item, &names.f);
    let error = local("error");
    let each = each_input(
        names,
        planned,
        quote! {
            if let #p::Err(#error) = #io.run(#f(#item)).await? {
                #io.fail(#error).await?;
            }
        },
    );
    Task {
        setup: checked_closure(names, planned, Closure::TryForEachAsync),
        body: quote!(#each #p::Ok(())),
    }
}

/// `fold(init, f)`: folds every item into the value, starting at `init`.
pub(super) fn fold(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, item, f) = (&names.private, &names.item, &names.f);
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let value = local("value");
    let mut args = planned.stage.args.iter();
    let (init, fold) = (args.next(), args.next());
    let folding = checks::fold(span).call(
        p,
        span,
        planned.kind.name(),
        quote!(#p::typed::sink_input(&#input), #init, #fold),
    );
    let each = each_input(names, planned, quote!(#value = #f(#value, #item);));
    Task {
        setup: quote!(let (mut #value, mut #f) = #folding;),
        body: quote!(#each #p::Ok(#value)),
    }
}

/// `count()`: the number of items.
pub(super) fn count(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let Names { private: p, io, .. } = names;
    let value = local("value");
    let token = rate::wait(names, planned);
    Task {
        setup: quote!(let mut #value: usize = 0;),
        body: quote! {
            while let #p::Some(_) = #io.recv().await {
                #token
                #value += 1;
            }
            #p::Ok(#value)
        },
    }
}

/// `first()`: the first item, if any; the stage stops reading after it.
pub(super) fn first(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let Names {
        private: p,
        io,
        item: item_name,
        ..
    } = names;
    let body = if planned.options.rate.is_some() {
        // The one item takes its token too (a full bucket has one: it never waits).
        let each = each_input(names, planned, quote!(return #p::Ok(#p::Some(#item_name));));
        quote!(#each #p::Ok(#p::None))
    } else {
        quote!(#p::Ok(#io.recv().await))
    };
    Task {
        setup: quote!(),
        body,
    }
}

/// `last()`: the last item, if any.
pub(super) fn last(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, item) = (&names.private, &names.item);
    let value = local("value");
    let each = each_input(names, planned, quote!(#value = #p::Some(#item);));
    Task {
        setup: quote!(let mut #value = #p::None;),
        body: quote!(#each #p::Ok(#value)),
    }
}

/// `drain()`: reads every item and drops it.
pub(super) fn drain(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let Names { private: p, io, .. } = names;
    let token = rate::wait(names, planned);
    Task {
        setup: quote!(),
        body: quote! {
            while let #p::Some(_) = #io.recv().await {
                #token
            }
            #p::Ok(())
        },
    }
}

/// `to_channel(tx)`: sends every item into the channel; stops when its receiver is gone.
pub(super) fn to_channel(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let (p, io, item) = (&names.private, &names.io, &names.item);
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let value = local("value");
    let sender = planned.stage.args.first();
    let sender = checks::to_channel(span).call(
        p,
        span,
        planned.kind.name(),
        quote!(#p::typed::sink_input(&#input), #sender),
    );
    let each = each_input(
        names,
        planned,
        quote! {
            if #io.run(#p::ChannelSink::send_item(&#value, #item)).await?.is_err() {
                break;
            }
        },
    );
    Task {
        setup: quote!(let #value = #sender;),
        body: quote!(#each #p::Ok(())),
    }
}

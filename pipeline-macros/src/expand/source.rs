//! The sources: where a chain's items come from, each drawn in a loop of its own (or, for
//! `generate`, by the user's code through an emitter the runtime gives it).

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::{Names, Task, local, rate};
use crate::checks::{self, Check};
use crate::valid::PlannedStage;

/// `from_iter(items)`: sends each item of the iterator.
pub(super) fn from_iter(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let Names { io, item, .. } = names;
    let items = local("items");
    let from = checked_argument(names, planned, checks::from_iter);
    let token = rate::wait(names, planned);
    Task {
        setup: quote!(let #items = #from;),
        body: quote! {
            for #item in #items {
                #token
                #io.send(#item).await?;
            }
            #io.close().await
        },
    }
}

/// `from_iter(items)` as the runtime's fusable source: `{ let items = <check>;
/// pipeline.from_iter(spec, items) }`.
pub(super) fn from_iter_fused(
    names: &Names,
    planned: &PlannedStage<'_>,
    spec: &TokenStream,
) -> TokenStream {
    let pipeline = &names.pipeline;
    let items = local("items");
    let from = checked_argument(names, planned, checks::from_iter);
    let method = Ident::new("from_iter", planned.stage.span());
    quote! {{
        let #items = #from;
        #pipeline.#method(#spec, #items)
    }}
}

/// `from_stream(stream)`: awaits each item of the stream, giving up when the run stops.
pub(super) fn from_stream(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let p = &names.private;
    let items = local("items");
    let from = checked_argument(names, planned, checks::from_stream);
    let each = each_awaited(names, planned, quote!(#p::next(#items.as_mut())));
    Task {
        setup: quote!(let #items = #from;),
        body: quote!(let mut #items = #p::pin!(#items); #each),
    }
}

/// `from_channel(rx)`: receives each item of the channel, giving up when the run stops.
pub(super) fn from_channel(names: &Names, planned: &PlannedStage<'_>) -> Task {
    let p = &names.private;
    let items = local("items");
    let from = checked_argument(names, planned, checks::from_channel);
    Task {
        setup: quote!(let mut #items = #from;),
        body: each_awaited(
            names,
            planned,
            quote!(#p::ChannelSource::next_item(&mut #items)),
        ),
    }
}

/// `generate(f)`, `try_generate(f)`: the runtime runs the user's generator, which emits the
/// items itself.
pub(super) fn generate(
    names: &Names,
    planned: &PlannedStage<'_>,
    spec: &TokenStream,
) -> TokenStream {
    let (p, pipeline) = (&names.private, &names.pipeline);
    let span = planned.stage.span();
    let kind = planned.kind;
    let generator = planned.stage.args.first();
    // The runtime's method is named after the kind: `pipeline.generate(..)`.
    let method = Ident::new(kind.name(), span);
    let checked = checks::generate(span, kind.is_fallible()).call(
        p,
        span,
        kind.name(),
        quote!(&#pipeline, #generator),
    );
    let Some(limiter) = rate::limiter(planned) else {
        return quote!(#pipeline.#method(#spec, #checked));
    };
    // The emitter the generator gets takes a token before each send.
    let setup = rate::setup(names, planned);
    quote!({
        #setup
        #pipeline.#method(#spec, #limiter.limit_emitter(#checked))
    })
}

/// The source's argument, passed through its check (`from_iter`, ..).
fn checked_argument(
    names: &Names,
    planned: &PlannedStage<'_>,
    check: fn(proc_macro2::Span) -> Check,
) -> TokenStream {
    let span = planned.stage.span();
    let from = planned.stage.args.first();
    check(span).call(&names.private, span, planned.kind.name(), quote!(#from))
}

/// Sends each item that awaiting `next` (within `io.run`, so it gives up when the run stops)
/// yields, until it yields `None`; then closes.
fn each_awaited(names: &Names, planned: &PlannedStage<'_>, next: TokenStream) -> TokenStream {
    let (p, io, item) = (&names.private, &names.io, &names.item);
    let token = rate::wait(names, planned);
    quote! {
        while let #p::Some(#item) = #io.run(#next).await? {
            #token
            #io.send(#item).await?;
        }
        #io.close().await
    }
}

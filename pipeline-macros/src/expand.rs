//! Generation: a checked [`Plan`] becomes a block of runtime calls, one per stage.
//!
//! Each transform becomes Go's loop, made safe by the runtime's `StageIo`:
//!
//! ```text
//! let map_2 = {
//!     let mut f = { fn map<..>(..) {..} map(typed::input(&from_iter_1), |n| n * n) };
//!                                                     // the closure, checked (`checks`)
//!     pipeline.stage(StageSpec::new("map#2"), from_iter_1, move |mut io| async move {
//!         while let Some(item) = io.recv().await {        // receive, or done
//!             io.send(f(item)).await?;                    // send, or done
//!         }
//!         io.close().await                                // the output closes with the task
//!     })
//! };
//! ```
//!
//! Local names are hygienic (`Span::mixed_site`), so they never meet the user's; paths go
//! through `$crate::__private`; the stage's own span is put on the calls whose errors concern
//! the user's code, so those errors point at the stage, and the checks of user code are
//! functions defined at the stage ([`checks`]), so that their notes do too.
//!
//! This module builds the block and dispatches on each stage's kind; the loops are built in
//! [`source`], [`transform`] and [`sink`], the block's description of its graph in
//! [`graph`].

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::checks::{self, Closure};
use crate::kinds::{Kind, Role};
use crate::valid::{ErrorType, Plan, PlannedStage, Style};

mod graph;
mod rate;
mod sink;
mod source;
mod transform;
mod written;

/// Local names of the generated code.
struct Names {
    private: TokenStream,
    pipeline: Ident,
    io: Ident,
    item: Ident,
    f: Ident,
}

fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// What one stage's task is: `setup` runs before it is spawned, `body` is its loop, the
/// value of its `async move` block.
struct Task {
    setup: TokenStream,
    body: TokenStream,
}

pub fn expand(krate: &TokenStream, plan: &Plan<'_>) -> TokenStream {
    let names = Names {
        private: quote!(#krate::__private),
        pipeline: local("pipeline"),
        io: local("io"),
        item: local("item"),
        f: local("f"),
    };
    let p = &names.private;
    let pipeline = &names.pipeline;

    let error_type = match plan.error_type {
        ErrorType::Inferred => quote!(_),
        ErrorType::Infallible => quote!(#p::Infallible),
        ErrorType::Elapsed => quote!(#p::Elapsed),
    };
    let style = match plan.run.style {
        Style::Result => quote!(#p::Results),
        Style::FailFast | Style::Channel => quote!(#p::Plain),
    };
    let mut options = quote!(#p::Options::new());
    if let Some(capacity) = plan.run.capacity {
        options.extend(quote!(.capacity(#capacity)));
    }
    if let Some(cancel) = plan.run.cancel {
        options.extend(quote!(.cancel(#cancel)));
    }
    if let Some(timeout) = plan.run.timeout {
        options.extend(quote!(.timeout(#timeout)));
    }
    if let Some(capacity) = plan.run.error_capacity {
        options.extend(quote!(.error_capacity(#capacity)));
    }
    if let Some(after) = plan.run.stall_warning {
        options.extend(quote!(.stall_warning(#after)));
    }
    if let Some((key, on)) = plan.run.metrics {
        let checked = checks::flag(key.span()).call(p, key.span(), "metrics", quote!(#on));
        options.extend(quote!(.metrics(#checked)));
    }
    if let Some((key, on)) = plan.run.fusion {
        let checked = checks::flag(key.span()).call(p, key.span(), "fusion", quote!(#on));
        options.extend(quote!(.fusion(#checked)));
    }
    match plan.run.progress {
        Some((key, Some(how))) => {
            let checked =
                checks::progress(key.span()).call(p, key.span(), "progress", quote!(#how));
            options.extend(quote!(.progress(#checked)));
        }
        Some((_, None)) => options.extend(quote!(.progress(#p::Progress::default()))),
        None => {}
    }
    // The error-channel style's run holds an error stream, which its type says.
    let constructor = match plan.run.style {
        Style::Channel => quote!(with_error_stream),
        Style::FailFast | Style::Result => quote!(new),
    };

    let mut statements = TokenStream::new();
    let mut result = None;
    for planned in &plan.stages {
        let wired = wire(&names, planned);
        match planned.kind.role() {
            Role::Sink if planned.outputs.is_empty() => result = Some(wired),
            // A branch's sink: its value, gathered at the end.
            Role::Sink => {
                let output = &planned.outputs[0];
                statements.extend(quote!(let #output = #wired;));
            }
            Role::Tee | Role::Split => {
                let outputs = &planned.outputs;
                statements.extend(quote!(let [#(#outputs),*] = #wired;));
            }
            Role::Source | Role::Transform | Role::Merge => {
                let output = &planned.outputs[0];
                statements.extend(quote!(let #output = #wired;));
            }
        }
    }
    let describe = graph::describe(&names, plan);
    let results = &plan.results;
    let result = match (&plan.stream, result) {
        (Some(link), _) => quote!(#pipeline.into_stream(#link)),
        (None, Some(sink)) => sink,
        (None, None) if !results.is_empty() => quote!(#pipeline.gather((#(#results),*))),
        (None, None) => quote!(#pipeline.into_stream()),
    };
    quote! {
        {
            let #pipeline = #p::Pipeline::<#error_type, #style>::#constructor(#options);
            #describe
            #statements
            #result
        }
    }
}

/// The expression that spawns `planned` and evaluates to its output link(s) (or, for the
/// sink, to the run).
fn wire(names: &Names, planned: &PlannedStage<'_>) -> TokenStream {
    let Names {
        private: p,
        pipeline,
        io,
        item,
        f,
    } = names;
    let span = planned.stage.span();
    let spec = spec(p, planned);
    let input = planned.inputs.first();
    // `method`: the runtime's spawn for the role, `source`, `stage` or `sink`. The stage's
    // rate limiter, if any, is made after its own setup.
    let spawn = |method: &str, task: Task| {
        let Task { setup, body } = task;
        let limiter = rate::setup(names, planned);
        let task = Task {
            setup: quote!(#setup #limiter),
            body,
        };
        spawned(names, Ident::new(method, span), &spec, input, task)
    };
    // A sink that ends a `let` branch gives its value to the block's tuple of results, and
    // leaves starting the run to the block's end.
    let sink_method = match planned.outputs.is_empty() {
        true => "sink",
        false => "branch_sink",
    };
    // A closure stage: what its loop does with each `item`.
    let each = |closure: Closure, per_item: TokenStream| {
        transform::closure_stage(names, planned, &spec, closure, per_item)
    };
    let (out, result) = (local("out"), local("result"));
    if let Some(fused) = fused_transform(names, planned) {
        return fused;
    }
    match planned.kind {
        Kind::FromIter if planned.options.rate.is_none() => {
            source::from_iter_fused(names, planned, &spec)
        }
        Kind::FromIter => spawn("source", source::from_iter(names, planned)),
        Kind::FromStream => spawn("source", source::from_stream(names, planned)),
        Kind::FromChannel => spawn("source", source::from_channel(names, planned)),
        Kind::Generate | Kind::TryGenerate => source::generate(names, planned, &spec),
        Kind::Map => each(Closure::Map, quote!(#io.send(#f(#item)).await?;)),
        Kind::Then => {
            let run = transform::run_call(names, planned, quote!(#f(#item)), &out);
            each(Closure::Then, quote!(#run #io.send(#out).await?;))
        }
        Kind::TryMap if planned.options.retry.is_some() => {
            each(Closure::TryMap, transform::retried(names, planned))
        }
        Kind::TryThen if planned.options.retry.is_some() => {
            each(Closure::TryThen, transform::retried(names, planned))
        }
        Kind::TryMap => each(Closure::TryMap, quote!(#io.send_result(#f(#item)).await?;)),
        Kind::TryThen => {
            let run = transform::run_call(names, planned, quote!(#f(#item)), &result);
            each(
                Closure::TryThen,
                quote!(#run #io.send_result(#result).await?;),
            )
        }
        Kind::Filter => each(
            Closure::Predicate,
            quote!(if let #p::Some(#out) = #f(#item) { #io.send(#out).await?; }),
        ),
        Kind::FilterMap => each(
            Closure::FilterMap,
            quote!(if let #p::Some(#out) = #f(#item) { #io.send(#out).await?; }),
        ),
        Kind::FlatMap => each(
            Closure::FlatMap,
            quote!(for #out in #f(#item) { #io.send(#out).await?; }),
        ),
        Kind::Recurse => transform::recurse(names, planned, &spec, Closure::Recurse),
        Kind::TryRecurse => transform::recurse(names, planned, &spec, Closure::TryRecurse),
        Kind::Inspect => each(Closure::Inspect, quote!(#io.send(#f(#item)).await?;)),
        Kind::TakeWhile => each(
            Closure::Predicate,
            quote!(let #p::Some(#out) = #f(#item) else { break }; #io.send(#out).await?;),
        ),
        Kind::Take => spawn("stage", transform::take(names, planned)),
        Kind::Skip => spawn("stage", transform::skip(names, planned)),
        Kind::Chunks => spawn("stage", transform::chunks(names, planned)),
        Kind::ChunksTimeout => spawn("stage", transform::chunks_timeout(names, planned)),
        Kind::Scan => spawn("stage", transform::scan(names, planned)),
        Kind::Merge => {
            let inputs = &planned.inputs;
            quote!(#pipeline.merge(#spec, [#(#inputs),*]))
        }
        Kind::Zip => {
            let inputs = &planned.inputs;
            quote!(#pipeline.zip(#spec, #(#inputs),*))
        }
        Kind::Tee => quote!(#pipeline.tee(#spec, #input)),
        Kind::Route | Kind::Partition => route(names, planned, &spec),
        Kind::Collect => spawn(sink_method, sink::collect(names, planned)),
        Kind::ForEach if planned.options.workers.is_some() => {
            sink::workers(names, planned, &spec, sink::for_each(names, planned))
        }
        Kind::TryForEach if planned.options.workers.is_some() => {
            sink::workers(names, planned, &spec, sink::try_for_each(names, planned))
        }
        Kind::ForEachAsync if planned.options.workers.is_some() => {
            sink::workers(names, planned, &spec, sink::for_each_async(names, planned))
        }
        Kind::TryForEachAsync if planned.options.workers.is_some() => sink::workers(
            names,
            planned,
            &spec,
            sink::try_for_each_async(names, planned),
        ),
        Kind::ForEach => spawn(sink_method, sink::for_each(names, planned)),
        Kind::ForEachAsync => spawn(sink_method, sink::for_each_async(names, planned)),
        Kind::TryForEachAsync => spawn(sink_method, sink::try_for_each_async(names, planned)),
        Kind::TryForEach => spawn(sink_method, sink::try_for_each(names, planned)),
        Kind::Fold => spawn(sink_method, sink::fold(names, planned)),
        Kind::Count => spawn(sink_method, sink::count(names, planned)),
        Kind::First => spawn(sink_method, sink::first(names, planned)),
        Kind::Last => spawn(sink_method, sink::last(names, planned)),
        Kind::Drain => spawn(sink_method, sink::drain(names, planned)),
        Kind::ToChannel => spawn(sink_method, sink::to_channel(names, planned)),
    }
}

/// A fusable transform that joins a fused group: the runtime's `fuse` with its step. `None`
/// for every other stage, and for a fusable one whose options need a task of its own.
fn fused_transform(names: &Names, planned: &PlannedStage<'_>) -> Option<TokenStream> {
    if !is_fused(planned) {
        return None;
    }
    let closure = |step| fused_closure(names, planned, closure_of(planned.kind), step);
    Some(match planned.kind {
        Kind::Map | Kind::Inspect => closure("Map"),
        Kind::Filter | Kind::FilterMap => closure("FilterMap"),
        Kind::FlatMap => closure("FlatMap"),
        Kind::TakeWhile => closure("TakeWhile"),
        Kind::TryMap => closure("TryMap"),
        Kind::Scan => fused(names, planned, transform::scan_step(names, planned)),
        Kind::Take | Kind::Skip => fused(names, planned, transform::counted_step(names, planned)),
        _ => return None,
    })
}

/// The closure check of a fused closure stage.
fn closure_of(kind: Kind) -> Closure {
    match kind {
        Kind::Map => Closure::Map,
        Kind::Inspect => Closure::Inspect,
        Kind::FilterMap => Closure::FilterMap,
        Kind::FlatMap => Closure::FlatMap,
        Kind::TryMap => Closure::TryMap,
        _ => Closure::Predicate,
    }
}

/// `route(f)`, `partition(p)`: the closure, checked at the stage, picks each item's branch;
/// the runtime's route task does the rest. Evaluates to the array of the branches' links.
fn route(names: &Names, planned: &PlannedStage<'_>, spec: &TokenStream) -> TokenStream {
    let Names {
        private: p,
        pipeline,
        f,
        ..
    } = names;
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let closure = planned.stage.args.first();
    let partition = planned.kind == Kind::Partition;
    let checked = checks::route(span, partition).call(
        p,
        span,
        planned.kind.name(),
        quote!(#p::typed::input(&#input), #closure),
    );
    let method = Ident::new("route", span);
    quote! {{
        let #f = #checked;
        #pipeline.#method(#spec, #input, #f)
    }}
}

/// `{ setup; pipeline.method(spec, [input,] move |mut io| async move { body }) }`: spawns one
/// stage whose loop is the task's body.
fn spawned(
    names: &Names,
    method: Ident,
    spec: &TokenStream,
    input: Option<&Ident>,
    task: Task,
) -> TokenStream {
    let Names { pipeline, io, .. } = names;
    let Task { setup, body } = task;
    let input = input.map(|input| quote!(#input,));
    quote! {{
        #setup
        #pipeline.#method(#spec, #input move |mut #io| async move {
            #body
        })
    }}
}

/// `StageSpec::new("name")` with the stage's options.
fn spec(p: &TokenStream, planned: &PlannedStage<'_>) -> TokenStream {
    let name = &planned.name;
    let mut spec = quote!(#p::StageSpec::new(#name));
    if let Some(workers) = planned.options.workers
        && let Some((_, count)) = &workers.value
    {
        spec.extend(quote!(.workers(#count)));
    }
    if planned.options.ordered {
        spec.extend(quote!(.ordered()));
    }
    if planned.options.boundary {
        spec.extend(quote!(.boundary()));
    }
    if let Some(capacity) = planned.options.capacity {
        spec.extend(quote!(.capacity(#capacity)));
    }
    spec
}

/// `let f = <check>(typed::input(&input), closure);`, the check at the stage (see
/// [`checks`]). `mut` when one task calls it; each worker of a fanned-out stage calls its own
/// clone instead.
fn checked_closure(names: &Names, planned: &PlannedStage<'_>, closure: Closure) -> TokenStream {
    let workers = planned.options.workers.is_some();
    checked_closure_binding(names, planned, closure, !workers)
}

/// [`checked_closure`], `mut` or not.
fn checked_closure_binding(
    names: &Names,
    planned: &PlannedStage<'_>,
    closure: Closure,
    mutable: bool,
) -> TokenStream {
    let Names { private: p, f, .. } = names;
    let span = planned.stage.span();
    let input = planned.inputs.first();
    let workers = planned.options.workers.is_some();
    let user_closure = planned.stage.args.first();
    let mutable = mutable.then(|| quote!(mut));
    // A sink reads the items as the style carries them (in the result style, `Result`s).
    let reads = match planned.kind.role() {
        Role::Sink => quote!(#p::typed::sink_input(&#input)),
        Role::Source | Role::Transform | Role::Merge | Role::Tee | Role::Split => {
            quote!(#p::typed::input(&#input))
        }
    };
    let call = checks::closure(span, closure, workers).call(
        p,
        span,
        planned.kind.name(),
        quote!(#reads, #user_closure),
    );
    quote!(let #mutable #f = #call;)
}

/// Whether `planned` joins a fused group: a fusable transform with no option that needs a
/// task of its own (workers, an async wait for a token, a retry's backoff).
fn is_fused(planned: &PlannedStage<'_>) -> bool {
    let options = &planned.options;
    planned.kind.can_fuse()
        && planned.kind.role() == Role::Transform
        && options.workers.is_none()
        && options.rate.is_none()
        && options.retry.is_none()
        && options.timeout.is_none()
}

/// A fused stage's code: its `setup` (the checked closure, a count), and its `step`, made
/// from them. `at` is where the step's type is blamed when a bound of `fuse` fails: the
/// tokens whose check already failed for the same reason, so that rustc reports it once.
pub(super) struct FusedStep {
    pub(super) setup: TokenStream,
    pub(super) step: TokenStream,
    pub(super) at: Span,
}

/// `{ setup; let step = ..; pipeline.fuse(spec, input, step) }`: a synchronous stage, fused
/// with its neighbours by the runtime (see its `fusion` module).
fn fused(names: &Names, planned: &PlannedStage<'_>, code: FusedStep) -> TokenStream {
    let FusedStep { setup, step, at } = code;
    let pipeline = &names.pipeline;
    let spec = spec(&names.private, planned);
    let input = planned.inputs.first();
    let (spec_local, method) = (local("spec"), Ident::new("fuse", planned.stage.span()));
    // At the user's tokens, and last: nothing of the user's follows it to see the name.
    let step_local = Ident::new("pipeline_step", at);
    quote! {{
        #setup
        let #spec_local = #spec;
        let #step_local = #step;
        #pipeline.#method(#spec_local, #input, #step_local)
    }}
}

/// A fused closure stage: `{ let f = <check>; pipeline.fuse(spec, input, fuse::Step(f)) }`.
fn fused_closure(
    names: &Names,
    planned: &PlannedStage<'_>,
    closure: Closure,
    step: &str,
) -> TokenStream {
    let (p, f) = (&names.private, &names.f);
    // The step owns it and calls it: no `mut` here.
    let setup = checked_closure_binding(names, planned, closure, false);
    let step = Ident::new(step, Span::call_site());
    let code = FusedStep {
        setup,
        step: quote!(#p::fuse::#step(#f)),
        at: planned.stage.span(),
    };
    fused(names, planned, code)
}

/// `while let Some(item) = io.recv().await { per_item }`: a loop over every input item,
/// each taking a token first if the stage has a `rate`.
fn each_input(names: &Names, planned: &PlannedStage<'_>, per_item: TokenStream) -> TokenStream {
    let (p, io, item) = (&names.private, &names.io, &names.item);
    let token = rate::wait(names, planned);
    quote! {
        while let #p::Some(#item) = #io.recv().await {
            #token
            #per_item
        }
    }
}

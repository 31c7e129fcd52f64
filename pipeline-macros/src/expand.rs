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

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::Ident;

use crate::checks;
use crate::kinds::Role;
use crate::valid::{ErrorType, Plan, Step, Style};

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
    // The error-channel style's run holds an error stream, which its type says.
    let constructor = match plan.run.style {
        Style::Channel => quote!(with_error_stream),
        Style::FailFast | Style::Result => quote!(new),
    };

    let mut statements = TokenStream::new();
    let mut result = None;
    for step in &plan.steps {
        let wired = wire(&names, step);
        match step.kind.role {
            Role::Sink => result = Some(wired),
            Role::Tee => {
                let outputs = &step.outputs;
                statements.extend(quote!(let [#(#outputs),*] = #wired;));
            }
            _ => {
                let output = &step.outputs[0];
                statements.extend(quote!(let #output = #wired;));
            }
        }
    }
    let result = match (&plan.stream, result) {
        (Some(link), _) => quote!(#pipeline.into_stream(#link)),
        (None, Some(sink)) => sink,
        (None, None) => quote!(#pipeline.into_stream()),
    };
    quote! {
        {
            let #pipeline = #p::Pipeline::<#error_type, #style>::#constructor(#options);
            #statements
            #result
        }
    }
}

/// The expression that spawns `step` and evaluates to its output link(s) (or, for the sink,
/// to the run).
fn wire(names: &Names, step: &Step<'_>) -> TokenStream {
    let Names {
        private: p,
        pipeline,
        io,
        item,
        f,
    } = names;
    let span = step.stage.span();
    let spec = spec(p, step);
    let args: Vec<_> = step.stage.args.iter().collect();
    let input = step.inputs.first();
    let kind = step.kind.name;
    let workers = step.options.workers.is_some();
    let checked = |kind: &str| helper(p, kind, input, &args, span, workers);

    // What the stage's loop does with each `item`, and what it sets up before the loop.
    let (setup, per_item) = match kind {
        "map" => (checked("map"), quote!(#io.send(#f(#item)).await?;)),
        "then" => {
            let out = local("out");
            let run = run_call(names, step, quote!(#f(#item)), &out);
            (checked("then"), quote!(#run #io.send(#out).await?;))
        }
        "try_map" => (checked("try_map"), handle_result(names, quote!(#f(#item)))),
        "try_then" => {
            let result = local("result");
            let run = run_call(names, step, quote!(#f(#item)), &result);
            let handled = handle_result(names, result.to_token_stream());
            (checked("try_then"), quote!(#run #handled))
        }
        "filter" => (
            checked("filter"),
            quote!(if #f(&#item) { #io.send(#item).await?; }),
        ),
        "filter_map" => {
            let out = local("out");
            (
                checked("filter_map"),
                quote!(if let #p::Some(#out) = #f(#item) { #io.send(#out).await?; }),
            )
        }
        "flat_map" => {
            let out = local("out");
            (
                checked("flat_map"),
                quote!(for #out in #f(#item) { #io.send(#out).await?; }),
            )
        }
        "inspect" => (
            checked("inspect"),
            quote!(#f(&#item); #io.send(#item).await?;),
        ),
        "take_while" => (
            checked("take_while"),
            quote!(if !#f(&#item) { break; } #io.send(#item).await?;),
        ),
        "take" | "skip" | "chunks" => return counted(names, step, &spec),
        "from_iter" | "from_stream" | "from_channel" => return source(names, step, &spec),
        "generate" | "try_generate" => {
            let generator = args[0];
            let method = Ident::new(kind, span);
            let (signature, body) = checks::generate(span, kind);
            let reads = quote!(&#pipeline, #generator);
            let checked = checks::at(p, span, kind, signature, body, TokenStream::new(), reads);
            return quote!(#pipeline.#method(#spec, #checked));
        }
        "merge" => {
            let inputs = &step.inputs;
            return quote!(#pipeline.merge(#spec, [#(#inputs),*]));
        }
        "tee" => return quote!(#pipeline.tee(#spec, #input)),
        _ => return sink(names, step, &spec),
    };

    let body = quote! {
        while let #p::Some(#item) = #io.recv().await {
            #per_item
        }
        #io.close().await
    };
    let timeout = timeout_setup(names, step);
    match step.options.workers {
        None => {
            let setup = quote!(#setup #timeout);
            spawned(names, Ident::new("stage", span), &spec, input, setup, body)
        }
        Some(_) => {
            let method = Ident::new("workers", span);
            // The check made the closure `Clone` (or reported that it is not).
            let copy = checks::copy_for_worker(p, kind, f);
            quote! {{
                #setup
                #timeout
                #pipeline.#method(#spec, #input, move |mut #io| {
                    let mut #f = #copy;
                    async move { #body }
                })
            }}
        }
    }
}

/// `{ setup; pipeline.method(spec, [input,] move |mut io| async move { body }) }`: spawns one
/// stage whose loop is `body`.
fn spawned(
    names: &Names,
    method: Ident,
    spec: &TokenStream,
    input: Option<&Ident>,
    setup: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let Names { pipeline, io, .. } = names;
    let input = input.map(|input| quote!(#input,));
    quote! {{
        #setup
        #pipeline.#method(#spec, #input move |mut #io| async move {
            #body
        })
    }}
}

/// `StageSpec::new("name")` with the stage's options.
fn spec(p: &TokenStream, step: &Step<'_>) -> TokenStream {
    let name = &step.name;
    let mut spec = quote!(#p::StageSpec::new(#name));
    if let Some(workers) = step.options.workers
        && let Some((_, count)) = &workers.value
    {
        spec.extend(quote!(.workers(#count)));
    }
    if step.options.ordered {
        spec.extend(quote!(.ordered()));
    }
    if let Some(capacity) = step.options.capacity {
        spec.extend(quote!(.capacity(#capacity)));
    }
    spec
}

/// `let f = <check>(typed::input(&input), closure);`, the check at the stage (see
/// [`checks`]). `mut` when one task calls it; each worker of a fanned-out stage calls its own
/// clone instead.
fn helper(
    p: &TokenStream,
    kind: &str,
    input: Option<&Ident>,
    args: &[&syn::Expr],
    span: Span,
    workers: bool,
) -> TokenStream {
    let f = local("f");
    let closure = args[0];
    let mutable = (!workers).then(|| quote!(mut));
    let (signature, body) = checks::closure(span, kind, workers);
    let reads = if matches!(kind, "for_each" | "try_for_each") {
        quote!(#p::typed::sink_input(&#input))
    } else {
        quote!(#p::typed::input(&#input))
    };
    let call = checks::at(
        p,
        span,
        kind,
        signature,
        body,
        TokenStream::new(),
        quote!(#reads, #closure),
    );
    quote!(let #mutable #f = #call;)
}

/// `let timeout = <check>(typed::input(&input), after);` when the stage has a per-item
/// timeout; the check that the run's error type can express a timeout is at the option.
fn timeout_setup(names: &Names, step: &Step<'_>) -> TokenStream {
    let p = &names.private;
    let Some(setting) = step.options.timeout else {
        return TokenStream::new();
    };
    let (Some((_, after)), Some(input)) = (&setting.value, step.inputs.first()) else {
        return TokenStream::new();
    };
    let name = local("timeout");
    let (signature, body) = checks::timeout(setting.key.span());
    let args = quote!(#p::typed::input(&#input), #after);
    let call = checks::at(
        p,
        setting.key.span(),
        "timeout",
        signature,
        body,
        TokenStream::new(),
        args,
    );
    let (pipeline, stage) = (&names.pipeline, &step.name);
    // A zero duration is an invalid argument of the stage, reported before the run starts.
    quote!(let #name = #pipeline.checked_timeout(#stage, #call);)
}

/// Runs user code for one item: `let out = io.run(..).await?;`, or with a timeout
/// `let Some(out) = io.run_timed(.., timeout).await? else { continue };`.
fn run_call(names: &Names, step: &Step<'_>, future: TokenStream, out: &Ident) -> TokenStream {
    let Names { private: p, io, .. } = names;
    match step.options.timeout {
        None => quote!(let #out = #io.run(#future).await?;),
        Some(_) => {
            let name = local("timeout");
            quote!(let #p::Some(#out) = #io.run_timed(#future, #name).await? else { continue; };)
        }
    }
}

/// `match result { Ok(out) => io.send(out), Err(error) => io.fail(error) }`.
fn handle_result(names: &Names, result: TokenStream) -> TokenStream {
    let Names { private: p, io, .. } = names;
    let (out, error) = (local("out"), local("error"));
    quote! {
        match #result {
            #p::Ok(#out) => #io.send(#out).await?,
            #p::Err(#error) => #io.fail(#error).await?,
        }
    }
}

/// `take(n)`, `skip(n)`, `chunks(n)`: a count, and a loop of their own.
fn counted(names: &Names, step: &Step<'_>, spec: &TokenStream) -> TokenStream {
    let Names {
        private: p,
        io,
        item,
        ..
    } = names;
    let count = step.stage.args.first();
    let input = &step.inputs[0];
    let method = Ident::new("stage", step.stage.span());
    let left = local("left");
    let chunk = local("chunk");
    let size = local("size");
    let (setup, body) = match step.kind.name {
        "take" => (
            quote!(let mut #left: usize = #count;),
            quote! {
                while #left > 0 {
                    let #p::Some(#item) = #io.recv().await else { break };
                    #left -= 1;
                    #io.send(#item).await?;
                }
            },
        ),
        "skip" => (
            quote!(let mut #left: usize = #count;),
            quote! {
                while let #p::Some(#item) = #io.recv().await {
                    if #left > 0 {
                        #left -= 1;
                        continue;
                    }
                    #io.send(#item).await?;
                }
            },
        ),
        _ => (
            {
                let (pipeline, stage) = (&names.pipeline, &step.name);
                // Checked before the run starts: a zero size is an invalid argument of the stage.
                quote! {
                    let #size: usize = #count;
                    let #size = #pipeline.chunk_size(#stage, #size);
                }
            },
            quote! {
                let mut #chunk = #p::Vec::with_capacity(#size);
                while let #p::Some(#item) = #io.recv().await {
                    #chunk.push(#item);
                    if #chunk.len() == #size {
                        #io.send(#p::replace(&mut #chunk, #p::Vec::with_capacity(#size))).await?;
                    }
                }
                if !#chunk.is_empty() {
                    #io.send(#chunk).await?;
                }
            },
        ),
    };
    let body = quote!(#body #io.close().await);
    spawned(names, method, spec, Some(input), setup, body)
}

/// `from_iter`, `from_stream`, `from_channel`: what to draw items from, and the loop.
fn source(names: &Names, step: &Step<'_>, spec: &TokenStream) -> TokenStream {
    let Names {
        private: p,
        io,
        item,
        ..
    } = names;
    let span = step.stage.span();
    let from = step.stage.args.first();
    let items = local("items");
    let (signature, check) = checks::source(span, step.kind.name);
    let from = checks::at(
        p,
        span,
        step.kind.name,
        signature,
        check,
        TokenStream::new(),
        quote!(#from),
    );
    let (setup, body) = match step.kind.name {
        "from_iter" => (
            quote!(let #items = #from;),
            quote! {
                for #item in #items {
                    #io.send(#item).await?;
                }
            },
        ),
        "from_stream" => (
            quote!(let #items = #from;),
            quote! {
                let mut #items = #p::pin!(#items);
                while let #p::Some(#item) = #io.run(#p::next(#items.as_mut())).await? {
                    #io.send(#item).await?;
                }
            },
        ),
        _ => (
            quote!(let mut #items = #from;),
            quote! {
                while let #p::Some(#item) = #io.run(#p::ChannelSource::next_item(&mut #items)).await? {
                    #io.send(#item).await?;
                }
            },
        ),
    };
    let body = quote!(#body #io.close().await);
    spawned(names, Ident::new("source", span), spec, None, setup, body)
}

/// The sinks: each reads every item and produces the run's result.
fn sink(names: &Names, step: &Step<'_>, spec: &TokenStream) -> TokenStream {
    let Names {
        private: p,
        io,
        item,
        f,
        ..
    } = names;
    let span = step.stage.span();
    let input = &step.inputs[0];
    let args: Vec<_> = step.stage.args.iter().collect();
    let value = local("value");
    let (setup, body) = match step.kind.name {
        "collect" => {
            let turbofish = step.stage.generics.as_ref().map(|generics| {
                let args = &generics.args;
                quote_spanned!(span=> ::<_, #args>)
            });
            let (signature, check) = checks::collect(span);
            let reads = quote!(#p::typed::sink_input(&#input));
            let empty = checks::at(
                p,
                span,
                "collect",
                signature,
                check,
                turbofish.unwrap_or_default(),
                reads,
            );
            (
                quote!(let mut #value = #empty;),
                quote! {
                    while let #p::Some(#item) = #io.recv().await {
                        #value.push(#item);
                    }
                    #p::Ok(#value.finish())
                },
            )
        }
        "for_each" => (
            helper(p, "for_each", Some(input), &args, span, false),
            quote! {
                while let #p::Some(#item) = #io.recv().await {
                    #f(#item);
                }
                #p::Ok(())
            },
        ),
        "try_for_each" => {
            let error = local("error");
            (
                helper(p, "try_for_each", Some(input), &args, span, false),
                quote! {
                    while let #p::Some(#item) = #io.recv().await {
                        if let #p::Err(#error) = #f(#item) {
                            #io.fail(#error).await?;
                        }
                    }
                    #p::Ok(())
                },
            )
        }
        "fold" => {
            let (init, fold) = (args[0], args[1]);
            let (signature, check) = checks::fold(span);
            let reads = quote!(#p::typed::sink_input(&#input), #init, #fold);
            let folding = checks::at(p, span, "fold", signature, check, TokenStream::new(), reads);
            (
                quote!(let (mut #value, mut #f) = #folding;),
                quote! {
                    while let #p::Some(#item) = #io.recv().await {
                        #value = #f(#value, #item);
                    }
                    #p::Ok(#value)
                },
            )
        }
        "count" => (
            quote!(let mut #value: usize = 0;),
            quote! {
                while let #p::Some(_) = #io.recv().await {
                    #value += 1;
                }
                #p::Ok(#value)
            },
        ),
        "first" => (TokenStream::new(), quote!(#p::Ok(#io.recv().await))),
        "last" => (
            quote!(let mut #value = #p::None;),
            quote! {
                while let #p::Some(#item) = #io.recv().await {
                    #value = #p::Some(#item);
                }
                #p::Ok(#value)
            },
        ),
        "drain" => (
            TokenStream::new(),
            quote! {
                while let #p::Some(_) = #io.recv().await {}
                #p::Ok(())
            },
        ),
        _ => {
            let sender = args[0];
            let (signature, check) = checks::to_channel(span);
            let reads = quote!(#p::typed::sink_input(&#input), #sender);
            let sender = checks::at(
                p,
                span,
                "to_channel",
                signature,
                check,
                TokenStream::new(),
                reads,
            );
            (
                quote!(let #value = #sender;),
                quote! {
                    while let #p::Some(#item) = #io.recv().await {
                        if #io.run(#p::ChannelSink::send_item(&#value, #item)).await?.is_err() {
                            break;
                        }
                    }
                    #p::Ok(())
                },
            )
        }
    };
    spawned(
        names,
        Ident::new("sink", span),
        spec,
        Some(input),
        setup,
        body,
    )
}

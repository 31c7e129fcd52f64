//! The block's picture of itself: one statement that hands the run a constant description
//! of its graph, which the runtime's `Graph` reads (and draws). Nothing in it runs per item
//! or per stage.
//!
//! ```text
//! pipeline.describe(const {
//!     use __private::{GraphNode as stage, GraphSpec as graph};
//!     &graph::new(::core::file!(), const { &[
//!         stage::source("from_iter", "gen", ::core::line!(), ::core::column!()),
//!         stage::transform("map", "sq", ..).workers("2").options("workers = 2"),
//!         stage::sink("fold", "fold#3", ..),
//!     ] }, const { &[(0, 1, ""), (1, 2, "")] })
//! });
//! ```
//!
//! Each node's `line!()` and `column!()` are spanned at its kind's name, so they say where
//! the user wrote the stage. Edges come from the plan's links: a stage's input is an edge
//! from the stage that writes that link, labelled with the `let` branch the link is; a
//! recursive stage also has its loop, an edge to itself labelled `children`.

use std::collections::HashMap;

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::{Names, local, written};
use crate::kinds::Role;
use crate::valid::{Plan, PlannedStage, branch_of};

/// The label of a recursive stage's edge to itself.
const LOOP: &str = "children";

/// `pipeline.describe(const { &GraphSpec::new(..) });`, or nothing for a block of no stage
/// (which has no expansion to speak of).
pub(super) fn describe(names: &Names, plan: &Plan<'_>) -> TokenStream {
    let (p, pipeline) = (&names.private, &names.pipeline);
    let Some(first) = plan.stages.first() else {
        return TokenStream::new();
    };
    let file = located(first.stage.span(), "file");
    // Short local names, so that each stage's entry reads on a line of its own.
    let (node_type, spec_type) = (local("stage"), local("graph"));
    let nodes = plan.stages.iter().map(|planned| node(&node_type, planned));
    let edges = edges(&plan.stages).into_iter().map(|(from, to, label)| {
        let (from, to) = (
            Literal::usize_unsuffixed(from),
            Literal::usize_unsuffixed(to),
        );
        quote!((#from, #to, #label))
    });
    quote! {
        #pipeline.describe(const {
            use #p::{GraphNode as #node_type, GraphSpec as #spec_type};
            // Each list a constant of its own: an argument's temporaries would not live
            // past the call, a constant's tail lives as long as the program.
            &#spec_type::new(#file, const { &[#(#nodes),*] }, const { &[#(#edges),*] })
        });
    }
}

/// `stage::transform("map", "sq", line!(), column!())` (`stage` is `GraphNode`), with
/// `.workers(..)` and `.options(..)` when the stage has them.
fn node(node_type: &Ident, planned: &PlannedStage<'_>) -> TokenStream {
    let span = planned.stage.span();
    let constructor = match planned.kind.role() {
        Role::Source => "source",
        Role::Transform => "transform",
        Role::Sink => "sink",
        Role::Merge | Role::Tee | Role::Split => "junction",
    };
    let constructor = Ident::new(constructor, Span::call_site());
    let (kind, name) = (planned.kind.name(), &planned.name);
    let (line, column) = (located(span, "line"), located(span, "column"));
    let mut node = quote!(#node_type::#constructor(#kind, #name, #line, #column));
    if let Some((_, workers)) = planned.options.workers.and_then(|s| s.value.as_ref()) {
        let workers = written::expression(workers);
        node.extend(quote!(.workers(#workers)));
    }
    let options = written::options(planned.stage);
    if !options.is_empty() {
        node.extend(quote!(.options(#options)));
    }
    node
}

/// `::core::line!()` (or `file`, `column`) spanned at `span`: the compiler's answer is then
/// where the user wrote that token, not the `pipeline!` call.
fn located(span: Span, which: &str) -> TokenStream {
    let which = Ident::new(which, span);
    quote_spanned!(span=> ::core::#which!())
}

/// `(from, to, label)` for every link a stage reads, in wiring order, each recursive
/// stage's loop after its input.
fn edges(stages: &[PlannedStage<'_>]) -> Vec<(usize, usize, String)> {
    let mut writers: HashMap<String, usize> = HashMap::new();
    for (index, planned) in stages.iter().enumerate() {
        for output in &planned.outputs {
            // A route's `_`: its items are dropped, no stage reads them.
            if output != "_" {
                writers.insert(output.to_string(), index);
            }
        }
    }
    let mut edges = Vec::new();
    for (index, planned) in stages.iter().enumerate() {
        for input in &planned.inputs {
            if let Some(&from) = writers.get(&input.to_string()) {
                edges.push((from, index, branch_of(input).unwrap_or_default()));
            }
        }
        if planned.kind.is_recursive() {
            edges.push((index, index, LOOP.to_owned()));
        }
    }
    edges
}

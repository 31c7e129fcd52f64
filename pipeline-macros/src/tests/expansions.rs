//! Expansion snapshots: what the macro generates for representative blocks, pretty printed,
//! kept in `pipeline-macros/expansions/*.expanded.rs` as review aids, not as a specification:
//! a change in the generated code shows up as a diff there, for a reviewer to read. Every
//! stage kind of the table appears in at least one input (sources, transforms, async,
//! fallible, junctions, options, and a few whole pipelines), so that a change to any kind's
//! expansion shows.
//!
//! Refresh after an intended change: `PIPELINE_BLESS=1 cargo test -p gopipe-macros`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Block, Head};

/// The expansion of `block` as the body of a function, pretty printed.
fn pretty(block: &str) -> String {
    let block: TokenStream = block.parse().expect("the snapshot input tokenizes");
    let expanded = crate::expand_block(&quote!(::gopipe_runtime), block)
        .unwrap_or_else(|error| panic!("the snapshot input does not expand: {error}"));
    let file: syn::File = syn::parse2(quote! {
        fn expansion() {
            let _ = #expanded;
        }
    })
    .expect("the expansion parses as Rust");
    prettyplease::unparse(&file)
}

/// The snapshot inputs, `expansions/*.pipeline`, in name order.
fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("expansions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("the expansions folder exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "pipeline"))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn expansions_match_their_snapshots() {
    let bless = std::env::var_os("PIPELINE_BLESS").is_some();
    let inputs = inputs();
    assert!(inputs.len() >= 4, "snapshot inputs are missing");
    let mut stale = Vec::new();
    for input in inputs {
        let block = std::fs::read_to_string(&input).expect("readable input");
        let expanded = pretty(&block);
        let snapshot = input.with_extension("expanded.rs");
        if bless {
            std::fs::write(&snapshot, &expanded).expect("writable snapshot");
        } else if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(expanded.as_str()) {
            stale.push(snapshot.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the generated code changed; review and refresh with PIPELINE_BLESS=1: {stale:?}"
    );
}

#[test]
fn every_kind_appears_in_a_snapshot() {
    let mut used = HashSet::new();
    for input in inputs() {
        let text = std::fs::read_to_string(&input).expect("readable input");
        let block: Block = syn::parse_str(&text).expect("the snapshot input parses");
        let chains = block.branches.iter().map(|branch| &branch.chain);
        for chain in chains.chain(&block.output) {
            if let Head::Stage(stage) = &chain.head {
                used.insert(stage.kind.to_string());
            }
            used.extend(chain.stages.iter().map(|stage| stage.kind.to_string()));
        }
    }
    let missing: Vec<&str> = crate::kinds::Kind::ALL
        .iter()
        .map(|kind| kind.name())
        .filter(|name| !used.contains(*name))
        .collect();
    assert!(
        missing.is_empty(),
        "no snapshot input uses {missing:?}: add them to a `pipeline-macros/expansions/*.pipeline` \
         (then bless)"
    );
}

/// A kind that takes `retry` (the table's fallible transforms) expands it into the runtime's
/// retry loop: a kind added to the table as a fallible transform, with a loop of its own,
/// would otherwise accept the option and ignore it.
#[test]
fn every_kind_that_takes_retry_expands_it() {
    let kinds: Vec<_> = crate::kinds::Kind::ALL
        .iter()
        .filter(|kind| kind.can_retry())
        .collect();
    assert!(kinds.len() >= 2, "try_map and try_then take `retry`");
    for kind in kinds {
        let args = vec!["f"; kind.args().len()].join(", ");
        let block = format!(
            "from_iter(items) -> {}({args}) [retry = 3] -> drain()",
            kind.name()
        );
        let expanded = pretty(&block);
        assert!(
            expanded.contains(".checked_retry(")
                && [".send_retried(", ".run_retried(", ".run_attempts("]
                    .iter()
                    .any(|call| expanded.contains(call)),
            "`{}` accepts `retry` but its expansion does not retry:\n{expanded}",
            kind.name()
        );
    }
}

/// A kind that takes `rate` (every source, transform and sink) expands it: the limiter made
/// in its setup, and each item's token taken by its loop (or by the runtime part that
/// receives or emits its items), shared by its workers. A kind added to the table with a loop
/// of its own would otherwise accept the option and ignore it.
#[test]
fn every_kind_that_takes_rate_expands_it() {
    use crate::kinds::{Kind, Role};
    let kinds: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|kind| kind.can_rate())
        .collect();
    assert!(
        kinds.len() >= 25,
        "sources, transforms and sinks take `rate`"
    );
    for kind in kinds {
        let args = vec!["f"; kind.args().len()].join(", ");
        let mut options = vec!["rate = 10"];
        if kind.is_parallel() {
            options.push("workers = 2, rate = 10");
        }
        for options in options {
            let stage = format!("{}({args}) [{options}]", kind.name());
            let block = match kind.role() {
                Role::Source => format!("{stage} -> drain()"),
                Role::Sink => format!("from_iter(items) -> {stage}"),
                Role::Transform | Role::Merge | Role::Tee | Role::Split => {
                    format!("from_iter(items) -> {stage} -> drain()")
                }
            };
            let expanded = pretty(&block);
            let takes_tokens = [
                ".wait_for_token(&limiter)",
                ".limited(limiter)",
                ".limit_emitter(",
            ]
            .iter()
            .any(|call| expanded.contains(call));
            assert!(
                expanded.contains(".checked_rate(") && takes_tokens,
                "`{block}` accepts `rate` but its expansion does not take tokens:\n{expanded}"
            );
            if options.contains("workers") {
                assert!(
                    expanded.contains("let limiter = limiter.clone();"),
                    "the workers of `{block}` do not share its limiter:\n{expanded}"
                );
            }
        }
    }
}

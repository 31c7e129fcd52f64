//! Expansion snapshots: what the macro generates for a few representative blocks, pretty
//! printed, kept in `pipeline-macros/expansions/*.expanded.rs` as review aids. A change in
//! the generated code shows up as a diff there.
//!
//! Refresh after an intended change: `PIPELINE_BLESS=1 cargo test -p gopipe-macros`.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

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

#[test]
fn expansions_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("expansions");
    let bless = std::env::var_os("PIPELINE_BLESS").is_some();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("the expansions folder exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "pipeline"))
        .collect();
    inputs.sort();
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

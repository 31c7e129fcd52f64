//! Tests of the macro as a function of tokens: it never panics, and what it generates.

mod expansions;
mod robustness;

use proc_macro2::{TokenStream, TokenTree};

/// Every `pipeline! { .. }` block in `source`, as the tokens the macro receives.
pub(crate) fn pipeline_blocks(source: &str) -> Vec<TokenStream> {
    let Ok(tokens) = source.parse::<TokenStream>() else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    collect_blocks(tokens, &mut blocks);
    blocks
}

fn collect_blocks(tokens: TokenStream, blocks: &mut Vec<TokenStream>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        if let TokenTree::Group(group) = token {
            let is_invocation = index >= 2
                && matches!(&tokens[index - 1], TokenTree::Punct(p) if p.as_char() == '!')
                && matches!(&tokens[index - 2], TokenTree::Ident(i) if i == "pipeline");
            if is_invocation {
                blocks.push(group.stream());
            } else {
                collect_blocks(group.stream(), blocks);
            }
        }
    }
}

/// The files holding `pipeline!` blocks: the trybuild cases and the behaviour tests.
pub(crate) fn test_sources() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files.push((path.display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

//! The proc macro behind `pipeline!`. Use it through the `gopipe` crate.
//!
//! The public `pipeline!` is a `macro_rules!` in the runtime that forwards `$crate` here, so
//! the generated code can reach the runtime however the user named or re-exported it.
//!
//! A block goes through three passes, each in its own module:
//! `ast` (parse into typed syntax that keeps spans) -> `valid` (the graph rules; every
//! error on its own tokens) -> `expand` (one short loop per stage over the runtime). The
//! macro never panics: every failure is a `syn::Error`, emitted as `compile_error!` next to a
//! placeholder value, so the user sees the one error that matters.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
mod checks;
mod expand;
mod kinds;
mod suggest;
#[cfg(test)]
mod tests;
mod valid;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

/// `__pipeline!($crate; block)`: the implementation of `pipeline!`.
#[doc(hidden)]
#[proc_macro]
pub fn __pipeline(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    pipeline(input.into()).into()
}

fn pipeline(input: TokenStream) -> TokenStream {
    let (krate, block) = split_crate(input);
    match expand_block(&krate, block) {
        Ok(expanded) => expanded,
        Err(error) => {
            let error = error.into_compile_error();
            // Something of a plausible type beside the error, so that code using the
            // pipeline's value does not add errors of its own.
            quote!({ #error #krate::__private::placeholder() })
        }
    }
}

/// Parses, validates and expands one block.
fn expand_block(krate: &TokenStream, block: TokenStream) -> syn::Result<TokenStream> {
    let block: ast::Block = syn::parse2(block)?;
    let plan = valid::validate(&block)?;
    Ok(expand::expand(krate, &plan))
}

/// Splits `$crate ; rest` into the crate path and the block.
fn split_crate(input: TokenStream) -> (TokenStream, TokenStream) {
    let mut krate = TokenStream::new();
    let mut tokens = input.into_iter();
    for token in tokens.by_ref() {
        if let TokenTree::Punct(punct) = &token
            && punct.as_char() == ';'
        {
            break;
        }
        krate.extend(std::iter::once(token));
    }
    (krate, tokens.collect())
}

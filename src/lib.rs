//! Go-style concurrent pipelines on tokio that cannot leak tasks.
//!
//! This crate is what users depend on: it re-exports the runtime (and, with the macro issue,
//! the `pipeline!` macro). See the README for the contract and the examples.

#![forbid(unsafe_code)]

pub use pipeline_runtime::*;

//! Re-exports `pipeline`, as a framework built on it would.

pub use pipeline;

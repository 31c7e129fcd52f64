//! Re-exports `gopipe`, as a framework built on it would.

pub use gopipe;

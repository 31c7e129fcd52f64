//! The proc macro behind `pipeline!`.
//!
//! Nothing here is meant to be used directly: the public `pipeline!` lives in the runtime crate
//! as a `macro_rules!` front that forwards `$crate` to this crate. The DSL itself lands with the
//! macro issue; until then this crate exports no macro.

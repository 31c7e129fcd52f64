//! The public `pipeline!`: a `macro_rules!` front that hands `$crate` to the proc macro, so
//! the generated code reaches this crate however the user named or re-exported it. Kept in a
//! file of its own so that compiler messages pointing here keep their line numbers.

#[doc = include_str!("pipeline_macro.md")]
#[macro_export]
macro_rules! pipeline {
    // Here rather than in the proc macro: an empty block has no token of the user's to put the
    // error on, and an error made here names no internal macro.
    () => {
        ::core::compile_error!(
            "empty pipeline: expected stages, e.g. `from_iter(items) -> map(f) -> collect()`"
        )
    };
    ($($block:tt)*) => {
        $crate::__private::__pipeline! { $crate; $($block)* }
    };
}

//! The public `pipeline!`: a `macro_rules!` front that hands `$crate` to the proc macro, so
//! the generated code reaches this crate however the user named or re-exported it. Kept in a
//! file of its own so that compiler messages pointing here keep their line numbers.

#[doc = include_str!("pipeline_macro.md")]
#[macro_export]
macro_rules! pipeline {
    ($($block:tt)*) => {
        $crate::__private::__pipeline! { $crate; $($block)* }
    };
}

#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub use pipeline_runtime::*;

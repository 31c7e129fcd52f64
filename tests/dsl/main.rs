//! Behaviour tests of `pipeline!`: every DSL form of the README, run through the macro (not
//! only the runtime), and the semantics contract checked on generated code.

#[path = "../runtime/common.rs"]
mod common;

mod ack;
mod arguments;
mod batching;
mod error_stream;
mod fusion;
mod graph;
mod handle;
mod junctions;
mod metrics;
mod options;
mod progress;
mod rate;
mod recursion;
mod retry;
mod route;
mod semantics;
mod sinks;
mod smoke;
mod sources;
mod styles;
#[cfg(feature = "tracing")]
mod traced;
mod transforms;

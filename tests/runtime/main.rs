//! Behaviour tests of the runtime, used by hand (no macro): one module per guarantee of
//! DESIGN's semantics contract, plus the failure modes of the Go articles.

mod common;

mod channel;
mod done;
mod error_styles;
mod fan_out;
mod go_failure_modes;
mod merge;
mod outlet;
mod pause;
mod scope;
mod semaphore;

//! The wiring of a `pipeline!` block: what the expansion calls, reached through
//! `$crate::__private`. Not an API to use by hand (the [`stage`](crate::stage) module is the
//! by-hand API), but meant to be read in `cargo expand` output.
//!
//! A block becomes: a [`Pipeline`] (the run's scope and options); one call per stage that
//! spawns it on the stage engine ([`crate::stage`]) and returns the [`Link`] to its output;
//! for each transform, a short loop over a `StageIo`, or for a synchronous one a call that
//! fuses it with its neighbours ([`fused`](Pipeline::fuse)); and finally [`Pipeline::sink`] (a
//! [`Run`](crate::Run) future), [`Pipeline::gather`] of the sinks that end the block's
//! branches (a `Run` of their values) or [`Pipeline::into_stream`] (a
//! [`Handle`](crate::Handle) stream). [`typed`] holds the checks of user code, with their messages.

mod endpoints;
mod fused;
mod junctions;
mod options;
mod pipeline;
mod rate;
mod recursion;
mod retry;
mod sinks;
pub mod typed;

pub use endpoints::next;
pub(crate) use fused::spawn_group;
pub use options::{CancelWith, Options, StageSpec};
pub use pipeline::{Link, Pipeline};

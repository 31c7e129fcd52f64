//! What `pipeline!` generates code against. Not meant to be used by hand (the [`stage`]
//! module is the by-hand API), but stable enough to read in `cargo expand` output.
//!
//! A block becomes: a [`Pipeline`] (the run's scope and options); one call per stage that
//! spawns it and returns the [`Link`] to its output; for each transform, a short loop over a
//! [`StageIo`]; and finally [`Pipeline::sink`] (a [`Run`] future) or
//! [`Pipeline::into_stream`] (a [`Handle`] stream).
//!
//! [`stage`]: crate::stage

mod exit;
mod handle;
mod io;
mod junction;
mod pipeline;
mod source;
mod style;
pub mod typed;

pub use exit::{Elapsed, Exit, Timeout};
pub use handle::{Handle, HeldErrors, Run};
pub(crate) use io::Outbox;
pub use io::{SinkIo, SourceIo, StageIo};
pub(crate) use junction::forward as junction_forward;
pub use pipeline::{CancelWith, ItemTimeout, Link, Options, Pipeline, StageSpec};
pub use source::{ChannelSink, ChannelSource, Emitter, next};
pub use style::{Plain, Results, Style};

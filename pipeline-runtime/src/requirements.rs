//! What the stages of a `pipeline!` block require of user code and of the values it is
//! given. The compiler names these traits when something does not fit, and their messages
//! say what to write instead; every type that fits implements them already (each has a
//! blanket impl), so user code never implements or names them.
//!
//! | trait | required of |
//! |---|---|
//! | [`Item`] | the items passed between stages: `Send + 'static` |
//! | [`StageCode`] | a stage's closure: `Send` |
//! | [`WorkerCopy`] | the closure of a stage with `workers = N`: `Clone` |
//! | [`StageState`] | `scan`'s state and `fold`'s accumulator: `Send + 'static` |
//! | [`RunError`] | the run's error type: `Send + 'static` |
//! | [`Items`] | what `from_iter` takes |
//! | [`ItemStream`] | what `from_stream` takes |
//! | [`Receiving`], [`ChannelSource`] | what `from_channel` takes |
//! | [`Sending`], [`ChannelSink`] | what `to_channel` takes |
//! | [`CollectInto`] | the items `collect::<C>()` gathers |
//! | [`ItemTimeout`] | a per-item `timeout`: the run's error type is `From<Elapsed>` |
//! | [`Expansion`] | what `recurse`'s closure resolves to: `(output, children)` |
//! | [`ItemKey`] | the key `unique_by` gives: `Hash + Eq + Send + 'static` |
//! | [`RetryPolicy`] | the value of `retry`: a number of attempts or a [`Retry`](crate::Retry) |
//! | [`RetryItems`] | the items of a stage with `retry`: `Clone` |
//! | [`RateLimit`] | the value of `rate`: a number of items per second or a [`Rate`](crate::Rate) |
//! | [`ShowProgress`](crate::progress::ShowProgress) | the value of `#![progress = ..]`: a `Progress`, a `Duration` or a `bool` |
//!
//! One file per concern: `code.rs` (user code and its state), `ends.rs` (what sources take
//! and sinks give), `options.rs` (what stage options take).

mod code;
mod ends;
mod options;

pub use code::{Item, RunError, StageCode, StageState, WorkerCopy};
#[doc(hidden)]
pub use ends::Collecting;
pub use ends::{ChannelSink, ChannelSource, CollectInto, ItemStream, Items, Receiving, Sending};
pub use options::{Expansion, ItemKey, ItemTimeout, RateLimit, RetryItems, RetryPolicy};

//! Redis Streams for [`gopipe`](https://docs.rs/gopipe): a consumer-group source whose entries
//! are acknowledged only after the pipeline is done with them, and a stream sink. Several
//! processes running the same pipeline share one job through a group; when one dies, the
//! others take over its entries.
//!
//! - [`Consumer::source`] is a `try_generate` source. It creates the group if it is missing
//!   (`XGROUP CREATE .. MKSTREAM`), claims entries idle past a threshold from dead consumers
//!   (`XAUTOCLAIM`, at start and then periodically, before new work), reads new ones in
//!   blocking batches (`XREADGROUP`), and emits each as a
//!   [`Message`](gopipe_runtime::ack::Message): the value the decoder made of the entry and
//!   the entry's [`Ack`](gopipe_runtime::ack::Ack).
//! - **Ack after the sink.** An entry is acknowledged (`XACK`, in batches by count and by
//!   time) once every item derived from it is acked: see [`gopipe::ack`](gopipe_runtime::ack)
//!   for how splits, chunks, `tee` branches and recursion are counted. An entry whose
//!   message fails, or is dropped unacked (a panic, a cancelled run), stays pending and is
//!   redelivered; on its last allowed delivery it goes to the dead-letter stream with its
//!   error and stage, and is acknowledged there. Nothing is silently lost.
//! - [`Producer`] writes batches (`XADD`, pipelined, `MAXLEN ~` optional), and
//!   [`Producer::send`] acks a chunk's source entries once it is written.
//! - A lost connection is re-established with backoff and jitter ([`Reconnect`]); the run
//!   fails with [`Error::Unavailable`] if the server stays away past the limit.
//! - [`Consumer::shutdown`] (or [`ConsumerBuilder::shutdown_on`] Ctrl-C) stops reading,
//!   lets the work read finish within a bound, sends the acks, and ends the source.
//!
//! ```no_run
//! use gopipe::pipeline;
//! use gopipe_redis::{Consumer, Entry, Producer};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = redis::Client::open("redis://127.0.0.1/").unwrap();
//! let consumer = Consumer::builder(client.clone(), "lines", "counters", "worker-1")
//!     .shutdown_on(async { tokio::signal::ctrl_c().await.ok(); })
//!     .build()?;
//! let producer = Producer::new(client, "words");
//! pipeline! {
//!     try_generate(consumer.source(|entry: &Entry| entry.text("line")))
//!         -> flat_map(|line| {
//!             let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
//!             line.split(words)
//!         })
//!         -> map(|word| word.map(|w| [("word", w)]))
//!         -> chunks_timeout(100, std::time::Duration::from_millis(5))
//!         -> try_for_each_async(move |batch| producer.clone().send(batch))
//! }
//! .await?;
//! consumer.close().await?;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod consumer;
mod dead_letter;
mod entry;
mod error;
mod ledger;
mod link;
mod producer;
mod source;

pub use consumer::{Consumer, ConsumerBuilder, StartFrom, Stats};
pub use entry::{Entry, FieldError};
pub use error::Error;
pub use link::Reconnect;
pub use producer::Producer;
pub use redis;
pub use source::Running;

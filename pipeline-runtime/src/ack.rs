//! Acknowledgement after the sink: items that carry the broker entry they came from.
//!
//! A broker source (a Redis Streams consumer group, say) hands out [`Message`]s: a value and an
//! [`Ack`] token for the entry it was read from. The entry is settled once, when every holder
//! of its token has let go, and what it becomes follows from how they let go:
//!
//! - every holder called [`Ack::ack`] (or a [`Message`] method that acks, such as
//!   [`consume`](Message::consume) or [`keep_if`](Message::keep_if) dropping it): the entry is
//!   [`Outcome::Done`] and the broker acknowledges it;
//! - any holder called [`Ack::fail`], or was **dropped without settling** (a `?` that dropped
//!   the message, a panic, a cancelled run, an early stop, a value taken out of its message and
//!   the token thrown away): the entry is [`Outcome::Failed`], with the first error (an error
//!   is kept over a drop) and the stage it happened in. The broker leaves it for redelivery, or
//!   dead-letters it once it has been delivered too often. Nothing is acknowledged by accident.
//!
//! Derived items are counted because each is a holder: [`Message::split`] (`flat_map`'s
//! children, a recursive stage's children), [`Message::derive`], and `Clone` (a `tee`'s
//! branches). A chunk of messages acks when each member is acked
//! ([`Message::unzip`] and [`Acks`] do it at once).
//!
//! The pipeline's stages move a `Message` like any other item: nothing here runs unless a
//! pipeline carries messages, so a pipeline without them pays nothing for it. A broker plugs
//! in by giving [`Ack::new`] what to do with the [`Outcome`].
//!
//! ```
//! use std::sync::{Arc, Mutex};
//! use gopipe_runtime::ack::{Ack, Message, Outcome};
//!
//! let settled = Arc::new(Mutex::new(Vec::new()));
//! let entry = |id: u32| {
//!     let settled = Arc::clone(&settled);
//!     Ack::new(move |outcome: Outcome| settled.lock().unwrap().push((id, outcome.is_done())))
//! };
//!
//! // A line split into words acks once every word is consumed.
//! let line = Message::new("to be", entry(1));
//! let words = line.split(vec!["to", "be"]);
//! for word in words {
//!     word.consume(|w| assert!(!w.is_empty()));
//! }
//! // A parse that fails leaves its entry unacknowledged.
//! let bad = Message::new("x", entry(2));
//! assert!(bad.try_map(|s| s.parse::<u32>()).is_err());
//!
//! assert_eq!(*settled.lock().unwrap(), vec![(1, true), (2, false)]);
//! ```

mod message;
mod token;

pub use message::Message;
pub use token::{Ack, Acks, Failure, Outcome};

//! [`Consumer`]: one consumer of a group, its options, and what it has done.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use gopipe_runtime::Emitter;
use gopipe_runtime::Style;
use gopipe_runtime::ack::Message;
use redis::Client;
use tokio::sync::Notify;

use crate::entry::Entry;
use crate::error::Error;
use crate::ledger::Ledger;
use crate::link::{Link, Reconnect};
use crate::source;

/// Where a new group starts reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartFrom {
    /// From the stream's first entry (`0`): everything already in the stream is work.
    #[default]
    Oldest,
    /// Only entries added after the group is created (`$`).
    New,
}

/// The options of a [`Consumer`]; see [`Consumer::builder`] for their defaults.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) stream: String,
    pub(crate) group: String,
    pub(crate) consumer: String,
    pub(crate) batch: usize,
    pub(crate) block: Duration,
    pub(crate) in_flight: usize,
    pub(crate) claim_idle: Duration,
    pub(crate) claim_every: Duration,
    pub(crate) max_deliveries: u64,
    pub(crate) dead_letter: Option<String>,
    pub(crate) ack_batch: usize,
    pub(crate) ack_interval: Duration,
    pub(crate) drain_timeout: Duration,
    pub(crate) start: StartFrom,
}

type Signal = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Builds a [`Consumer`].
#[must_use = "a builder does nothing until `build` is called"]
pub struct ConsumerBuilder {
    client: Client,
    options: Options,
    reconnect: Reconnect,
    shutdown: Option<Signal>,
}

impl ConsumerBuilder {
    /// Entries read per `XREADGROUP` (100).
    pub fn batch(mut self, entries: usize) -> Self {
        self.options.batch = entries;
        self
    }

    /// How long one read waits on the server for new entries (500 ms). It also bounds how
    /// long a shutdown waits for the read in progress.
    pub fn block(mut self, wait: Duration) -> Self {
        self.options.block = wait;
        self
    }

    /// Entries this consumer holds at most: read and not yet acknowledged on the server
    /// (1,000). It is what a killed worker leaves for the others to redo.
    pub fn in_flight(mut self, entries: usize) -> Self {
        self.options.in_flight = entries;
        self
    }

    /// How long an entry stays pending, unacknowledged, before this consumer takes it over
    /// from whoever has it (30 s). Set it above the longest time one entry takes to process.
    pub fn claim_idle(mut self, idle: Duration) -> Self {
        self.options.claim_idle = idle;
        self
    }

    /// How often entries idle past [`claim_idle`](Self::claim_idle) are claimed (5 s); also
    /// at start. Claimed entries are processed before new ones.
    pub fn claim_every(mut self, period: Duration) -> Self {
        self.options.claim_every = period;
        self
    }

    /// Deliveries after which a failed entry goes to the dead-letter stream (5). An entry
    /// claimed after more deliveries than this (its workers kept dying on it) goes there
    /// without being processed again.
    pub fn max_deliveries(mut self, deliveries: u64) -> Self {
        self.options.max_deliveries = deliveries;
        self
    }

    /// The dead-letter stream (`<stream>:dead`). `None` keeps failed entries pending
    /// forever instead, for a person to look at.
    pub fn dead_letter(mut self, stream: Option<&str>) -> Self {
        self.options.dead_letter = stream.map(str::to_owned);
        self
    }

    /// Acknowledgements are sent once `count` are owed, or `interval` after the oldest was
    /// (100, 20 ms).
    pub fn ack_batch(mut self, count: usize, interval: Duration) -> Self {
        self.options.ack_batch = count;
        self.options.ack_interval = interval;
        self
    }

    /// How a lost connection is re-established, and when to give up ([`Reconnect`]).
    pub fn reconnect(mut self, reconnect: Reconnect) -> Self {
        self.reconnect = reconnect;
        self
    }

    /// After a shutdown, how long the work already read may take to finish (10 s). What is
    /// not done by then is left pending, for this consumer or another to redo.
    pub fn drain_timeout(mut self, timeout: Duration) -> Self {
        self.options.drain_timeout = timeout;
        self
    }

    /// Where the group starts if this consumer creates it ([`StartFrom::Oldest`]).
    pub fn start_from(mut self, start: StartFrom) -> Self {
        self.options.start = start;
        self
    }

    /// Shuts the consumer down when `signal` completes, as [`Consumer::shutdown`] does:
    /// `.shutdown_on(async { tokio::signal::ctrl_c().await.ok(); })`.
    pub fn shutdown_on(mut self, signal: impl Future<Output = ()> + Send + 'static) -> Self {
        self.shutdown = Some(Box::pin(signal));
        self
    }

    /// The consumer, or [`Error::Config`] naming the option that cannot work.
    pub fn build(self) -> Result<Consumer, Error> {
        let o = &self.options;
        let problem = if o.stream.is_empty() || o.group.is_empty() || o.consumer.is_empty() {
            Some("the stream, group and consumer names must not be empty".to_owned())
        } else if o.batch == 0 || o.in_flight == 0 || o.ack_batch == 0 {
            Some(format!(
                "batch ({}), in_flight ({}) and ack_batch ({}) must be at least 1",
                o.batch, o.in_flight, o.ack_batch
            ))
        } else if o.max_deliveries == 0 {
            Some("max_deliveries must be at least 1".to_owned())
        } else if o.dead_letter.as_deref() == Some(o.stream.as_str()) {
            Some("the dead-letter stream must not be the stream itself".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(Error::Config(problem));
        }
        Ok(Consumer {
            shared: Arc::new(Shared {
                reader: Link::new(self.client.clone(), self.reconnect, true),
                writer: Link::new(self.client, self.reconnect, false),
                ledger: Ledger::new(self.options.max_deliveries),
                options: self.options,
                stop: Stop::default(),
                signal: Mutex::new(self.shutdown),
                running: AtomicBool::new(false),
                flushing: tokio::sync::Mutex::new(()),
            }),
        })
    }
}

/// A consumer's shutdown: raised once, seen by its source between reads.
#[derive(Debug, Default)]
pub(crate) struct Stop {
    raised: AtomicBool,
    notify: Notify,
}

impl Stop {
    pub(crate) fn raise(&self) {
        self.raised.store(true, Ordering::Release);
        self.notify.notify_waiters();
    }

    pub(crate) fn is_raised(&self) -> bool {
        self.raised.load(Ordering::Acquire)
    }

    pub(crate) async fn raised(&self) {
        loop {
            let notified = self.notify.notified();
            if self.is_raised() {
                return;
            }
            notified.await;
        }
    }
}

/// What a consumer's source and its handles share.
pub(crate) struct Shared {
    pub(crate) options: Options,
    /// For `XREADGROUP ... BLOCK` only: a blocking read holds its connection.
    pub(crate) reader: Link,
    /// Everything else: claims, acknowledgements, dead letters.
    pub(crate) writer: Link,
    pub(crate) ledger: Arc<Ledger>,
    pub(crate) stop: Stop,
    pub(crate) signal: Mutex<Option<Signal>>,
    pub(crate) running: AtomicBool,
    /// Held by the flush in progress.
    pub(crate) flushing: tokio::sync::Mutex<()>,
}

/// One consumer of a Redis Streams consumer group: a `pipeline!` source through
/// [`source`](Self::source), whose entries are acknowledged only once the pipeline is done
/// with them (see the crate docs).
///
/// A clone is a handle on the same consumer, to [`shutdown`](Self::shutdown) it from
/// elsewhere or read its [`stats`](Self::stats).
#[derive(Clone)]
pub struct Consumer {
    pub(crate) shared: Arc<Shared>,
}

impl Consumer {
    /// A builder for consumer `consumer` of group `group` on `stream`, with these defaults:
    /// batches of 100, reads that wait 500 ms, 1,000 entries in flight, entries idle for 30 s
    /// claimed every 5 s, dead letters to `<stream>:dead` after 5 deliveries, acks in batches
    /// of 100 or every 20 ms, the default [`Reconnect`], 10 s to drain on shutdown.
    ///
    /// Each consumer of a group needs a name of its own (a host name and process id, say).
    pub fn builder(client: Client, stream: &str, group: &str, consumer: &str) -> ConsumerBuilder {
        ConsumerBuilder {
            client,
            options: Options {
                stream: stream.to_owned(),
                group: group.to_owned(),
                consumer: consumer.to_owned(),
                batch: 100,
                block: Duration::from_millis(500),
                in_flight: 1_000,
                claim_idle: Duration::from_secs(30),
                claim_every: Duration::from_secs(5),
                max_deliveries: 5,
                dead_letter: Some(format!("{stream}:dead")),
                ack_batch: 100,
                ack_interval: Duration::from_millis(20),
                drain_timeout: Duration::from_secs(10),
                start: StartFrom::Oldest,
            },
            reconnect: Reconnect::default(),
            shutdown: None,
        }
    }

    /// The source for `try_generate`: reads the group, decodes each entry with `decode`, and
    /// emits it as a [`Message`] whose [`Ack`](gopipe_runtime::ack::Ack) acknowledges the
    /// entry.
    ///
    /// An entry `decode` fails on is moved to the dead-letter stream at once (a malformed
    /// entry will not decode on a redelivery) and reported with
    /// [`Emitter::report`]: to the error stream, as an `Err` item, or, in the fail-fast
    /// style, ending the run with [`Error::Decode`]. The source ends after a
    /// [`shutdown`](Self::shutdown), once the work it read is done (or
    /// [`drain_timeout`](ConsumerBuilder::drain_timeout) has passed) and acknowledged; or
    /// with [`Error::Unavailable`] when the server stays away too long.
    ///
    /// The source never ends by itself (a stream has no end), so batch with
    /// `chunks_timeout(n, window)`: a plain `chunks(n)` holds its last partial chunk, and
    /// the acks of its entries, until the source ends.
    ///
    /// A consumer runs one source at a time: a second one running at once fails with
    /// [`Error::Config`].
    pub fn source<T, D, DecodeError, E, S>(
        &self,
        decode: D,
    ) -> impl FnOnce(Emitter<Message<T>, E, S>) -> source::Running<E> + use<T, D, DecodeError, E, S>
    where
        T: Send + 'static,
        D: FnMut(&Entry) -> Result<T, DecodeError> + Send + 'static,
        DecodeError: std::fmt::Display + 'static,
        E: From<Error> + Send + 'static,
        S: Style,
        S::Item<Message<T>, E>: Send,
    {
        let shared = Arc::clone(&self.shared);
        move |emit| Box::pin(source::run(shared, decode, emit))
    }

    /// Stops reading: the source finishes the work it has read, acknowledges it, and ends.
    pub fn shutdown(&self) {
        self.shared.stop.raise();
    }

    /// Sends what is still owed the server: acknowledgements and dead letters of entries
    /// settled after the source ended (a run cancelled mid-way, or ended by its consumer, a
    /// `take(n)` say; a drain that timed out). Call it once the run is over; entries it
    /// cannot send are redelivered later.
    pub async fn close(&self) -> Result<(), Error> {
        source::flush(&self.shared).await
    }

    /// What this consumer has done so far.
    pub fn stats(&self) -> Stats {
        let counts = &self.shared.ledger.counts;
        let load = |count: &std::sync::atomic::AtomicU64| count.load(Ordering::Relaxed);
        Stats {
            read: load(&counts.read),
            reclaimed: load(&counts.reclaimed),
            acked: load(&counts.acked),
            left_pending: load(&counts.left_pending),
            dead_lettered: load(&counts.dead_lettered),
            held: self.shared.ledger.held(),
        }
    }

    /// The consumer's stream, group and name.
    pub fn names(&self) -> (&str, &str, &str) {
        let o = &self.shared.options;
        (&o.stream, &o.group, &o.consumer)
    }

    pub(crate) fn take_signal(shared: &Shared) -> Option<Signal> {
        shared
            .signal
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl std::fmt::Debug for Consumer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (stream, group, consumer) = self.names();
        f.debug_struct("Consumer")
            .field("stream", &stream)
            .field("group", &group)
            .field("consumer", &consumer)
            .finish_non_exhaustive()
    }
}

/// Counts of what a [`Consumer`] has done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// New entries read (`XREADGROUP`).
    pub read: u64,
    /// Entries taken over from idle consumers (`XAUTOCLAIM`).
    pub reclaimed: u64,
    /// Entries acknowledged on the server.
    pub acked: u64,
    /// Entries that failed and were left pending for redelivery.
    pub left_pending: u64,
    /// Entries moved to the dead-letter stream.
    pub dead_lettered: u64,
    /// Entries held now: read and not yet acknowledged on the server.
    pub held: usize,
}

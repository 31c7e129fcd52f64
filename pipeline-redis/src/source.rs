//! The source loop of a [`Consumer`](crate::Consumer): reclaim, read, decode, emit; and,
//! beside it in the same future, the flusher that sends what settled entries owe the server.
//!
//! Both run inside the `try_generate` stage's future, so the source owns no task of its own:
//! cancelling the run drops them at their next await, and the entries they held stay pending
//! on the server, to be reclaimed.

use std::fmt::Display;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use gopipe_runtime::ack::Message;
use gopipe_runtime::{Emitter, Style, current_stage};
use redis::streams::{StreamAutoClaimReply, StreamId, StreamPendingCountReply, StreamReadReply};
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::consumer::{Consumer, Shared, StartFrom};
use crate::dead_letter;
use crate::entry::Entry;
use crate::error::Error;
use crate::ledger::DeadLetter;
use crate::link::Request;

/// The future a consumer's source runs as (boxed once per run).
pub type Running<E> = Pin<Box<dyn Future<Output = Result<(), E>> + Send>>;

/// Set by the read loop once it has stopped reading and drained: the flusher then sends
/// what is owed and ends.
#[derive(Default)]
struct Finished {
    set: AtomicBool,
    notify: Notify,
}

impl Finished {
    fn set(&self) {
        self.set.store(true, Ordering::Release);
        self.notify.notify_waiters();
    }

    fn is_set(&self) -> bool {
        self.set.load(Ordering::Acquire)
    }
}

/// Clears the consumer's "running" mark when the source ends, however it ends.
struct RunningMark<'a>(&'a AtomicBool);

impl Drop for RunningMark<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

pub(crate) async fn run<T, D, DecodeError, E, S>(
    shared: Arc<Shared>,
    decode: D,
    emit: Emitter<Message<T>, E, S>,
) -> Result<(), E>
where
    D: FnMut(&Entry) -> Result<T, DecodeError> + Send,
    DecodeError: Display,
    E: From<Error>,
    S: Style,
{
    if shared.running.swap(true, Ordering::AcqRel) {
        return Err(Error::Config("this consumer's source is already running".to_owned()).into());
    }
    let _mark = RunningMark(&shared.running);
    // The decoder's error as text at once: it need not be `Send` to cross the awaits after it.
    let mut decode = decode;
    let decode = move |entry: &Entry| decode(entry).map_err(|error| error.to_string());
    let finished = Finished::default();
    let both = async {
        tokio::try_join!(read(&shared, decode, &emit, &finished), async {
            flusher(&shared, &finished).await.map_err(E::from)
        })
    };
    let mut both = std::pin::pin!(both);
    let outcome = match Consumer::take_signal(&shared) {
        Some(signal) => {
            tokio::select! {
                outcome = &mut both => outcome,
                () = signal => {
                    shared.stop.raise();
                    both.await
                }
            }
        }
        None => both.await,
    };
    match outcome {
        Ok(_) => Ok(()),
        Err(error) => {
            // What settled before the failure is still owed; a server that is away gets no
            // second wait here (its entries are redelivered).
            let _ = tokio::time::timeout(Duration::from_secs(1), flush(&shared)).await;
            Err(error)
        }
    }
}

/// Reads until shut down, then waits for the work read to settle (up to the drain timeout).
async fn read<T, D, E, S>(
    shared: &Shared,
    mut decode: D,
    emit: &Emitter<Message<T>, E, S>,
    finished: &Finished,
) -> Result<(), E>
where
    D: FnMut(&Entry) -> Result<T, String>,
    E: From<Error>,
    S: Style,
{
    let options = &shared.options;
    let ledger = &shared.ledger;
    let outcome = async {
        ensure_group(shared).await?;
        let mut next_claim = Instant::now();
        while !shared.stop.is_raised() {
            if Instant::now() >= next_claim {
                for entry in claim(shared).await? {
                    deliver(shared, entry, &mut decode, emit).await?;
                }
                next_claim = Instant::now() + options.claim_every;
            }
            let room = options.in_flight.saturating_sub(ledger.held());
            if room == 0 {
                let settled = ledger.changed.notified();
                if ledger.held() >= options.in_flight {
                    tokio::select! {
                        () = settled => {}
                        () = shared.stop.raised() => {}
                        () = tokio::time::sleep_until(next_claim) => {}
                    }
                }
                continue;
            }
            for entry in read_new(shared, room.min(options.batch)).await? {
                deliver(shared, entry, &mut decode, emit).await?;
            }
        }
        Ok::<(), E>(())
    }
    .await;
    if outcome.is_ok() {
        let drained = async {
            while ledger.unsettled() > 0 {
                let settled = ledger.changed.notified();
                if ledger.unsettled() > 0 {
                    settled.await;
                }
            }
        };
        let _ = tokio::time::timeout(options.drain_timeout, drained).await;
    }
    finished.set();
    outcome
}

/// Emits `entry` decoded, with its token; an entry that does not decode is dead-lettered
/// and reported.
async fn deliver<T, E, S>(
    shared: &Shared,
    entry: Entry,
    decode: &mut impl FnMut(&Entry) -> Result<T, String>,
    emit: &Emitter<Message<T>, E, S>,
) -> Result<(), E>
where
    E: From<Error>,
    S: Style,
{
    match decode(&entry) {
        Ok(value) => {
            let ack = shared
                .ledger
                .token(entry.id().to_owned(), entry.deliveries());
            emit.send(Message::new(value, ack)).await;
            Ok(())
        }
        Err(error) => {
            shared.ledger.dead_letter(DeadLetter {
                id: entry.id().to_owned(),
                deliveries: entry.deliveries(),
                stage: current_stage().map(|s| s.to_string()).unwrap_or_default(),
                error: format!("could not be decoded: {error}"),
            });
            let id = entry.id().to_owned();
            emit.report(Error::Decode { id, error }.into()).await
        }
    }
}

/// Creates the group (and the stream) unless it exists.
async fn ensure_group(shared: &Shared) -> Result<(), Error> {
    let o = &shared.options;
    let start = match o.start {
        StartFrom::Oldest => "0",
        StartFrom::New => "$",
    };
    let mut cmd = redis::cmd("XGROUP");
    cmd.arg("CREATE")
        .arg(&o.stream)
        .arg(&o.group)
        .arg(start)
        .arg("MKSTREAM");
    let created = shared
        .writer
        .query::<()>(|| format!("XGROUP CREATE {}", o.stream), Request::Cmd(&cmd))
        .await;
    match created {
        Err(Error::Redis { error, .. }) if error.code() == Some("BUSYGROUP") => Ok(()),
        other => other,
    }
}

/// Up to `count` new entries (`XREADGROUP ... >`), waiting up to the block time for them.
/// A group that vanished (a server restarted without its data) is created again.
async fn read_new(shared: &Shared, count: usize) -> Result<Vec<Entry>, Error> {
    let o = &shared.options;
    let mut cmd = redis::cmd("XREADGROUP");
    cmd.arg("GROUP")
        .arg(&o.group)
        .arg(&o.consumer)
        .arg("COUNT")
        .arg(count)
        .arg("BLOCK")
        .arg(o.block.as_millis().max(1) as u64)
        .arg("STREAMS")
        .arg(&o.stream)
        .arg(">");
    let doing = || format!("XREADGROUP on {}", o.stream);
    let reply = match shared
        .reader
        .query::<Option<StreamReadReply>>(doing, Request::Cmd(&cmd))
        .await
    {
        Err(Error::Redis { error, .. }) if error.code() == Some("NOGROUP") => {
            ensure_group(shared).await?;
            return Ok(Vec::new());
        }
        other => other?,
    };
    let entries: Vec<Entry> = reply
        .into_iter()
        .flat_map(|reply| reply.keys)
        .flat_map(|key| key.ids)
        .map(|StreamId { id, map, .. }| Entry::new(id, map, 1))
        .collect();
    shared
        .ledger
        .counts
        .read
        .fetch_add(entries.len() as u64, Ordering::Relaxed);
    Ok(entries)
}

/// Entries idle past the claim threshold, taken over from whoever held them
/// (`XAUTOCLAIM`), with their delivery counts (`XPENDING`). Those delivered more often
/// than allowed go to the dead-letter stream unprocessed.
async fn claim(shared: &Shared) -> Result<Vec<Entry>, Error> {
    shared.ledger.begin_claim();
    let claimed = claim_idle(shared).await;
    shared.ledger.end_claim();
    claimed
}

async fn claim_idle(shared: &Shared) -> Result<Vec<Entry>, Error> {
    let o = &shared.options;
    let ledger = &shared.ledger;
    let mut cursor = "0-0".to_owned();
    let mut entries = Vec::new();
    loop {
        let room = o.in_flight.saturating_sub(ledger.held() + entries.len());
        if room == 0 {
            break;
        }
        let mut cmd = redis::cmd("XAUTOCLAIM");
        cmd.arg(&o.stream)
            .arg(&o.group)
            .arg(&o.consumer)
            .arg(o.claim_idle.as_millis() as u64)
            .arg(&cursor)
            .arg("COUNT")
            .arg(room.min(o.batch));
        let reply: StreamAutoClaimReply = shared
            .writer
            .query(|| format!("XAUTOCLAIM on {}", o.stream), Request::Cmd(&cmd))
            .await?;
        let mut pending = redis::pipe();
        for claimed in &reply.claimed {
            pending
                .cmd("XPENDING")
                .arg(&o.stream)
                .arg(&o.group)
                .arg(&claimed.id)
                .arg(&claimed.id)
                .arg(1)
                .arg(&o.consumer);
        }
        let counts: Vec<StreamPendingCountReply> = if reply.claimed.is_empty() {
            Vec::new()
        } else {
            shared
                .writer
                .query(
                    || format!("XPENDING on {}", o.stream),
                    Request::Pipe(&pending),
                )
                .await?
        };
        for (StreamId { id, map, .. }, count) in reply.claimed.into_iter().zip(counts) {
            let deliveries = count
                .ids
                .first()
                .map_or(1, |pending| pending.times_delivered as u64);
            if ledger.is_held(&id) {
                // Being worked on here, or done: idle on the server, not lost.
                continue;
            }
            ledger.counts.reclaimed.fetch_add(1, Ordering::Relaxed);
            if deliveries > o.max_deliveries {
                ledger.dead_letter(DeadLetter {
                    id,
                    deliveries,
                    stage: String::new(),
                    error: format!(
                        "delivered {deliveries} times without an acknowledgement \
                         (its workers may have died on it)"
                    ),
                });
            } else {
                entries.push(Entry::new(id, map, deliveries));
            }
        }
        cursor = reply.next_stream_id;
        if cursor == "0-0" {
            break;
        }
    }
    Ok(entries)
}

/// Sends what is owed until the read loop has finished, then what is left, and ends.
async fn flusher(shared: &Shared, finished: &Finished) -> Result<(), Error> {
    let o = &shared.options;
    loop {
        let settled = shared.ledger.changed.notified();
        let done = finished.notify.notified();
        let (owed, since) = shared.ledger.owed();
        let overdue = since.is_some_and(|since| since.elapsed() >= o.ack_interval);
        if owed >= o.ack_batch || overdue || (owed > 0 && finished.is_set()) {
            flush(shared).await?;
            continue;
        }
        if finished.is_set() {
            return Ok(());
        }
        let deadline = since.map(|since| Instant::from_std(since) + o.ack_interval);
        tokio::select! {
            () = settled => {}
            () = done => {}
            () = async {
                match deadline {
                    Some(deadline) => tokio::time::sleep_until(deadline).await,
                    None => std::future::pending().await,
                }
            } => {}
        }
    }
}

/// Sends everything owed now: one `XACK` for the done entries, then each dead letter with
/// the `XACK` of its entry. One flush at a time; what is not sent stays owed.
pub(crate) async fn flush(shared: &Shared) -> Result<(), Error> {
    let o = &shared.options;
    let ledger = &shared.ledger;
    let _one_at_a_time = shared.flushing.lock().await;
    let (acks, dead) = ledger.to_send();
    if !acks.is_empty() {
        let mut cmd = redis::cmd("XACK");
        cmd.arg(&o.stream).arg(&o.group).arg(&acks);
        shared
            .writer
            .query::<u64>(|| format!("XACK on {}", o.stream), Request::Cmd(&cmd))
            .await?;
        ledger.sent(acks.len(), 0);
        let n = acks.len() as u64;
        ledger.counts.acked.fetch_add(n, Ordering::Relaxed);
    }
    for letter in &dead {
        dead_letter::write(shared, letter).await?;
        ledger.sent(0, 1);
        let count = if o.dead_letter.is_some() {
            &ledger.counts.dead_lettered
        } else {
            &ledger.counts.left_pending
        };
        count.fetch_add(1, Ordering::Relaxed);
    }
    ledger.changed.notify_waiters();
    Ok(())
}

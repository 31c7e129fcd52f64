//! The loop of `[retry = R]`: what `try_map` and `try_then` with the option do with each
//! item, on the stage's [`StageIo`], by the policy ([`Retry`]) of `retry.rs`.
//!
//! Guarantees:
//! - At most `attempts` attempts in all at each item. Each calls the stage's closure again
//!   with a clone of the item (the last possible attempt takes the item itself).
//! - An error `when` does not call transient, or the last attempt's, is handled in the run's
//!   error style as an error without retry is ([`StageIo::fail`]), and says how many
//!   attempts were made.
//! - With a per-item `timeout`, the timeout bounds each attempt: an attempt that takes
//!   longer fails with the run's timeout error (`From<Elapsed>`), retried if `when` says so.
//! - The wait between attempts is awaited like user code ([`StageIo::run`]): a cancel, the
//!   run's deadline or the consumer leaving ends it at once, and the stage with it.
//! - With `workers = N`, every worker retries its own items, with jitter of its own.

use std::fmt;
use std::future::Future;

use super::exit::Exit;
use super::io::StageIo;
use super::retry::{Retry, Rng};
use super::style::Style;
use super::timeout::{Elapsed, Timeout};

/// A stage's retry as checked at its option: the policy, the clone of its items (made where
/// `In: Clone` was checked, so the loop proves nothing again), and the jitter generator of
/// the task that uses it.
#[doc(hidden)]
pub struct Retrying<In, E> {
    retry: Retry<E>,
    clone: fn(&In) -> In,
    rng: Rng,
}

impl<In, E> Retrying<In, E> {
    pub(crate) fn new(retry: Retry<E>, clone: fn(&In) -> In) -> Self {
        Self {
            retry,
            clone,
            rng: Rng::new(),
        }
    }

    /// A copy for one worker of a fanned-out stage, with jitter of its own.
    pub fn for_worker(&self) -> Self {
        Self::new(self.retry.clone(), self.clone)
    }

    /// At most how many attempts at each item.
    pub(crate) fn attempts(&self) -> usize {
        self.retry.max_attempts()
    }
}

/// The error that ended an item's attempts, and how many were made.
#[doc(hidden)]
#[derive(Debug)]
pub struct Failed<E> {
    pub(crate) error: E,
    pub(crate) attempts: usize,
}

impl<In, E> fmt::Debug for Retrying<In, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.retry.fmt(f)
    }
}

impl<In, Out, E, S> StageIo<In, Out, E, S>
where
    S: Style,
{
    /// `try_map(f) [retry = ..]`: sends `f`'s value for `item`, trying again as `retrying`
    /// says; the error that ends the tries is handled as [`fail`](Self::fail) does.
    pub async fn send_retried<F>(
        &mut self,
        retrying: &mut Retrying<In, E>,
        item: In,
        mut f: F,
    ) -> Result<(), Exit<E>>
    where
        F: FnMut(In) -> Result<Out, E>,
    {
        // The loop of `retried` without its awaits around each attempt: an attempt that
        // succeeds costs what `try_map` without retry does, plus the clone.
        let mut made = 1;
        let error = loop {
            if made >= retrying.attempts() {
                match f(item) {
                    Ok(value) => return self.send(value).await,
                    Err(error) => break error,
                }
            }
            match f((retrying.clone)(&item)) {
                Ok(value) => return self.send(value).await,
                Err(error) if !retrying.retry.is_transient(&error) => break error,
                Err(_) => self.wait_to_retry(retrying, &mut made).await?,
            }
        };
        self.fail_after(error, made).await
    }

    /// `try_then(f) [retry = ..]`: like [`send_retried`](Self::send_retried) for async user
    /// code; `timeout`, the stage's per-item timeout if any, bounds each attempt.
    pub async fn run_retried<F, Fut>(
        &mut self,
        retrying: &mut Retrying<In, E>,
        item: In,
        timeout: Option<Timeout<E>>,
        f: F,
    ) -> Result<(), Exit<E>>
    where
        F: FnMut(In) -> Fut,
        Fut: Future<Output = Result<Out, E>>,
    {
        self.retried(retrying, item, timeout, f).await
    }

    async fn retried<F, Fut>(
        &mut self,
        retrying: &mut Retrying<In, E>,
        item: In,
        timeout: Option<Timeout<E>>,
        attempt: F,
    ) -> Result<(), Exit<E>>
    where
        F: FnMut(In) -> Fut,
        Fut: Future<Output = Result<Out, E>>,
    {
        match self.run_attempts(retrying, item, timeout, attempt).await? {
            Ok(value) => self.send(value).await,
            Err(Failed { error, attempts }) => self.fail_after(error, attempts).await,
        }
    }

    /// The attempts at `item` that `retrying` allows (`try_recurse(f) [retry = ..]`, and the
    /// loop of the others): the value of the first that succeeds, or the error that ends
    /// them with how many were made. Each attempt and each wait gives up when the run is
    /// cancelled or the consumer left.
    pub async fn run_attempts<T, F, Fut>(
        &mut self,
        retrying: &mut Retrying<In, E>,
        item: In,
        timeout: Option<Timeout<E>>,
        mut attempt: F,
    ) -> Result<Result<T, Failed<E>>, Exit<E>>
    where
        F: FnMut(In) -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut made = 1;
        let error = loop {
            if made >= retrying.attempts() {
                // The last attempt there can be takes the item itself.
                match self.attempt(attempt(item), timeout).await? {
                    Ok(value) => return Ok(Ok(value)),
                    Err(error) => break error,
                }
            }
            match self
                .attempt(attempt((retrying.clone)(&item)), timeout)
                .await?
            {
                Ok(value) => return Ok(Ok(value)),
                Err(error) if !retrying.retry.is_transient(&error) => break error,
                Err(_) => self.wait_to_retry(retrying, &mut made).await?,
            }
        };
        Ok(Err(Failed {
            error,
            attempts: made,
        }))
    }

    /// The wait after attempt `made` failed, awaited like user code; then counts the next.
    async fn wait_to_retry(
        &mut self,
        retrying: &mut Retrying<In, E>,
        made: &mut usize,
    ) -> Result<(), Exit<E>> {
        let wait = retrying.retry.wait_before(*made, &mut retrying.rng);
        self.run(tokio::time::sleep(wait)).await?;
        *made += 1;
        Ok(())
    }

    /// One attempt: awaits `future`, within `timeout` if there is one (its lapse is the
    /// attempt's error); gives up when the run is cancelled or the consumer left.
    async fn attempt<T, Fut>(
        &mut self,
        future: Fut,
        timeout: Option<Timeout<E>>,
    ) -> Result<Result<T, E>, Exit<E>>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        let Some(Timeout { after, into_error }) = timeout else {
            return self.run(future).await;
        };
        let timed = self.run(tokio::time::timeout(after, future)).await?;
        Ok(timed.unwrap_or_else(|_| Err(into_error(Elapsed { after }))))
    }
}

//! [`Link`]: a connection to the server that reconnects, with backoff and jitter, when the
//! server goes away, and gives up with [`Error::Unavailable`] past [`Reconnect`]'s limit.
//!
//! Commands are retried after a reconnect, so only idempotent ones go through a link: every
//! command of this crate is, except `XADD` (a retried batch can be written twice, which an
//! at-least-once sink allows) and `XREADGROUP` (entries read by a call whose reply was lost
//! stay pending, and are reclaimed).

use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, FromRedisValue, RedisError, RetryMethod};
use tokio::sync::Mutex;

use crate::error::Error;

/// How a lost connection is re-established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reconnect {
    initial: Duration,
    max_delay: Duration,
    give_up_after: Duration,
}

impl Default for Reconnect {
    /// 50 ms doubling to 2 s between tries, with full jitter; giving up after 30 s.
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(50),
            max_delay: Duration::from_secs(2),
            give_up_after: Duration::from_secs(30),
        }
    }
}

impl Reconnect {
    /// The first wait before a reconnect (doubled after each failed try).
    pub fn backoff(mut self, initial: Duration) -> Self {
        self.initial = initial;
        self
    }

    /// The longest wait between two tries.
    pub fn max_delay(mut self, cap: Duration) -> Self {
        self.max_delay = cap;
        self
    }

    /// How long the server may stay away before the run fails with [`Error::Unavailable`].
    pub fn give_up_after(mut self, limit: Duration) -> Self {
        self.give_up_after = limit;
        self
    }

    /// The wait before try `attempt` (0-based): a random share of the backoff ("full
    /// jitter"), so that many workers that lost the same server do not return at once.
    fn delay(&self, attempt: u32) -> Duration {
        let backoff = self
            .initial
            .saturating_mul(2u32.saturating_pow(attempt.min(16)))
            .min(self.max_delay);
        backoff.mul_f64(fastrand::f64())
    }
}

/// Whether `error` is the connection's (the server went away, is restarting or loading)
/// rather than the command's.
pub(crate) fn is_transient(error: &RedisError) -> bool {
    error.is_io_error()
        || error.is_connection_dropped()
        || error.is_connection_refusal()
        || error.is_timeout()
        || matches!(
            error.retry_method(),
            RetryMethod::Reconnect | RetryMethod::WaitAndRetry | RetryMethod::RetryImmediately
        )
}

/// What a link sends: one command, or several in one round trip.
pub(crate) enum Request<'a> {
    Cmd(&'a redis::Cmd),
    Pipe(&'a redis::Pipeline),
}

/// A shared, reconnecting connection. Clones of its multiplexed connection serve concurrent
/// callers; a caller that finds it broken replaces it.
pub(crate) struct Link {
    client: Client,
    config: AsyncConnectionConfig,
    reconnect: Reconnect,
    connection: Mutex<Option<MultiplexedConnection>>,
}

impl Link {
    /// A link to `client`'s server; `blocking` links have no response timeout, for reads that
    /// wait on the server (`BLOCK`).
    pub(crate) fn new(client: Client, reconnect: Reconnect, blocking: bool) -> Self {
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(if blocking {
                None
            } else {
                Some(Duration::from_secs(10))
            });
        Self {
            client,
            config,
            reconnect,
            connection: Mutex::new(None),
        }
    }

    /// The client it connects with.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Runs `request`, reconnecting and retrying while the server is away, up to the limit.
    pub(crate) async fn query<T: FromRedisValue>(
        &self,
        doing: impl FnOnce() -> String,
        request: Request<'_>,
    ) -> Result<T, Error> {
        let mut away_since: Option<Instant> = None;
        let mut attempt = 0;
        loop {
            let outcome = match self.connection().await {
                Ok(mut connection) => match request {
                    Request::Cmd(cmd) => cmd.query_async(&mut connection).await,
                    Request::Pipe(pipe) => pipe.query_async(&mut connection).await,
                },
                Err(error) => Err(error),
            };
            let error = match outcome {
                Ok(value) => return Ok(value),
                Err(error) if is_transient(&error) => error,
                Err(error) => {
                    return Err(Error::Redis {
                        doing: doing(),
                        error,
                    });
                }
            };
            *self.connection.lock().await = None;
            let since = *away_since.get_or_insert_with(Instant::now);
            if since.elapsed() >= self.reconnect.give_up_after {
                return Err(Error::Unavailable {
                    doing: doing(),
                    after: since.elapsed(),
                    last: error,
                });
            }
            tokio::time::sleep(self.reconnect.delay(attempt)).await;
            attempt += 1;
        }
    }

    /// The current connection, made if there is none.
    async fn connection(&self) -> Result<MultiplexedConnection, RedisError> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = &*slot {
            return Ok(connection.clone());
        }
        let connection = self
            .client
            .get_multiplexed_async_connection_with_config(&self.config)
            .await?;
        *slot = Some(connection.clone());
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reconnect_wait_is_a_jittered_share_of_a_doubling_backoff() {
        let policy = Reconnect::default()
            .backoff(Duration::from_millis(10))
            .max_delay(Duration::from_millis(70));
        for (attempt, cap) in [(0, 10), (1, 20), (2, 40), (3, 70), (30, 70)] {
            for _ in 0..200 {
                assert!(policy.delay(attempt) <= Duration::from_millis(cap));
            }
        }
        let draws: std::collections::HashSet<_> = (0..50).map(|_| policy.delay(3)).collect();
        assert!(draws.len() > 1, "the waits are jittered");
    }
}

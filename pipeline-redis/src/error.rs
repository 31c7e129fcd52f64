//! [`Error`]: what can go wrong between a pipeline and Redis.

use std::fmt;
use std::time::Duration;

/// An error of a Redis Streams source or sink.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server stayed away past the reconnect limit ([`Reconnect::give_up_after`]).
    ///
    /// [`Reconnect::give_up_after`]: crate::Reconnect::give_up_after
    Unavailable {
        /// What was being done when the server went away (`XREADGROUP on jobs`, say).
        doing: String,
        /// How long reconnecting was tried.
        after: Duration,
        /// The last connection error.
        last: redis::RedisError,
    },
    /// The server answered with an error, or an answer that was not understood.
    Redis {
        /// What was being done.
        doing: String,
        /// The server's error.
        error: redis::RedisError,
    },
    /// An entry could not be decoded into the source's item type. The entry was moved to the
    /// dead-letter stream (and acknowledged there), or left pending if there is none.
    Decode {
        /// The entry's id.
        id: String,
        /// The decoder's error.
        error: String,
    },
    /// The configuration cannot work (an empty stream name, a batch of 0...).
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unavailable { doing, after, last } => write!(
                f,
                "redis stayed unreachable for {after:?} during {doing} (last error: {last})"
            ),
            Error::Redis { doing, error } => write!(f, "redis error during {doing}: {error}"),
            Error::Decode { id, error } => write!(f, "entry {id} could not be decoded: {error}"),
            Error::Config(what) => write!(f, "invalid redis stream configuration: {what}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Unavailable { last, .. } => Some(last),
            Error::Redis { error, .. } => Some(error),
            Error::Decode { .. } | Error::Config(_) => None,
        }
    }
}

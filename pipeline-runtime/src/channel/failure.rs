//! Why a channel operation did not go through. A failed send always hands its item back.

use std::error::Error;
use std::fmt;

/// A send that did not deliver its item, which it hands back.
#[derive(Clone, PartialEq, Eq)]
pub enum SendError<T> {
    /// The run was cancelled.
    Cancelled(T),
    /// Every receiver is gone: the consumer stopped.
    Disconnected(T),
}

impl<T> SendError<T> {
    /// The undelivered item.
    pub fn into_inner(self) -> T {
        match self {
            Self::Cancelled(item) | Self::Disconnected(item) => item,
        }
    }

    /// Whether the run was cancelled.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Self::Cancelled(_))
    }

    /// Whether every receiver is gone.
    pub fn is_disconnected(&self) -> bool {
        matches!(self, Self::Disconnected(_))
    }

    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> SendError<U> {
        match self {
            Self::Cancelled(item) => SendError::Cancelled(f(item)),
            Self::Disconnected(item) => SendError::Disconnected(f(item)),
        }
    }
}

impl<T> fmt::Debug for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cancelled(_) => f.write_str("Cancelled(..)"),
            Self::Disconnected(_) => f.write_str("Disconnected(..)"),
        }
    }
}

impl<T> fmt::Display for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cancelled(_) => f.write_str("send on a cancelled pipeline"),
            Self::Disconnected(_) => f.write_str("send on a channel whose receivers are gone"),
        }
    }
}

impl<T> Error for SendError<T> {}

/// A [`try_send`](super::Sender::try_send) that did not deliver its item, which it hands back.
#[derive(Clone, PartialEq, Eq)]
pub enum TrySendError<T> {
    /// No room now (for a rendezvous channel: no receiver waiting now).
    Full(T),
    /// The run was cancelled.
    Cancelled(T),
    /// Every receiver is gone.
    Disconnected(T),
}

impl<T> TrySendError<T> {
    /// The undelivered item.
    pub fn into_inner(self) -> T {
        match self {
            Self::Full(item) | Self::Cancelled(item) | Self::Disconnected(item) => item,
        }
    }
}

impl<T> fmt::Debug for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Full(_) => f.write_str("Full(..)"),
            Self::Cancelled(_) => f.write_str("Cancelled(..)"),
            Self::Disconnected(_) => f.write_str("Disconnected(..)"),
        }
    }
}

impl<T> fmt::Display for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Full(_) => f.write_str("the channel is full"),
            Self::Cancelled(_) => f.write_str("send on a cancelled pipeline"),
            Self::Disconnected(_) => f.write_str("send on a channel whose receivers are gone"),
        }
    }
}

impl<T> Error for TrySendError<T> {}

/// Why [`try_recv`](super::Receiver::try_recv) returned no item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TryRecvError {
    /// Nothing to take now (or the run is paused).
    Empty,
    /// Every sender is gone and the buffer is drained.
    Closed,
    /// The run was cancelled.
    Cancelled,
}

impl fmt::Display for TryRecvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the channel is empty"),
            Self::Closed => f.write_str("the channel is closed"),
            Self::Cancelled => f.write_str("receive on a cancelled pipeline"),
        }
    }
}

impl Error for TryRecvError {}

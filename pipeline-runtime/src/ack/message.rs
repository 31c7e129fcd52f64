//! [`Message`]: an item and the [`Ack`] of the entry it came from.

use std::fmt;
use std::ops::{Deref, DerefMut};

use super::token::{Ack, Acks};

/// A value read from a broker, with the token of its entry.
///
/// Stages move it as they move any item. Work on the value through the methods that keep
/// the token with it ([`map`](Self::map), [`try_map`](Self::try_map), [`split`](Self::split),
/// [`keep_if`](Self::keep_if)), and settle it where its work ends ([`ack`](Self::ack),
/// [`consume`](Self::consume), [`try_consume`](Self::try_consume)). A message dropped
/// without settling leaves its entry for redelivery; see the [module docs](crate::ack).
///
/// ```
/// # use gopipe_runtime::ack::{Ack, Message};
/// let message = Message::new("42", Ack::new(|outcome| assert!(outcome.is_done())));
/// let parsed = message.try_map(|s| s.parse::<u64>()).unwrap();
/// assert_eq!(*parsed, 42);
/// parsed.consume(|n| assert_eq!(n, 42));
/// ```
#[must_use = "a Message dropped without `ack()` leaves its entry unacknowledged"]
pub struct Message<T> {
    value: T,
    ack: Ack,
}

impl<T> Message<T> {
    /// `value`, carrying `ack`.
    pub fn new(value: T, ack: Ack) -> Self {
        Self { value, ack }
    }

    /// The value and its token, for work the methods here do not cover (an async sink:
    /// `let (job, ack) = message.into_parts(); write(job).await?; ack.ack();`).
    pub fn into_parts(self) -> (T, Ack) {
        (self.value, self.ack)
    }

    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The token, for a look at it.
    pub fn token(&self) -> &Ack {
        &self.ack
    }

    /// The value turned by `f`, carrying the same token.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Message<U> {
        Message {
            value: f(self.value),
            ack: self.ack,
        }
    }

    /// The value turned by `f`, carrying the same token; if `f` fails, the entry fails with
    /// its error (and the stage this runs in), and the error is handed back for the run's
    /// error style: `try_map(|m| m.try_map(parse))`.
    pub fn try_map<U, E: fmt::Display>(
        self,
        f: impl FnOnce(T) -> Result<U, E>,
    ) -> Result<Message<U>, E> {
        match f(self.value) {
            Ok(value) => Ok(Message {
                value,
                ack: self.ack,
            }),
            Err(error) => {
                self.ack.fail(&error);
                Err(error)
            }
        }
    }

    /// This message if `keep` accepts its value; otherwise it is acked, as a filter that
    /// drops an item has consumed it: `filter_map(|m| m.keep_if(|v| v.len() > 3))`.
    pub fn keep_if(self, keep: impl FnOnce(&T) -> bool) -> Option<Self> {
        if keep(&self.value) {
            Some(self)
        } else {
            self.ack.ack();
            None
        }
    }

    /// Items derived from this one, each a holder of its token: the entry is done once all
    /// of them are. With no children the message is acked (its work produced nothing).
    /// `flat_map(|m| m.split(words_of(&m)))`.
    pub fn split<U>(self, children: impl IntoIterator<Item = U>) -> Vec<Message<U>> {
        let children: Vec<Message<U>> = children
            .into_iter()
            .map(|value| Message {
                value,
                ack: self.ack.clone(),
            })
            .collect();
        self.ack.ack();
        children
    }

    /// A new item derived from this one, holding its token too (a recursive stage's output
    /// beside the children it feeds back, say).
    pub fn derive<U>(&self, value: U) -> Message<U> {
        Message {
            value,
            ack: self.ack.clone(),
        }
    }

    /// The work on this message is done: its entry can be acknowledged.
    pub fn ack(self) {
        self.ack.ack();
    }

    /// The work on this message failed with `error`.
    pub fn fail(self, error: impl fmt::Display) {
        self.ack.fail(error);
    }

    /// Runs `work` on the value, then acks: a sink's last step, `for_each(|m| m.consume(print))`.
    pub fn consume<R>(self, work: impl FnOnce(T) -> R) -> R {
        let result = work(self.value);
        self.ack.ack();
        result
    }

    /// Runs `work` on the value; acks if it succeeds, fails the entry with its error if not,
    /// and hands the result back: `try_for_each(|m| m.try_consume(write))`.
    pub fn try_consume<R, E: fmt::Display>(
        self,
        work: impl FnOnce(T) -> Result<R, E>,
    ) -> Result<R, E> {
        let result = work(self.value);
        match &result {
            Ok(_) => self.ack.ack(),
            Err(error) => self.ack.fail(error),
        }
        result
    }

    /// The values of `messages` (a chunk) and their tokens, to settle together once the
    /// values are written.
    pub fn unzip(messages: impl IntoIterator<Item = Message<T>>) -> (Vec<T>, Acks) {
        let mut acks = Acks::default();
        let values = messages
            .into_iter()
            .map(|message| {
                acks.extend([message.ack]);
                message.value
            })
            .collect();
        (values, acks)
    }
}

impl<T> Deref for Message<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Message<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// A clone is a second holder (a `tee`'s branch): the entry is done once both are.
impl<T: Clone> Clone for Message<T> {
    fn clone(&self) -> Self {
        Self {
            value: self.value.clone(),
            ack: self.ack.clone(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Message<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("value", &self.value)
            .field("holders", &self.ack.holders())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::ack::Outcome;

    fn message<T>(value: T) -> (Message<T>, Arc<Mutex<Option<Outcome>>>) {
        let slot = Arc::new(Mutex::new(None));
        let seen = Arc::clone(&slot);
        let ack = Ack::new(move |o| *seen.lock().unwrap() = Some(o));
        (Message::new(value, ack), slot)
    }

    fn done(outcome: &Mutex<Option<Outcome>>) -> Option<bool> {
        outcome.lock().unwrap().as_ref().map(Outcome::is_done)
    }

    #[test]
    fn children_settle_their_parent_only_when_all_are_acked() {
        let (line, outcome) = message("a b c");
        let mut words = line.split(["a", "b", "c"]);
        let last = words.pop().unwrap();
        words.into_iter().for_each(Message::ack);
        assert_eq!(done(&outcome), None);
        last.ack();
        assert_eq!(done(&outcome), Some(true));
    }

    #[test]
    fn a_split_into_nothing_is_done() {
        let (line, outcome) = message("");
        assert!(line.split(Vec::<&str>::new()).is_empty());
        assert_eq!(done(&outcome), Some(true));
    }

    #[test]
    fn a_filter_acks_what_it_drops_and_keeps_the_rest_pending() {
        let (dropped, first) = message(1);
        let (kept, second) = message(2);
        assert!(dropped.keep_if(|n| n % 2 == 0).is_none());
        let kept = kept.keep_if(|n| n % 2 == 0).unwrap();
        assert_eq!((done(&first), done(&second)), (Some(true), None));
        drop(kept);
        assert_eq!(done(&second), Some(false));
    }

    #[test]
    fn try_consume_acks_on_success_and_fails_on_error() {
        let (good, first) = message(1);
        let (bad, second) = message(2);
        assert_eq!(good.try_consume(|n| Ok::<_, String>(n + 1)), Ok(2));
        assert!(bad.try_consume(|_| Err::<(), _>("disk full")).is_err());
        assert_eq!((done(&first), done(&second)), (Some(true), Some(false)));
    }

    #[test]
    fn a_clone_is_a_second_holder() {
        let (message, outcome) = message(7);
        let branch = message.clone();
        message.ack();
        assert_eq!(done(&outcome), None);
        branch.ack();
        assert_eq!(done(&outcome), Some(true));
    }

    #[test]
    fn unzip_settles_a_chunk_together() {
        let (a, first) = message(1);
        let (b, second) = message(2);
        let (values, acks) = Message::unzip([a, b]);
        assert_eq!(values, [1, 2]);
        acks.ack();
        assert_eq!((done(&first), done(&second)), (Some(true), Some(true)));
    }
}

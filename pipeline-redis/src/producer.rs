//! [`Producer`]: a stream sink. Writes batches with one round trip each (`XADD`, pipelined,
//! with an optional `MAXLEN ~`), and acknowledges the source entries of messages only once
//! their batch is written.

use std::sync::Arc;

use gopipe_runtime::ack::Message;
use redis::{Client, ToRedisArgs};

use crate::error::Error;
use crate::link::{Link, Reconnect, Request};

/// Writes entries to one stream. A clone writes through the same connection, so one
/// producer can serve a sink's workers.
///
/// ```no_run
/// # async fn demo() -> Result<(), gopipe_redis::Error> {
/// use gopipe_redis::Producer;
/// let client = redis::Client::open("redis://127.0.0.1/").unwrap();
/// let producer = Producer::new(client, "results").max_len(100_000);
/// producer.write([[("word", "go"), ("count", "3")]]).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Producer {
    link: Arc<Link>,
    stream: Arc<str>,
    max_len: Option<usize>,
}

impl Producer {
    /// A producer of `stream`, reconnecting with the default [`Reconnect`].
    pub fn new(client: Client, stream: &str) -> Self {
        Self {
            link: Arc::new(Link::new(client, Reconnect::default(), false)),
            stream: stream.into(),
            max_len: None,
        }
    }

    /// Trims the stream to about `entries` as it writes (`MAXLEN ~`).
    pub fn max_len(mut self, entries: usize) -> Self {
        self.max_len = Some(entries);
        self
    }

    /// How a lost connection is re-established ([`Reconnect`]).
    pub fn reconnect(mut self, reconnect: Reconnect) -> Self {
        self.link = Arc::new(Link::new(self.link_client(), reconnect, false));
        self
    }

    fn link_client(&self) -> Client {
        self.link.client().clone()
    }

    /// Writes one entry per record (each a list of field–value pairs) in one round trip,
    /// and returns their ids. A batch retried after a lost connection may be written
    /// twice: the sink is at least once, like the source.
    pub async fn write<R, K, V>(
        &self,
        records: impl IntoIterator<Item = R>,
    ) -> Result<Vec<String>, Error>
    where
        R: IntoIterator<Item = (K, V)>,
        K: ToRedisArgs,
        V: ToRedisArgs,
    {
        let mut pipe = redis::pipe();
        let mut count = 0;
        for record in records {
            let add = pipe.cmd("XADD").arg(&*self.stream);
            if let Some(max_len) = self.max_len {
                add.arg("MAXLEN").arg("~").arg(max_len);
            }
            add.arg("*");
            for (field, value) in record {
                add.arg(field).arg(value);
            }
            count += 1;
        }
        if count == 0 {
            return Ok(Vec::new());
        }
        self.link
            .query(
                || format!("XADD of {count} entries to {}", self.stream),
                Request::Pipe(&pipe),
            )
            .await
    }

    /// Writes the values of `messages` (a chunk), then acks them: the source entries they
    /// came from are acknowledged only after their results are in this stream. If the write
    /// fails, they fail with its error (their entries stay pending) and it is returned.
    ///
    /// `chunks_timeout(100, ms(5)) -> try_for_each_async(move |batch| producer.clone().send(batch))`
    pub async fn send<R, K, V>(self, messages: Vec<Message<R>>) -> Result<(), Error>
    where
        R: IntoIterator<Item = (K, V)>,
        K: ToRedisArgs,
        V: ToRedisArgs,
    {
        let (records, acks) = Message::unzip(messages);
        match self.write(records).await {
            Ok(_) => {
                acks.ack();
                Ok(())
            }
            Err(error) => {
                acks.fail(&error);
                Err(error)
            }
        }
    }

    /// The stream written to.
    pub fn stream(&self) -> &str {
        &self.stream
    }
}

impl std::fmt::Debug for Producer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Producer")
            .field("stream", &self.stream)
            .field("max_len", &self.max_len)
            .finish_non_exhaustive()
    }
}

//! Dead letters: an entry that failed too often (or could not be decoded) is copied to the
//! dead-letter stream with why, and acknowledged in the same transaction.
//!
//! A dead letter's fields: `source_id`, `source_stream`, `group`, `consumer`, `deliveries`,
//! `stage` (where it failed, empty if unknown), `error`, then each field of the entry as
//! `field:<name>` (none if the entry was trimmed from the stream meanwhile).

use redis::Value;
use redis::streams::StreamRangeReply;

use crate::consumer::Shared;
use crate::error::Error;
use crate::ledger::DeadLetter;
use crate::link::Request;

/// Writes `dead` to the dead-letter stream and acknowledges its entry. Without a
/// dead-letter stream the entry stays pending.
pub(crate) async fn write(shared: &Shared, dead: &DeadLetter) -> Result<(), Error> {
    let o = &shared.options;
    let Some(stream) = &o.dead_letter else {
        return Ok(());
    };
    let mut range = redis::cmd("XRANGE");
    range.arg(&o.stream).arg(&dead.id).arg(&dead.id);
    let entry: StreamRangeReply = shared
        .writer
        .query(|| format!("XRANGE on {}", o.stream), Request::Cmd(&range))
        .await?;
    let mut pipe = redis::pipe();
    pipe.atomic();
    let add = pipe
        .cmd("XADD")
        .arg(stream)
        .arg("*")
        .arg("source_id")
        .arg(&dead.id)
        .arg("source_stream")
        .arg(&o.stream)
        .arg("group")
        .arg(&o.group)
        .arg("consumer")
        .arg(&o.consumer)
        .arg("deliveries")
        .arg(dead.deliveries)
        .arg("stage")
        .arg(&dead.stage)
        .arg("error")
        .arg(&dead.error);
    for (name, value) in entry.ids.into_iter().flat_map(|entry| entry.map) {
        add.arg(format!("field:{name}")).arg(bytes(value));
    }
    pipe.ignore();
    pipe.cmd("XACK")
        .arg(&o.stream)
        .arg(&o.group)
        .arg(&dead.id)
        .ignore();
    shared
        .writer
        .query::<()>(
            || format!("the dead letter of {} to {stream}", dead.id),
            Request::Pipe(&pipe),
        )
        .await
}

/// A field's value as the bytes to write again.
fn bytes(value: Value) -> Vec<u8> {
    match value {
        Value::BulkString(bytes) => bytes,
        Value::SimpleString(text) => text.into_bytes(),
        Value::Int(n) => n.to_string().into_bytes(),
        other => format!("{other:?}").into_bytes(),
    }
}

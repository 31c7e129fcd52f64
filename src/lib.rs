#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use gopipe_runtime::*;

/// Redis Streams (the `redis` feature): a consumer-group source whose entries are
/// acknowledged only after the pipeline is done with them, and a stream sink. See the
/// README's "Scaling out".
#[cfg(feature = "redis")]
pub use gopipe_redis as redis;

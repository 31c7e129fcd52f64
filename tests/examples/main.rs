//! Every example is tested: its file is included here, and its functions are called and
//! checked (what they report, and that no stage task outlived the run).

// Each example is a self-contained file, so the two HTTP examples each bring their own copy
// of `examples/support/http.rs`.
#![allow(clippy::duplicate_mod)]

#[allow(dead_code)]
#[path = "../../examples/controller.rs"]
mod controller;
#[allow(dead_code)]
#[path = "../../examples/crawl.rs"]
mod crawl;
#[allow(dead_code)]
#[path = "../../examples/do_work.rs"]
mod do_work;
#[allow(dead_code)]
#[path = "../../examples/du.rs"]
mod du;
#[allow(dead_code)]
#[path = "../../examples/first_error.rs"]
mod first_error;
#[allow(dead_code)]
#[path = "../../examples/graph.rs"]
mod graph;
#[allow(dead_code)]
#[path = "../../examples/mirrored_query.rs"]
mod mirrored_query;
#[allow(dead_code)]
#[path = "../../examples/observe.rs"]
mod observe;
#[allow(dead_code)]
#[path = "../../examples/rand_stream.rs"]
mod rand_stream;
#[allow(dead_code)]
#[path = "../../examples/squares.rs"]
mod squares;
#[allow(dead_code)]
#[path = "../../examples/sum_limit.rs"]
mod sum_limit;
#[cfg(feature = "redis")]
#[allow(dead_code)]
#[path = "../../examples/word_count_redis.rs"]
mod word_count_redis;
// A redis-server of the test's own (the `redis` feature's tests; scripts/test installs it).
#[cfg(feature = "redis")]
#[path = "../../pipeline-redis/tests/support/mod.rs"]
mod redis_server;

mod checks;
mod graphs;
mod observing;
#[cfg(feature = "redis")]
mod scaling_out;

//! [`next`]: how a `from_stream` source reads its stream.

use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;

/// The next item of a pinned stream.
pub fn next<St: Stream + ?Sized>(
    stream: Pin<&mut St>,
) -> impl Future<Output = Option<St::Item>> + '_ {
    let mut stream = stream;
    std::future::poll_fn(move |cx| stream.as_mut().poll_next(cx))
}

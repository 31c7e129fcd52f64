use gopipe::{pipeline, Retry};
use std::io;

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"])
            -> try_map(|s: &str| s.parse::<u32>())
                [retry = Retry::attempts(3).when(|e: &io::Error| e.kind() == io::ErrorKind::Interrupted)]
            -> collect::<Vec<_>>()
    };
}

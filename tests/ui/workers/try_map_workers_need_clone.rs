use gopipe::pipeline;
use std::fs::File;
use std::io::Write;

fn main() {
    let mut log = File::create("log.txt").unwrap();
    let _ = pipeline! {
        from_iter(0..3u64)
            -> try_map(move |n| writeln!(log, "{n}").map(|()| n)) [workers = 2]
            -> collect::<Vec<_>>()
    };
}

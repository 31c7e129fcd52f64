use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let extra = from_iter(0..3u64) -> mapp(|n| n + 1);
        from_iter(0..3u64) -> collect::<Vec<_>>()
    };
}

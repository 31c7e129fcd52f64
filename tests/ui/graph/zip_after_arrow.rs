use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let a = from_iter(0..3u32);
        let b = from_iter(0..3u32);
        from_iter(0..3u32) -> zip(a, b) -> collect::<Vec<_>>()
    };
}

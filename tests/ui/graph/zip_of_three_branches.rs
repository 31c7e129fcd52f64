use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let a = from_iter(0..3u32);
        let b = from_iter(0..3u32);
        let c = from_iter(0..3u32);
        zip(a, b, c) -> collect::<Vec<_>>()
    };
}

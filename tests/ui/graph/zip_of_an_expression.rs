use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let a = from_iter(0..3u32);
        zip(a, from_iter(0..3u32)) -> collect::<Vec<_>>()
    };
}

use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let a = from_iter([1u32, 2]);
        let b = from_iter([3u32, 4]);
        merge(a, b) [rate = 10] -> collect::<Vec<_>>()
    };
}

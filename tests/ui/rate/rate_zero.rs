use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1u32, 2]) [rate = 0] -> collect::<Vec<_>>()
    };
}

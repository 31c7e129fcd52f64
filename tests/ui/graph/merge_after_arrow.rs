use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let a = from_iter(0..3);
        let b = from_iter(3..6);
        from_iter(0..1) -> merge(a, b) -> collect()
    };
}

use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..3);
        from_iter(0..3) -> numbers -> collect()
    };
}

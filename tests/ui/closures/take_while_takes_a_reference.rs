use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> take_while(|n: u64| n < 5) -> collect::<Vec<_>>()
    };
}

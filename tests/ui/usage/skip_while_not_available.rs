use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..10u64) -> skip_while(|n| *n < 3) -> collect::<Vec<_>>()
    };
}

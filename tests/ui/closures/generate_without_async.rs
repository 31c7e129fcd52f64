use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        generate(|emit| {
            emit.send(1u64);
        })
            -> collect::<Vec<_>>()
    };
}

use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        try_generate(|emit| async move {
            emit.send(1u64).await;
        })
            -> collect::<Vec<_>>()
    };
}

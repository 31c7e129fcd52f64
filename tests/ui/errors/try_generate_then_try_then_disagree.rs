use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        try_generate(|emit| async move {
            for line in ["1", "2"] {
                emit.send(line.parse::<u64>()?).await;
            }
            Ok(())
        })
            -> try_then(|n: u64| async move { if n > 0 { Ok(n) } else { Err(format!("{n} is zero")) } })
            -> collect::<Vec<_>>()
    };
}

use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let local = try_generate(|emit| async move {
            emit.send("1".parse::<u64>()?).await;
            Ok(())
        });
        let remote = from_iter(0..3u64)
            -> try_map(|n: u64| if n > 0 { Ok(n) } else { Err(format!("{n} is zero")) });
        merge(local, remote) -> collect::<Vec<_>>()
    };
}

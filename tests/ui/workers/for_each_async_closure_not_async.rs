use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter(0..3u32) -> for_each_async(|n| println!("{n}")) [workers = 2]
    };
}

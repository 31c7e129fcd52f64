// User variables named like the macro's own locals are neither shadowed nor shadowing.
use gopipe::pipeline;

#[tokio::main]
async fn main() {
    let pipeline = 1u32;
    let io = 2u32;
    let item = 3u32;
    let f = 4u32;
    let map_2 = 5u32;
    let from_iter_1 = 6u32;
    let out = 7u32;
    let timeout = 8u32;
    let result: Vec<u32> = pipeline! {
        from_iter(0..2u32)
            -> map(move |n| n + pipeline + io + item + f)
            -> map(move |n| n + map_2 + from_iter_1 + out + timeout)
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(result, [36, 37]);
}

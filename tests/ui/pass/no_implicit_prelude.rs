// Generated code names nothing from the prelude: it compiles without one.
#![no_implicit_prelude]

extern crate gopipe;
extern crate std;
extern crate tokio;

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let total = runtime.block_on(async {
        gopipe::pipeline! {
            from_iter(0..10u32) -> filter(|n| n % 2 == 0) -> map(|n| n * 3) -> fold(0, |acc, n| acc + n)
        }
        .await
    });
    std::assert_eq!(total.unwrap(), 60);
}

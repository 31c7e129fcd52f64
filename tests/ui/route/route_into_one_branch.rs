use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [all] = from_iter(0..100u32) -> route(|_: &u32| 0);
        all -> count()
    };
}

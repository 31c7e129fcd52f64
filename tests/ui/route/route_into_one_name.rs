use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let sizes = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 10));
        sizes -> count()
    };
}

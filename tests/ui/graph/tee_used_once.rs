use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..3) -> tee();
        numbers -> collect()
    };
}

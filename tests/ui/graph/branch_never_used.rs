use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let numbers = from_iter(0..3);
        let unused = from_iter(3..6);
        numbers -> collect()
    };
}

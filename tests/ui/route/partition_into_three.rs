use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        let [a, b, c] = from_iter(0..100u32) -> partition(|n: &u32| *n % 2 == 0);
        let x = a -> count();
        let y = b -> count();
        let z = c -> count();
        (x, y, z)
    };
}

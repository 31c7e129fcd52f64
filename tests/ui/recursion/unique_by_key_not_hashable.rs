use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        from_iter([1.5f64])
            -> recurse(|x: f64| async move { (x, vec![x / 2.0]) }) [unique_by = |x: &f64| *x]
            -> count()
    };
}

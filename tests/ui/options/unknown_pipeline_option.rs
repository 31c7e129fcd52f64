use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        #![capacitty = 64]
        from_iter(0..3) -> collect()
    };
}

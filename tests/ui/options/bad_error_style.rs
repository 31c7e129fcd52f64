use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        #![errors = loud]
        from_iter(0..3) -> collect()
    };
}

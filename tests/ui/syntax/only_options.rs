use pipeline::pipeline;

fn main() {
    let _ = pipeline! {
        #![capacity = 16]
    };
}

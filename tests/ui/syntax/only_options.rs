use gopipe::pipeline;

fn main() {
    let _ = pipeline! {
        #![capacity = 16]
    };
}

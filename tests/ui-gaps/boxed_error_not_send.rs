use gopipe::pipeline;
use std::error::Error;

fn parse(line: &str) -> Result<u64, Box<dyn Error>> {
    Ok(line.trim().parse()?)
}

fn main() {
    let _ = pipeline! {
        from_iter(["1", "2"]) -> try_map(parse) -> collect::<Vec<_>>()
    };
}

use gopipe::pipeline;

fn main() {
    let header_lines: i64 = 1;
    let _ = pipeline! {
        from_iter(["id", "1", "2"]) -> skip(header_lines) -> collect::<Vec<_>>()
    };
}

//! The consume bench (written below).
fn main() {}

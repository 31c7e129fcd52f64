//! A picture of the graph: every `pipeline!` block describes its own stages and edges, and
//! draws them as Mermaid (which GitHub renders in Markdown) or Graphviz DOT.
//!
//! `cargo run --example graph` (Mermaid), `cargo run --example graph -- --dot` (DOT)
//!
//! It draws two runs: the flagship, `squares`' gen -> sq -> sum, and a disk usage that
//! walks a small tree with `recurse` (a loop: each directory's subdirectories are fed back)
//! and merges the walk with a list of files given by hand. The README's pictures are this
//! program's output.

use std::convert::Infallible;

use gopipe::{Graph, Run, pipeline};

#[allow(dead_code)]
#[path = "squares.rs"]
mod squares;

/// What one directory holds: the sizes of its files, and its subdirectories (a small tree
/// in memory, so that the example runs anywhere).
async fn read_dir(dir: &'static str) -> (Vec<u64>, Vec<&'static str>) {
    match dir {
        "/" => (vec![10], vec!["/src", "/docs"]),
        "/src" => (vec![200, 300], vec!["/src/bin"]),
        "/src/bin" => (vec![50], vec![]),
        "/docs" => (vec![40], vec![]),
        _ => (vec![], vec![]),
    }
}

/// The walk of the tree from `/`, merged with `extra` file sizes, into one total.
pub fn disk_usage(extra: Vec<u64>) -> Run<u64, Infallible> {
    pipeline! {
        let walked = from_iter(["/"])
            -> recurse(read_dir) [workers = 4, name = "walk"]
            -> map(|sizes: Vec<u64>| sizes.iter().sum::<u64>());
        let listed = from_iter(extra);
        merge(walked, listed) -> fold(0, |total, size| total + size) [name = "total"]
    }
}

/// The picture of `graph`: DOT, or else Mermaid.
fn draw(graph: Graph, dot: bool) -> String {
    if dot {
        graph.to_dot()
    } else {
        graph.to_mermaid()
    }
}

#[tokio::main]
async fn main() -> Result<(), gopipe::PipelineError<Infallible>> {
    let dot = std::env::args().any(|arg| arg == "--dot");

    let squares = squares::squares_summed(1000);
    println!("{}", draw(squares.graph(), dot));
    let total = squares.await?;

    let usage = disk_usage(vec![7, 8]);
    println!("{}", draw(usage.graph(), dot));
    let bytes = usage.await?;

    eprintln!(
        "(the squares of 1..=1000 add up to {total}; the tree and the extra files to {bytes} bytes)"
    );
    Ok(())
}

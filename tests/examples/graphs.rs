//! Each example's graph matches its block: the checks of `checks.rs` hand every run's graph
//! to [`matches_its_block`], which finds each stage's kind written at the stage's location in
//! the example's source, and compares the picture with the one kept in `graphs/NAME.mmd`
//! (reviewed when blessed: `PIPELINE_BLESS=1 cargo test --test examples`). The snapshot's
//! first line says where the block is, so that a test here can check that every block of
//! every example has one, and the README's pictures are taken from two of them.

use std::path::{Path, PathBuf};

use gopipe::Graph;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn snapshots() -> PathBuf {
    root().join("tests/examples/graphs")
}

/// `examples/NAME.rs`, as the workspace names it (`file!()` may say it through `tests/..`).
fn example_file(file: &str) -> &str {
    file.rfind("examples/").map_or(file, |at| &file[at..])
}

/// Checks `graph` against its example's source and its snapshot `graphs/{name}.mmd`.
#[track_caller]
pub fn matches_its_block(name: &str, graph: Graph) {
    let first = graph.nodes().next().expect("an example's block has stages");
    let file = example_file(first.location().file());
    let source = std::fs::read_to_string(root().join(file)).expect("the example's source");
    let lines: Vec<&str> = source.lines().collect();
    for node in graph.nodes() {
        let at = node.location();
        assert_eq!(example_file(at.file()), file, "{node:?}");
        let line = lines[at.line() as usize - 1];
        let written: String = line.chars().skip(at.column() as usize - 1).collect();
        assert!(
            written.starts_with(&format!("{}(", node.kind())),
            "{name}: `{}` is not at {at}: {line:?}",
            node.kind()
        );
    }
    let picture = format!(
        "%% {file}:{}\n{}",
        first.location().line(),
        graph.to_mermaid()
    );
    let snapshot = snapshots().join(format!("{name}.mmd"));
    if std::env::var_os("PIPELINE_BLESS").is_some() {
        std::fs::create_dir_all(snapshots()).expect("a writable graphs folder");
        std::fs::write(&snapshot, &picture).expect("a writable snapshot");
        return;
    }
    let kept = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(
        kept,
        picture,
        "the graph of {name} changed ({}): review it and refresh with PIPELINE_BLESS=1",
        snapshot.display()
    );
}

/// The snapshots, as `(file, first stage's line, name)`.
fn kept() -> Vec<(String, usize, String)> {
    let mut kept = Vec::new();
    for entry in std::fs::read_dir(snapshots())
        .expect("the graphs folder")
        .flatten()
    {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).expect("a readable snapshot");
        let header = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("%% "));
        let (file, line) = header
            .and_then(|header| header.rsplit_once(':'))
            .unwrap_or_else(|| panic!("{} has no `%% file:line` header", path.display()));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        kept.push((file.to_owned(), line.parse().expect("a line number"), name));
    }
    kept
}

#[test]
fn every_block_of_every_example_has_its_graph_kept() {
    let included = std::fs::read_to_string(root().join("tests/examples/main.rs")).unwrap();
    let kept = kept();
    let mut blocks = 0;
    for file in included
        .lines()
        .filter_map(|line| line.strip_prefix("#[path = \"../../"))
        .filter_map(|rest| rest.strip_suffix("\"]"))
    {
        let source = std::fs::read_to_string(root().join(file)).unwrap();
        // The line of each block's start; each snapshot belongs to the last one before it.
        let starts: Vec<usize> = source
            .lines()
            .enumerate()
            .filter(|(_, line)| line.trim_end().ends_with("pipeline! {"))
            .map(|(index, _)| index + 1)
            .collect();
        blocks += starts.len();
        for start in &starts {
            let end = starts.iter().find(|later| *later > start).copied();
            let of_this_block: Vec<&String> = kept
                .iter()
                .filter(|(at, line, _)| {
                    at == file && line > start && end.is_none_or(|end| *line < end)
                })
                .map(|(_, _, name)| name)
                .collect();
            assert_eq!(
                of_this_block.len(),
                1,
                "the block at {file}:{start} needs one snapshot in graphs/, has {of_this_block:?}"
            );
        }
    }
    assert_eq!(kept.len(), blocks, "a snapshot of no block: {kept:?}");
}

#[test]
fn the_readme_pictures_are_the_examples_graphs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("### A picture of the graph")
        .nth(1)
        .expect("the README's section on the graph");
    let pictures: Vec<&str> = section
        .split("```mermaid\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .take(2)
        .collect();
    for (picture, name) in pictures.iter().zip(["squares_summed", "graph_disk_usage"]) {
        let kept = std::fs::read_to_string(snapshots().join(format!("{name}.mmd"))).unwrap();
        let drawn = kept.split_once('\n').unwrap().1;
        assert_eq!(
            *picture, drawn,
            "the README's picture of {name} is not its graph"
        );
    }
    assert_eq!(pictures.len(), 2);
}

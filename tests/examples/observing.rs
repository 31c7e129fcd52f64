//! The observe example, and the README's "Observing a pipeline" samples, which are its
//! output: the same table (stages, workers and counts), the same sentences and lines (their
//! numbers aside, which are timings), the same picture.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::progress::Progress;

use crate::checks::within;
use crate::graphs::matches_its_block;
use crate::observe;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `text` with every run of digits as `N`: what stays the same from one run to the next.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The README's fenced block of `kind` whose first line starts with `first`.
fn readme_block(kind: &str, first: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let fence = format!("```{kind}\n{first}");
    let at = readme
        .find(&fence)
        .unwrap_or_else(|| panic!("the README has a {fence:?} block"));
    let body = &readme[at + kind.len() + 4..];
    let end = body.find("```").unwrap();
    body[..end].lines().map(str::to_owned).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_samples_are_what_the_observe_example_prints() {
    let lines = Buffer::default();
    let progress = Progress::every(Duration::from_millis(50)).to_writer(lines.clone());
    let (count, graph, snapshot) = within("the run", observe::observed(progress))
        .await
        .unwrap();
    assert_eq!(count, 100);
    matches_its_block("observe", graph);

    // The table: the same header, and per stage the same name, workers and counts.
    let table = snapshot.to_string();
    let printed: Vec<&str> = table.lines().collect();
    let sample = readme_block("text", "stage ");
    assert_eq!(sample.len(), printed.len(), "{table}");
    assert_eq!(sample[0], printed[0]);
    for (kept, now) in sample.iter().zip(&printed).skip(1) {
        let fixed = |line: &str| {
            line.split_whitespace()
                .take(5)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(fixed(kept), fixed(now), "{table}");
    }

    // The bottleneck: the same sentence.
    let said = snapshot.bottleneck().to_string();
    assert!(
        said.starts_with("`parse` is the bottleneck"),
        "{said}\n{table}"
    );
    let sample = readme_block("text", "`parse` is the bottleneck");
    assert_eq!(shape(&sample[0]), shape(&said));

    // The progress lines: the same stages, in the same form, and the bottleneck.
    let written = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    let last = written.lines().last().expect("a last line as the run ends");
    for kept in readme_block("text", "progress ") {
        let (kept_stages, _) = kept.split_once(" | ").unwrap();
        let (stages, bottleneck) = last.split_once(" | ").unwrap();
        assert_eq!(shape(kept_stages), shape(stages));
        assert!(
            bottleneck.starts_with("`parse` is the bottleneck"),
            "{last}"
        );
    }

    // The picture with the metrics on it.
    let picture = graph.to_mermaid_with(&|stage| snapshot.summary(stage));
    let sample = readme_block("mermaid", "flowchart LR\n    n0([\"read");
    assert_eq!(
        shape(&sample.join("\n")),
        shape(picture.trim_end()),
        "{picture}"
    );
}

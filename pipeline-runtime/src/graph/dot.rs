//! [`Graph::to_dot`]: the graph in Graphviz's DOT language (`dot -Tsvg`).
//!
//! Ids are `n0`, `n1`.. (the stages' positions); labels are quoted, with `\` and `"`
//! escaped and `\n` between their lines.

use std::fmt::Write;

use super::label::{self, Extra};
use super::{Graph, Role};

impl Graph {
    /// The graph as a DOT `digraph`, left to right: one node per stage, labelled as in
    /// [`to_mermaid`](Self::to_mermaid), one edge per edge.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..3u64) -> map(|n| n + 1) [name = "inc"] -> count() };
    /// assert_eq!(
    ///     run.graph().to_dot(),
    ///     "digraph pipeline {\n    \
    ///          rankdir=LR;\n    \
    ///          n0 [label=\"from_iter#1\", shape=box, style=rounded];\n    \
    ///          n1 [label=\"inc\\nmap\", shape=box];\n    \
    ///          n2 [label=\"count#3\", shape=box, peripheries=2];\n    \
    ///          n0 -> n1;\n    \
    ///          n1 -> n2;\n\
    ///      }\n"
    /// );
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn to_dot(&self) -> String {
        self.to_dot_with(&label::no_extra)
    }

    /// [`to_dot`](Self::to_dot), with a line of the caller's at the end of each stage's
    /// label, as [`to_mermaid_with`](Self::to_mermaid_with) adds it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..3u64) -> count() };
    /// let picture = run.graph().to_dot_with(&|stage| Some(format!("<{stage}>")));
    /// assert!(picture.contains("n1 [label=\"count#2\\n<count#2>\""), "{picture}");
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn to_dot_with(&self, extra: Extra<'_>) -> String {
        let mut out = String::from("digraph pipeline {\n    rankdir=LR;\n");
        for node in self.nodes() {
            let text: Vec<String> = label::lines(node, extra)
                .iter()
                .map(|line| escape(line))
                .collect();
            let shape = match node.role() {
                Role::Source => "shape=box, style=rounded",
                Role::Transform => "shape=box",
                Role::Sink => "shape=box, peripheries=2",
                Role::Junction => "shape=hexagon",
            };
            let _ = writeln!(
                out,
                "    n{} [label=\"{}\", {shape}];",
                node.index(),
                text.join("\\n")
            );
        }
        for edge in self.edges() {
            let (from, to) = (edge.from().index(), edge.to().index());
            let _ = match edge.label() {
                Some(label) => writeln!(out, "    n{from} -> n{to} [label=\"{}\"];", escape(label)),
                None => writeln!(out, "    n{from} -> n{to};"),
            };
        }
        out.push_str("}\n");
        out
    }
}

/// `text` inside a DOT quoted string: `\` and `"` escaped, a line break as a space.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn labels_escape_quotes_and_backslashes() {
        assert_eq!(escape(r#"name = "a\b""#), r#"name = \"a\\b\""#);
    }
}

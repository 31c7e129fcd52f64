//! [`Graph::to_mermaid`]: a `flowchart LR` for Mermaid (GitHub renders it in Markdown).
//!
//! Ids are `n0`, `n1`.. (the stages' positions), so that no stage name has to be an
//! identifier; labels are quoted and escaped with Mermaid's entity codes (`#quot;`, `#35;`,
//! `#lt;`, `#gt;`, `#amp;`), so that `map#2`, a `"name"` or `&Link` in an option stay text.

use std::fmt::Write;

use super::label::{self, Extra};
use super::{Graph, Role};

impl Graph {
    /// The graph as a Mermaid `flowchart LR`: one node per stage, labelled with its name
    /// and, unless its name says it, its kind, then its options as written; one arrow per
    /// edge, labelled with the `let` branch it is.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! {
    ///     from_iter(["a/b".to_owned()])
    ///         -> recurse(|path: String| async move { (path.clone(), Vec::new()) }) [name = "walk"]
    ///         -> collect::<Vec<_>>()
    /// };
    /// assert_eq!(
    ///     run.graph().to_mermaid(),
    ///     "flowchart LR\n    \
    ///          n0([\"from_iter#35;1\"])\n    \
    ///          n1[\"walk<br/>recurse\"]\n    \
    ///          n2[[\"collect#35;3\"]]\n    \
    ///          n0 --> n1\n    \
    ///          n1 -->|\"children\"| n1\n    \
    ///          n1 --> n2\n"
    /// );
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn to_mermaid(&self) -> String {
        self.to_mermaid_with(&label::no_extra)
    }

    /// [`to_mermaid`](Self::to_mermaid), with a line of the caller's at the end of each
    /// stage's label: `extra` is called with each stage's name (as the run names it in
    /// errors and diagnostics) and returns the line, or `None` for none. For example, what
    /// was measured of each stage:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use std::collections::HashMap;
    ///
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..3u64) -> map(|n| n + 1) [name = "inc"] -> count() };
    /// let items = HashMap::from([("inc", 3)]);
    /// let picture = run
    ///     .graph()
    ///     .to_mermaid_with(&|stage| items.get(stage).map(|n| format!("{n} items")));
    /// assert!(picture.contains("n1[\"inc<br/>map<br/>3 items\"]"), "{picture}");
    /// assert!(picture.contains("n2[[\"count#35;3\"]]"), "{picture}");
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn to_mermaid_with(&self, extra: Extra<'_>) -> String {
        let mut out = String::from("flowchart LR\n");
        for node in self.nodes() {
            let text: Vec<String> = label::lines(node, extra)
                .iter()
                .map(|line| escape(line))
                .collect();
            let text = text.join("<br/>");
            let (open, close) = match node.role() {
                Role::Source => ("([", "])"),
                Role::Transform => ("[", "]"),
                Role::Sink => ("[[", "]]"),
                Role::Junction => ("{{", "}}"),
            };
            let _ = writeln!(out, "    n{}{open}\"{text}\"{close}", node.index());
        }
        for edge in self.edges() {
            let (from, to) = (edge.from().index(), edge.to().index());
            let _ = match edge.label() {
                Some(label) => writeln!(out, "    n{from} -->|\"{}\"| n{to}", escape(label)),
                None => writeln!(out, "    n{from} --> n{to}"),
            };
        }
        out
    }
}

/// `text` inside a Mermaid quoted label: entity codes for what Mermaid would read as syntax
/// or HTML, and a space for a line break.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
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
    fn labels_escape_what_mermaid_reads_as_syntax() {
        assert_eq!(escape("map#2"), "map#35;2");
        assert_eq!(
            escape(r#"name = "a<b>" & c"#),
            "name = #quot;a#lt;b#gt;#quot; #amp; c"
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }
}

//! [`Node`]: one stage of a [`Graph`](super::Graph), and [`Location`], where it is written.

use std::fmt;

use super::{GraphNode, GraphSpec, Role};

/// One stage of a [`Graph`](super::Graph).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::pipeline;
///
/// let line = line!() + 2;
/// let run = pipeline! {
///     from_iter(0..3u64)
///         -> map(|n| n * 2) [workers = 2, ordered, name = "double"]
///         -> collect::<Vec<_>>()
/// };
/// let double = run.graph().node("double").unwrap();
/// assert_eq!(double.kind(), "map");
/// assert_eq!(double.workers(), Some("2"));
/// assert_eq!(double.options(), "workers = 2, ordered");
/// assert_eq!(double.location().line(), line + 1);
/// assert_eq!(double.location().column(), 12);
/// # run.await.unwrap();
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Node {
    spec: &'static GraphSpec,
    index: usize,
}

impl Node {
    pub(super) fn new(spec: &'static GraphSpec, index: usize) -> Self {
        Self { spec, index }
    }

    fn data(&self) -> &'static GraphNode {
        &self.spec.nodes[self.index]
    }

    /// Its position among the graph's [`nodes`](super::Graph::nodes).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its kind, as written: `map`, `try_then`, `recurse`, `merge`, ..
    pub fn kind(&self) -> &'static str {
        self.data().kind
    }

    /// Its name, as the run names it in errors and diagnostics: `[name = ".."]`, else
    /// `kind#n` for the `n`th stage of the block. The workers of a stage share its name.
    pub fn name(&self) -> &'static str {
        self.data().name
    }

    /// Whether it is a source, a transform, a sink or a junction.
    pub fn role(&self) -> Role {
        self.data().role
    }

    /// `[workers = N]`: `N` as written (`"4"`, or an expression such as `"count"`), if set.
    pub fn workers(&self) -> Option<&'static str> {
        self.data().workers
    }

    /// Its options, as written in its `[...]` (spacing normalised), but `name`, which is
    /// [`name`](Self::name): `"workers = 4, ordered"`; `""` for none.
    pub fn options(&self) -> &'static str {
        self.data().options
    }

    /// Where it is written: the file, line and column of its kind's name.
    pub fn location(&self) -> Location {
        let node = self.data();
        Location {
            file: self.spec.file,
            line: node.line,
            column: node.column,
        }
    }
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Node")
            .field("kind", &self.kind())
            .field("name", &self.name())
            .field("role", &self.role())
            .field("workers", &self.workers())
            .field("options", &self.options())
            .field("location", &self.location())
            .finish()
    }
}

/// Where a stage is written: the file (as `file!()` says it), line and column (both from 1,
/// as `line!()` and `column!()` say them) of its kind's name.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::pipeline;
///
/// let run = pipeline! { from_iter(0..3u64) -> count() };
/// let line = line!() - 1;
/// let count = run.graph().node("count#2").unwrap().location();
/// assert_eq!((count.file(), count.line(), count.column()), (file!(), line, 45));
/// assert_eq!(count.to_string(), format!("{}:{line}:45", file!()));
/// # run.await.unwrap();
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Location {
    file: &'static str,
    line: u32,
    column: u32,
}

impl Location {
    /// The file, as `file!()` names it.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line, from 1.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The column, from 1.
    pub fn column(&self) -> u32 {
        self.column
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

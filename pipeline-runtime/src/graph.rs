//! A picture of a pipeline: the [`Graph`] of a `pipeline!` block, its stages and the edges
//! between them, as the macro saw them.
//!
//! Every block describes its own graph, at no cost while it runs (the description is a
//! constant): [`RunControl::graph`](crate::RunControl::graph), which `Run` and `Handle`
//! dereference to, gives it. A stage's [`name`](Node::name) is the one the run uses in its
//! errors and [`diagnostics`](crate::diagnostics) (`map#2`, or the `[name = ".."]` given), so
//! what the run says about a stage can be put on the picture:
//! [`Graph::to_mermaid_with`] adds a line of your own to each stage's label.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use gopipe_runtime::pipeline;
//!
//! let run = pipeline! {
//!     from_iter(1..=3u64) -> map(|n| n * n) [workers = 2] -> fold(0, |total, n| total + n)
//! };
//! let graph = run.graph();
//! assert_eq!(
//!     graph.to_mermaid(),
//!     "flowchart LR\n    \
//!          n0([\"from_iter#35;1\"])\n    \
//!          n1[\"map#35;2<br/>[workers = 2]\"]\n    \
//!          n2[[\"fold#35;3\"]]\n    \
//!          n0 --> n1\n    \
//!          n1 --> n2\n"
//! );
//! assert_eq!(run.await.unwrap(), 14);
//! # }
//! ```
//!
//! The shapes say what a stage is: a source is rounded, a sink doubled, a junction
//! (`merge`, `zip`, `tee`, `route`, `partition`) a hexagon. A stage that runs as workers is
//! one node (its workers share its name); a `recurse` stage has an edge to itself, labelled
//! `children`; the edges out of a route and into a `merge` or `zip` are labelled with the
//! `let` branches they are.

use std::fmt;

mod dot;
mod label;
mod mermaid;
mod node;
pub(crate) mod spec;

pub use node::{Location, Node};
pub(crate) use spec::{GraphNode, GraphSpec};

/// The graph of one `pipeline!` block: its stages, in the order they are wired (each after
/// the stages it reads), and the edges between them. Cheap to copy: the description is a
/// constant of the program.
///
/// A [`Scope`](crate::Scope) used by hand has an empty graph.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::pipeline;
///
/// let run = pipeline! {
///     let evens = from_iter(0..10u64) -> filter(|n| n % 2 == 0);
///     let odds = from_iter(0..10u64) -> filter(|n| n % 2 == 1);
///     merge(evens, odds) -> count()
/// };
/// let graph = run.graph();
/// let names: Vec<&str> = graph.nodes().map(|node| node.name()).collect();
/// assert_eq!(
///     names,
///     ["from_iter#1", "filter#2", "from_iter#3", "filter#4", "merge#5", "count#6"]
/// );
/// let into_merge: Vec<_> = graph
///     .edges()
///     .filter(|edge| edge.to().kind() == "merge")
///     .map(|edge| (edge.from().name(), edge.label()))
///     .collect();
/// assert_eq!(into_merge, [("filter#2", Some("evens")), ("filter#4", Some("odds"))]);
/// assert_eq!(run.await.unwrap(), 10);
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Graph {
    spec: &'static GraphSpec,
}

impl Graph {
    pub(crate) fn new(spec: &'static GraphSpec) -> Self {
        Self { spec }
    }

    /// Its stages, in wiring order: every stage comes after the stages it reads.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::graph::Role;
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..3u64) -> map(|n| n + 1) [name = "inc"] -> collect::<Vec<_>>() };
    /// let kinds: Vec<(&str, Role)> = run.graph().nodes().map(|n| (n.kind(), n.role())).collect();
    /// assert_eq!(
    ///     kinds,
    ///     [("from_iter", Role::Source), ("map", Role::Transform), ("collect", Role::Sink)]
    /// );
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = Node> + Clone + 'static {
        let spec = self.spec;
        (0..spec.nodes.len()).map(move |index| Node::new(spec, index))
    }

    /// The edges between its stages: one per link a stage reads, in the order the stages
    /// are wired (a junction's inputs in the order written), and after a `recurse` stage's
    /// input, its loop: an edge to itself.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! {
    ///     from_iter([3u64]) -> recurse(|n: u64| async move { (n, (0..n).collect::<Vec<_>>()) }) -> count()
    /// };
    /// let edges: Vec<_> = run
    ///     .graph()
    ///     .edges()
    ///     .map(|edge| (edge.from().name(), edge.to().name(), edge.label()))
    ///     .collect();
    /// assert_eq!(
    ///     edges,
    ///     [
    ///         ("from_iter#1", "recurse#2", None),
    ///         ("recurse#2", "recurse#2", Some("children")),
    ///         ("recurse#2", "count#3", None),
    ///     ]
    /// );
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn edges(&self) -> impl ExactSizeIterator<Item = Edge> + Clone + 'static {
        let spec = self.spec;
        spec.edges.iter().map(move |&(from, to, label)| Edge {
            from: Node::new(spec, from),
            to: Node::new(spec, to),
            label: (!label.is_empty()).then_some(label),
        })
    }

    /// The stage called `name` (as the run names it in errors), if the block has one.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..3u64) -> map(|n| n * 2) [workers = 3] -> count() };
    /// let map = run.graph().node("map#2").unwrap();
    /// assert_eq!((map.kind(), map.workers()), ("map", Some("3")));
    /// assert!(run.graph().node("map#3").is_none());
    /// # run.await.unwrap();
    /// # }
    /// ```
    pub fn node(&self, name: &str) -> Option<Node> {
        self.nodes().find(|node| node.name() == name)
    }

    /// Whether it has no stage: the graph of a [`Scope`](crate::Scope) used by hand.
    ///
    /// ```
    /// use gopipe_runtime::Scope;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let scope: Scope<std::convert::Infallible> = Scope::new();
    /// assert!(scope.graph().is_empty());
    /// # }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.spec.nodes.is_empty()
    }
}

/// The graph of no block: no stage, no edge (what a [`Scope`](crate::Scope) used by hand has).
///
/// ```
/// use gopipe_runtime::Graph;
///
/// assert!(Graph::default().is_empty());
/// assert_eq!(Graph::default().nodes().len(), 0);
/// ```
impl Default for Graph {
    fn default() -> Self {
        Self::new(&GraphSpec::EMPTY)
    }
}

impl fmt::Debug for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Graph")
            .field("nodes", &self.nodes().collect::<Vec<_>>())
            .field("edges", &self.edges().collect::<Vec<_>>())
            .finish()
    }
}

/// What a stage is, which decides its shape in a picture.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::graph::Role;
/// use gopipe_runtime::pipeline;
///
/// let run = pipeline! {
///     let copies = from_iter(0..3u64) -> tee();
///     let total = copies -> fold(0, |total, n| total + n);
///     let count = copies -> count();
///     (total, count)
/// };
/// assert_eq!(run.graph().node("tee#2").unwrap().role(), Role::Junction);
/// # run.await.unwrap();
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum Role {
    /// Starts a chain: `from_iter`, `from_stream`, `from_channel`, `generate`, ..
    Source,
    /// Reads one link and writes one: `map`, `then`, `recurse`, `chunks`, ..
    Transform,
    /// Ends a chain with a value: `collect`, `fold`, `for_each`, ..
    Sink,
    /// Joins or splits links: `merge`, `zip`, `tee`, `route`, `partition`.
    Junction,
}

/// An edge of a [`Graph`]: the items of one stage read by another.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::pipeline;
///
/// let run = pipeline! {
///     let [small, large] = from_iter(0..10u64) -> partition(|n: &u64| *n < 5);
///     let small_count = small -> count();
///     let large_count = large -> count();
///     (small_count, large_count)
/// };
/// let edges: Vec<String> = run
///     .graph()
///     .edges()
///     .map(|edge| format!("{} -{}-> {}", edge.from().name(), edge.label().unwrap_or(""), edge.to().name()))
///     .collect();
/// assert_eq!(
///     edges,
///     ["from_iter#1 --> partition#2", "partition#2 -small-> count#3", "partition#2 -large-> count#4"]
/// );
/// # run.await.unwrap();
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Edge {
    from: Node,
    to: Node,
    label: Option<&'static str>,
}

impl Edge {
    /// The stage whose items it carries.
    pub fn from(&self) -> Node {
        self.from
    }

    /// The stage that reads them (for a `recurse` stage's loop, the stage itself).
    pub fn to(&self) -> Node {
        self.to
    }

    /// The `let` branch it is (`"evens"`), `"children"` for a `recurse` stage's loop, or
    /// `None` for a link inside a chain.
    pub fn label(&self) -> Option<&'static str> {
        self.label
    }
}

//! What a `pipeline!` block emits to describe its graph: one constant per block, reached
//! through `__private`. Plain static data and `const fn`s, so that the expansion adds one
//! statement and no code that runs per stage; [`Graph`](super::Graph) reads it.
//!
//! ```text
//! pipeline.describe(const {
//!     &GraphSpec::new(file!(), &[
//!         GraphNode::source("from_iter", "gen", line!(), column!()),
//!         GraphNode::transform("map", "sq", line!(), column!()).workers("2").options("workers = 2"),
//!         GraphNode::sink("fold", "fold#3", line!(), column!()),
//!     ], &[(0, 1, ""), (1, 2, "")])
//! });
//! ```

use super::Role;

/// A block's graph: the file its stages are in, its stages in wiring order, and its edges as
/// `(from, to, label)`, indexes into the stages, `""` for no label.
#[derive(Debug, PartialEq, Eq)]
pub struct GraphSpec {
    pub(super) file: &'static str,
    pub(super) nodes: &'static [GraphNode],
    pub(super) edges: &'static [(usize, usize, &'static str)],
}

impl GraphSpec {
    /// The graph of a block in `file`.
    pub const fn new(
        file: &'static str,
        nodes: &'static [GraphNode],
        edges: &'static [(usize, usize, &'static str)],
    ) -> Self {
        Self { file, nodes, edges }
    }

    /// The graph of no block: a [`Scope`](crate::Scope) used by hand, or a block that did not
    /// compile.
    pub(super) const EMPTY: GraphSpec = GraphSpec::new("", &[], &[]);
}

/// One stage: what the macro knows of it.
#[derive(Debug, PartialEq, Eq)]
pub struct GraphNode {
    pub(super) kind: &'static str,
    pub(super) name: &'static str,
    pub(super) role: Role,
    pub(super) workers: Option<&'static str>,
    pub(super) options: &'static str,
    pub(super) line: u32,
    pub(super) column: u32,
}

impl GraphNode {
    const fn new(kind: &'static str, name: &'static str, role: Role, at: (u32, u32)) -> Self {
        Self {
            kind,
            name,
            role,
            workers: None,
            options: "",
            line: at.0,
            column: at.1,
        }
    }

    /// A source (`from_iter`, `generate`, ..) at `line`, `column`.
    pub const fn source(kind: &'static str, name: &'static str, line: u32, column: u32) -> Self {
        Self::new(kind, name, Role::Source, (line, column))
    }

    /// A transform (`map`, `recurse`, ..).
    pub const fn transform(kind: &'static str, name: &'static str, line: u32, column: u32) -> Self {
        Self::new(kind, name, Role::Transform, (line, column))
    }

    /// A sink (`fold`, `for_each`, ..).
    pub const fn sink(kind: &'static str, name: &'static str, line: u32, column: u32) -> Self {
        Self::new(kind, name, Role::Sink, (line, column))
    }

    /// A junction (`merge`, `zip`, `tee`, `route`, `partition`).
    pub const fn junction(kind: &'static str, name: &'static str, line: u32, column: u32) -> Self {
        Self::new(kind, name, Role::Junction, (line, column))
    }

    /// `[workers = N]`, `N` as written.
    pub const fn workers(mut self, workers: &'static str) -> Self {
        self.workers = Some(workers);
        self
    }

    /// The stage's options but its name, as written.
    pub const fn options(mut self, options: &'static str) -> Self {
        self.options = options;
        self
    }
}

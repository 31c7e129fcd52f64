//! The plan: what validation hands to generation. Everything in it has been checked, so
//! generation makes no decision that could fail.

use syn::{Expr, Ident};

use crate::ast::{Setting, Stage};
use crate::kinds::Kind;

/// A checked block, ready to expand.
pub struct Plan<'a> {
    pub run: RunSettings<'a>,
    pub error_type: ErrorType,
    /// In wiring order: every stage comes after the stages it reads from.
    pub stages: Vec<PlannedStage<'a>>,
    /// The final chain's last link when it has no sink (the run is then a stream).
    pub stream: Option<Ident>,
    /// When the block ends in a tuple of branches that end in sinks, the links of their
    /// values, in order (the run's value is the tuple of them); else empty.
    pub results: Vec<Ident>,
}

/// `#![...]`.
#[derive(Default)]
pub struct RunSettings<'a> {
    pub capacity: Option<&'a Expr>,
    pub cancel: Option<&'a Expr>,
    pub timeout: Option<&'a Expr>,
    pub error_capacity: Option<&'a Expr>,
    /// `stall_warning = after`.
    pub stall_warning: Option<&'a Expr>,
    /// `metrics = on`, with its key.
    pub metrics: Option<(&'a Ident, &'a Expr)>,
    /// `fusion = on`, with its key.
    pub fusion: Option<(&'a Ident, &'a Expr)>,
    /// `progress` (`Some((key, None))`), or `progress = how` (`Some((key, Some(how)))`).
    pub progress: Option<(&'a Ident, Option<&'a Expr>)>,
    pub style: Style,
}

/// `errors = ..`: what the run does with an error of user code.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub enum Style {
    #[default]
    FailFast,
    Channel,
    Result,
}

/// The run's error type when no stage determines it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorType {
    /// A fallible stage determines it.
    Inferred,
    /// Nothing can fail.
    Infallible,
    /// Only per-item timeouts can fail.
    Elapsed,
}

/// One stage of the block, wired to the links it reads and writes.
pub struct PlannedStage<'a> {
    pub stage: &'a Stage,
    pub kind: Kind,
    /// Its name in errors at run time: `kind#n`, or the one given with `[name = ".."]`.
    pub name: String,
    pub inputs: Vec<Ident>,
    /// One link, or one per use for a tee, one per branch for a route (`_` for a branch
    /// dropped); for a sink, its value's when it ends a `let` branch, else none.
    pub outputs: Vec<Ident>,
    pub options: StageOptions<'a>,
}

/// `[...]` after a stage.
#[derive(Default)]
pub struct StageOptions<'a> {
    pub workers: Option<&'a Setting>,
    pub ordered: bool,
    /// `boundary`: a task of its own, never fused.
    pub boundary: bool,
    pub capacity: Option<&'a Expr>,
    pub timeout: Option<&'a Setting>,
    /// `recurse`'s `unique_by = key`, `max_depth = N` and `max_pending = N`.
    pub unique_by: Option<&'a Expr>,
    pub max_depth: Option<&'a Expr>,
    pub max_pending: Option<&'a Expr>,
    pub retry: Option<&'a Setting>,
    pub rate: Option<&'a Setting>,
}

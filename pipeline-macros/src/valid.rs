//! Validation: the rules of a block, checked before any code is generated.
//!
//! Produces a [`Plan`] (the stages in wiring order, their links and options) or every error
//! found, each on the tokens it is about. A mistake is reported once: a branch whose chain
//! has an error still counts as defined, so its uses do not add errors of their own.
//!
//! One [`Checker`] collects the errors; each concept of the rules has a module of its own:
//! [`calls`] (a stage call: a known kind, its argument count), [`graph`] (where each stage
//! may stand in a chain), [`branches`] (`let` branches and their uses), [`routes`] (the
//! branches a route names, and a block's tuple of results), [`names`] (unique stage names),
//! [`options`] (`#![...]`, `[...]` and literal counts). The result's types are in [`plan`].

use std::collections::HashMap;

use proc_macro2::Span;
use syn::Error;

use crate::ast::Block;

mod branches;
mod calls;
mod expr;
mod graph;
mod names;
mod options;
mod plan;
mod routes;

pub use branches::branch_of;
pub use plan::{ErrorType, Plan, PlannedStage, StageOptions, Style};

pub fn validate(block: &Block) -> Result<Plan<'_>, Error> {
    let mut check = Checker::default();
    let run = check.run_settings(block.settings.as_ref());
    if block.branches.is_empty() && block.output.is_none() && block.results.is_none() {
        let message =
            "empty pipeline: expected stages, e.g. `from_iter(items) -> map(f) -> collect()`";
        // On the options when there are some: the user's tokens.
        return Err(match block.settings.as_ref().and_then(|s| s.list.first()) {
            Some(setting) => Error::new_spanned(setting.tokens(), message),
            None => Error::new(Span::call_site(), message),
        });
    }
    let mut stages = Vec::new();
    for branch in &block.branches {
        check.branch(branch, &mut stages);
    }
    let stream = check.output(block, &mut stages);
    let results = check.results(block);
    if block.output.is_some() || results.as_ref().is_some_and(|links| !links.is_empty()) {
        // Without a final chain (or tuple) every branch is unused: that is the one mistake,
        // reported by `output` (or `results`).
        check.branch_uses(&mut stages, block.results.is_some());
    }
    check.names(&mut stages);
    check.into_result()?;
    Ok(Plan {
        run,
        error_type: error_type(&stages),
        stages,
        stream,
        results: results.unwrap_or_default(),
    })
}

/// What the run's error type is when the user does not say: a fallible stage decides it.
fn error_type(stages: &[PlannedStage<'_>]) -> ErrorType {
    if stages.iter().any(|planned| planned.kind.is_fallible()) {
        ErrorType::Inferred
    } else if stages
        .iter()
        .any(|planned| planned.options.timeout.is_some())
    {
        ErrorType::Elapsed
    } else {
        ErrorType::Infallible
    }
}

/// The state of one validation: the errors found so far and what is known of the branches.
#[derive(Default)]
struct Checker {
    errors: Vec<Error>,
    branches: HashMap<String, branches::BranchInfo>,
    /// Stages numbered in source order, for default names.
    count: usize,
}

impl Checker {
    fn error(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.errors.push(Error::new_spanned(tokens, message));
    }

    /// `Ok` when nothing was found; otherwise every error, in the order found.
    fn into_result(self) -> Result<(), Error> {
        let mut errors = self.errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

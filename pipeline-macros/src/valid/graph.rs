//! The graph rules: where each role of stage may stand in a chain, and what a `let` branch
//! and the block's end may be. Wires the links between stages as it goes; how each branch is
//! then used is [`branches`](super::branches)' concern, routes and the block's tuple of
//! results [`routes`](super::routes)'.

use proc_macro2::Span;
use quote::format_ident;
use syn::{Error, Ident};

use super::branches::{BranchEnd, branch_link};
use super::expr::path_ident;
use super::{Checker, PlannedStage};
use crate::ast::{Block, Branch, BranchNames, Chain, Head, Stage};
use crate::kinds::{self, Kind, Role};

/// What a chain ends: a `let` branch, the branches of a `let [a, b, ..]`, or the pipeline's
/// final chain.
#[derive(Clone, Copy)]
enum ChainEnd<'a> {
    Branch(&'a Ident),
    Routed,
    Output,
}

impl Checker {
    /// Checks and wires `let name = chain;` or `let [a, b, ..] = chain;`.
    pub(super) fn branch<'a>(&mut self, branch: &'a Branch, stages: &mut Vec<PlannedStage<'a>>) {
        let before = stages.len();
        let errors_before = self.errors.len();
        let end = match &branch.names {
            BranchNames::One(name) => ChainEnd::Branch(name),
            BranchNames::Routed(_) => ChainEnd::Routed,
        };
        let last_role = self.chain(&branch.chain, end, stages);
        // A branch whose chain is wrong is not checked for how it is used: that mistake
        // (an unknown stage, say) is the one to fix, and its uses may well be right.
        let broken = self.errors.len() > errors_before;
        // The chain's own last stage, if it was planned: a tee's or route's outputs are
        // wired once the branch's uses are known.
        let last = (stages.len() > before)
            .then(|| stages.len() - 1)
            .filter(|&last| Some(stages[last].kind.role()) == last_role);
        match &branch.names {
            BranchNames::One(name) => {
                let end = match last.map(|last| (last, stages[last].kind)) {
                    Some((last, kind)) if kind.role() == Role::Tee => BranchEnd::Tee(last),
                    Some((_, kind)) if kind.role() == Role::Sink => BranchEnd::Sink(kind),
                    _ => BranchEnd::Link,
                };
                self.define(name, end, broken);
            }
            BranchNames::Routed(routes) => {
                let route = last.filter(|&last| stages[last].kind.role() == Role::Split);
                self.routes(routes, route.map(|last| &mut stages[last]), broken);
            }
        }
    }

    /// Checks and wires the final chain; returns its last link when it has no sink.
    pub(super) fn output<'a>(
        &mut self,
        block: &'a Block,
        stages: &mut Vec<PlannedStage<'a>>,
    ) -> Option<Ident> {
        match &block.output {
            Some(Chain {
                head: Head::Branch(name),
                stages: chain,
            }) if chain.is_empty() && self.ends_in_sink(name) => {
                self.use_result(name);
                self.error(
                    name,
                    format!(
                        "the block's result is only `{name}`'s: write its chain here, without \
                         `let`. A tuple, `(a, b)`, gathers the results of several branches that \
                         end in sinks"
                    ),
                );
                None
            }
            Some(Chain {
                head: Head::Branch(name),
                stages: chain,
            }) if chain.is_empty() => {
                self.use_branch(name, stages.len(), 0);
                self.error(
                    name,
                    "the last chain is only a branch name: add stages to it (e.g. `-> collect()`), \
                     or write the branch's stages here instead of in a `let`",
                );
                None
            }
            Some(chain) => {
                let end = self.chain(chain, ChainEnd::Output, stages);
                if end == Some(Role::Sink) {
                    return None;
                }
                stages
                    .last()
                    .and_then(|planned| planned.outputs.first().cloned())
            }
            // Checked by `results`.
            None if block.results.is_some() => None,
            None => {
                // On the last branch: the user's tokens, where the final chain should follow.
                let last = block.branches.last().map(|branch| branch.names.tokens());
                let sinks: Vec<&Ident> = block
                    .branches
                    .iter()
                    .filter_map(|branch| match &branch.names {
                        BranchNames::One(name) if self.ends_in_sink(name) => Some(name),
                        BranchNames::One(_) | BranchNames::Routed(_) => None,
                    })
                    .collect();
                let message = match sinks.as_slice() {
                    [] => "the pipeline has no final chain: after the `let` branches, add a \
                           chain that uses them, e.g. `merge(a, b) -> collect()`"
                        .to_owned(),
                    [first, ..] => format!(
                        "the pipeline has no result: end it with the tuple of the branches \
                         that end in sinks, e.g. `({first}, other)`"
                    ),
                };
                match last {
                    Some(name) => self.error(name, message),
                    None => self.errors.push(Error::new(Span::call_site(), message)),
                }
                None
            }
        }
    }

    /// Checks and wires one chain; returns the role of its last stage.
    fn chain<'a>(
        &mut self,
        chain: &'a Chain,
        end: ChainEnd<'_>,
        stages: &mut Vec<PlannedStage<'a>>,
    ) -> Option<Role> {
        let mut link: Option<Ident> = None;
        let mut last_role = None;
        let mut broken = false;
        match &chain.head {
            Head::Branch(name) => {
                link = Some(self.use_branch(name, stages.len(), 0));
                last_role = Some(Role::Transform);
                let renames_a_tee = self.ends_in_tee(name);
                if let ChainEnd::Branch(alias) = end
                    && chain.stages.is_empty()
                    && renames_a_tee
                {
                    // A tee's outputs are made per use; a rename would be a use with no
                    // stage to read it.
                    self.error(
                        name,
                        format!(
                            "branch `{alias}` only renames `{name}`, which ends in `{tee}()`: \
                             use `{name}` itself, or give `{alias}` a stage of its own (e.g. \
                             `let {alias} = {name} -> map(f);`)",
                            tee = Kind::Tee.name()
                        ),
                    );
                    broken = true;
                }
            }
            Head::Stage(stage) => match self.resolve(stage) {
                None => broken = true,
                Some(kind) => match kind.role() {
                    Role::Source | Role::Merge => {
                        let inputs = if kind.role() == Role::Merge {
                            self.merge_inputs(stage, stages.len())
                        } else {
                            Vec::new()
                        };
                        let output = self.link_name(kind);
                        stages.push(self.plan_stage(stage, kind, inputs, vec![output.clone()]));
                        link = Some(output);
                        last_role = Some(kind.role());
                    }
                    Role::Transform | Role::Sink | Role::Tee | Role::Split => {
                        self.error(
                            &stage.kind,
                            format!(
                                "`{}` cannot start a chain: it needs an input. Start with a \
                                 source ({}), a branch name, or `{}(a, b)`",
                                kind.name(),
                                kinds::names(Role::Source).join(", "),
                                Kind::Merge.name()
                            ),
                        );
                        broken = true;
                    }
                },
            },
        }
        for (position, stage) in chain.stages.iter().enumerate() {
            let is_last = position + 1 == chain.stages.len();
            if last_role == Some(Role::Sink) {
                self.error(
                    stage.tokens(),
                    "nothing can follow a sink: the sink must be the last stage",
                );
                return last_role;
            }
            if last_role == Some(Role::Tee) {
                self.error(
                    stage.tokens(),
                    format!(
                        "`{}()` must be the last stage of its branch",
                        Kind::Tee.name()
                    ),
                );
                return last_role;
            }
            let Some(kind) = self.resolve(stage) else {
                broken = true;
                continue;
            };
            if !self.may_follow_arrow(stage, kind, end, is_last) {
                broken = true;
                continue;
            }
            last_role = Some(kind.role());
            if broken {
                continue;
            }
            let inputs: Vec<Ident> = link.take().into_iter().collect();
            let outputs = match kind.role() {
                // A branch's sink: its value, named after the branch (below).
                Role::Sink if matches!(end, ChainEnd::Branch(_)) => vec![self.link_name(kind)],
                Role::Sink => Vec::new(),
                // Filled in once the branch's uses (or the route's names) are known.
                Role::Tee | Role::Split => Vec::new(),
                Role::Source | Role::Transform | Role::Merge => vec![self.link_name(kind)],
            };
            link = outputs.first().cloned();
            stages.push(self.plan_stage(stage, kind, inputs, outputs));
        }
        if let (ChainEnd::Branch(name), Some(planned)) = (end, stages.last_mut())
            && !broken
            && planned.kind.role() != Role::Tee
            && let Some(output) = planned.outputs.first_mut()
        {
            // The branch's link is named after the branch.
            *output = branch_link(&name.to_string());
        }
        last_role
    }

    /// Whether `kind` may stand after `->` here; reports why not.
    fn may_follow_arrow(
        &mut self,
        stage: &Stage,
        kind: Kind,
        end: ChainEnd<'_>,
        is_last: bool,
    ) -> bool {
        let in_branch = matches!(end, ChainEnd::Branch(_) | ChainEnd::Routed);
        match kind.role() {
            Role::Source => {
                self.error(
                    &stage.kind,
                    format!(
                        "`{}` is a source: it can only start a chain, not follow `->`",
                        kind.name()
                    ),
                );
                false
            }
            Role::Merge => {
                self.error(
                    &stage.kind,
                    format!(
                        "`{}(..)` starts a chain (it takes its inputs as arguments); it cannot \
                         follow `->`",
                        kind.name()
                    ),
                );
                // Its branches count as used (by no planned stage): only its place is wrong.
                self.merge_inputs(stage, usize::MAX);
                false
            }
            Role::Split => match end {
                ChainEnd::Routed if is_last => true,
                ChainEnd::Branch(name) if is_last => {
                    self.error(
                        name,
                        format!(
                            "`{kind}` sends each item to one of several branches: name them, as \
                             in `let [a, b] = .. -> {kind}(..);`",
                            kind = kind.name()
                        ),
                    );
                    false
                }
                ChainEnd::Branch(_) | ChainEnd::Routed | ChainEnd::Output => {
                    self.error(
                        &stage.kind,
                        format!(
                            "`{kind}(..)` ends a `let [a, b, ..] = ..;` branch, naming the \
                             branches it sends each item to; it cannot stand anywhere else",
                            kind = kind.name()
                        ),
                    );
                    false
                }
            },
            Role::Tee if !in_branch || !is_last => {
                self.error(
                    &stage.kind,
                    format!(
                        "`{}()` ends a `let` branch so that the branch can be used more than \
                         once; it cannot stand anywhere else",
                        kind.name()
                    ),
                );
                false
            }
            Role::Transform | Role::Sink | Role::Tee => true,
        }
    }

    /// The links `merge(a, b, ..)` (or `zip(a, b)`) reads, one per branch name, for planned
    /// stage `index`.
    fn merge_inputs(&mut self, stage: &Stage, index: usize) -> Vec<Ident> {
        let junction = stage.kind.to_string();
        let mut inputs = Vec::new();
        for (slot, arg) in stage.args.iter().enumerate() {
            match path_ident(arg) {
                Some(name) => inputs.push(self.use_branch(name, index, slot)),
                None => self.error(
                    arg,
                    format!(
                        "`{junction}` takes branch names (defined with `let name = ...;`), not \
                         expressions"
                    ),
                ),
            }
        }
        inputs
    }

    /// The link a stage of `kind` writes: `map_2` for the second stage.
    fn link_name(&mut self, kind: Kind) -> Ident {
        format_ident!(
            "{}_{}",
            kind.name(),
            self.count + 1,
            span = Span::mixed_site()
        )
    }

    fn plan_stage<'a>(
        &mut self,
        stage: &'a Stage,
        kind: Kind,
        inputs: Vec<Ident>,
        outputs: Vec<Ident>,
    ) -> PlannedStage<'a> {
        self.count += 1;
        let options = self.stage_options(stage, kind);
        PlannedStage {
            stage,
            kind,
            name: format!("{}#{}", kind.name(), self.count),
            inputs,
            outputs,
            options,
        }
    }
}

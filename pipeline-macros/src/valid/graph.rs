//! The graph rules: where each role of stage may stand in a chain, and how `let` branches
//! are defined and used (once, or through a `tee()` by every use). Wires the links between
//! stages as it goes.

use proc_macro2::Span;
use quote::format_ident;
use syn::{Error, Ident};

use super::expr::path_ident;
use super::{Checker, PlannedStage};
use crate::ast::{Block, Branch, Chain, Head, Stage};
use crate::kinds::{self, Kind, Role};
use crate::suggest;

/// What a chain ends: a `let` branch, or the pipeline's final chain.
#[derive(Clone, Copy)]
enum ChainEnd<'a> {
    Branch(&'a Ident),
    Output,
}

pub(super) struct BranchInfo {
    /// Definition order, so errors about branches come in source order.
    order: usize,
    span: Span,
    /// The planned stage of the `tee()` that ends it, if it does.
    tee: Option<usize>,
    /// Its chain has an error: its uses are not checked.
    broken: bool,
    /// Where it is used: the planned stage and input slot that read it.
    uses: Vec<(usize, usize, Span)>,
}

impl Checker {
    /// Checks and wires `let name = chain;`.
    pub(super) fn branch<'a>(&mut self, branch: &'a Branch, stages: &mut Vec<PlannedStage<'a>>) {
        let name = branch.name.to_string();
        if self.branches.contains_key(&name) {
            self.errors.push(Error::new(
                branch.name.span(),
                format!(
                    "branch `{name}` is already defined by an earlier `let`: pick another name"
                ),
            ));
        }
        let before = stages.len();
        let errors_before = self.errors.len();
        let end = self.chain(&branch.chain, ChainEnd::Branch(&branch.name), stages);
        // A branch whose chain is wrong is not checked for how it is used: that mistake
        // (an unknown stage, say) is the one to fix, and its uses may well be right.
        let broken = self.errors.len() > errors_before;
        let tee = stages[before..]
            .last()
            .filter(|planned| end == Some(Role::Tee) && planned.kind.role() == Role::Tee)
            .map(|_| stages.len() - 1);
        let order = self.branches.len();
        self.branches.insert(
            name,
            BranchInfo {
                order,
                span: branch.name.span(),
                tee,
                broken,
                uses: Vec::new(),
            },
        );
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
            None => {
                // On the last branch: the user's tokens, where the final chain should follow.
                let last = block.branches.last().map(|branch| &branch.name);
                let message = "the pipeline has no final chain: after the `let` branches, add a \
                               chain that uses them, e.g. `merge(a, b) -> collect()`";
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
                let renames_a_tee = self
                    .branches
                    .get(&name.to_string())
                    .is_some_and(|branch| branch.tee.is_some());
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
                    Role::Transform | Role::Sink | Role::Tee => {
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
                Role::Sink => Vec::new(),
                // Filled in once the branch's uses are known.
                Role::Tee => Vec::new(),
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
            *output = format_ident!("{}", name, span = Span::mixed_site());
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
        let in_branch = matches!(end, ChainEnd::Branch(_));
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
            Role::Sink if in_branch => {
                self.error(
                    &stage.kind,
                    "a `let` branch cannot end in a sink: only the pipeline's last chain \
                     has one. End the branch before the sink and use it in that chain",
                );
                false
            }
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

    /// Records a use of branch `name` by input `slot` of planned stage `index`; returns the
    /// link.
    pub(super) fn use_branch(&mut self, name: &Ident, index: usize, slot: usize) -> Ident {
        let key = name.to_string();
        match self.branches.get_mut(&key) {
            Some(branch) => branch.uses.push((index, slot, name.span())),
            None => {
                let defined: Vec<&str> = self.branches.keys().map(String::as_str).collect();
                let hint = suggest::did_you_mean(&key, defined.iter().copied());
                self.error(
                    name,
                    format!(
                        "no branch named `{key}` is defined before this point (define it \
                         first with `let {key} = ...;`){hint}"
                    ),
                );
            }
        }
        format_ident!("{}", key, span = Span::mixed_site())
    }

    /// Checks every branch is used as its end allows, and points tee'd uses at their link.
    pub(super) fn branch_uses(&mut self, stages: &mut [PlannedStage<'_>]) {
        let mut branches: Vec<(&String, &BranchInfo)> = self.branches.iter().collect();
        branches.sort_by_key(|(_, info)| info.order);
        let tee = Kind::Tee.name();
        let mut errors = Vec::new();
        for (name, branch) in branches {
            if branch.broken {
                continue;
            }
            match (branch.tee, branch.uses.len()) {
                (_, 0) => errors.push(Error::new(
                    branch.span,
                    format!("branch `{name}` is never used: use it in a later chain or remove it"),
                )),
                (None, 1) => {}
                (None, _) => errors.push(Error::new(
                    branch.uses[1].2,
                    format!(
                        "branch `{name}` is already used by an earlier chain: every item goes \
                         to one consumer. End the branch with `-> {tee}()` to give every use a \
                         copy of each item"
                    ),
                )),
                (Some(_), 1) => errors.push(Error::new(
                    branch.uses[0].2,
                    format!(
                        "branch `{name}` ends in `{tee}()` but is used only once: remove the \
                         `{tee}()`"
                    ),
                )),
                (Some(tee), uses) => {
                    let links: Vec<Ident> = (0..uses)
                        .map(|use_| format_ident!("{}_{}", name, use_, span = Span::mixed_site()))
                        .collect();
                    if let Some(tee) = stages.get_mut(tee) {
                        tee.outputs = links.clone();
                    }
                    for ((index, slot, _), link) in branch.uses.iter().zip(links) {
                        if let Some(input) = stages
                            .get_mut(*index)
                            .and_then(|planned| planned.inputs.get_mut(*slot))
                        {
                            *input = link;
                        }
                    }
                }
            }
        }
        self.errors.extend(errors);
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

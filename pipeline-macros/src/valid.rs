//! Validation: the graph rules of a block, checked before any code is generated.
//!
//! Produces a [`Plan`] (the stages in wiring order, their links and options) or every error
//! found, each on the tokens it is about. A mistake is reported once: a branch whose chain
//! has an error still counts as defined, so its uses do not add errors of their own. The
//! options (`#![...]`, `[...]`) and literal counts are checked in [`options`].

use std::collections::HashMap;

use proc_macro2::Span;
use quote::format_ident;
use syn::{Error, Expr, ExprLit, ExprPath, Ident, Lit};

use crate::ast::{Block, Chain, Head, Setting, Stage};
use crate::kinds::{self, Kind, Role};
use crate::suggest;

mod options;

/// A checked block, ready to expand.
pub struct Plan<'a> {
    pub run: RunSettings<'a>,
    pub error_type: ErrorType,
    pub steps: Vec<Step<'a>>,
    /// The final chain's last link when it has no sink (the run is then a stream).
    pub stream: Option<Ident>,
}

/// `#![...]`.
#[derive(Default)]
pub struct RunSettings<'a> {
    pub capacity: Option<&'a Expr>,
    pub cancel: Option<&'a Expr>,
    pub timeout: Option<&'a Expr>,
    pub error_capacity: Option<&'a Expr>,
    pub style: Style,
}

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

/// One stage, wired.
pub struct Step<'a> {
    pub stage: &'a Stage,
    pub kind: &'static Kind,
    pub name: String,
    pub inputs: Vec<Ident>,
    /// One link, or one per use for a tee; empty for a sink.
    pub outputs: Vec<Ident>,
    pub options: StageOptions<'a>,
}

/// `[...]` after a stage.
#[derive(Default)]
pub struct StageOptions<'a> {
    pub workers: Option<&'a Setting>,
    pub ordered: bool,
    pub capacity: Option<&'a Expr>,
    pub timeout: Option<&'a Setting>,
}

pub fn validate(block: &Block) -> Result<Plan<'_>, Error> {
    let mut check = Checker::default();
    let run = check.run_settings(block.settings.as_ref());
    let mut steps = Vec::new();
    let mut stream = None;

    if block.branches.is_empty() && block.output.is_none() {
        let message =
            "empty pipeline: expected stages, e.g. `from_iter(items) -> map(f) -> collect()`";
        // On the options when there are some: the user's tokens.
        return Err(match block.settings.as_ref().and_then(|s| s.list.first()) {
            Some(setting) => Error::new_spanned(setting.tokens(), message),
            None => Error::new(Span::call_site(), message),
        });
    }
    for branch in &block.branches {
        let name = branch.name.to_string();
        if check.branches.contains_key(&name) {
            check.errors.push(Error::new(
                branch.name.span(),
                format!(
                    "branch `{name}` is already defined by an earlier `let`: pick another name"
                ),
            ));
        }
        let before = steps.len();
        let errors_before = check.errors.len();
        let end = check.chain(&branch.chain, ChainEnd::Branch(&branch.name), &mut steps);
        // A branch whose chain is wrong is not checked for how it is used: that mistake
        // (an unknown stage, say) is the one to fix, and its uses may well be right.
        let broken = check.errors.len() > errors_before;
        let tee = steps[before..]
            .last()
            .filter(|step| end == Some(Role::Tee) && step.kind.role == Role::Tee)
            .map(|_| steps.len() - 1);
        let order = check.branches.len();
        check.branches.insert(
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
    match &block.output {
        Some(Chain {
            head: Head::Branch(name),
            stages,
        }) if stages.is_empty() => {
            check.use_branch(name, steps.len(), 0);
            check.error(
                name,
                "the last chain is only a branch name: add stages to it (e.g. `-> collect()`), \
                 or write the branch's stages here instead of in a `let`",
            );
        }
        Some(chain) => {
            let end = check.chain(chain, ChainEnd::Output, &mut steps);
            if end != Some(Role::Sink) {
                stream = steps
                    .last()
                    .and_then(|step: &Step| step.outputs.first().cloned());
            }
        }
        None => {
            // On the last branch: the user's tokens, where the final chain should follow.
            let last = block.branches.last().map(|branch| &branch.name);
            let message = "the pipeline has no final chain: after the `let` branches, add a \
                           chain that uses them, e.g. `merge(a, b) -> collect()`";
            match last {
                Some(name) => check.error(name, message),
                None => check.errors.push(Error::new(Span::call_site(), message)),
            }
        }
    }
    if block.output.is_some() {
        // Without a final chain every branch is unused: that is the one mistake, reported above.
        check.branch_uses(&mut steps);
    }
    check.names(&mut steps);

    if let Some(first) = check.errors.pop() {
        let mut combined = first;
        for error in check.errors.drain(..).rev() {
            let mut error = error;
            error.combine(combined);
            combined = error;
        }
        return Err(combined);
    }
    let error_type = if steps.iter().any(|step| step.kind.fallible) {
        ErrorType::Inferred
    } else if steps.iter().any(|step| step.options.timeout.is_some()) {
        ErrorType::Elapsed
    } else {
        ErrorType::Infallible
    };
    Ok(Plan {
        run,
        error_type,
        steps,
        stream,
    })
}

#[derive(Clone, Copy)]
enum ChainEnd<'a> {
    Branch(&'a Ident),
    Output,
}

struct BranchInfo {
    /// Definition order, so errors about branches come in source order.
    order: usize,
    span: Span,
    /// The step of the `tee()` that ends it, if it does.
    tee: Option<usize>,
    /// Its chain has an error: its uses are not checked.
    broken: bool,
    /// Where it is used: the step and input slot that read it.
    uses: Vec<(usize, usize, Span)>,
}

#[derive(Default)]
struct Checker {
    errors: Vec<Error>,
    branches: HashMap<String, BranchInfo>,
    /// Stages numbered in source order, for default names.
    count: usize,
}

impl Checker {
    fn error(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.errors.push(Error::new_spanned(tokens, message));
    }

    /// Checks and wires one chain; returns the role of its last stage.
    fn chain<'a>(
        &mut self,
        chain: &'a Chain,
        end: ChainEnd<'_>,
        steps: &mut Vec<Step<'a>>,
    ) -> Option<Role> {
        let mut link: Option<Ident> = None;
        let mut last_role = None;
        let mut broken = false;
        match &chain.head {
            Head::Branch(name) => {
                link = Some(self.use_branch(name, steps.len(), 0));
                last_role = Some(Role::Transform);
            }
            Head::Stage(stage) => match self.kind(stage) {
                None => broken = true,
                Some(kind) => match kind.role {
                    Role::Source | Role::Merge => {
                        let inputs = if kind.role == Role::Merge {
                            self.merge_inputs(stage, steps.len())
                        } else {
                            Vec::new()
                        };
                        let output = self.link_name(kind);
                        steps.push(self.step(stage, kind, inputs, vec![output.clone()]));
                        link = Some(output);
                        last_role = Some(kind.role);
                    }
                    _ => {
                        self.error(
                            &stage.kind,
                            format!(
                                "`{}` cannot start a chain: it needs an input. Start with a \
                                 source ({}), a branch name, or `merge(a, b)`",
                                kind.name,
                                kinds::names(Role::Source).join(", ")
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
                    "`tee()` must be the last stage of its branch",
                );
                return last_role;
            }
            let Some(kind) = self.kind(stage) else {
                broken = true;
                continue;
            };
            match kind.role {
                Role::Source => {
                    self.error(
                        &stage.kind,
                        format!(
                            "`{}` is a source: it can only start a chain, not follow `->`",
                            kind.name
                        ),
                    );
                    broken = true;
                    continue;
                }
                Role::Merge => {
                    self.error(
                        &stage.kind,
                        "`merge(..)` starts a chain (it takes its inputs as arguments); it \
                         cannot follow `->`",
                    );
                    self.merge_inputs(stage, steps.len());
                    broken = true;
                    continue;
                }
                Role::Sink if matches!(end, ChainEnd::Branch(_)) => {
                    self.error(
                        &stage.kind,
                        "a `let` branch cannot end in a sink: only the pipeline's last chain \
                         has one. End the branch before the sink and use it in that chain",
                    );
                    broken = true;
                    continue;
                }
                Role::Tee if !matches!(end, ChainEnd::Branch(_)) || !is_last => {
                    self.error(
                        &stage.kind,
                        "`tee()` ends a `let` branch so that the branch can be used more than \
                         once; it cannot stand anywhere else",
                    );
                    broken = true;
                    continue;
                }
                _ => {}
            }
            last_role = Some(kind.role);
            if broken {
                continue;
            }
            let inputs: Vec<Ident> = link.take().into_iter().collect();
            let outputs = match kind.role {
                Role::Sink => Vec::new(),
                // Filled in once the branch's uses are known.
                Role::Tee => Vec::new(),
                _ => vec![self.link_name(kind)],
            };
            link = outputs.first().cloned();
            steps.push(self.step(stage, kind, inputs, outputs));
        }
        if let (ChainEnd::Branch(name), Some(step)) = (end, steps.last_mut())
            && !broken
            && step.kind.role != Role::Tee
            && let Some(output) = step.outputs.first_mut()
        {
            // The branch's link is named after the branch.
            *output = format_ident!("{}", name, span = Span::mixed_site());
        }
        last_role
    }

    fn kind(&mut self, stage: &Stage) -> Option<&'static Kind> {
        let name = stage.kind.to_string();
        let Some(kind) = kinds::lookup(&name) else {
            let near = suggest::closest(&name, kinds::KINDS.iter().map(|kind| kind.name));
            let hint = suggest::equivalent(&name)
                .map(|advice| format!(": {advice}"))
                .or_else(|| near.map(|near| format!("; did you mean `{near}`?")))
                .unwrap_or_else(|| {
                    format!(
                        ". Sources: {}. Transforms: {}. Sinks: {}. Junctions: merge, tee",
                        kinds::names(Role::Source).join(", "),
                        kinds::names(Role::Transform).join(", "),
                        kinds::names(Role::Sink).join(", ")
                    )
                });
            self.error(&stage.kind, format!("unknown stage `{name}`{hint}"));
            return None;
        };
        let expected = kind.args.len();
        let given = stage.args.len();
        let arity_ok = if kind.role == Role::Merge {
            given >= 2
        } else {
            given == expected
        };
        if !arity_ok {
            if kind.role == Role::Merge {
                // Its branches are still used: only the arity is wrong.
                for arg in &stage.args {
                    if let Some(name) = path_ident(arg) {
                        self.use_branch(name, usize::MAX, 0);
                    }
                }
            }
            let found = match given {
                0 => "none".to_owned(),
                1 => "1".to_owned(),
                n => n.to_string(),
            };
            let hint = closure_hint(kind, stage);
            self.error(
                stage.tokens(),
                format!("{}, found {found}{hint}", kind.usage()),
            );
            return None;
        }
        if let Some(generics) = &stage.generics
            && !kind.generic
        {
            self.error(
                generics,
                format!(
                    "`{}` takes no type arguments (only `collect::<C>()` does)",
                    kind.name
                ),
            );
            return None;
        }
        Some(kind)
    }

    fn merge_inputs(&mut self, stage: &Stage, step: usize) -> Vec<Ident> {
        let mut inputs = Vec::new();
        for (slot, arg) in stage.args.iter().enumerate() {
            match path_ident(arg) {
                Some(name) => inputs.push(self.use_branch(name, step, slot)),
                None => self.error(
                    arg,
                    "`merge` takes branch names (defined with `let name = ...;`), not \
                     expressions",
                ),
            }
        }
        inputs
    }

    /// Records a use of branch `name` by input `slot` of step `step`; returns the link.
    fn use_branch(&mut self, name: &Ident, step: usize, slot: usize) -> Ident {
        let key = name.to_string();
        match self.branches.get_mut(&key) {
            Some(branch) => branch.uses.push((step, slot, name.span())),
            None => {
                let defined: Vec<&str> = self.branches.keys().map(String::as_str).collect();
                let hint = did_you_mean(&key, defined.iter().copied());
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
    fn branch_uses(&mut self, steps: &mut [Step<'_>]) {
        let mut branches: Vec<(&String, &BranchInfo)> = self.branches.iter().collect();
        branches.sort_by_key(|(_, info)| info.order);
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
                         to one consumer. End the branch with `-> tee()` to give every use a \
                         copy of each item"
                    ),
                )),
                (Some(_), 1) => errors.push(Error::new(
                    branch.uses[0].2,
                    format!(
                        "branch `{name}` ends in `tee()` but is used only once: remove the \
                         `tee()`"
                    ),
                )),
                (Some(tee), uses) => {
                    let links: Vec<Ident> = (0..uses)
                        .map(|use_| format_ident!("{}_{}", name, use_, span = Span::mixed_site()))
                        .collect();
                    if let Some(tee) = steps.get_mut(tee) {
                        tee.outputs = links.clone();
                    }
                    for ((step, slot, _), link) in branch.uses.iter().zip(links) {
                        if let Some(input) =
                            steps.get_mut(*step).and_then(|s| s.inputs.get_mut(*slot))
                        {
                            *input = link;
                        }
                    }
                }
            }
        }
        self.errors.extend(errors);
    }

    /// Default names (`kind#n`) and explicit ones (`name = ".."`), which must be unique.
    fn names(&mut self, steps: &mut [Step<'_>]) {
        let mut explicit: HashMap<String, Span> = HashMap::new();
        for step in steps.iter_mut() {
            let Some(setting) = find_setting(step.stage, "name") else {
                continue;
            };
            let Some((_, value)) = &setting.value else {
                continue;
            };
            let Expr::Lit(ExprLit {
                lit: Lit::Str(name),
                ..
            }) = peel(value)
            else {
                continue;
            };
            let name_value = name.value();
            if explicit.contains_key(&name_value) {
                self.errors.push(Error::new(
                    name.span(),
                    format!(
                        "an earlier stage is already named `{name_value}`: stage names must be \
                         unique"
                    ),
                ));
            } else {
                explicit.insert(name_value.clone(), name.span());
            }
            step.name = name_value;
        }
    }

    fn link_name(&mut self, kind: &Kind) -> Ident {
        format_ident!(
            "{}_{}",
            kind.name,
            self.count + 1,
            span = Span::mixed_site()
        )
    }

    fn step<'a>(
        &mut self,
        stage: &'a Stage,
        kind: &'static Kind,
        inputs: Vec<Ident>,
        outputs: Vec<Ident>,
    ) -> Step<'a> {
        self.count += 1;
        let options = self.stage_options(stage, kind);
        Step {
            stage,
            kind,
            name: format!("{}#{}", kind.name, self.count),
            inputs,
            outputs,
            options,
        }
    }
}

/// `expr` without the invisible groups a `macro_rules!` fragment (`$x:literal`, `$e:expr`)
/// wraps around it when a block is generated by another macro.
fn peel(mut expr: &Expr) -> &Expr {
    while let Expr::Group(group) = expr {
        expr = &group.expr;
    }
    expr
}

/// For a closure given to a sink that takes none (`first(|x| ..)`, as `Iterator::find` or
/// `filter().count()` would read elsewhere): where that closure goes instead.
fn closure_hint(kind: &Kind, stage: &Stage) -> String {
    let closure = stage
        .args
        .iter()
        .any(|arg| matches!(peel(arg), Expr::Closure(_)));
    if !closure || !kind.args.is_empty() {
        return String::new();
    }
    let before = if kind.name == "collect" {
        "map"
    } else {
        "filter"
    };
    format!(
        "; put the closure in a stage before it: `-> {before}(|item| ..) -> {}()`",
        kind.name
    )
}

/// "; did you mean `x`?" when `name` is a likely typo of a candidate, else nothing.
fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest::closest(name, candidates)
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default()
}

fn find_setting<'a>(stage: &'a Stage, key: &str) -> Option<&'a Setting> {
    stage
        .options
        .as_ref()?
        .list
        .iter()
        .find(|setting| setting.key == key)
}

fn path_ident(expr: &Expr) -> Option<&Ident> {
    match peel(expr) {
        Expr::Path(ExprPath {
            qself: None,
            path,
            attrs,
            ..
        }) if attrs.is_empty() => path.get_ident(),
        _ => None,
    }
}

fn path_name(expr: &Expr) -> Option<String> {
    path_ident(expr).map(Ident::to_string)
}

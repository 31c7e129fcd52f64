//! `let` branches: each defined once, and used as its end allows. A branch is read by one
//! chain; through a `tee()` by every use; and a branch that ends in a sink is not read at
//! all: its result is one of the block's, named in the block's final tuple `(a, b, ..)`.

use proc_macro2::Span;
use quote::format_ident;
use syn::{Error, Ident};

use super::{Checker, PlannedStage};
use crate::kinds::Kind;
use crate::suggest;

pub(super) struct BranchInfo {
    /// Definition order, so errors about branches come in source order.
    order: usize,
    span: Span,
    end: BranchEnd,
    /// Its chain has an error: its uses are not checked.
    broken: bool,
    /// Where it is read: the planned stage and input slot that read it.
    uses: Vec<(usize, usize, Span)>,
    /// Where the block's final tuple names it.
    results: Vec<Span>,
}

/// How a branch's chain ends, which decides how it may be used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum BranchEnd {
    /// A link, for one use.
    Link,
    /// The planned stage of the `tee()` that ends it: every use gets every item.
    Tee(usize),
    /// One of the branches a route names (`let [a, b] = .. -> route(f);`), for one use.
    Routed,
    /// A sink (of this kind): its result is one of the block's.
    Sink(Kind),
}

/// The local a branch's link is bound to: `branch_numbers` for `numbers`. Hygienic, so that
/// it never meets the user's names; prefixed, so that no branch meets a local of the
/// generated code (`f`, `value`, `pipeline`..) or a stage's link (`map_2`). A tee'd branch's
/// uses read `use_0_of_numbers`, `use_1_of_numbers`..
pub(super) fn branch_link(name: &str) -> Ident {
    format_ident!("branch_{}", name, span = Span::mixed_site())
}

/// The branch a link is, if it is one: `numbers` for `branch_numbers` and for a tee'd use,
/// `use_0_of_numbers`; `None` for a stage's own link (`map_2`), which no kind's name makes
/// start with `branch_` or `use_`. The inverse of [`branch_link`] and of the tee's links in
/// [`Checker::branch_uses`], for the picture of the graph.
pub fn branch_of(link: &Ident) -> Option<String> {
    let link = link.to_string();
    if let Some(name) = link.strip_prefix("branch_") {
        return Some(name.to_owned());
    }
    let (_, name) = link.strip_prefix("use_")?.split_once("_of_")?;
    Some(name.to_owned())
}

impl Checker {
    /// Defines branch `name`. An earlier definition of it is an error; the later one is
    /// kept, so that the uses after it, meant for it, add no errors of their own.
    pub(super) fn define(&mut self, name: &Ident, end: BranchEnd, broken: bool) {
        let key = name.to_string();
        if self.branches.contains_key(&key) {
            self.error(
                name,
                format!("branch `{key}` is already defined by an earlier `let`: pick another name"),
            );
        }
        let order = self.branches.len();
        self.branches.insert(
            key,
            BranchInfo {
                order,
                span: name.span(),
                end,
                broken,
                uses: Vec::new(),
                results: Vec::new(),
            },
        );
    }

    /// Whether branch `name` is defined and ends in a sink.
    pub(super) fn ends_in_sink(&self, name: &Ident) -> bool {
        self.branches
            .get(&name.to_string())
            .is_some_and(|branch| matches!(branch.end, BranchEnd::Sink(_)))
    }

    /// Whether branch `name` ends in a `tee()`.
    pub(super) fn ends_in_tee(&self, name: &Ident) -> bool {
        self.branches
            .get(&name.to_string())
            .is_some_and(|branch| matches!(branch.end, BranchEnd::Tee(_)))
    }

    /// Records a use of branch `name` by input `slot` of planned stage `index`; returns the
    /// link.
    pub(super) fn use_branch(&mut self, name: &Ident, index: usize, slot: usize) -> Ident {
        let key = name.to_string();
        match self.branches.get_mut(&key) {
            Some(branch) => {
                branch.uses.push((index, slot, name.span()));
                if let (BranchEnd::Sink(kind), false) = (branch.end, branch.broken) {
                    self.error(
                        name,
                        format!(
                            "branch `{key}` ends in a sink (`{}`), so it has no items to read: \
                             its result is one of the block's, which ends in the tuple of such \
                             branches, e.g. `({key}, other)`. To read its items here, end the \
                             branch before its sink",
                            kind.name()
                        ),
                    );
                }
            }
            None => self.undefined(name),
        }
        branch_link(&key)
    }

    /// Records that the block's final tuple names branch `name`; returns its link.
    pub(super) fn use_result(&mut self, name: &Ident) -> Ident {
        let key = name.to_string();
        match self.branches.get_mut(&key) {
            Some(branch) => {
                branch.results.push(name.span());
                let ends_in_sink = matches!(branch.end, BranchEnd::Sink(_));
                if !ends_in_sink && !branch.broken && branch.results.len() == 1 {
                    self.error(
                        name,
                        format!(
                            "branch `{key}` does not end in a sink, so it has no result for the \
                             block's tuple: end it with one (e.g. `-> collect()`), or use it in \
                             a chain and name that branch here"
                        ),
                    );
                }
            }
            None => self.undefined(name),
        }
        branch_link(&key)
    }

    fn undefined(&mut self, name: &Ident) {
        let key = name.to_string();
        let defined: Vec<&str> = self.branches.keys().map(String::as_str).collect();
        let hint = suggest::did_you_mean(&key, defined.iter().copied());
        self.error(
            name,
            format!(
                "no branch named `{key}` is defined before this point (define it first with \
                 `let {key} = ...;`){hint}"
            ),
        );
    }

    /// Checks every branch is used as its end allows, and points tee'd uses at their link.
    /// `tuple`: whether the block ends in a tuple of results (else in a last chain).
    pub(super) fn branch_uses(&mut self, stages: &mut [PlannedStage<'_>], tuple: bool) {
        let mut branches: Vec<(&String, &BranchInfo)> = self.branches.iter().collect();
        branches.sort_by_key(|(_, info)| info.order);
        let tee = Kind::Tee.name();
        let mut errors = Vec::new();
        // A last chain beside branches that end in sinks is one mistake, however many.
        let mut sinks_beside_a_chain = false;
        for (name, branch) in branches {
            if branch.broken {
                continue;
            }
            let uses = branch.uses.len();
            match branch.end {
                // Read as an input: reported at the use.
                BranchEnd::Sink(_) if uses > 0 => {}
                BranchEnd::Sink(_) => match branch.results.as_slice() {
                    [] if tuple => errors.push(Error::new(
                        branch.span,
                        format!(
                            "branch `{name}` ends in a sink, but the block's result leaves it \
                             out: add it to the tuple, `(.., {name})`"
                        ),
                    )),
                    [] if !sinks_beside_a_chain => {
                        sinks_beside_a_chain = true;
                        errors.push(Error::new(
                            branch.span,
                            format!(
                                "branch `{name}` ends in a sink, so the block's result must \
                                 hold its result: end the block with the tuple of the branches \
                                 that end in sinks, e.g. `({name}, other)`, in place of the \
                                 last chain (which can become a `let` branch ending in a sink)"
                            ),
                        ));
                    }
                    [] | [_] => {}
                    [_, again, ..] => errors.push(Error::new(
                        *again,
                        format!(
                            "branch `{name}` is already in the block's result: name each \
                             branch once"
                        ),
                    )),
                },
                // Named in the tuple without a sink: reported there.
                _ if !branch.results.is_empty() => {}
                BranchEnd::Link | BranchEnd::Routed if uses == 0 => {
                    let hint = match branch.end {
                        BranchEnd::Routed => {
                            ", or write `_` in its place to drop the items routed to it"
                        }
                        _ => " or remove it",
                    };
                    errors.push(Error::new(
                        branch.span,
                        format!("branch `{name}` is never used: use it in a later chain{hint}"),
                    ));
                }
                BranchEnd::Link | BranchEnd::Routed if uses > 1 => {
                    let advice = match branch.end {
                        BranchEnd::Routed => format!(
                            "To use it more than once, read it through a branch that ends in \
                             `{tee}()` (`let copies = {name} -> {tee}();`) and use that"
                        ),
                        _ => format!(
                            "End the branch with `-> {tee}()` to give every use a copy of each \
                             item"
                        ),
                    };
                    errors.push(Error::new(
                        branch.uses[1].2,
                        format!(
                            "branch `{name}` is already used by an earlier chain: every item \
                             goes to one consumer. {advice}"
                        ),
                    ));
                }
                BranchEnd::Link | BranchEnd::Routed => {}
                BranchEnd::Tee(_) if uses == 0 => errors.push(Error::new(
                    branch.span,
                    format!("branch `{name}` is never used: use it in a later chain or remove it"),
                )),
                BranchEnd::Tee(_) if uses == 1 => errors.push(Error::new(
                    branch.uses[0].2,
                    format!(
                        "branch `{name}` ends in `{tee}()` but is used only once: remove the \
                         `{tee}()`"
                    ),
                )),
                BranchEnd::Tee(tee) => {
                    let links: Vec<Ident> = (0..uses)
                        .map(|use_| {
                            format_ident!("use_{}_of_{}", use_, name, span = Span::mixed_site())
                        })
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
}

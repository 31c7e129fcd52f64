//! Routes and results: `let [a, b, ..] = .. -> route(f);` names the branches a route sends
//! its items to, one name per index; and a block may end in `(a, b, ..)`, the tuple of the
//! results of branches that each end in a sink.

use proc_macro2::Span;
use syn::Ident;

use super::branches::{BranchEnd, branch_link};
use super::expr::path_ident;
use super::{Checker, PlannedStage};
use crate::ast::{Block, RouteName, Routes};
use crate::kinds::Kind;

/// The most results a block's tuple holds (the runtime gathers tuples up to this size).
const MOST_RESULTS: usize = 12;

impl Checker {
    /// Checks `let [a, b, ..]`, whose chain ends in `route`, the planned stage of the route
    /// (`None` when it does not end in one); defines the branches and wires the route's
    /// outputs to them. `broken`: the chain had an error, so the names are only defined.
    pub(super) fn routes(
        &mut self,
        routes: &Routes,
        route: Option<&mut PlannedStage<'_>>,
        broken: bool,
    ) {
        let pattern = || routes.tokens();
        let count = routes.names.len();
        let fits = match (broken, &route) {
            (true, _) => false,
            (false, None) => {
                self.error(
                    pattern(),
                    format!(
                        "`let [..]` names the branches of a `{route}(f)` or `{partition}(p)`, \
                         which must end its chain: add one (`-> {route}(|item| ..)`), or name \
                         one branch, `let name = ..;`",
                        route = Kind::Route.name(),
                        partition = Kind::Partition.name()
                    ),
                );
                false
            }
            (false, Some(planned)) => match planned.kind.fixed_branches() {
                Some(fixed) if fixed != count => {
                    let fixed = match fixed {
                        2 => "two".to_owned(),
                        n => n.to_string(),
                    };
                    self.error(
                        pattern(),
                        format!(
                            "`{kind}` sends each item to one of {fixed} branches, \
                             `let [yes, no] = ..`: name {fixed}, not {count}",
                            kind = planned.kind.name()
                        ),
                    );
                    false
                }
                None if count < 2 => {
                    self.error(
                        pattern(),
                        format!(
                            "`{kind}` sends each item to one of two or more branches: name \
                             each, `let [a, b, ..] = ..`, in the order of the indexes it picks",
                            kind = planned.kind.name()
                        ),
                    );
                    false
                }
                Some(_) | None => true,
            },
        };
        let mut links = Vec::with_capacity(count);
        let mut named: Vec<&Ident> = Vec::new();
        for name in &routes.names {
            match name {
                RouteName::Branch(name) if named.contains(&name) => self.error(
                    name,
                    format!("`{name}` names two branches of this route: pick another name"),
                ),
                RouteName::Branch(name) => {
                    named.push(name);
                    self.define(name, BranchEnd::Routed, !fits);
                    links.push(branch_link(&name.to_string()));
                }
                // The route's output for it is dropped at once: a branch nobody reads.
                RouteName::Dropped(_) => links.push(Ident::new("_", Span::mixed_site())),
            }
        }
        if fits && let Some(planned) = route {
            planned.outputs = links;
        }
    }

    /// Checks the block's tuple of results, if it ends in one; returns the links of the
    /// sinks' values, in order, or `None` when an element is not a branch name (the tuple
    /// is then the mistake: which branches it leaves out is not checked).
    pub(super) fn results(&mut self, block: &Block) -> Option<Vec<Ident>> {
        let Some(results) = &block.results else {
            return Some(Vec::new());
        };
        let names = &results.names;
        if names.len() < 2 {
            self.error(
                results.tokens(),
                "the block's result is a tuple of two or more branches that each end in a sink, \
                 e.g. `(total, count)`; with one, write its chain here as the block's last \
                 chain, without `let`",
            );
        }
        let mut links = Some(Vec::with_capacity(names.len()));
        for (position, element) in names.iter().enumerate() {
            if position == MOST_RESULTS {
                self.error(
                    element,
                    format!(
                        "the block's result holds the results of at most {MOST_RESULTS} \
                         branches: gather some in a branch of their own (e.g. `merge` them \
                         before one sink)"
                    ),
                );
            }
            match path_ident(element) {
                Some(name) => {
                    let link = self.use_result(name);
                    if let Some(links) = &mut links {
                        links.push(link);
                    }
                }
                None => {
                    links = None;
                    self.error(
                    element,
                    format!(
                        "the block's result is a tuple of branch names, each a `let` branch that \
                         ends in a sink (e.g. `let total = .. -> {}(..);`), not expressions",
                        Kind::Fold.name()
                    ),
                    );
                }
            }
        }
        links
    }
}

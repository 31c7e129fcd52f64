//! A stage call: its name is a known kind, it has as many arguments as that kind takes,
//! and type arguments only where the kind accepts them. Names that are not kinds get a
//! suggestion: a near miss, another library's equivalent, or the kinds there are.

use syn::Expr;

use super::Checker;
use super::expr::{path_ident, peel};
use crate::ast::Stage;
use crate::kinds::{self, Kind, Role};
use crate::suggest;

impl Checker {
    /// The kind `stage` calls, if its name and arguments are right; reports why not.
    pub(super) fn resolve(&mut self, stage: &Stage) -> Option<Kind> {
        let name = stage.kind.to_string();
        let Some(kind) = kinds::lookup(&name) else {
            let hint = unknown_kind_hint(&name);
            self.error(&stage.kind, format!("unknown stage `{name}`{hint}"));
            return None;
        };
        let given = stage.args.len();
        let arity_ok = match kind.role() {
            Role::Merge if kind.is_variadic() => given >= 2,
            Role::Source | Role::Transform | Role::Sink | Role::Merge | Role::Tee | Role::Split => {
                given == kind.args().len()
            }
        };
        if !arity_ok {
            if kind.role() == Role::Merge {
                // Its branches are still used: only the arity is wrong.
                for arg in &stage.args {
                    if let Some(name) = path_ident(arg) {
                        self.use_branch(name, usize::MAX, 0);
                    }
                }
            }
            let found = match given {
                0 => "none".to_owned(),
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
            && !kind.is_generic()
        {
            self.error(
                generics,
                format!(
                    "`{}` takes no type arguments ({})",
                    kind.name(),
                    generic_kinds()
                ),
            );
            return None;
        }
        Some(kind)
    }
}

/// After "unknown stage `name`": what was likely meant, what to write instead, or the kinds
/// there are.
fn unknown_kind_hint(name: &str) -> String {
    if let Some(advice) = suggest::equivalent(name) {
        return format!(": {advice}");
    }
    let near = suggest::did_you_mean(name, Kind::ALL.iter().map(|kind| kind.name()));
    if !near.is_empty() {
        return near;
    }
    let junctions = [
        kinds::names(Role::Merge),
        kinds::names(Role::Tee),
        kinds::names(Role::Split),
    ]
    .concat();
    format!(
        ". Sources: {}. Transforms: {}. Sinks: {}. Junctions: {}",
        kinds::names(Role::Source).join(", "),
        kinds::names(Role::Transform).join(", "),
        kinds::names(Role::Sink).join(", "),
        junctions.join(", ")
    )
}

/// "only `collect::<C>()` does": the kinds that take type arguments.
fn generic_kinds() -> String {
    let generic = kinds::listed(Kind::is_generic, |name| format!("`{name}::<C>()`"));
    let verb = match kinds::names_where(Kind::is_generic).len() {
        1 => "does",
        _ => "do",
    };
    format!("only {generic} {verb}")
}

/// For a closure given to a sink that takes none (`first(|x| ..)`, as `Iterator::find` or
/// `filter().count()` would read elsewhere): where that closure goes instead.
fn closure_hint(kind: Kind, stage: &Stage) -> String {
    if kind.role() == Role::Merge {
        return format!(
            "; it joins named branches and starts a chain: define each with `let name = ..;`, \
             then write `{}(a, b) -> ..`",
            kind.name()
        );
    }
    let closure = stage
        .args
        .iter()
        .any(|arg| matches!(peel(arg), Expr::Closure(_)));
    if !closure || !kind.args().is_empty() {
        return String::new();
    }
    // `collect` keeps every item, so the closure must have meant to change them.
    let before = if kind == Kind::Collect {
        Kind::Map
    } else {
        Kind::Filter
    };
    format!(
        "; put the closure in a stage before it: `-> {}(|item| ..) -> {}()`",
        before.name(),
        kind.name()
    )
}

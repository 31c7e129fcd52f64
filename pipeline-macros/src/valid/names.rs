//! Stage names, as errors at run time show them: the one given with `[name = ".."]`, which
//! must be unique in the block, or else the default `kind#n` (the `n`th stage in source
//! order) the stage was planned with.

use std::collections::HashSet;

use syn::{Error, Expr, ExprLit, Lit};

use super::expr::{find_setting, peel};
use super::{Checker, PlannedStage};

impl Checker {
    /// Default names (`kind#n`) and explicit ones (`name = ".."`), which must be unique.
    pub(super) fn names(&mut self, stages: &mut [PlannedStage<'_>]) {
        let mut explicit: HashSet<String> = HashSet::new();
        for planned in stages.iter_mut() {
            let Some(setting) = find_setting(planned.stage, "name") else {
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
            if explicit.contains(&name_value) {
                self.errors.push(Error::new(
                    name.span(),
                    format!(
                        "an earlier stage is already named `{name_value}`: stage names must be \
                         unique"
                    ),
                ));
            } else {
                explicit.insert(name_value.clone());
            }
            planned.name = name_value;
        }
    }
}

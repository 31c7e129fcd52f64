//! Options: `#![...]` for the run, `[...]` for a stage, and the literal counts stages take.
//! Each mistake is reported on its own tokens; what is left is handed to rustc.

use syn::{Expr, ExprLit, Ident, Lit};

use super::expr::{path_name, peel};
use super::plan::RunSettings;
use super::{Checker, StageOptions, Style};
use crate::ast::{Setting, Settings, Stage};
use crate::kinds::{self, Kind};
use crate::suggest::did_you_mean;

impl Checker {
    pub(super) fn run_settings<'a>(&mut self, settings: Option<&'a Settings>) -> RunSettings<'a> {
        let mut run = RunSettings::default();
        let Some(settings) = settings else { return run };
        let expected = "`cancel = token`, `errors = fail_fast | channel | result`, `capacity = N`, \
                        `timeout = duration`, `error_capacity = N`, `metrics = false`, \
                        `fusion = false`, `progress` or `stall_warning = duration`";
        let keys = [
            "cancel",
            "errors",
            "capacity",
            "timeout",
            "error_capacity",
            "metrics",
            "fusion",
            "progress",
            "stall_warning",
        ];
        let mut error_capacity_key = None;
        for (setting, key) in self.known_settings(settings, &keys, "pipeline option", expected) {
            let key = key.to_owned();
            if key == "progress" {
                // A flag: on with the defaults, or `progress = how often (or a Progress)`.
                run.progress = Some((&setting.key, setting.value.as_ref().map(|(_, value)| value)));
                continue;
            }
            let Some((_, value)) = &setting.value else {
                self.needs_value(&setting.key);
                continue;
            };
            match key.as_str() {
                "cancel" => run.cancel = Some(value),
                "capacity" => run.capacity = Some(value),
                "timeout" => run.timeout = Some(value),
                "stall_warning" => run.stall_warning = Some(value),
                "metrics" => run.metrics = Some((&setting.key, value)),
                "fusion" => run.fusion = Some((&setting.key, value)),
                "error_capacity" => {
                    run.error_capacity = Some(value);
                    error_capacity_key = Some(&setting.key);
                }
                _ => match path_name(value).as_deref() {
                    Some("fail_fast") => run.style = Style::FailFast,
                    Some("channel") => run.style = Style::Channel,
                    Some("result") => run.style = Style::Result,
                    _ => self.error(
                        value,
                        "expected an error style: `fail_fast` (the default), `channel` or \
                         `result`",
                    ),
                },
            }
        }
        if let Some(key) = error_capacity_key
            && run.style != Style::Channel
        {
            self.error(
                key,
                "`error_capacity` sizes the error stream, which only `errors = channel` has",
            );
        }
        run
    }

    /// Reports option `key`, written without the value it needs, with an example of one.
    fn needs_value(&mut self, key: &Ident) {
        let example = match key.to_string().as_str() {
            "errors" => "errors = channel",
            "cancel" => "cancel = token.clone()",
            "capacity" => "capacity = 64",
            "error_capacity" => "error_capacity = 10_000",
            "metrics" => "metrics = false",
            "fusion" => "fusion = false",
            "stall_warning" => "stall_warning = Duration::from_secs(10)",
            "workers" => "workers = 4",
            "unique_by" => "unique_by = |url: &String| url.clone()",
            "max_depth" => "max_depth = 3",
            "max_pending" => "max_pending = 100_000",
            "name" => "name = \"parse\"",
            "retry" => "retry = 3",
            "rate" => "rate = 10",
            _ => "timeout = Duration::from_secs(5)",
        };
        self.error(key, format!("`{key}` needs a value, e.g. `{example}`"));
    }

    /// The settings of `settings` whose key is one of `keys`, each once; reports repeated
    /// and unknown keys (`what` says what kind of option they are, `expected` lists them).
    fn known_settings<'a>(
        &mut self,
        settings: &'a Settings,
        keys: &[&'static str],
        what: &str,
        expected: &str,
    ) -> Vec<(&'a Setting, &'static str)> {
        let mut known: Vec<(&'a Setting, &'static str)> = Vec::new();
        for setting in &settings.list {
            let name = setting.key.to_string();
            if known.iter().any(|(_, key)| *key == name) {
                self.error(&setting.key, format!("`{name}` is set twice"));
            } else if let Some(key) = keys.iter().find(|key| **key == name) {
                known.push((setting, key));
            } else {
                let hint = did_you_mean(&name, keys.iter().copied());
                self.error(
                    &setting.key,
                    format!("unknown {what} `{name}`: expected {expected}{hint}"),
                );
            }
        }
        known
    }

    pub(super) fn stage_options<'a>(&mut self, stage: &'a Stage, kind: Kind) -> StageOptions<'a> {
        let mut options = StageOptions::default();
        self.literal_arguments(stage, kind);
        let Some(settings) = &stage.options else {
            return options;
        };
        let mut ordered_setting = None;
        let expected = "`workers = N`, `ordered`, `boundary`, `capacity = N`, `name = \"..\"`, \
                        `timeout = duration`, `retry = attempts`, `rate = items per second`, \
                        `unique_by = key`, `max_depth = N` or `max_pending = N`";
        let keys = [
            "workers",
            "ordered",
            "boundary",
            "capacity",
            "name",
            "timeout",
            "retry",
            "rate",
            "unique_by",
            "max_depth",
            "max_pending",
        ];
        let known = self.known_settings(settings, &keys, "stage option", expected);
        let has_workers = known.iter().any(|(_, key)| *key == "workers");
        for (setting, key) in known {
            let key = key.to_owned();
            let applies = match key.as_str() {
                "workers" => kind.is_parallel(),
                // Order is kept across workers for their outputs; a sink has none, and a
                // recursive stage's outputs have no input order.
                "ordered" => kind.is_parallel() && kind.has_output() && !kind.is_recursive(),
                "capacity" => kind.has_output(),
                "boundary" => kind.can_fuse(),
                "timeout" => kind.is_asynchronous(),
                "unique_by" | "max_depth" | "max_pending" => kind.is_recursive(),
                "retry" => kind.can_retry(),
                "rate" => kind.can_rate(),
                _ => true,
            };
            if !applies {
                let name = kind.name();
                let why = match key.as_str() {
                    "workers" => format!(
                        "`{name}` runs as one task: `workers` applies to {}",
                        kinds::listed(Kind::is_parallel, str::to_owned)
                    ),
                    "ordered" if kind.is_recursive() => format!(
                        "`{name}` feeds items back into itself, so its outputs have no input \
                         order to keep: `ordered` does not apply"
                    ),
                    "ordered" if kind.is_parallel() => format!(
                        "`{name}` is a sink: its workers have no output to keep in order, so \
                         `ordered` does not apply"
                    ),
                    "ordered" => format!(
                        "`{name}` runs as one task: `ordered` applies to {}",
                        kinds::listed(
                            |kind| kind.is_parallel() && kind.has_output() && !kind.is_recursive(),
                            str::to_owned
                        )
                    ),
                    "capacity" => {
                        format!("`{name}` is a sink and has no output: `capacity` does not apply")
                    }
                    "boundary" => format!(
                        "`{name}` always runs in a task of its own: `boundary` keeps a stage \
                         out of a fused group, and applies to {}",
                        kinds::listed(Kind::can_fuse, |name| format!("`{name}`"))
                    ),
                    "unique_by" | "max_depth" | "max_pending" => format!(
                        "`{key}` limits the items a stage feeds back into itself: it applies to \
                         {}, not `{name}`",
                        kinds::listed(Kind::is_recursive, |name| format!("`{name}`"))
                    ),
                    "retry" => format!(
                        "`retry` calls a failed item's closure again: it applies to {}, not \
                         `{name}`",
                        kinds::listed(Kind::can_retry, |name| format!("`{name}`"))
                    ),
                    "rate" => format!(
                        "`rate` limits how fast a stage handles its items: it applies to every \
                         source, transform and sink; {} are junctions, which pass items on as \
                         they come: set it on a stage before or after `{name}`",
                        kinds::listed(|kind| !kind.can_rate(), |name| format!("`{name}`"))
                    ),
                    _ => format!(
                        "`timeout` bounds async work per item: it applies to {}, not `{name}`",
                        kinds::listed(Kind::is_asynchronous, |name| format!("`{name}`"))
                    ),
                };
                self.error(setting.tokens(), why);
                continue;
            }
            match (key.as_str(), &setting.value) {
                ("ordered", None) => {
                    options.ordered = true;
                    ordered_setting = Some(setting);
                }
                ("ordered", Some((_, value))) => {
                    self.error(
                        value,
                        "`ordered` takes no value: write `[workers = N, ordered]`",
                    );
                }
                ("boundary", None) => options.boundary = true,
                ("boundary", Some((_, value))) => {
                    self.error(value, "`boundary` takes no value: write `[boundary]`");
                }
                (_, None) => self.needs_value(&setting.key),
                ("workers", Some((_, value))) => {
                    if self.positive(value, "workers", "the number of workers") {
                        options.workers = Some(setting);
                    }
                }
                ("capacity", Some((_, value))) => {
                    if self.count_literal(value, "capacity") {
                        options.capacity = Some(value);
                    }
                }
                ("unique_by", Some((_, value))) => options.unique_by = Some(value),
                ("max_depth", Some((_, value))) => {
                    if self.count_literal(value, "max_depth") {
                        options.max_depth = Some(value);
                    }
                }
                ("max_pending", Some((_, value))) => {
                    if self.positive(value, "max_pending", "the most items waiting") {
                        options.max_pending = Some(value);
                    }
                }
                ("retry", Some((_, value))) => {
                    if self.positive(value, "retry", "the number of attempts in all") {
                        options.retry = Some(setting);
                    }
                }
                ("rate", Some((_, value))) => match literal_count(value) {
                    Some(Ok(0)) => self.error(
                        value,
                        "`rate` must be at least 1 item per second: a rate of 0 lets nothing \
                         through",
                    ),
                    Some(Err(_)) => self.error(
                        value,
                        "`rate` takes a whole number of items per second, e.g. `rate = 10`, or \
                         a `Rate`, e.g. `rate = Rate::per(1, Duration::from_millis(250))`",
                    ),
                    _ => options.rate = Some(setting),
                },
                ("name", Some((_, value))) => match peel(value) {
                    Expr::Lit(ExprLit {
                        lit: Lit::Str(name),
                        ..
                    }) if !name.value().is_empty() => {}
                    _ => self.error(
                        value,
                        "expected the stage's name as a non-empty string literal",
                    ),
                },
                (_, Some(_)) => options.timeout = Some(setting),
            }
        }
        if let (Some(ordered), None) = (ordered_setting, options.workers)
            && !has_workers
        {
            self.error(
                &ordered.key,
                "`ordered` keeps input order across workers; it needs `workers = N`",
            );
        }
        options
    }

    /// Checks literal arguments that must be counts: `take(n)`, `skip(n)`, `chunks(n)`.
    fn literal_arguments(&mut self, stage: &Stage, kind: Kind) {
        let Some(arg) = stage.args.first() else {
            return;
        };
        match kind {
            Kind::Chunks | Kind::ChunksTimeout => {
                self.positive(arg, kind.name(), "the chunk size");
            }
            Kind::Take | Kind::Skip => {
                self.count_literal(arg, kind.name());
            }
            // Their arguments are code, or branch names (`merge`): nothing to read here.
            Kind::FromIter
            | Kind::FromStream
            | Kind::FromChannel
            | Kind::Generate
            | Kind::TryGenerate
            | Kind::Map
            | Kind::Then
            | Kind::TryMap
            | Kind::TryThen
            | Kind::Filter
            | Kind::FilterMap
            | Kind::FlatMap
            | Kind::Recurse
            | Kind::TryRecurse
            | Kind::Inspect
            | Kind::TakeWhile
            | Kind::Scan
            | Kind::Merge
            | Kind::Zip
            | Kind::Tee
            | Kind::Route
            | Kind::Partition
            | Kind::Collect
            | Kind::ForEach
            | Kind::TryForEach
            | Kind::ForEachAsync
            | Kind::TryForEachAsync
            | Kind::Fold
            | Kind::Count
            | Kind::First
            | Kind::Last
            | Kind::Drain
            | Kind::ToChannel => {}
        }
    }

    /// A literal must be a whole number of at least 1; other expressions are left to rustc.
    fn positive(&mut self, value: &Expr, what: &str, meaning: &str) -> bool {
        match literal_count(value) {
            Some(Ok(0)) => {
                self.error(value, format!("`{what}` must be at least 1 ({meaning})"));
                false
            }
            Some(Err(message)) => {
                self.error(value, format!("`{what}` expects {meaning}: {message}"));
                false
            }
            _ => true,
        }
    }

    /// A literal must be a whole number; other expressions are left to rustc.
    fn count_literal(&mut self, value: &Expr, what: &str) -> bool {
        if let Some(Err(message)) = literal_count(value) {
            self.error(value, format!("`{what}` expects a count: {message}"));
            return false;
        }
        true
    }
}

/// `Some(Ok(n))` for an integer literal, `Some(Err(..))` for another literal, `None` for any
/// other expression.
fn literal_count(value: &Expr) -> Option<Result<u128, String>> {
    let Expr::Lit(ExprLit { lit, .. }) = peel(value) else {
        return None;
    };
    Some(match lit {
        Lit::Int(int) => int
            .base10_parse::<u128>()
            .map_err(|_| "expected a whole number".to_owned()),
        _ => Err("expected a whole number".to_owned()),
    })
}

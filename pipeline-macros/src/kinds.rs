//! Every stage the DSL knows: what it is, what it takes, which options apply to it.
//!
//! [`Kind`] names each stage kind; the code that treats kinds differently matches on it
//! exhaustively, so a kind added to the table below and not handled everywhere is a compile
//! error. The table is the only place a kind's name is spelled: messages and suggestions
//! that name or list kinds take them from it.

/// Where a stage can stand in a chain.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// Starts a chain; has no input.
    Source,
    /// Has an input and an output.
    Transform,
    /// Ends the final chain; its result is the run's result.
    Sink,
    /// Fan-in of branches: `merge(a, b, ..)` starts a chain.
    Merge,
    /// Broadcast: `tee()` ends a branch so it can be used more than once.
    Tee,
    /// Routing: `route(f)` ends a `let [a, b, ..]` branch, sending each item to one of the
    /// branches it names.
    Split,
}

/// What the table says about one kind.
#[derive(Debug)]
struct Row {
    name: &'static str,
    role: Role,
    /// What its arguments are, for counting and for messages.
    args: &'static [&'static str],
    /// Can run as several workers (`workers`, `ordered`).
    parallel: bool,
    /// Runs async user code per item (`timeout`).
    asynchronous: bool,
    /// Its user code returns `Result<_, E>`: it fixes the run's error type.
    fallible: bool,
    /// Accepts `::<Collection>`.
    generic: bool,
    /// Takes any number of arguments, at least two (`merge(a, b, ..)`); else `args` counts.
    variadic: bool,
    /// Feeds items back into itself (`unique_by`, `max_depth`, `max_pending`).
    recursive: bool,
}

const fn row(name: &'static str, role: Role, args: &'static [&'static str]) -> Row {
    Row {
        name,
        role,
        args,
        parallel: false,
        asynchronous: false,
        fallible: false,
        generic: false,
        variadic: false,
        recursive: false,
    }
}

const fn parallel(mut row: Row) -> Row {
    row.parallel = true;
    row
}

const fn asynchronous(mut row: Row) -> Row {
    row.asynchronous = true;
    row
}

const fn fallible(mut row: Row) -> Row {
    row.fallible = true;
    row
}

/// An async stage run by workers that feeds each item's children back into itself.
const fn recursive(mut row: Row) -> Row {
    row.recursive = true;
    parallel(asynchronous(row))
}

/// Declares [`Kind`] with one variant per row of the table, [`Kind::ALL`] in table order,
/// and the row of each variant: one list, so that the three cannot disagree.
macro_rules! kinds {
    ($($variant:ident => $row:expr,)*) => {
        /// A stage kind: one variant per row of the table.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Kind {
            $($variant,)*
        }

        impl Kind {
            /// Every kind, in table order (the order of messages that list them).
            pub const ALL: &[Kind] = &[$(Kind::$variant,)*];

            fn row(self) -> &'static Row {
                match self {
                    $(Kind::$variant => const { &$row },)*
                }
            }
        }
    };
}

use Role::{Merge, Sink, Source, Split, Tee, Transform};

kinds! {
    FromIter => row("from_iter", Source, &["an iterable of items"]),
    FromStream => row("from_stream", Source, &["a stream of items"]),
    FromChannel => row("from_channel", Source, &["a channel receiver"]),
    Generate => row(
        "generate",
        Source,
        &["an async closure `|emit| async move { .. }`"],
    ),
    TryGenerate => fallible(row(
        "try_generate",
        Source,
        &["an async closure returning `Result<(), E>`"],
    )),
    Map => parallel(row("map", Transform, &["a closure `|item| output`"])),
    Then => parallel(asynchronous(row(
        "then",
        Transform,
        &["a closure returning a future"],
    ))),
    TryMap => parallel(fallible(row(
        "try_map",
        Transform,
        &["a closure returning `Result<output, E>`"],
    ))),
    TryThen => parallel(asynchronous(fallible(row(
        "try_then",
        Transform,
        &["a closure returning a future of `Result<output, E>`"],
    )))),
    Filter => parallel(row("filter", Transform, &["a closure `|&item| -> bool`"])),
    FilterMap => parallel(row(
        "filter_map",
        Transform,
        &["a closure returning `Option<output>`"],
    )),
    FlatMap => parallel(row(
        "flat_map",
        Transform,
        &["a closure returning an iterable"],
    )),
    Recurse => recursive(row(
        "recurse",
        Transform,
        &["an async closure resolving to `(output, children)`"],
    )),
    TryRecurse => recursive(fallible(row(
        "try_recurse",
        Transform,
        &["an async closure resolving to `Result<(output, children), E>`"],
    ))),
    Inspect => parallel(row("inspect", Transform, &["a closure `|&item| ..`"])),
    Take => row("take", Transform, &["a count"]),
    TakeWhile => row("take_while", Transform, &["a closure `|&item| -> bool`"]),
    Skip => row("skip", Transform, &["a count"]),
    Chunks => row("chunks", Transform, &["a chunk size"]),
    Scan => row(
        "scan",
        Transform,
        &["an initial state", "a closure `|state: &mut S, item| Option<output>`"],
    ),
    ChunksTimeout => row(
        "chunks_timeout",
        Transform,
        &["a chunk size", "a window (a `Duration`)"],
    ),
    Merge => Row {
        variadic: true,
        ..row("merge", Merge, &["two or more branch names"])
    },
    Zip => row("zip", Merge, &["a branch name", "another branch name"]),
    Tee => row("tee", Tee, &[]),
    Route => row(
        "route",
        Split,
        &["a closure `|&item| -> usize`, the index of the branch"],
    ),
    Partition => row("partition", Split, &["a closure `|&item| -> bool`"]),
    Collect => Row {
        generic: true,
        ..row("collect", Sink, &[])
    },
    ForEach => parallel(row("for_each", Sink, &["a closure `|item| ..`"])),
    TryForEach => parallel(fallible(row(
        "try_for_each",
        Sink,
        &["a closure returning `Result<(), E>`"],
    ))),
    ForEachAsync => parallel(row(
        "for_each_async",
        Sink,
        &["an async closure `|item| async { .. }`"],
    )),
    TryForEachAsync => parallel(fallible(row(
        "try_for_each_async",
        Sink,
        &["an async closure returning a future of `Result<(), E>`"],
    ))),
    Fold => row(
        "fold",
        Sink,
        &["an initial value", "a closure `|acc, item| acc`"],
    ),
    Count => row("count", Sink, &[]),
    First => row("first", Sink, &[]),
    Last => row("last", Sink, &[]),
    Drain => row("drain", Sink, &[]),
    ToChannel => row("to_channel", Sink, &["a channel sender"]),
}

pub fn lookup(name: &str) -> Option<Kind> {
    Kind::ALL.iter().copied().find(|kind| kind.name() == name)
}

/// The names of the kinds with `role`, for "expected one of" messages.
pub fn names(role: Role) -> Vec<&'static str> {
    names_where(|kind| kind.role() == role)
}

/// The names of the kinds `chosen` picks, in table order.
pub fn names_where(chosen: impl Fn(Kind) -> bool) -> Vec<&'static str> {
    Kind::ALL
        .iter()
        .copied()
        .filter(|&kind| chosen(kind))
        .map(Kind::name)
        .collect()
}

/// The kinds `chosen` picks, each as `write` spells its name, as a list for a sentence.
pub fn listed(chosen: impl Fn(Kind) -> bool, write: impl Fn(&str) -> String) -> String {
    let items: Vec<String> = names_where(chosen).into_iter().map(write).collect();
    and_list(&items)
}

/// `a`, `a and b`, `a, b and c`: a list for a sentence.
fn and_list<T: AsRef<str>>(items: &[T]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

impl Kind {
    /// What the user writes: `map`, `try_for_each`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    pub fn role(self) -> Role {
        self.row().role
    }

    /// What its arguments are, one entry per argument, for counting and for messages.
    pub fn args(self) -> &'static [&'static str] {
        self.row().args
    }

    /// Can run as several workers (`workers`, `ordered`).
    pub fn is_parallel(self) -> bool {
        self.row().parallel
    }

    /// Runs async user code per item (`timeout`).
    pub fn is_asynchronous(self) -> bool {
        self.row().asynchronous
    }

    /// Its user code returns `Result<_, E>`: it fixes the run's error type.
    pub fn is_fallible(self) -> bool {
        self.row().fallible
    }

    /// Can retry its user code for an item (`retry`): the fallible transforms, whose failed
    /// item can be tried again before anything of it went on (for `try_recurse`, before its
    /// children are fed back).
    pub fn can_retry(self) -> bool {
        self.is_fallible() && self.role() == Role::Transform
    }

    /// How many branches it splits into, when that is fixed: `partition` into its `[yes,
    /// no]`; a `route` into as many as its `let [..]` names.
    pub fn fixed_branches(self) -> Option<usize> {
        (self == Kind::Partition).then_some(2)
    }

    /// Can limit how fast it handles its items (`rate`): every stage that takes items one
    /// at a time, not the junctions, which pass their branches' items on as they come (the
    /// stages around them can be limited instead).
    pub fn can_rate(self) -> bool {
        match self.role() {
            Role::Source | Role::Transform | Role::Sink => true,
            Role::Merge | Role::Tee | Role::Split => false,
        }
    }

    /// Can share a task with its neighbours (fusion), which `[boundary]` turns off: the
    /// synchronous single-item transforms, `from_iter`, and the sinks, which run the fused
    /// stages before them.
    pub fn can_fuse(self) -> bool {
        matches!(
            self,
            Kind::FromIter
                | Kind::Map
                | Kind::Inspect
                | Kind::Filter
                | Kind::FilterMap
                | Kind::FlatMap
                | Kind::TakeWhile
                | Kind::TryMap
                | Kind::Take
                | Kind::Skip
                | Kind::Scan
        ) || self.role() == Role::Sink
    }

    /// Accepts `::<Collection>`.
    pub fn is_generic(self) -> bool {
        self.row().generic
    }

    /// Takes any number of arguments, at least two (`merge(a, b, ..)`).
    pub fn is_variadic(self) -> bool {
        self.row().variadic
    }

    /// Feeds items back into itself (`unique_by`, `max_depth`, `max_pending`).
    pub fn is_recursive(self) -> bool {
        self.row().recursive
    }

    /// How it is called, for messages: `map(f)`, `fold(init, f)`, `count()`.
    pub fn usage(self) -> String {
        let (name, args) = (self.name(), self.args());
        match args.len() {
            0 => format!("`{name}()` takes no arguments"),
            1 if self.is_variadic() => format!("`{name}` takes {}", args[0]),
            1 => format!("`{name}` takes one argument: {}", args[0]),
            _ => format!(
                "`{name}` takes {} arguments: {}",
                args.len(),
                args.join(", then ")
            ),
        }
    }

    pub fn has_output(self) -> bool {
        self.role() != Role::Sink
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_name() {
        for kind in Kind::ALL {
            assert_eq!(lookup(kind.name()), Some(*kind));
        }
    }

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}

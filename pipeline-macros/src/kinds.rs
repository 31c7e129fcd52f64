//! Every stage the DSL knows: what it is, what it takes, which options apply to it.

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
}

/// A stage kind.
#[derive(Debug)]
pub struct Kind {
    pub name: &'static str,
    pub role: Role,
    /// What its arguments are, for counting and for messages.
    pub args: &'static [&'static str],
    /// Can run as several workers (`workers`, `ordered`).
    pub parallel: bool,
    /// Runs async user code per item (`timeout`).
    pub asynchronous: bool,
    /// Its user code returns `Result<_, E>`: it fixes the run's error type.
    pub fallible: bool,
    /// Accepts `::<Collection>`.
    pub generic: bool,
}

const fn kind(name: &'static str, role: Role, args: &'static [&'static str]) -> Kind {
    Kind {
        name,
        role,
        args,
        parallel: false,
        asynchronous: false,
        fallible: false,
        generic: false,
    }
}

const fn parallel(mut kind: Kind) -> Kind {
    kind.parallel = true;
    kind
}

const fn asynchronous(mut kind: Kind) -> Kind {
    kind.asynchronous = true;
    kind
}

const fn fallible(mut kind: Kind) -> Kind {
    kind.fallible = true;
    kind
}

use Role::{Merge, Sink, Source, Tee, Transform};

pub static KINDS: &[Kind] = &[
    kind("from_iter", Source, &["an iterable of items"]),
    kind("from_stream", Source, &["a stream of items"]),
    kind("from_channel", Source, &["a channel receiver"]),
    kind(
        "generate",
        Source,
        &["an async closure `|emit| async move { .. }`"],
    ),
    fallible(kind(
        "try_generate",
        Source,
        &["an async closure returning `Result<(), E>`"],
    )),
    parallel(kind("map", Transform, &["a closure `|item| output`"])),
    parallel(asynchronous(kind(
        "then",
        Transform,
        &["a closure returning a future"],
    ))),
    parallel(fallible(kind(
        "try_map",
        Transform,
        &["a closure returning `Result<output, E>`"],
    ))),
    parallel(asynchronous(fallible(kind(
        "try_then",
        Transform,
        &["a closure returning a future of `Result<output, E>`"],
    )))),
    parallel(kind("filter", Transform, &["a closure `|&item| -> bool`"])),
    parallel(kind(
        "filter_map",
        Transform,
        &["a closure returning `Option<output>`"],
    )),
    parallel(kind(
        "flat_map",
        Transform,
        &["a closure returning an iterable"],
    )),
    parallel(kind("inspect", Transform, &["a closure `|&item| ..`"])),
    kind("take", Transform, &["a count"]),
    kind("take_while", Transform, &["a closure `|&item| -> bool`"]),
    kind("skip", Transform, &["a count"]),
    kind("chunks", Transform, &["a chunk size"]),
    kind("merge", Merge, &["two or more branch names"]),
    kind("tee", Tee, &[]),
    Kind {
        generic: true,
        ..kind("collect", Sink, &[])
    },
    kind("for_each", Sink, &["a closure `|item| ..`"]),
    fallible(kind(
        "try_for_each",
        Sink,
        &["a closure returning `Result<(), E>`"],
    )),
    kind(
        "fold",
        Sink,
        &["an initial value", "a closure `|acc, item| acc`"],
    ),
    kind("count", Sink, &[]),
    kind("first", Sink, &[]),
    kind("last", Sink, &[]),
    kind("drain", Sink, &[]),
    kind("to_channel", Sink, &["a channel sender"]),
];

pub fn lookup(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|kind| kind.name == name)
}

/// The names of the kinds with `role`, for "expected one of" messages.
pub fn names(role: Role) -> Vec<&'static str> {
    KINDS
        .iter()
        .filter(|kind| kind.role == role)
        .map(|kind| kind.name)
        .collect()
}

impl Kind {
    /// How it is called, for messages: `map(f)`, `fold(init, f)`, `count()`.
    pub fn usage(&self) -> String {
        match self.args.len() {
            0 => format!("`{}()` takes no arguments", self.name),
            1 if self.role == Role::Merge => format!("`merge` takes {}", self.args[0]),
            1 => format!("`{}` takes one argument: {}", self.name, self.args[0]),
            _ => format!(
                "`{}` takes {} arguments: {}",
                self.name,
                self.args.len(),
                self.args.join(", then ")
            ),
        }
    }

    pub fn has_output(&self) -> bool {
        self.role != Role::Sink
    }
}

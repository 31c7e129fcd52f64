//! Live progress of a long run, on stderr: per stage, its items and items per second, and
//! the current bottleneck (see [`metrics`](crate::metrics)).
//!
//! Switched on per run, by the pipeline option `#![progress]` (every 250 ms) or
//! `#![progress = Progress::every(d)]`, or by [`Options::progress`](crate::__private::Options)
//! for code that builds runs by hand. Off by default, and never on stdout.
//!
//! - **On a terminal** (stderr is one), a live display drawn with `indicatif`: one line per
//!   stage and one for the bottleneck, redrawn in place, and cleared when the run ends, so
//!   a finished run leaves the terminal as it found it.
//! - **Otherwise** (a pipe, a CI log), a plain line every period, and one last line when the
//!   run ends:
//!
//! ```text
//! progress 1.0s: read 1200 (1198/s) > parse 1150 (1149/s) > count 1150 (1149/s) | `parse` is the bottleneck: busy 98%, ...
//! ```
//!
//! The display is the run's own helper task: it ends with the run, and its last line is
//! written before the run's future resolves.

mod plain;
mod render;
mod terminal;

use std::fmt;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use crate::metrics::Metrics;

pub use render::Rates;

/// The default period of `#![progress]`.
pub const DEFAULT_EVERY: Duration = Duration::from_millis(250);

/// How a run shows its progress: how often, and where.
///
/// ```
/// use std::time::Duration;
/// use gopipe_runtime::progress::Progress;
///
/// let progress = Progress::every(Duration::from_secs(1)); // to stderr
/// assert_eq!(progress.period(), Duration::from_secs(1));
/// ```
#[must_use]
pub struct Progress {
    every: Duration,
    target: Target,
}

enum Target {
    /// stderr: live if it is a terminal, plain lines otherwise.
    Stderr,
    /// Plain lines to a writer (a file, a buffer in a test).
    Lines(Box<dyn Write + Send>),
    /// The live display on a terminal of the caller's (`indicatif`'s `TermLike`).
    #[cfg(feature = "progress")]
    Term(Box<dyn indicatif::TermLike>),
}

impl Progress {
    /// Progress on stderr every `every` (at least 10 ms).
    pub fn every(every: Duration) -> Self {
        Self {
            every: every.max(Duration::from_millis(10)),
            target: Target::Stderr,
        }
    }

    /// Writes plain progress lines to `writer` instead, terminal or not.
    pub fn to_writer(mut self, writer: impl Write + Send + 'static) -> Self {
        self.target = Target::Lines(Box::new(writer));
        self
    }

    /// Draws the live display on `term` instead of stderr (a terminal of your own, or one
    /// that records what is drawn, in a test).
    #[cfg(feature = "progress")]
    pub fn to_term(mut self, term: impl indicatif::TermLike + 'static) -> Self {
        self.target = Target::Term(Box::new(term));
        self
    }

    /// How often it is redrawn.
    pub fn period(&self) -> Duration {
        self.every
    }

    /// The display's loop for `metrics`, as the run's helper task: draws every period;
    /// the last draw happens when it is dropped (the run ended).
    pub(crate) fn display(self, metrics: Metrics) -> impl std::future::Future<Output = ()> + Send {
        let every = self.every;
        let mut display = Display::new(self.target, metrics);
        async move {
            let mut ticks = tokio::time::interval(every);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                display.draw(false);
            }
        }
    }
}

/// What `#![progress = ..]` takes: a [`Progress`], how often as a `Duration`, or whether
/// at all as a `bool` (a command-line flag, say); an `Option` of the first two.
#[diagnostic::on_unimplemented(
    message = "`progress` takes a `Progress`, a `Duration` or a `bool`; `{Self}` is none of them",
    label = "expected a `Progress`, a `Duration` or a `bool`",
    note = "write `#![progress]` for the defaults, `#![progress = Duration::from_secs(1)]` for how often, or `#![progress = show]` with a `bool`"
)]
pub trait ShowProgress {
    /// The progress to show, if any.
    fn into_progress(self) -> Option<Progress>;
}

#[diagnostic::do_not_recommend]
impl ShowProgress for Progress {
    fn into_progress(self) -> Option<Progress> {
        Some(self)
    }
}

/// Progress on stderr that often.
#[diagnostic::do_not_recommend]
impl ShowProgress for Duration {
    fn into_progress(self) -> Option<Progress> {
        Some(Progress::every(self))
    }
}

/// Progress on stderr every [`DEFAULT_EVERY`], or none.
#[diagnostic::do_not_recommend]
impl ShowProgress for bool {
    fn into_progress(self) -> Option<Progress> {
        self.then(Progress::default)
    }
}

#[diagnostic::do_not_recommend]
impl<T: ShowProgress> ShowProgress for Option<T> {
    fn into_progress(self) -> Option<Progress> {
        self.and_then(ShowProgress::into_progress)
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::every(DEFAULT_EVERY)
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Progress")
            .field("every", &self.every)
            .finish_non_exhaustive()
    }
}

/// What draws: a live display or plain lines, and the rates between draws.
struct Display {
    metrics: Metrics,
    rates: Rates,
    out: Out,
}

enum Out {
    Plain(plain::Lines),
    #[cfg(feature = "progress")]
    Live(terminal::Live),
}

impl Display {
    fn new(target: Target, metrics: Metrics) -> Self {
        let out = match target {
            #[cfg(feature = "progress")]
            Target::Stderr if std::io::stderr().is_terminal() => {
                Out::Live(terminal::Live::stderr())
            }
            #[cfg(feature = "progress")]
            Target::Term(term) => Out::Live(terminal::Live::on(term)),
            Target::Stderr => Out::Plain(plain::Lines::new(Box::new(Stderr))),
            Target::Lines(writer) => Out::Plain(plain::Lines::new(writer)),
        };
        Self {
            rates: Rates::new(),
            metrics,
            out,
        }
    }

    fn draw(&mut self, last: bool) {
        let snapshot = self.metrics.snapshot();
        let rates = self.rates.update(&snapshot);
        match &mut self.out {
            Out::Plain(lines) => lines.draw(&snapshot, &rates),
            #[cfg(feature = "progress")]
            Out::Live(live) => live.draw(&snapshot, &rates, last),
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.draw(true);
    }
}

/// stderr, locked for each line.
struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::io::stderr().lock().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

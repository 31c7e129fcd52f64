//! The faults a case can inject, and the stage behaviour that injects them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use gopipe::{Elapsed, StageError};
use tokio_util::sync::CancellationToken;

/// One fault per case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Stage `stage` returns an error for item `item`.
    Fail {
        stage: usize,
        item: u64,
    },
    /// Stage `stage` panics on item `item`.
    Panic {
        stage: usize,
        item: u64,
    },
    /// Stage `stage` takes `micros` per item.
    Slow {
        stage: usize,
        micros: u64,
    },
    /// The consumer reads `after` items, then stops (`join`).
    StopAfter {
        after: usize,
    },
    /// The consumer reads `after` items, then drops the handle.
    DropAfter {
        after: usize,
    },
    /// An external token cancels the run after `micros`.
    CancelAfter {
        micros: u64,
    },
    /// The run's deadline is `micros`.
    Deadline {
        micros: u64,
    },
}

impl Fault {
    pub fn kind(&self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::Fail { .. } => "error",
            Fault::Panic { .. } => "panic",
            Fault::Slow { .. } => "slow stage",
            Fault::StopAfter { .. } => "consumer stops",
            Fault::DropAfter { .. } => "handle dropped",
            Fault::CancelAfter { .. } => "external cancel",
            Fault::Deadline { .. } => "run deadline",
        }
    }
}

/// The error a stage injects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Injected {
    pub stage: usize,
    pub item: u64,
}

impl fmt::Display for Injected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "injected error at s{} on item {}", self.stage, self.item)
    }
}

impl std::error::Error for Injected {}

impl From<Elapsed> for Injected {
    fn from(_: Elapsed) -> Self {
        Injected {
            stage: usize::MAX,
            item: u64::MAX,
        }
    }
}

/// The message of an injected panic.
pub fn panic_message(stage: usize, item: u64) -> String {
    format!("injected panic at s{stage} on item {item}")
}

/// What every stage of a case shares.
pub struct Ctx {
    pub fault: Fault,
    pub workers: [usize; 8],
    pub capacity: [usize; 8],
    pub token: CancellationToken,
    /// `#![fusion = ..]` of the block.
    pub fusion: bool,
    pub deadline: Duration,
    pub left: Vec<u64>,
    pub right: Vec<u64>,
    pub third: Vec<u64>,
    pub seen: std::sync::Mutex<Vec<Observed>>,
}

pub type Step = Pin<Box<dyn Future<Output = Result<u64, Injected>> + Send>>;

impl Ctx {
    /// Stage `stage`'s behaviour: pass the item on, unless the fault says otherwise.
    pub fn stage(
        self: &Arc<Self>,
        stage: usize,
    ) -> impl FnMut(u64) -> Step + Clone + Send + 'static {
        let ctx = self.clone();
        move |item| {
            let fault = ctx.fault;
            Box::pin(async move {
                match fault {
                    Fault::Fail { stage: s, item: k } if s == stage && k == item => {
                        Err(Injected { stage, item })
                    }
                    Fault::Panic { stage: s, item: k } if s == stage && k == item => {
                        panic!("{}", panic_message(stage, item))
                    }
                    Fault::Slow { stage: s, micros } if s == stage => {
                        tokio::time::sleep(Duration::from_micros(micros)).await;
                        Ok(item)
                    }
                    _ => Ok(item),
                }
            })
        }
    }

    /// Stage `stage`'s behaviour as synchronous code (a `try_map`, which fuses): the same
    /// as [`stage`](Self::stage)'s, a slow stage sleeping its thread.
    pub fn sync_stage(
        self: &Arc<Self>,
        stage: usize,
    ) -> impl FnMut(u64) -> Result<u64, Injected> + Clone + Send + 'static {
        let ctx = self.clone();
        move |item| match ctx.fault {
            Fault::Fail { stage: s, item: k } if s == stage && k == item => {
                Err(Injected { stage, item })
            }
            Fault::Panic { stage: s, item: k } if s == stage && k == item => {
                panic!("{}", panic_message(stage, item))
            }
            Fault::Slow { stage: s, micros } if s == stage => {
                std::thread::sleep(Duration::from_micros(micros));
                Ok(item)
            }
            _ => Ok(item),
        }
    }

    /// A sink recording every item it sees.
    pub fn recorder<T: Observe>(self: &Arc<Self>) -> impl FnMut(T) + Send + 'static {
        let ctx = self.clone();
        move |item| ctx.seen.lock().unwrap().push(item.observe())
    }
}

/// What arrived at the end of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Observed {
    Ok(u64),
    Err { stage: String, error: String },
}

pub trait Observe: Send + 'static {
    fn observe(self) -> Observed;
}

impl Observe for u64 {
    fn observe(self) -> Observed {
        Observed::Ok(self)
    }
}

impl Observe for Result<u64, StageError<Injected>> {
    fn observe(self) -> Observed {
        match self {
            Ok(item) => Observed::Ok(item),
            Err(error) => Observed::Err {
                stage: error.stage().name().to_owned(),
                error: error.error().to_string(),
            },
        }
    }
}

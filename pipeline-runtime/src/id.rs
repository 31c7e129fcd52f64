//! Names that identify a pipeline run and its stages in errors and diagnostics.
//!
//! A [`StageName`] is cheap to clone (one reference count) so every error, every registered
//! task and every error-channel item can carry the name of the stage it came from.

use std::fmt;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Identifies one pipeline run (one [`Scope`](crate::Scope)) for the life of the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PipelineId(u64);

impl PipelineId {
    pub(crate) fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }

    /// The number behind the id, unique within the process.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for PipelineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pipeline#{}", self.0)
    }
}

/// The name of a stage, and of the worker within it when the stage fans out.
///
/// Displays as `name`, or `name (worker i)` for worker `i` of a fanned-out stage.
///
/// ```
/// use gopipe_runtime::StageName;
///
/// let stage = StageName::new("resize");
/// assert_eq!(stage.to_string(), "resize");
/// let worker = stage.worker(2);
/// assert_eq!(worker.to_string(), "resize (worker 2)");
/// assert_eq!(worker.name(), "resize");
/// assert_eq!(worker.worker_index(), Some(2));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StageName {
    name: Arc<str>,
    /// 32 bits: a name is in every stage task more than once, and no run has more workers.
    worker: Option<u32>,
}

impl StageName {
    /// A stage called `name`.
    pub fn new(name: impl Into<Arc<str>>) -> Self {
        Self {
            name: name.into(),
            worker: None,
        }
    }

    /// Worker `index` of this stage.
    #[must_use]
    pub fn worker(&self, index: usize) -> Self {
        Self {
            name: self.name.clone(),
            worker: Some(u32::try_from(index).unwrap_or(u32::MAX)),
        }
    }

    /// The stage's name, without the worker index.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Which worker of a fanned-out stage this is; `None` for a stage that runs as one task.
    pub fn worker_index(&self) -> Option<usize> {
        self.worker.map(|index| index as usize)
    }
}

impl fmt::Display for StageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.worker {
            None => f.write_str(&self.name),
            Some(index) => write!(f, "{} (worker {index})", self.name),
        }
    }
}

impl fmt::Debug for StageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StageName({self})")
    }
}

impl From<&str> for StageName {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl From<String> for StageName {
    fn from(name: String) -> Self {
        Self::new(name)
    }
}

impl From<&StageName> for StageName {
    fn from(name: &StageName) -> Self {
        name.clone()
    }
}

//! [`Spawner`]: spawning into a scope from anywhere, including from inside its own tasks.

use std::fmt;
use std::future::Future;

use super::expect_runtime;
use super::shared::Shared;
use crate::channel::{self, Receiver, Sender};
use crate::done::Done;
use crate::id::StageName;
use crate::sync::Arc;

/// A handle that spawns tasks into a [`Scope`](super::Scope) from anywhere, including from inside its
/// tasks. Spawning fails once the scope has been joined or dropped.
pub struct Spawner<E> {
    pub(super) shared: Arc<Shared<E>>,
}

/// A [`Spawner`] was used after its scope was joined or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScopeClosed;

impl fmt::Display for ScopeClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the pipeline's scope is closed: it was joined or dropped")
    }
}

impl std::error::Error for ScopeClosed {}

impl<E: Send + 'static> Spawner<E> {
    /// Spawns `task` as stage `stage` of the scope's run; see [`Scope::spawn`](super::Scope::spawn).
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line.
    #[track_caller]
    pub fn spawn<F>(&self, stage: impl Into<StageName>, task: F) -> Result<(), ScopeClosed>
    where
        F: Future<Output = Result<(), E>> + Send + 'static,
    {
        expect_runtime("a pipeline's scope spawns its stages on a Tokio runtime");
        self.shared.spawn_stage(stage.into(), task)
    }

    /// The run's done signal.
    pub fn done(&self) -> &Done {
        &self.shared.control.done
    }

    /// A channel of the run; see [`Scope::channel`](super::Scope::channel).
    pub fn channel<T: Send + 'static>(&self, capacity: usize) -> (Sender<T>, Receiver<T>) {
        channel::with_pause(
            capacity,
            &self.shared.control.done,
            Some(&self.shared.control.pause),
        )
    }
}

impl<E> Clone for Spawner<E> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<E> fmt::Debug for Spawner<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Spawner")
            .field("pipeline", &self.shared.control.id)
            .finish()
    }
}

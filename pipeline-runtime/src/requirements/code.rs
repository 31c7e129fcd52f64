//! What a stage requires of user code and its state: `Send`, `Clone` for workers.

/// User code of a stage with `workers = N`: each worker runs its own copy.
#[diagnostic::on_unimplemented(
    message = "a stage with `workers = N` runs its closure in every worker, so the closure must be `Clone`; this one is not",
    label = "this closure is not `Clone`: it owns something that cannot be cloned",
    note = "capture a shared handle instead (e.g. an `Arc<Mutex<_>>` cloned into the closure), or drop `workers`"
)]
pub trait WorkerCopy: Clone {}

#[diagnostic::do_not_recommend]
impl<T: Clone> WorkerCopy for T {}

/// What may flow between stages: items move between tasks, which may run on other threads.
#[diagnostic::on_unimplemented(
    message = "items passed between stages must be `Send + 'static`; `{Self}` is not",
    label = "this stage's items are `{Self}`, which cannot move to another thread",
    note = "stages run as tasks on any thread: use `Arc` instead of `Rc`, `Mutex` instead of `RefCell`, and owned data instead of borrows"
)]
pub trait Item: Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Send + 'static> Item for T {}

/// User code that runs inside a stage's task.
#[diagnostic::on_unimplemented(
    message = "the closure of a stage must be `Send`, because stages run as tasks on any thread; `{Self}` is not",
    label = "this closure captures something that cannot move to another thread",
    note = "use `Arc` instead of `Rc`, and `Mutex` or atomics instead of `RefCell` or `Cell`"
)]
pub trait StageCode: Send {}

#[diagnostic::do_not_recommend]
impl<T: Send> StageCode for T {}

/// State a stage keeps between items (`scan`'s state, `fold`'s accumulator): it moves into
/// the stage's task.
#[diagnostic::on_unimplemented(
    message = "the state of a stage moves into its task, which may run on any thread, so it must be `Send + 'static`; `{Self}` is not",
    label = "this state cannot move to another thread",
    note = "use `Arc` instead of `Rc`, and `Mutex` or atomics instead of `RefCell` or `Cell`"
)]
pub trait StageState: Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Send + 'static> StageState for T {}

/// The run's error type: failures travel between tasks and out of the run.
#[diagnostic::on_unimplemented(
    message = "the pipeline's error type must be `Send + 'static`; `{Self}` is not",
    label = "this stage fails with `{Self}`, which cannot move to another thread",
    note = "for a boxed error write `Box<dyn std::error::Error + Send + Sync>` instead of `Box<dyn std::error::Error>`; otherwise use an owned error type without `Rc` or borrows"
)]
pub trait RunError: Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Send + 'static> RunError for T {}

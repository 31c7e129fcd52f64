//! "Preventing goroutine leaks", part 1: `doWork` receives from a channel nobody ever writes.
//!
//! `cargo run --example do_work`
//!
//! In Go, `doWork(nil)` blocks forever on `range strings`: the goroutine leaks. Its fix passes a
//! `done` channel and closes it after a second. Here the stage observes cancellation in every
//! receive: cancelling the run after a delay stops it, and the stage's exit is printed (from a
//! value it owns, dropped when its task ends — like Go's `defer fmt.Println`).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, pipeline};

/// Lines of output, printed as they happen and kept for the test.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    /// Prints `line` and keeps it.
    pub fn say(&self, line: impl Into<String>) {
        let line = line.into();
        println!("{line}");
        self.0.lock().unwrap().push(line);
    }

    /// Every line said so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// Says "doWork exited." when dropped, i.e. when the stage that owns it has exited.
struct ExitNotice(Log);

impl Drop for ExitNotice {
    fn drop(&mut self) {
        self.0.say("doWork exited.");
    }
}

/// What a cancelled `doWork` left behind.
#[derive(Debug)]
pub struct Left {
    /// Stage tasks still alive afterwards: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// Runs `doWork` on a channel nobody writes, cancels it after `delay`; returns what it left.
pub async fn do_work(delay: Duration, log: &Log) -> Left {
    // The writer exists and stays open, but never sends: only cancellation ends the wait.
    let (_strings_tx, strings) = tokio::sync::mpsc::channel::<String>(1);
    let notice = ExitNotice(log.clone());
    let printer = log.clone();
    let run = pipeline! {
        from_channel(strings)
            -> for_each(move |s| {
                let _owned_by_the_stage = &notice;
                printer.say(s);
            }) [name = "doWork"]
    };
    let (id, graph) = (run.id(), run.graph());
    tokio::time::sleep(delay).await;
    log.say("Canceling doWork goroutine...");
    run.cancel();
    let outcome = run.await;
    log.say(format!("Done. ({})", outcome.unwrap_err()));
    Left {
        live_tasks: live_tasks_of(id).len(),
        graph,
    }
}

#[tokio::main]
async fn main() {
    let left = do_work(Duration::from_secs(1), &Log::default()).await;
    println!("stage tasks still alive: {}", left.live_tasks);
}

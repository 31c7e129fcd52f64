//! The `tracing` feature (`cargo test --features tracing --test dsl traced`): stage spans on
//! user code's events, events for a failure, a panic and a cancel with their causes, and
//! stall warnings, read from a subscriber that captures what it is given.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::pipeline;
use tokio::sync::Notify;

use crate::common::within;

/// What the subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A subscriber for this thread (the tests run on one-thread runtimes, so every stage task
/// is polled here), and what it writes.
fn capture() -> (tracing::subscriber::DefaultGuard, Captured) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    (tracing::subscriber::set_default(subscriber), captured)
}

#[tokio::test]
async fn user_codes_events_carry_the_stage_span() {
    let (_guard, captured) = capture();
    let run = pipeline! {
        from_iter(1..=3u32)
            -> map(|n| { tracing::info!(n, "squaring"); n * n }) [name = "square"]
            -> map(|n| { tracing::info!(n, "incrementing"); n + 1 }) [name = "inc", workers = 2]
            -> inspect(|n| tracing::info!(n, "seen"))
            -> fold(0, |a, n| a + n)
    };
    let id = run.id().get();
    let total = within("the run", run).await.unwrap();
    assert_eq!(total, 17);
    let text = captured.text();
    let lines = |what: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.contains(what))
            .map(str::to_owned)
            .collect()
    };
    // A stage that runs as one task has no `worker` field. `square` is a fused group of its
    // own, feeding the fan-out: its events are in its span once, not nested in its task's.
    let squaring = lines("squaring");
    assert_eq!(squaring.len(), 3, "{text}");
    for line in &squaring {
        assert!(
            line.contains(&format!(r#"stage{{pipeline={id} stage="square"}}: "#)),
            "{line}"
        );
        assert_eq!(line.matches("stage{").count(), 1, "{line}");
    }
    // A fanned-out stage's workers say which one they are.
    let incrementing = lines("incrementing");
    assert_eq!(incrementing.len(), 3, "{text}");
    for line in &incrementing {
        assert!(
            line.contains(&format!(r#"stage{{pipeline={id} stage="inc" worker=0}}"#))
                || line.contains(&format!(r#"stage{{pipeline={id} stage="inc" worker=1}}"#)),
            "{line}"
        );
    }
    // `inspect` is fused into the sink's task, and its events still carry its own stage.
    let seen = lines("seen");
    assert_eq!(seen.len(), 3, "{text}");
    for line in &seen {
        assert!(line.contains(r#"stage="inspect#"#), "{line}");
        assert!(!line.contains(r#"stage="fold#"#), "{line}");
    }
}

#[derive(Debug)]
struct Broken;

#[tokio::test]
async fn a_failure_names_its_stage_and_the_run_is_cancelled_by_it() {
    let (_guard, captured) = capture();
    let outcome = within("the run", async {
        pipeline! {
            from_iter(0..10u32)
                -> try_map(|n| if n == 3 { Err(Broken) } else { Ok(n) }) [name = "check"]
                -> drain()
        }
        .await
    })
    .await;
    assert!(outcome.is_err());
    let text = captured.text();
    let failed = text
        .lines()
        .find(|line| line.contains("stage failed"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        failed.contains("ERROR") && failed.contains("stage=check") && failed.contains("attempts=1"),
        "{failed}"
    );
    let cancelled = text
        .lines()
        .find(|line| line.contains("run cancelled"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        cancelled.contains("cause=stage `check` failed"),
        "{cancelled}"
    );
}

#[tokio::test]
async fn a_panic_is_an_error_event_with_its_message() {
    let (_guard, captured) = capture();
    let outcome = within("the run", async {
        pipeline! {
            from_iter(0..3u32) -> map(|n| if n == 1 { panic!("bad item {n}") } else { n }) [name = "risky"] -> drain()
        }
        .await
    })
    .await;
    assert!(outcome.is_err());
    let text = captured.text();
    let panicked = text
        .lines()
        .find(|line| line.contains("stage panicked"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        panicked.contains("stage=risky") && panicked.contains("bad item 1"),
        "{panicked}"
    );
}

#[tokio::test]
async fn a_cancel_is_an_event_with_its_cause_and_a_finished_run_has_none() {
    let (_guard, captured) = capture();
    let run = pipeline! { from_iter(0u64..) -> drain() };
    run.cancel();
    let _ = within("the run", run).await;
    let finished = pipeline! { from_iter(0..3u8) -> count() };
    assert_eq!(within("the run", finished).await.unwrap(), 3);
    let text = captured.text();
    let cancels: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("run cancelled"))
        .collect();
    assert_eq!(cancels.len(), 1, "{text}");
    assert!(
        cancels[0].contains("cause=the run was cancelled"),
        "{}",
        cancels[0]
    );
}

#[tokio::test]
async fn a_stuck_stage_is_warned_of_once_and_a_healthy_run_is_not() {
    let (_guard, captured) = capture();
    let gate = Arc::new(Notify::new());
    let wait = gate.clone();
    let run = pipeline! {
        #![stall_warning = Duration::from_millis(50)]
        from_iter(0..3u32)
            -> then(move |n| { let wait = wait.clone(); async move { if n == 1 { wait.notified().await } n } }) [name = "stuck"]
            -> count()
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    gate.notify_one();
    assert_eq!(within("the run", run).await.unwrap(), 3);

    let healthy = pipeline! {
        #![stall_warning = Duration::from_millis(50)]
        from_iter(0..1000u32) -> map(|n| n + 1) -> count()
    };
    assert_eq!(within("the run", healthy).await.unwrap(), 1000);

    let text = captured.text();
    let warnings: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("stage stalled"))
        .collect();
    assert_eq!(warnings.len(), 1, "{text}");
    assert!(
        warnings[0].contains("WARN")
            && warnings[0].contains("stage=stuck")
            && warnings[0].contains("held an item in user code"),
        "{}",
        warnings[0]
    );
}

#[tokio::test]
async fn a_deadline_is_the_cause_of_a_cancelled_run() {
    let (_guard, captured) = capture();
    let run = pipeline! {
        #![timeout = Duration::from_millis(30)]
        from_iter(0u64..) -> then(|n| async move { tokio::time::sleep(Duration::from_millis(1)).await; n }) -> drain()
    };
    assert!(within("the run", run).await.is_err());
    let text = captured.text();
    let cancelled = text
        .lines()
        .find(|line| line.contains("run cancelled"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        cancelled.contains("INFO") && cancelled.contains("cause=the run's deadline passed"),
        "{cancelled}"
    );
}

#[tokio::test]
async fn a_stuck_worker_of_a_fanned_out_stage_is_named_with_its_index() {
    let (_guard, captured) = capture();
    let gate = Arc::new(Notify::new());
    let wait = gate.clone();
    let run = pipeline! {
        #![stall_warning = Duration::from_millis(50)]
        from_iter(0..6u32)
            -> then(move |n| { let wait = wait.clone(); async move { if n == 1 { wait.notified().await } n } }) [name = "stuck", workers = 2]
            -> count()
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    gate.notify_one();
    assert_eq!(within("the run", run).await.unwrap(), 6);
    let text = captured.text();
    let warnings: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("stage stalled"))
        .collect();
    // Only the worker holding item 1 stalled: the other one took the rest and ended.
    assert_eq!(warnings.len(), 1, "{text}");
    assert!(
        warnings[0].contains("stage=stuck")
            && (warnings[0].contains("worker=0") || warnings[0].contains("worker=1")),
        "{}",
        warnings[0]
    );
}

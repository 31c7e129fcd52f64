//! Live progress: plain lines where stderr is not a terminal (here, a writer of the test's),
//! the live display on a terminal (here, one that records what is drawn), and what cannot be
//! asked for (`progress` without metrics).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::progress::Progress;
use gopipe::{PipelineError, pipeline};

use crate::common::within;

/// A writer the test reads back.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn slow(n: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    n
}

/// 60 items through a slow `parse` stage, showing `progress`; how many were counted.
async fn parsed(progress: Progress) -> usize {
    let run = pipeline! {
        #![capacity = 4, progress = progress]
        from_iter(0..60u32) -> then(slow) [name = "parse"] -> count()
    };
    within("the run", run).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_lines_name_every_stage_its_items_and_the_bottleneck_and_end_with_the_totals() {
    let out = Buffer::default();
    let progress = Progress::every(Duration::from_millis(20)).to_writer(out.clone());
    assert_eq!(parsed(progress).await, 60);
    let text = out.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.len() >= 3,
        "a line every 20 ms of a ~120 ms run:\n{text}"
    );
    for line in &lines {
        assert!(line.starts_with("progress "), "{line}");
        assert!(
            line.contains("from_iter#1 ")
                && line.contains(" > parse ")
                && line.contains(" > count#3 "),
            "{line}"
        );
        assert!(!line.contains('\x1b'), "no escape codes: {line:?}");
    }
    // The last line is drawn as the run ends: every item counted.
    let last = lines.last().unwrap();
    assert!(
        last.contains("parse 60 (") && last.contains("count#3 60 ("),
        "{last}"
    );
    assert!(
        lines[1..]
            .iter()
            .any(|line| line.contains("`parse` is the bottleneck")),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duration_is_how_often() {
    // `#![progress = d]` prints to stderr; here only its type is the point: it compiles and
    // runs, and the run's result is untouched.
    let total = within("the run", async {
        pipeline! {
            #![progress = Duration::from_secs(3600)]
            from_iter(0..5u32) -> count()
        }
        .await
    })
    .await
    .unwrap();
    assert_eq!(total, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_without_metrics_is_an_invalid_argument_and_nothing_runs() {
    let ran = Arc::new(Mutex::new(0));
    let seen = ran.clone();
    let outcome = pipeline! {
        #![metrics = false, progress]
        from_iter(0..5u32) -> for_each(move |_| *seen.lock().unwrap() += 1)
    }
    .await;
    match outcome {
        Err(PipelineError::InvalidArgument { argument, .. }) => assert_eq!(argument, "progress"),
        other => panic!("{other:?}"),
    }
    assert_eq!(*ran.lock().unwrap(), 0);
}

/// A terminal that keeps what is on its screen (clones share it).
#[derive(Clone, Debug, Default)]
struct Screen {
    state: Arc<Mutex<ScreenState>>,
}

#[derive(Debug, Default)]
struct ScreenState {
    lines: Vec<String>,
    row: usize,
    /// Every line ever written.
    written: Vec<String>,
}

impl ScreenState {
    fn line(&mut self) -> &mut String {
        while self.lines.len() <= self.row {
            self.lines.push(String::new());
        }
        &mut self.lines[self.row]
    }
}

impl indicatif::TermLike for Screen {
    fn width(&self) -> u16 {
        200
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        let mut state = self.state.lock().unwrap();
        state.row = state.row.saturating_sub(n);
        Ok(())
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.state.lock().unwrap().row += n;
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        let mut state = self.state.lock().unwrap();
        state.line().push_str(s);
        state.written.push(s.to_owned());
        state.row += 1;
        Ok(())
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        let mut state = self.state.lock().unwrap();
        state.line().push_str(s);
        state.written.push(s.to_owned());
        Ok(())
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.state.lock().unwrap().line().clear();
        Ok(())
    }
    fn flush(&self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_the_display_is_live_and_a_finished_run_leaves_it_clean() {
    let screen = Screen::default();
    let progress = Progress::every(Duration::from_millis(20)).to_term(screen.clone());
    assert_eq!(parsed(progress).await, 60);
    let state = screen.state.lock().unwrap();
    for stage in ["from_iter#1 ", "parse ", "count#3 "] {
        assert!(
            state
                .written
                .iter()
                .any(|line| line.starts_with(stage) && line.contains(" items ")),
            "a line for {stage}: {:?}",
            state.written
        );
    }
    assert!(
        state
            .written
            .iter()
            .any(|line| line.contains("is the bottleneck")),
        "{:?}",
        state.written
    );
    assert!(
        state.lines.iter().all(String::is_empty),
        "the display is cleared at the end: {:?}",
        state.lines
    );
}

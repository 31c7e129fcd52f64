//! Outside a Tokio runtime, building a pipeline panics at the user's own line, with a
//! message that says what to do, not inside this crate or tokio.

use std::sync::{Arc, Mutex};

use gopipe::{Scope, pipeline};

/// Where a panic was reported, and its message.
type Seen = Arc<Mutex<Option<(String, u32)>>>;

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|message| (*message).to_owned())
            .unwrap_or_default(),
    }
}

/// Runs `f`, which must panic; returns the panic's file, line and message.
fn panic_of(seen: &Seen, f: impl FnOnce() + std::panic::UnwindSafe) -> (String, u32, String) {
    let payload = std::panic::catch_unwind(f).expect_err("it must panic");
    let (file, line) = seen.lock().unwrap().take().expect("the hook saw the panic");
    (file, line, message(payload))
}

// One test, so that the panic hook it sets is not shared with another test's panics.
#[test]
fn outside_a_runtime_the_panic_points_at_the_users_line_and_says_how_to_fix_it() {
    let seen: Seen = Arc::default();
    let recorder = seen.clone();
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(location) = info.location() {
            *recorder.lock().unwrap() = Some((location.file().to_owned(), location.line()));
        }
    }));

    let block_line = line!() + 2;
    let (file, line, text) = panic_of(&seen, || {
        let _run = pipeline! { from_iter(0..3u64) -> count() };
    });
    assert!(file.ends_with("outside_runtime.rs"), "reported in {file}");
    assert_eq!(line, block_line, "at the block's line");
    assert!(text.contains("Tokio runtime"), "{text}");
    assert!(text.contains("#[tokio::main]"), "says how: {text}");

    let spawn_line = line!() + 3;
    let (file, line, text) = panic_of(&seen, || {
        let scope: Scope<()> = Scope::new();
        scope.spawn("by hand", async { Ok(()) });
    });
    assert!(file.ends_with("outside_runtime.rs"), "reported in {file}");
    assert_eq!(line, spawn_line, "at the spawn's line");
    assert!(text.contains("Tokio runtime"), "{text}");

    std::panic::set_hook(default);
}

//! Compile-time behaviour of `pipeline!` (trybuild): every mistake is one error, on the
//! offending tokens, saying what is expected; and the pass cases compile and run.
//!
//! The `.stderr` snapshots are for the workspace's toolchain (rustc 1.95). To refresh them
//! after an intended change: `TRYBUILD=overwrite cargo test --test ui`, then review the diff.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for topic in topics() {
        cases.compile_fail(format!("tests/ui/{topic}/*.rs"));
    }
    cases.pass("tests/ui/pass/*.rs");
}

/// The folders of compile_fail cases: every folder of `tests/ui` but `pass`.
fn topics() -> Vec<String> {
    let mut topics: Vec<String> = std::fs::read_dir(ui_dir())
        .expect("tests/ui exists")
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|topic| topic != "pass")
        .collect();
    topics.sort();
    topics
}

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui")
}

/// What a message must never show a user: this workspace's own files and internals.
const FORBIDDEN: &[&str] = &[
    "pipeline-runtime/",
    "pipeline-macros/",
    "gopipe_runtime::",
    "gopipe_macros::",
    "src/wiring/",
    "src/stage/",
    "__private",
    "__pipeline",
    "Plain",
    "Results",
    "Pipeline<",
    "Pipeline::<",
    "Step<",
    "Step::<",
    "RefStep",
    "FoldStep",
    "Link<",
    "Link::<",
    "StageIo",
    "SourceIo",
    "SinkIo",
    "Outbox",
    "Placeholder",
    "gopipe::wiring",
];

/// The marker a case puts in a comment when it means to produce more than one error.
const SEVERAL_ERRORS: &str = "several errors:";

/// The problems of one snapshot: internals it names, and a second error without a reason.
fn problems(stderr: &str, case: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (number, line) in stderr.lines().enumerate() {
        for word in FORBIDDEN {
            if line.contains(word) {
                problems.push(format!("line {}: names `{word}`: {line}", number + 1));
            }
        }
    }
    let errors = stderr.lines().filter(|line| is_error_line(line)).count();
    if errors > 1 && !case.contains(SEVERAL_ERRORS) {
        problems.push(format!(
            "{errors} errors, and the case does not say why in a `// {SEVERAL_ERRORS} ..` comment"
        ));
    }
    problems
}

/// `error: ..` or `error[E0308]: ..`, but not rustc's closing "aborting" summary.
fn is_error_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("error") else {
        return false;
    };
    let rest = match rest.strip_prefix("[E") {
        Some(code) => match code.find(']') {
            Some(end) if end > 0 && code[..end].bytes().all(|b| b.is_ascii_digit()) => {
                &code[end + 1..]
            }
            _ => return false,
        },
        None => rest,
    };
    rest.starts_with(':') && !rest.contains("aborting due to")
}

/// Every snapshot speaks the user's language: it names none of this crate's files or
/// internal types, and shows one error per case unless the case says why not.
#[test]
fn snapshots_name_no_internals_and_show_one_error() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for topic in topics() {
        let dir = ui_dir().join(&topic);
        let mut snapshots: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("readable topic folder")
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "stderr"))
            .collect();
        snapshots.sort();
        for snapshot in snapshots {
            let stderr = std::fs::read_to_string(&snapshot).expect("readable snapshot");
            let case = std::fs::read_to_string(snapshot.with_extension("rs")).unwrap_or_default();
            checked += 1;
            for problem in problems(&stderr, &case) {
                failures.push(format!("{}: {problem}", snapshot.display()));
            }
        }
    }
    assert!(checked >= 49, "only {checked} snapshots found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The check itself can fail: it flags internals and a second error, and accepts a reason.
#[test]
fn the_snapshot_check_catches_what_it_should() {
    let two = "error[E0277]: a\n --> x.rs\n\nerror: b\n";
    assert_eq!(problems(two, "").len(), 1);
    assert!(problems(two, "// several errors: each option is wrong").is_empty());
    let internal = "error: x\n --> pipeline-runtime/src/wiring/typed.rs\n";
    assert_eq!(
        problems(internal, "").len(),
        2,
        "{:?}",
        problems(internal, "")
    );
    assert!(problems("error: a\n = note: in `Pipeline<E, Plain>`\n", "").len() >= 2);
    assert!(problems("error: aborting due to 2 previous errors\nerror: a\n", "").is_empty());
    assert!(problems("error: unknown stage `mapp`; did you mean `map`?\n", "").is_empty());
}

//! The texts of the run's errors.

use super::*;

#[test]
fn display_names_the_stage_and_counts_suppressed_failures() {
    let failed: PipelineError<&str> = PipelineError::Failed {
        stage: StageName::new("parse").worker(3),
        error: "bad row",
        suppressed: 2,
        attempts: 1,
    };
    assert_eq!(
        failed.to_string(),
        "stage `parse (worker 3)` failed: bad row (2 later failures suppressed)"
    );
    assert_eq!(failed.attempts(), Some(1));
    let panicked: PipelineError<&str> = PipelineError::Panicked {
        stage: StageName::new("sq"),
        message: "boom".into(),
        suppressed: 0,
    };
    assert_eq!(panicked.to_string(), "stage `sq` panicked: boom");
    assert_eq!(panicked.stage().map(StageName::name), Some("sq"));
}

#[test]
fn display_of_an_argument_error_names_the_stage_the_argument_and_the_value() {
    let invalid: PipelineError<&str> = PipelineError::InvalidArgument {
        stage: Some(StageName::new("sq")),
        argument: "workers",
        value: "0".into(),
        expected: "at least 1",
    };
    assert_eq!(
        invalid.to_string(),
        "stage `sq`: `workers` must be at least 1, but it is 0; nothing ran"
    );
    let dropped: PipelineError<&str> = PipelineError::ErrorsDropped {
        dropped: 3,
        capacity: 1024,
    };
    assert!(dropped.to_string().starts_with("3 errors were dropped"));
    let misrouted: PipelineError<&str> = PipelineError::RouteOutOfRange {
        stage: StageName::new("route#2"),
        index: 5,
        branches: 2,
    };
    assert_eq!(
        misrouted.to_string(),
        "stage `route#2` routed an item to branch 5, but it has 2 branches, numbered from 0"
    );
    assert_eq!(misrouted.stage().map(StageName::name), Some("route#2"));
}

#[test]
fn display_counts_the_attempts_of_a_retried_failure() {
    let failed: PipelineError<&str> = PipelineError::Failed {
        stage: StageName::new("fetch"),
        error: "refused",
        suppressed: 1,
        attempts: 3,
    };
    assert_eq!(
        failed.to_string(),
        "stage `fetch` failed after 3 attempts: refused (1 later failure suppressed)"
    );
    assert_eq!(failed.attempts(), Some(3));
    assert!(format!("{failed:?}").ends_with("suppressed: 1, attempts: 3 }"));
    assert_eq!(PipelineError::<&str>::Cancelled.attempts(), None);
}

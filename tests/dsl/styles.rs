//! The error styles through the macro: fail_fast (default), channel, result.

use gopipe::{PipelineError, StageError, pipeline};

use crate::common::{assert_no_live_tasks, within};

fn parse(s: &str) -> Result<u32, String> {
    s.parse().map_err(|_| format!("not a number: {s}"))
}

const INPUT: [&str; 6] = ["1", "2", "x", "4", "y", "6"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fail_fast_returns_the_first_error_naming_its_stage() {
    let outcome: Result<Vec<u32>, _> = pipeline! {
        #![errors = fail_fast]
        from_iter(INPUT) -> try_map(parse) [name = "parse"] -> collect()
    }
    .await;
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "parse");
            assert_eq!(error, "not a number: x");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_channel_streams_failures_while_the_run_goes_on() {
    let (run, mut errors) = pipeline! {
        #![errors = channel]
        from_iter(INPUT) -> try_map(parse) [name = "parse", workers = 2] -> collect()
    }
    .split_errors();
    let id = run.id();
    let (good, bad) = within("the run", async {
        let reader = async {
            let mut bad: Vec<StageError<String>> = Vec::new();
            while let Some(error) = errors.recv().await {
                bad.push(error);
            }
            bad
        };
        let (good, bad) = tokio::join!(run, reader);
        (good, bad)
    })
    .await;
    let mut good: Vec<u32> = good.unwrap();
    good.sort_unstable();
    assert_eq!(good, [1, 2, 4, 6]);
    let mut bad: Vec<String> = bad
        .into_iter()
        .map(|error| {
            assert_eq!(error.stage().name(), "parse");
            error.into_error()
        })
        .collect();
    bad.sort();
    assert_eq!(bad, ["not a number: x", "not a number: y"]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_stream_nobody_reads_fails_the_run_instead_of_losing_errors() {
    let outcome: Result<Vec<u32>, _> = pipeline! {
        #![errors = channel]
        from_iter(INPUT) -> try_map(parse) -> collect()
    }
    .await;
    assert_eq!(
        outcome.unwrap_err().into_error().as_deref(),
        Some("not a number: x")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn result_items_carry_errors_past_later_stages_to_the_sink() {
    let items: Vec<Result<u32, StageError<String>>> = pipeline! {
        #![errors = result]
        from_iter(INPUT)
            -> try_map(parse) [name = "parse"]
            -> map(|n| n * 10)
            -> filter(|n| *n != 20)
            -> collect()
    }
    .await
    .unwrap();
    let summary: Vec<String> = items
        .iter()
        .map(|item| match item {
            Ok(n) => n.to_string(),
            Err(error) => format!("{}: {}", error.stage(), error.error()),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "10",
            "parse: not a number: x",
            "40",
            "parse: not a number: y",
            "60"
        ]
    );
}

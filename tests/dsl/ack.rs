//! `gopipe::ack` through generated pipelines, without a broker: each entry settles once,
//! done only when every item derived from it was acked, and failed, naming the stage, when
//! any was failed or dropped (also inside a fused group, and on an early stop).

use std::sync::{Arc, Mutex};

use gopipe::ack::{Ack, Message, Outcome};
use gopipe::pipeline;

/// The outcomes of entries `0..n`, recorded as they settle.
struct Entries(Arc<Mutex<Vec<(u32, Outcome)>>>);

impl Entries {
    fn new() -> Self {
        Self(Arc::new(Mutex::new(Vec::new())))
    }

    fn messages(&self, n: u32) -> Vec<Message<u32>> {
        (0..n)
            .map(|id| {
                let settled = Arc::clone(&self.0);
                Message::new(id, Ack::new(move |o| settled.lock().unwrap().push((id, o))))
            })
            .collect()
    }

    /// `(id, "done")` or `(id, "<stage>: <error>")`, by id.
    fn outcomes(&self) -> Vec<(u32, String)> {
        let mut outcomes: Vec<(u32, String)> = self
            .0
            .lock()
            .unwrap()
            .iter()
            .map(|(id, outcome)| {
                let text = match outcome {
                    Outcome::Done => "done".to_owned(),
                    Outcome::Failed(f) => {
                        format!("{}: {}", f.stage().map_or("-", |s| s.name()), f.error())
                    }
                };
                (*id, text)
            })
            .collect();
        outcomes.sort();
        outcomes
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_in_a_fused_stage_names_that_stage() {
    let entries = Entries::new();
    let (run, _errors) = pipeline! {
        #![errors = channel]
        from_iter(entries.messages(3))
            -> map(|m| m.map(|n| n * 10)) [name = "scale"]
            -> try_map(|m| m.try_map(|n| if n == 10 { Err(format!("{n} is bad")) } else { Ok(n) }))
                [name = "check"]
            -> for_each(|m| m.ack()) [name = "sink"]
    }
    .split_errors();
    run.await.unwrap();
    assert_eq!(
        entries.outcomes(),
        [
            (0, "done".into()),
            (1, "check: 10 is bad".into()),
            (2, "done".into())
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_dropped_unacked_fails_its_entry_where_it_was_dropped() {
    let entries = Entries::new();
    let kept: Vec<u32> = pipeline! {
        from_iter(entries.messages(4))
            // The value taken out of its message: the token is thrown away here.
            -> map(|m| m.into_parts().0) [name = "strip"]
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(kept, [0, 1, 2, 3]);
    let outcomes = entries.outcomes();
    assert!(
        outcomes
            .iter()
            .all(|(_, o)| o == "strip: dropped unacknowledged"),
        "{outcomes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_stop_leaves_what_was_not_consumed_unacknowledged() {
    let entries = Entries::new();
    let first: Vec<u32> = pipeline! {
        from_iter(entries.messages(50))
            -> take(2)
            -> map(|m| m.consume(|n| n)) [name = "use"]
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(first, [0, 1]);
    let outcomes = entries.outcomes();
    let done: Vec<u32> = outcomes
        .iter()
        .filter(|(_, o)| o == "done")
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(done, [0, 1], "only the two consumed are done");
    assert!(
        outcomes.len() <= 50
            && outcomes
                .iter()
                .skip(2)
                .all(|(_, o)| o.ends_with("dropped unacknowledged"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tee_branches_and_split_children_each_hold_their_entry() {
    let entries = Entries::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let (words, ()) = pipeline! {
        let lines = from_iter(entries.messages(3)) -> tee();
        // One branch splits each entry into n + 1 words and acks them all...
        let words = lines
            -> flat_map(|m| {
                let n = *m.value();
                m.split(0..=n)
            })
            -> fold(0u32, |count, word| word.consume(|_| count + 1));
        // ...the other acks only the even entries, and fails the odd ones.
        let checked = lines
            -> for_each(move |m| {
                log.lock().unwrap().push(*m.value());
                if m.value() % 2 == 0 { m.ack() } else { m.fail("odd") }
            });
        (words, checked)
    }
    .await
    .unwrap();
    assert_eq!(words, 1 + 2 + 3);
    assert_eq!(seen.lock().unwrap().len(), 3);
    let outcomes = entries.outcomes();
    assert_eq!(outcomes[0], (0, "done".into()));
    assert_eq!(outcomes[1].0, 1);
    assert!(outcomes[1].1.ends_with(": odd"), "{outcomes:?}");
    assert_eq!(outcomes[2], (2, "done".into()));
}

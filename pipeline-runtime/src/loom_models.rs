//! Loom models of the runtime's own synchronization: every interleaving of two threads on a
//! channel, a done signal, a pause gate and a reorder window, each checked for lost wakeups
//! (loom reports a deadlock), lost or doubled items, and broken first-wins.
//!
//! `RUSTFLAGS="--cfg pipeline_loom" cargo test -p gopipe-runtime --release --lib loom`

use loom::future::block_on;
use loom::thread;

use crate::channel::{SendError, TryRecvError, channel, with_pause};
use crate::done::{Cause, Done};
use crate::id::StageName;
use crate::pause::Pause;
use crate::reorder::{Reorder, Slot};

#[test]
fn loom_a_send_racing_a_cancel_delivers_or_hands_back() {
    loom::model(|| {
        let done = Done::new();
        let (tx, _rx) = channel::<u32>(1, &done);
        let canceller = done.clone();
        let cancel = thread::spawn(move || {
            canceller.cancel();
        });
        let sent = block_on(tx.send(7));
        cancel.join().unwrap();
        match sent {
            Ok(()) => assert_eq!(tx.len(), 1, "accepted: the item is in the channel"),
            Err(SendError::Cancelled(item)) => {
                assert_eq!(item, 7);
                assert_eq!(tx.len(), 0, "handed back: the item is not in the channel");
            }
            Err(other) => panic!("{other:?}"),
        }
    });
}

#[test]
fn loom_a_parked_receive_wakes_for_an_item() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(1, &done);
        let sender = thread::spawn(move || block_on(tx.send(5)).unwrap());
        assert_eq!(block_on(rx.recv()), Some(5));
        sender.join().unwrap();
    });
}

#[test]
fn loom_a_parked_receive_wakes_on_cancel() {
    loom::model(|| {
        let done = Done::new();
        let (_tx, mut rx) = channel::<u32>(1, &done);
        let canceller = done.clone();
        let cancel = thread::spawn(move || {
            canceller.cancel();
        });
        assert_eq!(block_on(rx.recv()), None);
        cancel.join().unwrap();
    });
}

#[test]
fn loom_a_parked_receive_wakes_when_the_last_sender_drops() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(1, &done);
        let dropper = thread::spawn(move || drop(tx));
        assert_eq!(block_on(rx.recv()), None);
        dropper.join().unwrap();
    });
}

#[test]
fn loom_a_full_channel_frees_room_for_a_parked_sender() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(1, &done);
        block_on(tx.send(1)).unwrap();
        let sender = thread::spawn(move || block_on(tx.send(2)).unwrap());
        assert_eq!(block_on(rx.recv()), Some(1));
        assert_eq!(block_on(rx.recv()), Some(2));
        sender.join().unwrap();
    });
}

#[test]
fn loom_a_rendezvous_hands_over_exactly_once() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(0, &done);
        let sender = thread::spawn(move || block_on(tx.send(9)));
        assert_eq!(block_on(rx.recv()), Some(9));
        assert_eq!(sender.join().unwrap(), Ok(()));
        assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
    });
}

#[test]
fn loom_a_rendezvous_racing_a_cancel_delivers_or_hands_back() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(0, &done);
        let canceller = done.clone();
        let sender = thread::spawn(move || block_on(tx.send(3)));
        let taken = rx.try_recv().ok();
        canceller.cancel();
        let sent = sender.join().unwrap();
        match (taken, sent) {
            (Some(3), Ok(())) => {}
            (None, Err(SendError::Cancelled(3))) => {}
            // Taken after the sender saw the cancel would be a doubled item.
            other => panic!("delivered and handed back, or neither: {other:?}"),
        }
    });
}

#[test]
fn loom_concurrent_cancels_record_one_cause() {
    loom::model(|| {
        let done = Done::new();
        let other = done.clone();
        let racer = thread::spawn(move || other.cancel_with(Cause::DeadlineExceeded));
        let here = done.cancel_with(Cause::Cancelled);
        let there = racer.join().unwrap();
        assert!(here ^ there, "exactly one cancel wins");
        let expected = if here {
            Cause::Cancelled
        } else {
            Cause::DeadlineExceeded
        };
        assert_eq!(done.cause(), Some(expected));
    });
}

#[test]
fn loom_a_child_made_during_a_cancel_is_cancelled() {
    loom::model(|| {
        let parent = Done::new();
        let canceller = parent.clone();
        let cancel = thread::spawn(move || {
            canceller.cancel();
        });
        let child = parent.child();
        cancel.join().unwrap();
        assert!(child.is_cancelled());
        block_on(child.cancelled());
    });
}

#[test]
fn loom_a_wait_for_cancel_wakes() {
    loom::model(|| {
        let done = Done::new();
        let canceller = done.clone();
        let cancel = thread::spawn(move || {
            canceller.cancel_with(Cause::Failed {
                stage: StageName::new("s"),
            });
        });
        block_on(done.cancelled());
        cancel.join().unwrap();
    });
}

#[test]
fn loom_a_receive_parked_on_pause_wakes_on_resume() {
    loom::model(|| {
        let done = Done::new();
        let gate = Pause::new();
        let (tx, mut rx) = with_pause::<u32>(1, &done, Some(&gate));
        block_on(tx.send(4)).unwrap();
        gate.pause();
        let resumer = gate.clone();
        let resume = thread::spawn(move || resumer.resume());
        assert_eq!(block_on(rx.recv()), Some(4));
        resume.join().unwrap();
    });
}

#[test]
fn loom_a_reorder_window_emits_in_order_whoever_finishes_first() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(4, &done);
        let reorder = Reorder::new(2, &done);
        let (late, late_tx) = (reorder.clone(), tx.clone());
        let worker = thread::spawn(move || block_on(late.put(1, Slot::One(11), &late_tx)).unwrap());
        block_on(reorder.put(0, Slot::One(10), &tx)).unwrap();
        worker.join().unwrap();
        drop(tx);
        assert_eq!(block_on(rx.recv()), Some(10));
        assert_eq!(block_on(rx.recv()), Some(11));
        assert_eq!(block_on(rx.recv()), None);
    });
}

#[test]
fn loom_an_outlet_parked_on_a_full_channel_flushes_once_there_is_room() {
    loom::model(|| {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(1, &done);
        let mut outlet = crate::channel::Outlet::new(tx);
        block_on(outlet.push(1)).unwrap();
        let flusher = thread::spawn(move || {
            block_on(outlet.push(2)).unwrap();
            block_on(outlet.flush()).unwrap();
        });
        assert_eq!(block_on(rx.recv()), Some(1));
        assert_eq!(block_on(rx.recv()), Some(2));
        flusher.join().unwrap();
    });
}

#[test]
fn loom_a_parked_reserve_learns_that_the_receiver_left() {
    loom::model(|| {
        let done = Done::new();
        let (tx, rx) = channel::<u32>(1, &done);
        block_on(tx.send(1)).unwrap();
        let leaver = thread::spawn(move || drop(rx));
        assert!(matches!(
            block_on(tx.reserve()),
            Err(SendError::Disconnected(()))
        ));
        leaver.join().unwrap();
    });
}

#[test]
fn loom_a_stage_watching_its_output_hears_the_consumer_leave() {
    loom::model(|| {
        let done = Done::new();
        let (tx, rx) = channel::<u32>(1, &done);
        let leaver = thread::spawn(move || drop(rx));
        let mut key = None;
        block_on(std::future::poll_fn(|cx| tx.poll_closed(cx, &mut key)));
        tx.release_key(&mut key);
        leaver.join().unwrap();
    });
}

#[test]
fn loom_a_wait_at_a_paused_gate_ends_on_cancel() {
    loom::model(|| {
        let done = Done::new();
        let gate = Pause::new();
        gate.pause();
        let canceller = done.clone();
        let cancel = thread::spawn(move || {
            canceller.cancel();
        });
        assert!(block_on(gate.resumed(&done)).is_err());
        cancel.join().unwrap();
    });
}

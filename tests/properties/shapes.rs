//! The pipeline shapes, written as real `pipeline!` blocks: chains of 1, 3 and 8 stages, a
//! merge of 2 and of 3 branches, and a tee. Each in every error style, as a stream (a
//! `Handle`) and with a sink (a `Run`), in two forms of stage:
//! - async stages (`try_then`), ordered or not, with workers and capacities per case;
//! - synchronous stages (`try_map`) that fuse into shared tasks, each block run fused or with
//!   `#![fusion = false]` as the case says: both must keep the same contract.

use std::sync::Arc;

use gopipe::{ErrorStream, Handle, Run, pipeline};
use gopipe::{Plain, Results, Style};

use crate::fault::{Ctx, Injected};

/// The error stream of a channel-style run; `None` in the other styles.
pub type Errors = Option<ErrorStream<Injected>>;

/// A block's run with its error stream taken out, whatever its style.
pub trait Split {
    type Run;
    fn split(self) -> (Self::Run, Errors);
}

impl<T: Send + 'static, S: Style> Split for Handle<T, Injected, S> {
    type Run = Self;
    fn split(self) -> (Self, Errors) {
        (self, None)
    }
}

impl<T: Send + 'static, S: Style> Split for Handle<T, Injected, S, ErrorStream<Injected>> {
    type Run = Handle<T, Injected, S>;
    fn split(self) -> (Self::Run, Errors) {
        let (handle, errors) = self.split_errors();
        (handle, Some(errors))
    }
}

impl<R> Split for Run<R, Injected> {
    type Run = Self;
    fn split(self) -> (Self, Errors) {
        (self, None)
    }
}

impl<R> Split for Run<R, Injected, ErrorStream<Injected>> {
    type Run = Run<R, Injected>;
    fn split(self) -> (Self::Run, Errors) {
        let (run, errors) = self.split_errors();
        (run, Some(errors))
    }
}

fn split<B: Split>(block: B) -> (B::Run, Errors) {
    block.split()
}

/// Which shape, and the stages each item goes through (one route per copy of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Chain1,
    Chain3,
    Chain8,
    Merge2,
    Merge3,
    Tee2,
}

pub const SHAPES: [Shape; 6] = [
    Shape::Chain1,
    Shape::Chain3,
    Shape::Chain8,
    Shape::Merge2,
    Shape::Merge3,
    Shape::Tee2,
];

impl Shape {
    /// How many stages it has (stage ids `0..stages`).
    pub fn stages(self) -> usize {
        match self {
            Shape::Chain1 => 1,
            Shape::Chain3 => 3,
            Shape::Chain8 => 8,
            Shape::Merge2 | Shape::Merge3 | Shape::Tee2 => 4,
        }
    }

    /// For each source (left, right, third), the routes its items take.
    pub fn routes(self) -> [Vec<Vec<usize>>; 3] {
        match self {
            Shape::Chain1 => [vec![vec![0]], vec![], vec![]],
            Shape::Chain3 => [vec![vec![0, 1, 2]], vec![], vec![]],
            Shape::Chain8 => [vec![(0..8).collect()], vec![], vec![]],
            Shape::Merge2 => [vec![vec![0, 2, 3]], vec![vec![1, 2, 3]], vec![]],
            Shape::Merge3 => [vec![vec![0, 3]], vec![vec![1, 3]], vec![vec![2, 3]]],
            Shape::Tee2 => [vec![vec![0, 1, 3], vec![0, 2, 3]], vec![], vec![]],
        }
    }

    /// Whether items keep their input order when every stage does (one source, no merge).
    pub fn keeps_order(self) -> bool {
        matches!(self, Shape::Chain1 | Shape::Chain3 | Shape::Chain8)
    }
}

/// A chain: `from_iter -> s0 -> s1 -> ..`. `$c` is the context's name, as the stages use it.
macro_rules! chain {
    ($c:ident, $name:ident, $sink:ident, $style:ident, $S:ty, $({$($stage:tt)*})+) => {
        pub fn $name($c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let ($c, items) = ($c.clone(), $c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                from_iter(items)
                $( -> $($stage)* )+
            })
        }

        pub fn $sink($c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let ($c, items) = ($c.clone(), $c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                from_iter(items)
                $( -> $($stage)* )+
                -> for_each($c.recorder())
            })
        }
    };
}

/// Two sources, each through a stage, merged, then two stages.
macro_rules! merge2 {
    ($c:ident, $name:ident, $sink:ident, $style:ident, $S:ty,
        {$($a:tt)*} {$($b:tt)*} {$($m:tt)*} {$($z:tt)*}) => {
        pub fn $name($c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let ($c, left, right) = ($c.clone(), $c.left.clone(), $c.right.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                let a = from_iter(left) -> $($a)*;
                let b = from_iter(right) -> $($b)*;
                merge(a, b) -> $($m)* -> $($z)*
            })
        }

        pub fn $sink($c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let ($c, left, right) = ($c.clone(), $c.left.clone(), $c.right.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                let a = from_iter(left) -> $($a)*;
                let b = from_iter(right) -> $($b)*;
                merge(a, b) -> $($m)* -> $($z)* -> for_each($c.recorder())
            })
        }
    };
}

/// Three sources, each through a stage, merged, then one stage.
macro_rules! merge3 {
    ($c:ident, $name:ident, $sink:ident, $style:ident, $S:ty,
        {$($a:tt)*} {$($b:tt)*} {$($d:tt)*} {$($z:tt)*}) => {
        pub fn $name($c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let ($c, left, right, third) = ($c.clone(), $c.left.clone(), $c.right.clone(), $c.third.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                let a = from_iter(left) -> $($a)*;
                let b = from_iter(right) -> $($b)*;
                let d = from_iter(third) -> $($d)*;
                merge(a, b, d) -> $($z)*
            })
        }

        pub fn $sink($c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let ($c, left, right, third) = ($c.clone(), $c.left.clone(), $c.right.clone(), $c.third.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                let a = from_iter(left) -> $($a)*;
                let b = from_iter(right) -> $($b)*;
                let d = from_iter(third) -> $($d)*;
                merge(a, b, d) -> $($z)* -> for_each($c.recorder())
            })
        }
    };
}

/// One source through a stage, teed to two branches of a stage each, merged, then a stage.
macro_rules! tee2 {
    ($c:ident, $name:ident, $sink:ident, $style:ident, $S:ty,
        {$($a:tt)*} {$($x:tt)*} {$($y:tt)*} {$($z:tt)*}) => {
        pub fn $name($c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let ($c, items) = ($c.clone(), $c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                let all = from_iter(items) -> $($a)* -> tee();
                let x = all -> $($x)*;
                let y = all -> $($y)*;
                merge(x, y) -> $($z)*
            })
        }

        pub fn $sink($c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let ($c, items) = ($c.clone(), $c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = $c.token.clone(), timeout = $c.deadline, fusion = $c.fusion]
                let all = from_iter(items) -> $($a)* -> tee();
                let x = all -> $($x)*;
                let y = all -> $($y)*;
                merge(x, y) -> $($z)* -> for_each($c.recorder())
            })
        }
    };
}

/// Every shape in one error style, from its eight stages `s0..s7` (each a `{..}` of stage
/// tokens using the context `$c`).
macro_rules! family {
    ($module:ident, $c:ident, $style:ident, $S:ty,
        [$s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt]) => {
        pub mod $module {
            use super::*;

            chain!($c, chain1, chain1_sink, $style, $S, $s0);
            chain!($c, chain3, chain3_sink, $style, $S, $s0 $s1 $s2);
            chain!($c, chain8, chain8_sink, $style, $S, $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7);
            merge2!($c, merge2, merge2_sink, $style, $S, $s0 $s1 $s2 $s3);
            merge3!($c, merge3, merge3_sink, $style, $S, $s0 $s1 $s2 $s3);
            tee2!($c, tee2, tee2_sink, $style, $S, $s0 $s1 $s2 $s3);

            /// The stream form of `shape`.
            pub fn stream(shape: Shape, c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
                match shape {
                    Shape::Chain1 => chain1(c),
                    Shape::Chain3 => chain3(c),
                    Shape::Chain8 => chain8(c),
                    Shape::Merge2 => merge2(c),
                    Shape::Merge3 => merge3(c),
                    Shape::Tee2 => tee2(c),
                }
            }

            /// The sink form of `shape`.
            pub fn sink(shape: Shape, c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
                match shape {
                    Shape::Chain1 => chain1_sink(c),
                    Shape::Chain3 => chain3_sink(c),
                    Shape::Chain8 => chain8_sink(c),
                    Shape::Merge2 => merge2_sink(c),
                    Shape::Merge3 => merge3_sink(c),
                    Shape::Tee2 => tee2_sink(c),
                }
            }
        }
    };
}

/// Every shape of async stages: each with its case's workers and capacity, ordered or not.
macro_rules! async_family {
    ($module:ident, $style:ident, $S:ty $(, $ordered:ident)?) => {
        family!($module, c, $style, $S, [
            {try_then(c.stage(0)) [name = "s0", workers = c.workers[0], capacity = c.capacity[0] $(, $ordered)?]}
            {try_then(c.stage(1)) [name = "s1", workers = c.workers[1], capacity = c.capacity[1] $(, $ordered)?]}
            {try_then(c.stage(2)) [name = "s2", workers = c.workers[2], capacity = c.capacity[2] $(, $ordered)?]}
            {try_then(c.stage(3)) [name = "s3", workers = c.workers[3], capacity = c.capacity[3] $(, $ordered)?]}
            {try_then(c.stage(4)) [name = "s4", workers = c.workers[4], capacity = c.capacity[4] $(, $ordered)?]}
            {try_then(c.stage(5)) [name = "s5", workers = c.workers[5], capacity = c.capacity[5] $(, $ordered)?]}
            {try_then(c.stage(6)) [name = "s6", workers = c.workers[6], capacity = c.capacity[6] $(, $ordered)?]}
            {try_then(c.stage(7)) [name = "s7", workers = c.workers[7], capacity = c.capacity[7] $(, $ordered)?]}
        ]);
    };
}

/// Every shape of synchronous single-worker stages: the ones that fuse.
macro_rules! fused_family {
    ($module:ident, $style:ident, $S:ty) => {
        family!($module, c, $style, $S, [
            {try_map(c.sync_stage(0)) [name = "s0"]}
            {try_map(c.sync_stage(1)) [name = "s1"]}
            {try_map(c.sync_stage(2)) [name = "s2"]}
            {try_map(c.sync_stage(3)) [name = "s3"]}
            {try_map(c.sync_stage(4)) [name = "s4"]}
            {try_map(c.sync_stage(5)) [name = "s5"]}
            {try_map(c.sync_stage(6)) [name = "s6"]}
            {try_map(c.sync_stage(7)) [name = "s7"]}
        ]);
    };
}

async_family!(fail_fast, fail_fast, Plain);
async_family!(fail_fast_ordered, fail_fast, Plain, ordered);
async_family!(channel, channel, Plain);
async_family!(channel_ordered, channel, Plain, ordered);
async_family!(result, result, Results);
async_family!(result_ordered, result, Results, ordered);
fused_family!(fail_fast_sync, fail_fast, Plain);
fused_family!(channel_sync, channel, Plain);
fused_family!(result_sync, result, Results);

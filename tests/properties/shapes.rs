//! The pipeline shapes, written as real `pipeline!` blocks: chains of 1, 3 and 8 stages, a
//! merge of 2 and of 3 branches, and a tee. Each in every error style, ordered or not, as a
//! stream (a `Handle`) and with a sink (a `Run`). Workers and capacities are per case.

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

/// A chain: `from_iter -> s0 -> s1 -> ..`.
macro_rules! chain {
    ($name:ident, $sink:ident, $style:ident, $S:ty, $([$n:literal $label:literal $($ordered:ident)?])+) => {
        pub fn $name(c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let (c, items) = (c.clone(), c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                from_iter(items)
                $( -> try_then(c.stage($n)) [name = $label, workers = c.workers[$n], capacity = c.capacity[$n] $(, $ordered)?] )+
            })
        }

        pub fn $sink(c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let (c, items) = (c.clone(), c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                from_iter(items)
                $( -> try_then(c.stage($n)) [name = $label, workers = c.workers[$n], capacity = c.capacity[$n] $(, $ordered)?] )+
                -> for_each(c.recorder())
            })
        }
    };
}

/// Two sources, each through a stage, merged, then two stages.
macro_rules! merge2 {
    ($name:ident, $sink:ident, $style:ident, $S:ty,
        [$a:literal $la:literal $($oa:ident)?] [$b:literal $lb:literal $($ob:ident)?]
        [$m:literal $lm:literal $($om:ident)?] [$z:literal $lz:literal $($oz:ident)?]) => {
        pub fn $name(c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let (c, left, right) = (c.clone(), c.left.clone(), c.right.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                let a = from_iter(left) -> try_then(c.stage($a)) [name = $la, workers = c.workers[$a], capacity = c.capacity[$a] $(, $oa)?];
                let b = from_iter(right) -> try_then(c.stage($b)) [name = $lb, workers = c.workers[$b], capacity = c.capacity[$b] $(, $ob)?];
                merge(a, b)
                    -> try_then(c.stage($m)) [name = $lm, workers = c.workers[$m], capacity = c.capacity[$m] $(, $om)?]
                    -> try_then(c.stage($z)) [name = $lz, workers = c.workers[$z], capacity = c.capacity[$z] $(, $oz)?]
            })
        }

        pub fn $sink(c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let (c, left, right) = (c.clone(), c.left.clone(), c.right.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                let a = from_iter(left) -> try_then(c.stage($a)) [name = $la, workers = c.workers[$a], capacity = c.capacity[$a] $(, $oa)?];
                let b = from_iter(right) -> try_then(c.stage($b)) [name = $lb, workers = c.workers[$b], capacity = c.capacity[$b] $(, $ob)?];
                merge(a, b)
                    -> try_then(c.stage($m)) [name = $lm, workers = c.workers[$m], capacity = c.capacity[$m] $(, $om)?]
                    -> try_then(c.stage($z)) [name = $lz, workers = c.workers[$z], capacity = c.capacity[$z] $(, $oz)?]
                    -> for_each(c.recorder())
            })
        }
    };
}

/// Three sources, each through a stage, merged, then one stage.
macro_rules! merge3 {
    ($name:ident, $sink:ident, $style:ident, $S:ty,
        [$a:literal $la:literal $($oa:ident)?] [$b:literal $lb:literal $($ob:ident)?]
        [$c3:literal $lc:literal $($oc:ident)?] [$z:literal $lz:literal $($oz:ident)?]) => {
        pub fn $name(c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let (c, left, right, third) = (c.clone(), c.left.clone(), c.right.clone(), c.third.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                let a = from_iter(left) -> try_then(c.stage($a)) [name = $la, workers = c.workers[$a], capacity = c.capacity[$a] $(, $oa)?];
                let b = from_iter(right) -> try_then(c.stage($b)) [name = $lb, workers = c.workers[$b], capacity = c.capacity[$b] $(, $ob)?];
                let d = from_iter(third) -> try_then(c.stage($c3)) [name = $lc, workers = c.workers[$c3], capacity = c.capacity[$c3] $(, $oc)?];
                merge(a, b, d)
                    -> try_then(c.stage($z)) [name = $lz, workers = c.workers[$z], capacity = c.capacity[$z] $(, $oz)?]
            })
        }

        pub fn $sink(c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let (c, left, right, third) = (c.clone(), c.left.clone(), c.right.clone(), c.third.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                let a = from_iter(left) -> try_then(c.stage($a)) [name = $la, workers = c.workers[$a], capacity = c.capacity[$a] $(, $oa)?];
                let b = from_iter(right) -> try_then(c.stage($b)) [name = $lb, workers = c.workers[$b], capacity = c.capacity[$b] $(, $ob)?];
                let d = from_iter(third) -> try_then(c.stage($c3)) [name = $lc, workers = c.workers[$c3], capacity = c.capacity[$c3] $(, $oc)?];
                merge(a, b, d)
                    -> try_then(c.stage($z)) [name = $lz, workers = c.workers[$z], capacity = c.capacity[$z] $(, $oz)?]
                    -> for_each(c.recorder())
            })
        }
    };
}

/// One source through a stage, teed to two branches of a stage each, merged, then a stage.
macro_rules! tee2 {
    ($name:ident, $sink:ident, $style:ident, $S:ty,
        [$a:literal $la:literal $($oa:ident)?] [$b:literal $lb:literal $($ob:ident)?]
        [$c3:literal $lc:literal $($oc:ident)?] [$z:literal $lz:literal $($oz:ident)?]) => {
        pub fn $name(c: &Arc<Ctx>) -> (Handle<u64, Injected, $S>, Errors) {
            let (c, items) = (c.clone(), c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                let all = from_iter(items) -> try_then(c.stage($a)) [name = $la, workers = c.workers[$a], capacity = c.capacity[$a] $(, $oa)?] -> tee();
                let x = all -> try_then(c.stage($b)) [name = $lb, workers = c.workers[$b], capacity = c.capacity[$b] $(, $ob)?];
                let y = all -> try_then(c.stage($c3)) [name = $lc, workers = c.workers[$c3], capacity = c.capacity[$c3] $(, $oc)?];
                merge(x, y)
                    -> try_then(c.stage($z)) [name = $lz, workers = c.workers[$z], capacity = c.capacity[$z] $(, $oz)?]
            })
        }

        pub fn $sink(c: &Arc<Ctx>) -> (Run<(), Injected>, Errors) {
            let (c, items) = (c.clone(), c.left.clone());
            split(pipeline! {
                #![errors = $style, cancel = c.token.clone(), timeout = c.deadline]
                let all = from_iter(items) -> try_then(c.stage($a)) [name = $la, workers = c.workers[$a], capacity = c.capacity[$a] $(, $oa)?] -> tee();
                let x = all -> try_then(c.stage($b)) [name = $lb, workers = c.workers[$b], capacity = c.capacity[$b] $(, $ob)?];
                let y = all -> try_then(c.stage($c3)) [name = $lc, workers = c.workers[$c3], capacity = c.capacity[$c3] $(, $oc)?];
                merge(x, y)
                    -> try_then(c.stage($z)) [name = $lz, workers = c.workers[$z], capacity = c.capacity[$z] $(, $oz)?]
                    -> for_each(c.recorder())
            })
        }
    };
}

/// Every shape in one error style, ordered or not.
macro_rules! family {
    ($module:ident, $style:ident, $S:ty $(, $ordered:ident)?) => {
        pub mod $module {
            use super::*;

            chain!(chain1, chain1_sink, $style, $S, [0 "s0" $($ordered)?]);
            chain!(chain3, chain3_sink, $style, $S,
                [0 "s0" $($ordered)?] [1 "s1" $($ordered)?] [2 "s2" $($ordered)?]);
            chain!(chain8, chain8_sink, $style, $S,
                [0 "s0" $($ordered)?] [1 "s1" $($ordered)?] [2 "s2" $($ordered)?] [3 "s3" $($ordered)?]
                [4 "s4" $($ordered)?] [5 "s5" $($ordered)?] [6 "s6" $($ordered)?] [7 "s7" $($ordered)?]);
            merge2!(merge2, merge2_sink, $style, $S,
                [0 "s0" $($ordered)?] [1 "s1" $($ordered)?] [2 "s2" $($ordered)?] [3 "s3" $($ordered)?]);
            merge3!(merge3, merge3_sink, $style, $S,
                [0 "s0" $($ordered)?] [1 "s1" $($ordered)?] [2 "s2" $($ordered)?] [3 "s3" $($ordered)?]);
            tee2!(tee2, tee2_sink, $style, $S,
                [0 "s0" $($ordered)?] [1 "s1" $($ordered)?] [2 "s2" $($ordered)?] [3 "s3" $($ordered)?]);

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

family!(fail_fast, fail_fast, Plain);
family!(fail_fast_ordered, fail_fast, Plain, ordered);
family!(channel, channel, Plain);
family!(channel_ordered, channel, Plain, ordered);
family!(result, result, Results);
family!(result_ordered, result, Results, ordered);

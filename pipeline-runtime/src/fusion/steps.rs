//! What each fusable stage does with one value: a [`Step`]. The stage around it (receiving,
//! counting, the error style, early ends, panics) is [`StepNode`](super::StepNode), the same
//! for every kind.

use std::iter::Empty;

/// What a step made of one value.
#[derive(Debug)]
pub enum Stepped<Out, Rest, E> {
    /// One output.
    One(Out),
    /// No output for this value (`filter`, `skip`).
    Skip,
    /// Outputs still to come, taken as the next stage has room (`flat_map`).
    Many(Rest),
    /// One output, and the stage is done (`take` reaching its count).
    Last(Out),
    /// No output, and the stage is done (`take_while`'s `false`, `scan`'s `None`).
    End,
    /// The user code failed.
    Failed(E),
}

/// One fusable stage's work on one value.
pub trait Step<In, E>: Send + 'static {
    /// What the stage produces.
    type Out;
    /// An item's outputs still to come (`flat_map`); `Empty` for the others.
    type Rest: Iterator<Item = Self::Out> + Send;

    /// Works on one value.
    fn step(&mut self, value: In) -> Stepped<Self::Out, Self::Rest, E>;

    /// Whether the stage wants nothing more before any value (`take(0)`).
    fn is_done(&self) -> bool {
        false
    }
}

/// `map(f)` and `inspect(f)` (whose checked closure gives the item back): one output each.
#[derive(Debug)]
pub struct Map<F>(pub F);

impl<In, Out, E, F> Step<In, E> for Map<F>
where
    F: FnMut(In) -> Out + Send + 'static,
{
    type Out = Out;
    type Rest = Empty<Out>;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<Out, Empty<Out>, E> {
        Stepped::One((self.0)(value))
    }
}

/// `filter(p)` and `filter_map(f)` (the filter's checked closure gives the item back or
/// `None`): one output or none.
#[derive(Debug)]
pub struct FilterMap<F>(pub F);

impl<In, Out, E, F> Step<In, E> for FilterMap<F>
where
    F: FnMut(In) -> Option<Out> + Send + 'static,
{
    type Out = Out;
    type Rest = Empty<Out>;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<Out, Empty<Out>, E> {
        match (self.0)(value) {
            Some(out) => Stepped::One(out),
            None => Stepped::Skip,
        }
    }
}

/// `take_while(p)` and `scan(init, f)`: the checked closure gives an output (`take_while`'s
/// item back while `p` holds, `scan`'s next value), or `None` to end.
#[derive(Debug)]
pub struct TakeWhile<F>(pub F);

impl<In, Out, E, F> Step<In, E> for TakeWhile<F>
where
    F: FnMut(In) -> Option<Out> + Send + 'static,
{
    type Out = Out;
    type Rest = Empty<Out>;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<Out, Empty<Out>, E> {
        match (self.0)(value) {
            Some(out) => Stepped::One(out),
            None => Stepped::End,
        }
    }
}

/// `try_map(f)`: the value, or an error handled in the run's style.
#[derive(Debug)]
pub struct TryMap<F>(pub F);

impl<In, Out, E, F> Step<In, E> for TryMap<F>
where
    F: FnMut(In) -> Result<Out, E> + Send + 'static,
{
    type Out = Out;
    type Rest = Empty<Out>;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<Out, Empty<Out>, E> {
        match (self.0)(value) {
            Ok(out) => Stepped::One(out),
            Err(error) => Stepped::Failed(error),
        }
    }
}

/// `flat_map(f)`: every output of `f(item)`, taken as the next stage has room.
#[derive(Debug)]
pub struct FlatMap<F>(pub F);

impl<In, Outs, E, F> Step<In, E> for FlatMap<F>
where
    F: FnMut(In) -> Outs + Send + 'static,
    Outs: IntoIterator<IntoIter: Send>,
{
    type Out = Outs::Item;
    type Rest = Outs::IntoIter;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<Outs::Item, Outs::IntoIter, E> {
        Stepped::Many((self.0)(value).into_iter())
    }
}

/// `take(n)`: the first `n` items, then the stage is done.
#[derive(Debug)]
pub struct Take {
    left: usize,
}

impl Take {
    /// Takes `count` items.
    pub fn new(count: usize) -> Self {
        Self { left: count }
    }
}

impl<In, E> Step<In, E> for Take {
    type Out = In;
    type Rest = Empty<In>;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<In, Empty<In>, E> {
        self.left = self.left.saturating_sub(1);
        match self.left {
            0 => Stepped::Last(value),
            _ => Stepped::One(value),
        }
    }

    fn is_done(&self) -> bool {
        self.left == 0
    }
}

/// `skip(n)`: drops the first `n` items.
#[derive(Debug)]
pub struct Skip {
    left: usize,
}

impl Skip {
    /// Skips `count` items.
    pub fn new(count: usize) -> Self {
        Self { left: count }
    }
}

impl<In, E> Step<In, E> for Skip {
    type Out = In;
    type Rest = Empty<In>;

    #[inline]
    fn step(&mut self, value: In) -> Stepped<In, Empty<In>, E> {
        if self.left > 0 {
            self.left -= 1;
            return Stepped::Skip;
        }
        Stepped::One(value)
    }
}

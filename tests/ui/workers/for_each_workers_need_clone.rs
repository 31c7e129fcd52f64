use gopipe::pipeline;

struct Tally(u64);

impl Tally {
    fn add(&mut self, n: u64) {
        self.0 += n;
    }
}

fn main() {
    let mut tally = Tally(0);
    let _ = pipeline! {
        from_iter(0..10u64) -> for_each(move |n| tally.add(n)) [workers = 2]
    };
}

use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        try_generate(|emit| async move {
            let lines = Rc::new(vec!["1", "2"]);
            for line in lines.iter() {
                emit.send(line.parse::<u64>()?).await;
            }
            Ok::<(), std::num::ParseIntError>(())
        })
            -> collect::<Vec<_>>()
    };
}

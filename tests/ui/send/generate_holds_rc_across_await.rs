use gopipe::pipeline;
use std::rc::Rc;

fn main() {
    let _ = pipeline! {
        generate(|emit| async move {
            let names = Rc::new(vec!["ann", "bob"]);
            for name in names.iter() {
                emit.send(name.len()).await;
            }
        })
            -> collect::<Vec<_>>()
    };
}

use gopipe::pipeline;

struct Client;

fn main() {
    let client = Client;
    let _ = pipeline! {
        from_iter([1u32])
            -> recurse(move |n: u32| { let _ = &client; async move { (n, vec![n + 1]) } }) [workers = 4]
            -> count()
    };
}

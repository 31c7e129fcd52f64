// Branches named like the macro's own locals (`pipeline`, `f`, `value`, `items`), like a
// stage's link (`map_2`) or like a tee's use of another branch (`numbers_0`) keep their items.
use gopipe::pipeline;

#[tokio::main]
async fn main() {
    let merged = pipeline! {
        let pipeline = from_iter(0..2u32);
        let f = from_iter(2..4u32) -> map(|n| n);
        let map_2 = merge(pipeline, f) -> map(|n| n);
        let numbers = from_iter(4..6u32) -> tee();
        let numbers_0 = numbers -> map(|n| n);
        let numbers_1 = numbers -> map(|n| n);
        merge(map_2, numbers_0, numbers_1) -> for_each(|_| ()) [workers = 2]
    }
    .await;
    assert!(merged.is_ok());

    let (odds, evens) = pipeline! {
        let [f, value] = from_iter(0..10u32) -> partition(|n| n % 2 == 0);
        let items = value -> collect::<Vec<_>>();
        let result = f -> for_each(|_| ()) [workers = 2];
        (items, result)
    }
    .await
    .unwrap();
    assert_eq!(odds, [1, 3, 5, 7, 9]);
    assert_eq!(evens, ());
}

//! `pipeline` is named `pl` in this crate's Cargo.toml: the macro must still find its runtime.

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn the_macro_works_under_a_renamed_dependency() {
        let squares: Vec<u32> = pl::pipeline! {
            from_iter(1..=4u32) -> map(|n| n * n) [workers = 2, ordered] -> collect()
        }
        .await
        .unwrap();
        assert_eq!(squares, [1, 4, 9, 16]);
    }
}

//! Depends only on `hygiene-facade`, which re-exports `pipeline`: the macro must reach its
//! runtime through `$crate`, not through a `pipeline` dependency of this crate.

#[cfg(test)]
mod tests {
    use hygiene_facade::gopipe::pipeline;

    #[tokio::test]
    async fn the_macro_works_through_a_re_export() {
        let total: u64 = pipeline! {
            let a = from_iter(1..=3u64);
            let b = from_iter(4..=6u64);
            merge(a, b) -> fold(0, |acc, n| acc + n)
        }
        .await
        .unwrap();
        assert_eq!(total, 21);
    }
}

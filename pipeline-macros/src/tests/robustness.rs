//! The macro never panics: every block of the test suite, and thousands of mutated and random
//! token trees, produce either an expansion or a `syn::Error`.
//!
//! Cases: `PIPELINE_FUZZ_CASES` (default 5000) mutated blocks and as many random ones;
//! `PIPELINE_FUZZ_SEED` picks another sequence.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

use super::{pipeline_blocks, test_sources};
use crate::kinds::Kind;

/// Expands `block`, failing the test with the input if anything panics. `true` if it expanded.
fn survives(block: &TokenStream) -> bool {
    let krate = quote!(::pipeline);
    match catch_unwind(AssertUnwindSafe(|| {
        crate::expand_block(&krate, block.clone())
    })) {
        Ok(outcome) => outcome.is_ok(),
        Err(_) => panic!("the macro panicked on this input:\n{block}"),
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// xorshift64*: small, seeded, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The words random tokens are made of, after the stage kinds: options, styles, keywords,
/// names.
const OTHER_WORDS: &[&str] = &[
    "workers",
    "ordered",
    "capacity",
    "name",
    "timeout",
    "cancel",
    "errors",
    "channel",
    "result",
    "fail_fast",
    "let",
    "a",
    "b",
    "n",
    "move",
    "async",
];

/// Every stage kind's name, in table order, then [`OTHER_WORDS`].
static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let kinds = Kind::ALL.iter().map(|kind| kind.name());
    kinds.chain(OTHER_WORDS.iter().copied()).collect()
});

/// One random token, or the two tokens of `->`.
fn random_tokens(rng: &mut Rng, depth: usize) -> Vec<TokenTree> {
    if rng.below(6) == 0 {
        return vec![
            TokenTree::Punct(Punct::new('-', Spacing::Joint)),
            TokenTree::Punct(Punct::new('>', Spacing::Alone)),
        ];
    }
    vec![random_token(rng, depth)]
}

fn random_token(rng: &mut Rng, depth: usize) -> TokenTree {
    let span = Span::call_site();
    match rng.below(if depth > 2 { 3 } else { 4 }) {
        0 => TokenTree::Ident(Ident::new(WORDS[rng.below(WORDS.len())], span)),
        1 => {
            let chars = [
                '-', '>', ';', ',', '=', '#', '!', '|', ':', '*', '+', '&', '.', '<',
            ];
            let spacing = if rng.below(2) == 0 {
                Spacing::Alone
            } else {
                Spacing::Joint
            };
            TokenTree::Punct(Punct::new(chars[rng.below(chars.len())], spacing))
        }
        2 => TokenTree::Literal(match rng.below(4) {
            0 => Literal::usize_unsuffixed(rng.below(5)),
            1 => Literal::string("s"),
            2 => Literal::f64_unsuffixed(2.5),
            _ => Literal::u64_suffixed(rng.next() % 1000),
        }),
        _ => {
            let delimiter =
                [Delimiter::Parenthesis, Delimiter::Bracket, Delimiter::Brace][rng.below(3)];
            let inner: TokenStream = (0..rng.below(5))
                .flat_map(|_| random_tokens(rng, depth + 1))
                .collect();
            TokenTree::Group(Group::new(delimiter, inner))
        }
    }
}

/// One random edit of `tokens`, possibly inside a group.
fn mutate(tokens: &TokenStream, rng: &mut Rng) -> TokenStream {
    let mut list: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if list.is_empty() {
        return std::iter::once(random_token(rng, 0)).collect();
    }
    let at = rng.below(list.len());
    match rng.below(6) {
        0 => {
            list.remove(at);
        }
        1 => {
            let copy = list[at].clone();
            list.insert(at, copy);
        }
        2 if list.len() > 1 => {
            let other = rng.below(list.len());
            list.swap(at, other);
        }
        3 => {
            for token in random_tokens(rng, 0).into_iter().rev() {
                list.insert(at, token);
            }
        }
        4 => {
            if let TokenTree::Group(group) = &list[at] {
                let inner = mutate(&group.stream(), rng);
                list[at] = TokenTree::Group(Group::new(group.delimiter(), inner));
            } else {
                list[at] = random_token(rng, 0);
            }
        }
        _ => list.truncate(at),
    }
    list.into_iter().collect()
}

#[test]
fn every_block_of_the_test_suite_expands_or_errors() {
    let mut blocks = 0;
    let mut expanded = 0;
    for (_, text) in test_sources() {
        for block in pipeline_blocks(&text) {
            blocks += 1;
            expanded += usize::from(survives(&block));
        }
    }
    assert!(blocks > 100, "found only {blocks} blocks in the test suite");
    assert!(
        expanded > 0 && expanded < blocks,
        "{expanded} of {blocks} expanded"
    );
    eprintln!("robustness: {blocks} blocks of the test suite, {expanded} expanded");
}

#[test]
fn mutated_and_random_token_trees_never_panic() {
    let cases = setting("PIPELINE_FUZZ_CASES", 5000);
    let mut rng = Rng(setting("PIPELINE_FUZZ_SEED", 0x9e37_79b9_7f4a_7c15) | 1);
    let seeds: Vec<TokenStream> = test_sources()
        .iter()
        .flat_map(|(_, text)| pipeline_blocks(text))
        .collect();
    assert!(!seeds.is_empty());
    let (mut expanded, mut rejected) = (0u64, 0u64);
    for _ in 0..cases {
        let mut block = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(3) {
            block = mutate(&block, &mut rng);
        }
        if survives(&block) {
            expanded += 1
        } else {
            rejected += 1
        }

        let random: TokenStream = (0..rng.below(24))
            .flat_map(|_| random_tokens(&mut rng, 0))
            .collect();
        if survives(&random) {
            expanded += 1
        } else {
            rejected += 1
        }
    }
    assert_eq!(expanded + rejected, 2 * cases);
    eprintln!(
        "robustness: {} token trees, {expanded} expanded, {rejected} rejected, no panic",
        2 * cases
    );
}

//! Options as written, for the picture of the graph: `workers = 4, ordered`, and values such
//! as `Duration::from_secs(5)` or `|link: &Link| link.path.clone()`.
//!
//! A proc macro on stable Rust cannot read the source text of an expression (only one
//! token's), and `TokenStream`'s own text spaces every token (`Duration :: from_secs (5)`).
//! So this prints the tokens with the spacing Rust is usually written in: no space around
//! `.` and `::`, before `,`, `:`, `?` and a call's parentheses, after a unary `&`, `-`, `*`,
//! `!` or a closure's opening `|`; one space elsewhere. The same in the compiler and in the
//! expansion snapshots.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::ast::Stage;

/// The options of `stage` but `name` (the picture shows the name on its own), as written:
/// `workers = 4, ordered`; empty when it has none.
pub(super) fn options(stage: &Stage) -> String {
    let Some(settings) = &stage.options else {
        return String::new();
    };
    let written: Vec<String> = settings
        .list
        .iter()
        .filter(|setting| setting.key != "name")
        .map(|setting| match &setting.value {
            Some((_, value)) => format!("{} = {}", setting.key, expression(value)),
            None => setting.key.to_string(),
        })
        .collect();
    written.join(", ")
}

/// An expression as written.
pub(super) fn expression(value: &impl quote::ToTokens) -> String {
    let mut out = String::new();
    write(value.to_token_stream(), &mut out);
    out
}

/// One token of a stream: a word (an identifier, a literal or a lifetime), an operator (the
/// punctuation joined to it), or a group.
enum Piece {
    Word(String),
    Op(String),
    Group(Delimiter, TokenStream),
}

/// What came before, which decides the space before what comes next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    Start,
    Word,
    /// A group's closing delimiter.
    Close,
    /// An operator after which nothing is spaced (`.`, `::`, a unary `&`, `|x|`'s first `|`).
    Tight,
    /// Another operator (`=`, `,`, `+`): a space follows.
    Spaced,
    /// A macro's `!`, `matches!`: its parentheses follow at once.
    Bang,
}

fn write(tokens: TokenStream, out: &mut String) {
    let mut before = Before::Start;
    // Whether an operand may start here (after an operator or at the start): then `&`,
    // `-`, `*`, `!` are unary, and `|` opens a closure's parameters.
    let mut operand = true;
    let mut in_parameters = false;
    for piece in pieces(tokens) {
        let spaced = |out: &mut String, space: bool| {
            if space && !matches!(before, Before::Start | Before::Tight) {
                out.push(' ');
            }
        };
        match piece {
            Piece::Word(word) => {
                spaced(out, true);
                out.push_str(&word);
                // `move |x|`: the closure's parameters follow.
                operand = word == "move";
                before = Before::Word;
            }
            Piece::Group(delimiter, inner) => {
                let call = matches!(before, Before::Word | Before::Close | Before::Bang);
                let (open, close) = match delimiter {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{ ", " }"),
                    // A `macro_rules!` fragment (`$workers:expr`): as if written in place.
                    Delimiter::None => ("", ""),
                };
                let call = call && matches!(delimiter, Delimiter::Parenthesis | Delimiter::Bracket);
                spaced(out, !call);
                let mut text = String::new();
                write(inner, &mut text);
                match (delimiter, text.is_empty()) {
                    (Delimiter::Brace, true) => out.push_str("{}"),
                    _ => {
                        out.push_str(open);
                        out.push_str(&text);
                        out.push_str(close);
                    }
                }
                operand = false;
                before = Before::Close;
            }
            Piece::Op(op) => {
                let (space_before, after) = match op.as_str() {
                    "." | "::" | ".." | "..=" => (false, Before::Tight),
                    "," | ";" | ":" => (false, Before::Spaced),
                    "?" => (false, Before::Spaced),
                    "!" if before == Before::Word => (false, Before::Bang),
                    "|" if in_parameters => {
                        in_parameters = false;
                        (false, Before::Spaced)
                    }
                    "|" if operand => {
                        in_parameters = true;
                        (true, Before::Tight)
                    }
                    "&" | "&&" | "-" | "*" | "!" if operand => (true, Before::Tight),
                    _ => (true, Before::Spaced),
                };
                spaced(out, space_before);
                out.push_str(&op);
                operand = !matches!(op.as_str(), "?" | "." | "::");
                before = after;
            }
        }
    }
}

/// The pieces of a stream: runs of joined punctuation as one operator (`::`, `=>`), a
/// lifetime as one word.
fn pieces(tokens: TokenStream) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut op = String::new();
    for tree in tokens {
        let word = match tree {
            TokenTree::Punct(punct) => {
                op.push(punct.as_char());
                if punct.spacing() == Spacing::Alone {
                    operators(&std::mem::take(&mut op), &mut pieces);
                }
                continue;
            }
            TokenTree::Group(group) => {
                operators(&std::mem::take(&mut op), &mut pieces);
                pieces.push(Piece::Group(group.delimiter(), group.stream()));
                continue;
            }
            TokenTree::Ident(ident) => ident.to_string(),
            TokenTree::Literal(literal) => literal.to_string(),
        };
        // A punctuation joined to a word is a lifetime's `'`.
        let prefix = std::mem::take(&mut op);
        pieces.push(Piece::Word(format!("{prefix}{word}")));
    }
    operators(&op, &mut pieces);
    pieces
}

/// Rust's operators of more than one character, longest first.
const LONG_OPERATORS: &[&str] = &[
    "<<=", ">>=", "...", "..=", "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "^=", "&=", "|=", "<<", ">>", "..",
];

/// A run of joined punctuation (`?.`, `::`, `=>`) as the operators it is, longest first.
fn operators(mut run: &str, pieces: &mut Vec<Piece>) {
    while let Some(first) = run.chars().next() {
        let length = LONG_OPERATORS
            .iter()
            .find(|op| run.starts_with(**op))
            .map_or(first.len_utf8(), |op| op.len());
        pieces.push(Piece::Op(run[..length].to_owned()));
        run = &run[length..];
    }
}

#[cfg(test)]
mod tests {
    use super::expression;

    fn written(source: &str) -> String {
        let tokens: proc_macro2::TokenStream = source.parse().expect("tokens");
        expression(&tokens)
    }

    #[test]
    fn expressions_read_as_written() {
        for source in [
            "4",
            "count * 2",
            "Duration::from_secs(5)",
            "Rate::per_second(10).burst(5)",
            "|link: &Link| link.path.clone()",
            "move |n| n + 1",
            "|error: &Error| !matches!(error, Error::NotFound)",
            "Retry::attempts(5).backoff(Duration::from_millis(200)).max_delay(Duration::from_secs(1))",
            "options.max_open",
            "-1",
            "&'static str",
            "[1, 2, 3]",
            "|| { 3 }",
            "x?.len()",
            "0..10",
            "\"fetch\"",
        ] {
            assert_eq!(written(source), source);
        }
    }
}

//! The typed syntax of a `pipeline!` block. Every node keeps its tokens, so validation and
//! generation can point errors at exactly the offending part of the user's code.
//!
//! ```text
//! block    := ("#" "!" "[" setting,* "]")? ("let" names "=" chain ";")* (chain | results) ";"?
//! names    := IDENT | "[" (IDENT | "_"),* "]"
//! results  := "(" expr,* ")"
//! chain    := (stage | IDENT) ("->" stage)*
//! stage    := IDENT ("::" "<" generics ">")? "(" expr,* ")" ("[" setting,* "]")?
//! setting  := IDENT ("=" expr)?
//! ```

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{AngleBracketedGenericArguments, Expr, Ident, Token, bracketed, parenthesized, token};

/// A whole block.
pub struct Block {
    pub settings: Option<Settings>,
    pub branches: Vec<Branch>,
    /// The last chain; `None` when the block ends in `results` instead (or ends early).
    pub output: Option<Chain>,
    /// `(a, b, ..)` in place of the last chain: the block's result is the tuple of these
    /// branches' results, each of which ends in a sink.
    pub results: Option<Results>,
}

/// `#![...]` or `[...]`: options as `key` or `key = value`.
pub struct Settings {
    pub list: Punctuated<Setting, Token![,]>,
}

pub struct Setting {
    pub key: Ident,
    pub value: Option<(Token![=], Expr)>,
}

/// `let name = chain;`, or `let [a, b, ..] = chain;` for the branches a route ends in.
pub struct Branch {
    pub names: BranchNames,
    pub chain: Chain,
}

/// What a `let` names.
pub enum BranchNames {
    One(Ident),
    /// `[a, b, _]`: the branches of a `route(f)` or `partition(p)`, in index order.
    Routed(Routes),
}

pub struct Routes {
    pub bracket: token::Bracket,
    pub names: Punctuated<RouteName, Token![,]>,
}

/// One name of `[a, b, _]`.
pub enum RouteName {
    Branch(Ident),
    /// `_`: the items routed here are dropped.
    Dropped(Token![_]),
}

/// `(a, b, ..)`, kept as expressions so that a wrong element is reported on its own
/// tokens with what belongs there.
pub struct Results {
    pub paren: token::Paren,
    pub names: Punctuated<Expr, Token![,]>,
}

/// `head -> stage -> stage ...`
pub struct Chain {
    pub head: Head,
    pub stages: Vec<Stage>,
}

/// What a chain starts with.
pub enum Head {
    Stage(Stage),
    /// A branch defined by an earlier `let`.
    Branch(Ident),
}

/// `kind::<generics>(args) [options]`
pub struct Stage {
    pub kind: Ident,
    pub generics: Option<AngleBracketedGenericArguments>,
    pub paren: token::Paren,
    pub args: Punctuated<Expr, Token![,]>,
    pub options: Option<Settings>,
}

impl Stage {
    /// The tokens of the whole stage, for errors about it as a whole.
    pub fn tokens(&self) -> TokenStream {
        let mut tokens = self.kind.to_token_stream();
        if let Some(generics) = &self.generics {
            generics.to_tokens(&mut tokens);
        }
        self.paren
            .surround(&mut tokens, |inner| self.args.to_tokens(inner));
        tokens
    }

    pub fn span(&self) -> Span {
        self.kind.span()
    }
}

impl BranchNames {
    /// The tokens of the name (or names), for errors about what the `let` defines.
    pub fn tokens(&self) -> TokenStream {
        match self {
            BranchNames::One(name) => name.to_token_stream(),
            BranchNames::Routed(routes) => routes.tokens(),
        }
    }
}

impl Routes {
    pub fn tokens(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        self.bracket
            .surround(&mut tokens, |inner| self.names.to_tokens(inner));
        tokens
    }
}

impl ToTokens for RouteName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            RouteName::Branch(name) => name.to_tokens(tokens),
            RouteName::Dropped(underscore) => underscore.to_tokens(tokens),
        }
    }
}

impl Results {
    pub fn tokens(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        self.paren
            .surround(&mut tokens, |inner| self.names.to_tokens(inner));
        tokens
    }
}

impl Setting {
    pub fn tokens(&self) -> TokenStream {
        let mut tokens = self.key.to_token_stream();
        if let Some((eq, value)) = &self.value {
            eq.to_tokens(&mut tokens);
            value.to_tokens(&mut tokens);
        }
        tokens
    }
}

impl Parse for Block {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let settings = if input.peek(Token![#]) {
            input.parse::<Token![#]>()?;
            input.parse::<Token![!]>()?;
            Some(parse_settings(input)?)
        } else {
            None
        };
        let mut branches = Vec::new();
        let mut output = None;
        let mut results = None;
        while !input.is_empty() {
            if input.peek(Token![let]) {
                input.parse::<Token![let]>()?;
                let names: BranchNames = input.parse()?;
                input.parse::<Token![=]>()?;
                let chain: Chain = input.parse()?;
                if !input.peek(Token![;]) {
                    let name = match &names {
                        BranchNames::One(name) => format!("the branch `{name}`"),
                        BranchNames::Routed(_) => "the routed branches".to_owned(),
                    };
                    return Err(input.error(format!(
                        "expected `;` to end {name} (or `->` to add a stage to it)"
                    )));
                }
                input.parse::<Token![;]>()?;
                branches.push(Branch { names, chain });
                continue;
            }
            if input.peek(token::Paren) {
                results = Some(input.parse::<Results>()?);
            } else {
                output = Some(input.parse::<Chain>()?);
            }
            if input.peek(Token![;]) {
                input.parse::<Token![;]>()?;
                if !input.is_empty() {
                    return Err(input.error(
                        "unexpected tokens after the pipeline's last chain: the chain without \
                         `let` must come last",
                    ));
                }
            } else if !input.is_empty() {
                return Err(input.error(
                    "expected `->` and a stage, or the end of the pipeline: a `let` branch must \
                     end with `;`, and only the last chain may be written without `let`",
                ));
            }
        }
        Ok(Block {
            settings,
            branches,
            output,
            results,
        })
    }
}

impl Parse for BranchNames {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if !input.peek(token::Bracket) {
            return Ok(BranchNames::One(input.parse()?));
        }
        let content;
        let bracket = bracketed!(content in input);
        let names = Punctuated::parse_terminated(&content)?;
        Ok(BranchNames::Routed(Routes { bracket, names }))
    }
}

impl Parse for RouteName {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![_]) {
            return Ok(RouteName::Dropped(input.parse()?));
        }
        Ok(RouteName::Branch(input.parse()?))
    }
}

impl Parse for Results {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        let paren = parenthesized!(content in input);
        let names = Punctuated::parse_terminated(&content)?;
        Ok(Results { paren, names })
    }
}

impl Parse for Chain {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let head = if input.peek(Ident) && !input.peek2(token::Paren) && !input.peek2(Token![::]) {
            Head::Branch(input.parse()?)
        } else if input.peek(Ident) {
            Head::Stage(input.parse()?)
        } else {
            return Err(
                input.error("expected a stage such as `from_iter(items)`, or the name of a branch")
            );
        };
        let mut stages = Vec::new();
        while input.peek(Token![->]) {
            let arrow = input.parse::<Token![->]>()?;
            if input.is_empty() || input.peek(Token![;]) {
                return Err(syn::Error::new_spanned(
                    arrow,
                    "expected a stage after `->`",
                ));
            }
            if input.peek(Ident) && !input.peek2(token::Paren) && !input.peek2(Token![::]) {
                let name: Ident = input.parse()?;
                let message = if crate::kinds::lookup(&name.to_string()).is_some() {
                    format!("`{name}` is a stage: call it, as in `{name}(..)`")
                } else {
                    "expected a stage call like `map(f)` after `->`; a branch name can only \
                     start a chain or be an input of `merge(..)`"
                        .to_owned()
                };
                return Err(syn::Error::new_spanned(name, message));
            }
            stages.push(input.parse()?);
        }
        Ok(Chain { head, stages })
    }
}

impl Parse for Stage {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind: Ident = input.parse()?;
        let generics = if input.peek(Token![::]) {
            Some(AngleBracketedGenericArguments::parse_turbofish(input)?)
        } else {
            None
        };
        if !input.peek(token::Paren) {
            return Err(input.error(format!(
                "expected `(` after `{kind}`: stages are called like functions, e.g. `{kind}(..)`"
            )));
        }
        let content;
        let paren = parenthesized!(content in input);
        let args = Punctuated::parse_terminated(&content)?;
        let options = if input.peek(token::Bracket) {
            Some(parse_settings(input)?)
        } else {
            None
        };
        Ok(Stage {
            kind,
            generics,
            paren,
            args,
            options,
        })
    }
}

fn parse_settings(input: ParseStream) -> syn::Result<Settings> {
    let content;
    bracketed!(content in input);
    let list = Punctuated::parse_terminated(&content)?;
    Ok(Settings { list })
}

impl Parse for Setting {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: Ident = input.parse()?;
        let value = if input.peek(Token![=]) {
            Some((input.parse()?, input.parse()?))
        } else if input.is_empty() || input.peek(Token![,]) {
            None
        } else {
            return Err(input.error(format!(
                "expected `=` and a value after `{key}` (as in `{key} = ..`), or `,` before \
                 the next option"
            )));
        };
        Ok(Setting { key, value })
    }
}

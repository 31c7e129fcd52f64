//! What a picture says of a stage, the same in every format: its name; what it is, in the
//! DSL's own words (`map [workers = 2]`, the kind left out when the name already starts with
//! it); and the caller's line, if any. Each format escapes the lines its own way.

use super::Node;

/// A caller's line for each stage, by stage name: see [`Graph::to_mermaid_with`](super::Graph::to_mermaid_with).
pub(super) type Extra<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The lines of `node`'s label, unescaped.
pub(super) fn lines(node: Node, extra: Extra<'_>) -> Vec<String> {
    let name = node.name();
    let mut lines = vec![name.to_owned()];
    // `map#2` already says `map`; `sq` does not.
    let named_by_kind = name
        .strip_prefix(node.kind())
        .is_some_and(|rest| rest.starts_with('#'));
    let options = (!node.options().is_empty()).then(|| format!("[{}]", node.options()));
    let what = match (named_by_kind, options) {
        (true, None) => None,
        (true, Some(options)) => Some(options),
        (false, None) => Some(node.kind().to_owned()),
        (false, Some(options)) => Some(format!("{} {options}", node.kind())),
    };
    lines.extend(what);
    lines.extend(extra(name));
    lines
}

/// No line of the caller's.
pub(super) fn no_extra(_: &str) -> Option<String> {
    None
}

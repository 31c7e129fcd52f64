//! "Did you mean ..." for misspelled names.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (distance(name, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.len() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// "; did you mean `x`?" when `name` is a likely typo of a candidate, else nothing.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates)
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default()
}

/// What to write instead of `name`, a stage of another library (futures, tokio-stream,
/// itertools, Go pipelines) or a name users reach for: the equivalent here, or that there is
/// none yet.
pub fn equivalent(name: &str) -> Option<&'static str> {
    Some(match name {
        "for_each_concurrent" | "try_for_each_concurrent" => {
            "write `for_each_async(f) [workers = N]` (or `try_for_each_async`) for N concurrent \
             workers awaiting an async closure; `for_each(f) [workers = N]` for a sync one"
        }
        "buffer_unordered" | "buffered" | "map_async" | "map_concurrent" | "par_map" => {
            "async work runs concurrently with `then(f) [workers = N]` (add `ordered` to keep \
             the input order, as `buffered` does)"
        }
        "and_then" | "try_map_async" => {
            "write `try_then(f)` for an async closure returning `Result`, or `try_map(f)` for a \
             sync one"
        }
        "fold_async" | "try_fold" => {
            "`fold(init, f)` takes a sync closure; do the async work in a `then(..)` stage \
             before it (a fallible fold is not available yet)"
        }
        "reduce" | "sum" | "product" | "max" | "min" => {
            "write it as a `fold`, e.g. `fold(0, |total, n| total + n)`"
        }
        "map_err" | "err_into" => {
            "errors are converted inside the closure: `try_map(|x| parse(x).map_err(MyError::from))`"
        }
        "flatten" => "write `flat_map(|items| items)`",
        "flat_map_async" | "then_flatten" => {
            "not available yet: collect in `then(..)`, then `flat_map(|items| items)`"
        }
        "chain" | "interleave" | "select" | "fan_in" | "join" | "combine" => {
            "`merge(a, b)` fans in named branches (`let a = ..;`) in arrival order, and \
             `zip(a, b)` pairs them item by item; chaining in order is not available yet"
        }
        "batch" | "chunk" | "ready_chunks" | "window" | "buffer" => {
            "write `chunks(n)`: batches of `n` items as `Vec`s, or `chunks_timeout(n, window)` \
             to also send a batch once `window` has passed since its first item"
        }
        "buffer_timeout" | "buffer_time" | "batch_timeout" | "chunk_timeout" => {
            "write `chunks_timeout(n, window)`: batches of at most `n` items, each sent at \
             most `window` after its first item"
        }
        "enumerate" => {
            "not available yet: number the items at the source, e.g. \
             `from_iter(items.into_iter().enumerate())`"
        }
        "tap" | "peek" => "write `inspect(|item| ..)`",
        "each" | "sink" | "consume" => "end with `for_each(|item| ..)`, or `drain()`",
        "broadcast" | "fan_out" | "clone" => {
            "end a `let` branch with `tee()` to give every use of it a copy of each item; \
             `[workers = N]` on a stage fans its work out"
        }
        "split" | "switch" | "demux" | "dispatch" | "route_by" | "split_by" => {
            "`let [a, b] = .. -> route(|item| index);` sends each item to one of the named \
             branches (`partition(|item| bool)` for two); `tee()` gives every branch a copy"
        }
        "from_vec" | "from" | "iter" | "from_slice" => "start with `from_iter(items)`",
        "from_receiver" | "from_rx" => "start with `from_channel(rx)`",
        "to_sender" | "send" | "into_channel" => "end with `to_channel(tx)`",
        "limit" | "take_n" => "write `take(n)`",
        "len" | "size" => "end with `count()`",
        "collect_vec" | "to_vec" => "end with `collect::<Vec<_>>()`",
        "timeout" => "a per-item timeout is an option of the async stage: `[timeout = d]`",
        "retry" | "retry_with_backoff" | "backoff" => {
            "retrying is an option of `try_map` and `try_then`: `[retry = 3]`, or \
             `[retry = Retry::attempts(n).backoff(d)]` for a backoff of your own"
        }
        "rate" | "rate_limit" | "throttle" | "limit_rate" => {
            "a rate limit is an option of the stage to slow down: `[rate = 10]` (items per \
             second), or `[rate = Rate::per_second(n).burst(b)]`"
        }
        "skip_while" | "take_until" | "dedup" | "distinct" | "unique" | "debounce" => {
            "not available yet"
        }
        _ => return None,
    })
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_misses() {
        let kinds = ["map", "filter_map", "flat_map", "fold"];
        assert_eq!(closest("mapp", kinds), Some("map"));
        assert_eq!(closest("fliter_map", kinds), Some("filter_map"));
        assert_eq!(closest("frobnicate", kinds), None);
    }

    #[test]
    fn other_libraries_names_get_advice_and_ours_none() {
        assert!(equivalent("and_then").is_some_and(|advice| advice.contains("try_then")));
        assert!(equivalent("buffer_unordered").is_some_and(|advice| advice.contains("workers")));
        assert!(equivalent("retry").is_some_and(|advice| advice.contains("[retry = 3]")));
        assert!(equivalent("switch").is_some_and(|advice| advice.contains("route(")));
        assert!(equivalent("throttle").is_some_and(|advice| advice.contains("[rate = 10]")));
        for kind in crate::kinds::Kind::ALL {
            assert_eq!(equivalent(kind.name()), None, "{kind:?} is a stage here");
        }
    }
}

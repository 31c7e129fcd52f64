//! The site the crawl example crawls: a binary tree of pages on a loopback server, so that
//! the example runs anywhere and its tests know what it must find.

use std::collections::HashMap;
use std::time::Duration;

use super::http::Route;

/// A binary tree of `pages` pages (`/0` the root, `/n` linking to `/2n+1` and `/2n+2`), each
/// answered in 2 ms; those listed in `slow` take an hour.
pub fn binary_tree(pages: usize, slow: &[usize]) -> HashMap<String, Route> {
    (0..pages)
        .map(|page| {
            let body = [2 * page + 1, 2 * page + 2]
                .into_iter()
                .filter(|&child| child < pages)
                .map(|child| format!("<a href=\"/{child}\">page {child}</a>\n"))
                .collect();
            let delay = if slow.contains(&page) {
                Duration::from_secs(3600)
            } else {
                Duration::from_millis(2)
            };
            (format!("/{page}"), Route { delay, body })
        })
        .collect()
}

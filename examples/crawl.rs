//! A concurrent web crawler (The Go Programming Language, 8.6 and exercise 8.10): a depth
//! limit, a bound on requests in flight, and cancellation that stops the requests in flight.
//!
//! `cargo run --example crawl`
//!
//! The program serves a small site on loopback itself, then crawls it. The crawl is one
//! `try_recurse` stage: each page fetched goes downstream, and its links are fed back into the
//! stage. Its `workers` bound the requests in flight, `unique_by` keeps Go's `seen` set,
//! `max_depth` is crawl3's `-depth`, and the stage ends by itself once no page is left to
//! fetch. Cancelling the run (here, a deadline) drops the requests in flight: the server sees
//! those clients hang up.

#[path = "support/http.rs"]
mod http;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, pipeline};

/// A page fetched by the crawler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    /// Links followed from the start page to reach it.
    pub depth: usize,
    /// Its path on the site.
    pub path: String,
    /// How many links it has.
    pub links: usize,
}

/// A site: each page links to two children (a binary tree of `pages` pages, `/0` the root);
/// pages listed in `slow` take an hour to answer.
pub fn site(pages: usize, slow: &[usize]) -> HashMap<String, http::Route> {
    (0..pages)
        .map(|page| {
            let links: String = [2 * page + 1, 2 * page + 2]
                .into_iter()
                .filter(|&child| child < pages)
                .map(|child| format!("<a href=\"/{child}\">page {child}</a>\n"))
                .collect();
            let delay = if slow.contains(&page) {
                Duration::from_secs(3600)
            } else {
                Duration::from_millis(2)
            };
            (format!("/{page}"), http::Route { delay, body: links })
        })
        .collect()
}

/// The links of a page (`href="/path"`).
fn links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// A link to follow: a path on the site, and how many links deep it was found.
#[derive(Clone, Debug)]
struct Link {
    depth: usize,
    path: String,
}

/// Fetches the page `link` points to: what it was, and the links it has.
async fn fetch(base: &str, link: Link) -> std::io::Result<(Visit, Vec<Link>)> {
    let page = http::get(&format!("{base}{}", link.path)).await?;
    let found = links(&page.body);
    let children = found
        .iter()
        .map(|path| Link {
            depth: link.depth + 1,
            path: path.clone(),
        })
        .collect();
    let visit = Visit {
        depth: link.depth,
        path: link.path,
        links: found.len(),
    };
    Ok((visit, children))
}

/// What a crawl found, and what the server saw.
#[derive(Debug)]
pub struct Report {
    /// The pages fetched, by depth then path.
    pub visits: Vec<Visit>,
    /// How the run ended: `Ok`, or cancelled by the deadline.
    pub outcome: Result<(), PipelineError<std::io::Error>>,
    /// The most requests the server handled at once.
    pub most_in_flight: usize,
    /// Requests whose client hung up before the answer (cancelled mid-flight).
    pub hung_up: usize,
    /// Stage tasks still alive after the crawl: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// Serves `pages` pages (some `slow`) and crawls them with the given limits, stopping at
/// `deadline`.
pub async fn crawl(
    pages: usize,
    slow: &[usize],
    max_depth: usize,
    in_flight: usize,
    deadline: Duration,
) -> std::io::Result<Report> {
    let server = http::Server::start(site(pages, slow)).await?;
    let base = server.url("");
    let visits = Arc::new(Mutex::new(Vec::new()));
    let record = visits.clone();
    let start = Link {
        depth: 0,
        path: "/0".to_owned(),
    };
    let run = pipeline! {
        #![timeout = deadline]
        from_iter([start])
            -> try_recurse(move |link| {
                let base = base.clone();
                async move { fetch(&base, link).await }
            }) [name = "crawl", workers = in_flight, max_depth = max_depth, unique_by = |link: &Link| link.path.clone()]
            -> for_each(move |visit| record.lock().unwrap().push(visit))
    };
    let (id, graph) = (run.id(), run.graph());
    let outcome = run.await;
    let live_tasks = live_tasks_of(id).len();
    // Cancelled requests reach the server a moment later: wait until it is working on none.
    for _ in 0..2000 {
        if server.busy() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let mut visits = visits.lock().unwrap().clone();
    visits.sort_by(|a, b| (a.depth, a.path.len(), &a.path).cmp(&(b.depth, b.path.len(), &b.path)));
    let report = Report {
        visits,
        outcome,
        most_in_flight: server.most_busy(),
        hung_up: server.hung_up(),
        live_tasks,
        graph,
    };
    server.shutdown().await;
    Ok(report)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    println!("crawling a 63-page site, 4 links deep, at most 3 requests in flight:");
    let full = crawl(63, &[], 4, 3, Duration::from_secs(10)).await?;
    for depth in 0..=4 {
        let pages: Vec<&str> = full
            .visits
            .iter()
            .filter(|v| v.depth == depth)
            .map(|v| v.path.as_str())
            .collect();
        println!("  depth {depth}: {} pages {}", pages.len(), pages.join(" "));
    }
    println!(
        "  outcome {:?}; at most {} requests in flight",
        full.outcome, full.most_in_flight
    );

    println!("crawling again with pages /5 and /6 hanging, stopped after 200 ms:");
    let cut = crawl(63, &[5, 6], 4, 3, Duration::from_millis(200)).await?;
    println!(
        "  fetched {} pages; outcome {:?}; requests cancelled in flight: {}; tasks still alive: {}",
        cut.visits.len(),
        cut.outcome.map_err(|error| error.to_string()),
        cut.hung_up,
        cut.live_tasks
    );
    Ok(())
}

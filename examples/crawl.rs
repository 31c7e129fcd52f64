//! A concurrent web crawler (The Go Programming Language, 8.6 and exercise 8.10): a depth
//! limit, a bound on requests in flight, and cancellation that stops the requests in flight.
//!
//! `cargo run --example crawl` (`-- --progress` shows the crawl's progress on stderr)
//!
//! The crawl is one `try_recurse` stage: each page fetched goes downstream, and its links are
//! fed back into the stage. Its `workers` bound the requests in flight, `unique_by` keeps
//! Go's `seen` set, `max_depth` is crawl3's `-depth`, and the stage ends by itself once no
//! page is left to fetch. Cancelling the run (here, a deadline) drops the requests in flight:
//! the server sees those clients hang up. The program serves the site it crawls itself, on
//! loopback (`support/site.rs`), and says at the end which stage limited the crawl.

#[path = "support/http.rs"]
mod http;
#[path = "support/site.rs"]
mod site;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::metrics::Snapshot;
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

/// A link to follow: a path on the site, and how many links deep it was found.
#[derive(Clone, Debug)]
struct Link {
    depth: usize,
    path: String,
}

/// Fetches the page `link` points to: what it was, and the links it has (`href="/path"`).
async fn fetch(base: &str, link: Link) -> std::io::Result<(Visit, Vec<Link>)> {
    let page = http::get(&format!("{base}{}", link.path)).await?;
    let depth = link.depth + 1;
    let links: Vec<Link> = (page.body.split("href=\"").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .map(|path| Link {
            depth,
            path: path.to_owned(),
        })
        .collect();
    let visit = Visit {
        depth: link.depth,
        path: link.path,
        links: links.len(),
    };
    Ok((visit, links))
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
    /// The run's metrics at its end: `metrics.bottleneck()` says what limited it.
    pub metrics: Snapshot,
}

/// Serves `pages` pages (some `slow`) and crawls them `max_depth` links deep, with at most
/// `in_flight` requests at once, stopping at `deadline`; shows its `progress` if asked.
pub async fn crawl(
    pages: usize,
    slow: &[usize],
    (max_depth, in_flight): (usize, usize),
    deadline: Duration,
    progress: bool,
) -> std::io::Result<Report> {
    let server = http::Server::start(site::binary_tree(pages, slow)).await?;
    let base = server.url("");
    let record = Arc::new(Mutex::new(Vec::new()));
    let found = record.clone();
    let start = Link {
        depth: 0,
        path: "/0".to_owned(),
    };
    let run = pipeline! {
        #![timeout = deadline, progress = progress]
        from_iter([start])
            -> try_recurse(move |link| {
                let base = base.clone();
                async move { fetch(&base, link).await }
            }) [name = "crawl", workers = in_flight, max_depth = max_depth, unique_by = |link: &Link| link.path.clone()]
            -> for_each(move |visit| found.lock().unwrap().push(visit))
    };
    let (id, graph, metrics) = (run.id(), run.graph(), run.metrics());
    let outcome = run.await;
    let live_tasks = live_tasks_of(id).len();
    server.idle().await;
    let mut visits = std::mem::take(&mut *record.lock().unwrap());
    visits.sort_by(|a, b| (a.depth, a.path.len(), &a.path).cmp(&(b.depth, b.path.len(), &b.path)));
    let (most_in_flight, hung_up) = (server.most_busy(), server.hung_up());
    server.shutdown().await;
    let metrics = metrics.snapshot();
    Ok(Report {
        visits,
        outcome,
        most_in_flight,
        hung_up,
        live_tasks,
        graph,
        metrics,
    })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let progress = std::env::args().any(|arg| arg == "--progress");
    println!("crawling a 63-page site, 4 links deep, at most 3 requests in flight:");
    let full = crawl(63, &[], (4, 3), Duration::from_secs(10), progress).await?;
    for depth in 0..=4 {
        let pages: Vec<&str> = (full.visits.iter().filter(|v| v.depth == depth))
            .map(|v| v.path.as_str())
            .collect();
        println!("  depth {depth}: {} pages {}", pages.len(), pages.join(" "));
    }
    println!(
        "  outcome {:?}; at most {} requests in flight",
        full.outcome, full.most_in_flight
    );
    println!("  {}", full.metrics.bottleneck());

    println!("crawling again with pages /5 and /6 hanging, stopped after 200 ms:");
    let cut = crawl(63, &[5, 6], (4, 3), Duration::from_millis(200), progress).await?;
    let outcome = cut.outcome.map_err(|error| error.to_string());
    println!(
        "  fetched {} pages; outcome {outcome:?}; requests cancelled in flight: {}; tasks still alive: {}",
        cut.visits.len(),
        cut.hung_up,
        cut.live_tasks
    );
    Ok(())
}

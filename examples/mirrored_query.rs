//! The same query to several mirrors; the first answer wins and the other requests are
//! cancelled (the Go articles' "first wins" with a done channel, as in `mirroredQuery`).
//!
//! `cargo run --example mirrored_query`
//!
//! The program starts its own mirrors: HTTP servers on loopback that take different times to
//! answer. One `then` worker per mirror sends the request; `first()` keeps the first answer,
//! which stops the other workers — dropping their requests mid-flight, so the slow mirrors
//! see their connections closed before they answered. Nothing leaks: no worker waits on a
//! mirror nobody listens to any more.

#[path = "support/http.rs"]
mod http;

use std::collections::HashMap;
use std::io;
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, pipeline};

/// A mirror and how long it takes to answer.
#[derive(Clone, Debug)]
pub struct Mirror {
    /// Its name, in its answer.
    pub name: &'static str,
    /// How long it takes.
    pub delay: Duration,
}

/// The winning answer, and what the losing mirrors saw.
#[derive(Debug)]
pub struct Answer {
    /// The answer's body.
    pub body: String,
    /// Mirrors whose client hung up before they answered (the cancelled requests).
    pub hung_up: usize,
    /// Mirrors that answered in full.
    pub answered: usize,
    /// Stage tasks still alive after the query: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// Asks every mirror at once; returns the first answer.
pub async fn query(mirrors: &[Mirror]) -> io::Result<Answer> {
    let mut servers = Vec::new();
    for mirror in mirrors {
        let route = http::Route {
            delay: mirror.delay,
            body: format!("results from {}", mirror.name),
        };
        let routes = HashMap::from([("/search?q=pipelines".to_owned(), route)]);
        servers.push(http::Server::start(routes).await?);
    }
    let urls: Vec<String> = servers
        .iter()
        .map(|server| server.url("/search?q=pipelines"))
        .collect();
    let count = urls.len();

    let run = pipeline! {
        from_iter(urls)
            -> then(|url: String| async move { http::get(&url).await.ok() }) [workers = count, name = "ask"]
            -> filter_map(|page| page.filter(|page: &http::Page| page.status == 200))
            -> first()
    };
    let (id, graph) = (run.id(), run.graph());
    let page = run.await.ok().flatten();
    let live_tasks = live_tasks_of(id).len();

    // The losers notice the closed connections a moment later, on their own tasks.
    let losers = count.saturating_sub(1);
    for _ in 0..2000 {
        if servers.iter().map(http::Server::hung_up).sum::<usize>() >= losers {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let hung_up = servers.iter().map(http::Server::hung_up).sum();
    let answered = servers.iter().map(http::Server::served).sum();
    for server in servers {
        server.shutdown().await;
    }
    let body = page.map(|page| page.body).unwrap_or_default();
    Ok(Answer {
        body,
        hung_up,
        answered,
        live_tasks,
        graph,
    })
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let mirrors = [
        Mirror {
            name: "far",
            delay: Duration::from_secs(30),
        },
        Mirror {
            name: "near",
            delay: Duration::from_millis(20),
        },
        Mirror {
            name: "slow",
            delay: Duration::from_secs(10),
        },
    ];
    for mirror in &mirrors {
        println!("mirror {:5} answers after {:?}", mirror.name, mirror.delay);
    }
    let answer = query(&mirrors).await?;
    println!("first answer: \"{}\"", answer.body);
    println!(
        "mirrors that answered: {}; slower mirrors whose request was cancelled: {}",
        answer.answered, answer.hung_up
    );
    println!("stage tasks still alive: {}", answer.live_tasks);
    Ok(())
}

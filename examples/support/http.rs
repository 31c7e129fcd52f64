//! A tiny HTTP/1.1 server and client over tokio TCP, on loopback: just enough for the
//! examples, with no HTTP dependency.
//!
//! The server records what the examples need to prove: how many requests it served, how many
//! it was working on at once, and how many clients hung up before it answered — which is what
//! a cancelled request looks like from the server's side.

#![allow(dead_code)] // each example uses part of it

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// A page: how long the server takes to answer, and what it answers.
#[derive(Clone, Debug)]
pub struct Route {
    pub delay: Duration,
    pub body: String,
}

/// What the server saw.
#[derive(Default, Debug)]
pub struct Stats {
    served: AtomicUsize,
    hung_up: AtomicUsize,
    busy: AtomicUsize,
    most_busy: AtomicUsize,
}

/// A server on a loopback port. Its tasks are owned by it: [`Server::shutdown`] (or dropping
/// it) stops them.
pub struct Server {
    addr: SocketAddr,
    stats: Arc<Stats>,
    tasks: JoinSet<()>,
}

impl Server {
    /// Serves `routes` (path -> route) on a free loopback port; anything else is a 404.
    pub async fn start(routes: HashMap<String, Route>) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let stats = Arc::new(Stats::default());
        let routes = Arc::new(routes);
        let mut tasks = JoinSet::new();
        let accept_stats = stats.clone();
        tasks.spawn(async move {
            // Connections belong to the accept loop: aborting it aborts them.
            let mut connections = JoinSet::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    break;
                };
                let (routes, stats) = (routes.clone(), accept_stats.clone());
                connections.spawn(async move {
                    let _ = answer(stream, &routes, &stats).await;
                });
                while connections.try_join_next().is_some() {}
            }
        });
        Ok(Server { addr, stats, tasks })
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Requests answered in full.
    pub fn served(&self) -> usize {
        self.stats.served.load(Ordering::SeqCst)
    }

    /// Requests whose client closed the connection before the answer was ready.
    pub fn hung_up(&self) -> usize {
        self.stats.hung_up.load(Ordering::SeqCst)
    }

    /// Requests the server is working on now (waiting to answer).
    pub fn busy(&self) -> usize {
        self.stats.busy.load(Ordering::SeqCst)
    }

    /// The most requests the server was working on at the same time.
    pub fn most_busy(&self) -> usize {
        self.stats.most_busy.load(Ordering::SeqCst)
    }

    /// Stops the server and waits for its tasks to end.
    pub async fn shutdown(mut self) {
        self.tasks.abort_all();
        while self.tasks.join_next().await.is_some() {}
    }
}

/// Reads one request, waits the route's delay (noticing if the client hangs up), answers.
async fn answer(
    mut stream: TcpStream,
    routes: &HashMap<String, Route>,
    stats: &Stats,
) -> io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let Some(route) = routes.get(&path) else {
        let response = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        return stream.write_all(response.as_bytes()).await;
    };
    let busy = stats.busy.fetch_add(1, Ordering::SeqCst) + 1;
    stats.most_busy.fetch_max(busy, Ordering::SeqCst);
    let waited = tokio::select! {
        () = tokio::time::sleep(route.delay) => true,
        // The client sends nothing more: a read returning means it closed the connection.
        _ = stream.read(&mut buf) => false,
    };
    stats.busy.fetch_sub(1, Ordering::SeqCst);
    if !waited {
        stats.hung_up.fetch_add(1, Ordering::SeqCst);
        return Ok(());
    }
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        route.body.len(),
        route.body
    );
    stream.write_all(response.as_bytes()).await?;
    stats.served.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

/// A response.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub body: String,
}

/// `GET url` (`http://host:port/path`). Dropping the future closes the connection.
pub async fn get(url: &str) -> io::Result<Page> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not an http:// URL"))?;
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no status line"))?;
    Ok(Page {
        status,
        body: body.to_owned(),
    })
}

//! An HTTP/1.1 server and client on loopback, just enough for the examples, built on
//! `hyper` (its `http1` connections only, client and server), `hyper-util` (only `TokioIo`,
//! which puts a tokio socket under hyper) and `http-body-util` (whole bodies in and out).
//! Nothing more, to keep the dev build small for CI: no HTTP/2, no TLS, no connection pool,
//! no framework — which is why it is not reqwest or axum, nor hyper-util's pooled client or
//! its HTTP/1-and-2 server.
//!
//! The server records what the examples need to prove: how many requests it served, how many
//! it was working on at once, and how many clients hung up before it answered — which is what
//! a cancelled request looks like from the server's side.

#![allow(dead_code)] // each example uses part of it

use std::collections::HashMap;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http_body_util::{BodyExt, Empty, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::HOST;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Uri};
use hyper_util::rt::TokioIo;
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
    /// Serves `routes` (path and query -> route) on a free loopback port; anything else is a
    /// 404.
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
                let service =
                    service_fn(move |request| answer(request, routes.clone(), stats.clone()));
                connections.spawn(async move {
                    // A client that closes the connection before the answer ends this future
                    // with an error, dropping the request's `answer` unfinished.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
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

    /// Requests answered: their response handed to the connection.
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

    /// Waits (a second at most) until the server works on no request: a cancelled request
    /// reaches it a moment after the client dropped it.
    pub async fn idle(&self) {
        for _ in 0..1000 {
            if self.busy() == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// Stops the server and waits for its tasks to end.
    pub async fn shutdown(mut self) {
        self.tasks.abort_all();
        while self.tasks.join_next().await.is_some() {}
    }
}

/// A request being worked on, counted in `busy` while it lives. Dropped before
/// [`Working::answered`] — its connection closed by the client, so hyper dropped the request's
/// future (or the server shut down, after which nobody reads the counts) — it counts as a
/// hang-up.
struct Working {
    stats: Arc<Stats>,
    answered: bool,
}

impl Working {
    fn start(stats: Arc<Stats>) -> Working {
        let busy = stats.busy.fetch_add(1, Ordering::SeqCst) + 1;
        stats.most_busy.fetch_max(busy, Ordering::SeqCst);
        Working {
            stats,
            answered: false,
        }
    }

    fn answered(mut self) {
        self.answered = true;
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        self.stats.busy.fetch_sub(1, Ordering::SeqCst);
        let count = if self.answered {
            &self.stats.served
        } else {
            &self.stats.hung_up
        };
        count.fetch_add(1, Ordering::SeqCst);
    }
}

/// Waits the route's delay, then answers; a 404 at once for a path with no route.
async fn answer(
    request: Request<Incoming>,
    routes: Arc<HashMap<String, Route>>,
    stats: Arc<Stats>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |path| path.as_str());
    let Some(route) = routes.get(path) else {
        let mut response = Response::new(Full::default());
        *response.status_mut() = StatusCode::NOT_FOUND;
        return Ok(response);
    };
    let working = Working::start(stats);
    tokio::time::sleep(route.delay).await;
    working.answered();
    Ok(Response::new(Full::new(Bytes::from(route.body.clone()))))
}

/// A response.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub body: String,
}

/// `GET url` (`http://host:port/path`), on a connection of its own. Dropping the future
/// closes the connection.
pub async fn get(url: &str) -> io::Result<Page> {
    let not_http = || io::Error::new(io::ErrorKind::InvalidInput, "not an http:// URL");
    let uri: Uri = url.parse().map_err(|_| not_http())?;
    let authority = match (uri.scheme_str(), uri.authority()) {
        (Some("http"), Some(authority)) => authority.clone(),
        _ => return Err(not_http()),
    };
    let port = authority.port_u16().unwrap_or(80);
    let stream = TcpStream::connect(format!("{}:{port}", authority.host())).await?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(io::Error::other)?;
    let path = uri.path_and_query().map_or("/", |path| path.as_str());
    let request = Request::get(path)
        .header(HOST, authority.as_str())
        .body(Empty::<Bytes>::new())
        .map_err(io::Error::other)?;
    let exchange = async move {
        let response = sender.send_request(request).await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok::<_, hyper::Error>((status, body))
    };
    // The connection is driven here rather than on a task of its own, so that dropping this
    // future drops it, closing the socket. It ends once the exchange is done and has dropped
    // `sender`; an error of its own also fails the exchange, which tells it.
    let (exchange, _) = tokio::join!(exchange, connection);
    let (status, body) = exchange.map_err(io::Error::other)?;
    Ok(Page {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

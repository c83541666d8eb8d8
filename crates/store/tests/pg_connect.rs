//! Connecting to a PostgreSQL server that cannot be used: a refused
//! connection fails at once and says so; only a server that accepts and
//! then says nothing is waited for, up to the connect timeout. Neither needs
//! a running server.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use ironbridge_store::PgStore;

/// A local port nothing listens on: bound, read, released.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

#[tokio::test]
async fn a_refused_connection_fails_within_two_seconds_and_says_refused() {
    let url = format!(
        "postgres://ironbridge:secret@127.0.0.1:{}/ironbridge",
        closed_port()
    );
    let started = Instant::now();
    let error = PgStore::connect(&url).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    assert_eq!(error.code(), "store.unavailable");
    let message = error.to_string();
    assert!(message.contains("connection refused"), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[tokio::test]
async fn a_server_that_accepts_but_never_answers_times_out_and_says_so() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    // Accepts every connection and holds it open without a word.
    let holder = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(4) {
            match stream {
                Ok(stream) => held.push(stream),
                Err(_) => break,
            }
        }
        std::thread::sleep(Duration::from_secs(10));
        drop(held);
    });
    let url = format!("postgres://ironbridge:secret@127.0.0.1:{port}/ironbridge?sslmode=disable");
    let started = Instant::now();
    let error = PgStore::connect(&url).await.unwrap_err();
    let elapsed = started.elapsed();
    let limit = ironbridge_store::PG_CONNECT_TIMEOUT;
    assert!(
        elapsed >= limit && elapsed < limit + Duration::from_secs(2),
        "took {elapsed:?}"
    );
    let message = error.to_string();
    assert!(message.contains("did not answer within"), "{message}");
    drop(holder);
}

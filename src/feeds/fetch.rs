//! Fetching feeds over HTTP(S): timeouts, a size cap, conditional GET, gzip, redirects, and a
//! small pool of threads for many feeds at once. Errors name the URL and the cause.

use std::io::Read;
use std::time::Duration;

/// How fetching behaves; the defaults suit news feeds.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub connect_timeout: Duration,
    /// The longest wait for any single read of the response.
    pub read_timeout: Duration,
    /// Bodies larger than this are refused (a feed is rarely above a few MiB).
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Feeds fetched at once.
    pub threads: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            threads: 4,
        }
    }
}

/// What the server said last time, sent back so an unchanged feed costs one short answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    /// 304: the feed has not changed since the validators were given.
    NotModified,
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: timed out")]
    TimedOut { url: String },
    #[error("{url}: connection refused or failed")]
    Refused { url: String },
    #[error("{url}: host not found")]
    HostNotFound { url: String },
    #[error("{url}: larger than the {limit} bytes a feed may have; skipped")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: too many redirects")]
    TooManyRedirects { url: String },
    #[error("{url}: {cause}")]
    Other { url: String, cause: String },
}

/// Fetches HTTP(S) URLs with one configured agent (connections are reused).
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_per_read(Some(options.read_timeout))
            // A server that trickles bytes forever is cut off too.
            .timeout_global(Some(options.connect_timeout + options.read_timeout * 3))
            .max_redirects(options.max_redirects)
            .http_status_as_error(false)
            .user_agent(concat!("tidings/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher {
            agent: config.into(),
            options,
        }
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// One GET, conditional when validators are given.
    pub fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut request = self.agent.get(url);
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(lm) = &validators.last_modified {
            request = request.header("If-Modified-Since", lm);
        }
        let mut response = request
            .call()
            .map_err(|e| error(url, e, self.options.max_bytes))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status {
                url: url.to_string(),
                status,
            });
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let limit = self.options.max_bytes;
        let mut bytes = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(url, e))?;
        if bytes.len() as u64 > limit {
            return Err(FetchError::TooLarge {
                url: url.to_string(),
                limit,
            });
        }
        Ok(Fetched::Body { bytes, validators })
    }

    /// Fetches many URLs on a few threads; results come back in the order of `jobs`.
    pub fn fetch_all(&self, jobs: &[(String, Validators)]) -> Vec<Result<Fetched, FetchError>> {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<std::sync::Mutex<Option<Result<Fetched, FetchError>>>> =
            jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..self.options.threads.clamp(1, 16).min(jobs.len().max(1)) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((url, validators)) = jobs.get(i) else {
                            break;
                        };
                        let result = self.fetch(url, validators);
                        if let Some(Ok(mut slot)) = results.get(i).map(|s| s.lock()) {
                            *slot = Some(result);
                        }
                    }
                });
            }
        });
        results
            .into_iter()
            .zip(jobs)
            .map(|(slot, (url, _))| {
                slot.into_inner().ok().flatten().unwrap_or_else(|| {
                    Err(FetchError::Other {
                        url: url.clone(),
                        cause: "the fetching thread stopped".into(),
                    })
                })
            })
            .collect()
    }
}

fn io_error(url: &str, e: std::io::Error) -> FetchError {
    // ureq reports its own errors (timeouts, limits) through io::Error while a body is read.
    match e.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
        Some(Ok(inner)) => error(url, *inner, 0),
        Some(Err(other)) => FetchError::Other {
            url: url.to_string(),
            cause: other.to_string(),
        },
        None => FetchError::Other {
            url: url.to_string(),
            cause: "read failed".into(),
        },
    }
}

fn error(url: &str, e: ureq::Error, limit: u64) -> FetchError {
    let url = url.to_string();
    match e {
        ureq::Error::StatusCode(status) => FetchError::Status { url, status },
        ureq::Error::Timeout(_) => FetchError::TimedOut { url },
        ureq::Error::ConnectionFailed => FetchError::Refused { url },
        ureq::Error::HostNotFound => FetchError::HostNotFound { url },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge { url, limit },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects { url },
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::Refused { url }
        }
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            FetchError::TimedOut { url }
        }
        other => FetchError::Other {
            url,
            cause: other.to_string(),
        },
    }
}

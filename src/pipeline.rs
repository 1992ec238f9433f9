//! The parallel part of a run: the per-input stages on the worker threads,
//! with each input's result handed on in input order.
//!
//! Workers take the next input index from a shared counter, so both cores
//! stay busy whatever the mix of small and large files, and a consumer on
//! the calling thread receives the results strictly in input order. Output
//! therefore does not depend on thread count or timing (SPEC §2), yet no
//! result waits for the whole corpus: a worker may run at most [`WINDOW`]
//! inputs ahead of the consumer, which bounds what is held in memory. An
//! indexed `par_iter().collect()` would keep every document until the end.
//!
//! This module owns scheduling only; what happens to a result is the
//! caller's business.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::incremental::{Previous, Reused};
use crate::ingest::Found;
use crate::{Config, Progress, SourceResult, Timings};

/// What became of one input on a worker.
#[derive(Debug)]
pub(crate) enum Done {
    /// It went through the per-input stages.
    Processed(SourceResult),
    /// It is unchanged since the previous output, whose results it reuses.
    Reused(Reused),
}

impl Done {
    /// The input's result, however it was obtained.
    pub(crate) fn into_result(self) -> SourceResult {
        match self {
            Done::Processed(s) => s,
            // Only runs with every reused input read back call this.
            Done::Reused(r) => r.result.unwrap_or_else(|| crate::skipped(r.record, "not read back".into())),
        }
    }
}

/// How many inputs a worker may run ahead of the consumer. Enough to keep
/// two cores busy past one slow file, small enough that the results held
/// meanwhile are a few megabytes.
pub const WINDOW: usize = 256;

/// Processes `found` (with their source ids) on the rayon pool's threads,
/// reusing the results of `previous` for inputs it has unchanged.
/// `each` runs on a worker right after an input is processed (to render and
/// write what only that input needs); `ordered` then gets what `each`
/// returned, on the calling thread, in input order. The first error from
/// `ordered` stops the run and is returned. Returns the summed time of every
/// stage run on the workers.
pub(crate) fn run<T: Send, E>(
    found: &[Found],
    ids: &[String],
    config: &Config,
    previous: Option<&Previous>,
    progress: &dyn Progress,
    each: &(dyn Fn(Done, &mut Timings) -> T + Sync),
    ordered: &mut dyn FnMut(T) -> Result<(), E>,
) -> Result<Timings, E> {
    let total = found.len();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Index of the next result the consumer needs.
    let consumed = Mutex::new(0usize);
    let moved_on = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<T>, Timings)>();
    let workers = rayon::current_num_threads().clamp(1, total.max(1));

    let work = |tx: mpsc::Sender<(usize, std::thread::Result<T>, Timings)>| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= total {
                break;
            }
            {
                let mut done = consumed.lock().unwrap_or_else(|e| e.into_inner());
                while i >= *done + WINDOW && !stop.load(Ordering::Relaxed) {
                    done = moved_on.wait(done).unwrap_or_else(|e| e.into_inner());
                }
            }
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let mut timings = Timings::default();
            let result = process(&found[i], &ids[i], config, previous, &mut timings);
            progress.advance();
            let out = catch_unwind(AssertUnwindSafe(|| each(result, &mut timings)));
            if tx.send((i, out, timings)).is_err() {
                break;
            }
        }
    };

    let mut timings = Timings::default();
    let mut outcome = Ok(());
    rayon::in_place_scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let work = &work;
            scope.spawn(move |_| work(tx));
        }
        drop(tx);
        let mut pending: BTreeMap<usize, (std::thread::Result<T>, Timings)> = BTreeMap::new();
        let mut want = 0;
        let mut panic = None;
        while want < total {
            let Ok((i, out, t)) = rx.recv() else { break };
            pending.insert(i, (out, t));
            while let Some((out, t)) = pending.remove(&want) {
                timings.add(&t);
                want += 1;
                *consumed.lock().unwrap_or_else(|e| e.into_inner()) = want;
                moved_on.notify_all();
                let started = Instant::now();
                match out.and_then(|value| catch_unwind(AssertUnwindSafe(|| ordered(value)))) {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => outcome = Err(e),
                    Err(payload) => panic = Some(payload),
                }
                timings.ordered += started.elapsed();
                if outcome.is_err() || panic.is_some() {
                    break;
                }
            }
            if outcome.is_err() || panic.is_some() {
                break;
            }
        }
        // Let blocked workers go and drop what they still send.
        stop.store(true, Ordering::Relaxed);
        moved_on.notify_all();
        drop(rx);
        if let Some(payload) = panic {
            resume_unwind(payload);
        }
    });
    outcome.map(|()| timings)
}

/// Reads one input, and processes it unless `previous` has its results. A
/// bug must cost one file, not the run: a panic becomes a skipped input
/// that names the file.
fn process(found: &Found, id: &str, config: &Config, previous: Option<&Previous>, timings: &mut Timings) -> Done {
    let path: &Path = &found.path;
    if let Some(e) = &found.error {
        return Done::Processed(crate::skipped(crate::blank_record(id, path), e.to_string()));
    }
    let started = Instant::now();
    let read = crate::ingest::read(path, config.max_bytes);
    timings.read += started.elapsed();
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => return Done::Processed(crate::skipped(crate::blank_record(id, path), e.to_string())),
    };
    if let Some(record) = previous.and_then(|p| p.record(&crate::display_path(path), id)) {
        let reused = timed(&mut timings.reuse, || {
            (crate::sha256_hex(&bytes) == record.sha256).then(|| previous.and_then(|p| p.reuse(record, path))).flatten()
        });
        if let Some(r) = reused {
            return Done::Reused(r);
        }
    }
    Done::Processed(
        catch_unwind(AssertUnwindSafe(|| crate::process_timed(id, path, &bytes, config, timings))).unwrap_or_else(
            |_| {
                crate::skipped(
                    crate::blank_record(id, path),
                    "internal error while processing this file (please report it)".into(),
                )
            },
        ),
    )
}

/// Adds the time `f` takes to `slot`.
pub(crate) fn timed<R>(slot: &mut Duration, f: impl FnOnce() -> R) -> R {
    let started = Instant::now();
    let r = f();
    *slot += started.elapsed();
    r
}

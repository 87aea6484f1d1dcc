//! How a load is carried out, kept out of the steps: the progress counter (shared by the threads,
//! and summing the first stages' times under the lock it takes anyway), the parallel map over the
//! pages, the clock of the model's time, and freeing memory off the driving thread.

use super::types::{Timings, add_timings};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Counts steps of work for a progress callback: three per page (read, parse, build). Shared by
/// the threads that do the work, behind a mutex, so the callback sees one call at a time.
pub(super) struct Progress<'a>(Mutex<Counter<'a>>);

struct Counter<'a> {
    done: usize,
    total: usize,
    report: &'a mut (dyn FnMut(usize, usize) + Send),
    /// The stage times of the pages read so far (counted here, under the lock the progress
    /// takes anyway, rather than kept for each page).
    timings: Timings,
}

impl Counter<'_> {
    fn advance(&mut self, steps: usize) {
        self.done = (self.done + steps).min(self.total);
        (self.report)(self.done, self.total);
    }
}

impl<'a> Progress<'a> {
    const STEPS_PER_PAGE: usize = 3;

    /// A count of `pages` pages' steps, reported at once as `(0, total)`.
    pub(super) fn new(pages: usize, report: &'a mut (dyn FnMut(usize, usize) + Send)) -> Self {
        let progress = Progress(Mutex::new(Counter {
            done: 0,
            total: pages * Self::STEPS_PER_PAGE,
            report,
            timings: Timings::default(),
        }));
        progress.advance(0);
        progress
    }

    /// Counts `steps` more steps done, and reports them.
    pub(super) fn advance(&self, steps: usize) {
        self.lock().advance(steps);
    }

    /// Runs `stages` on every page in parallel; the results keep the pages' order, so the output
    /// does not depend on the number of threads. As each page finishes, its stage times are
    /// summed and its steps counted: all of them when `is_done` says the page is done, all but
    /// the build otherwise.
    pub(super) fn per_page<T: Send, R: Send>(
        &self,
        pages: Vec<T>,
        stages: impl Fn(T) -> (R, Timings) + Sync + Send,
        is_done: impl Fn(&R) -> bool + Sync + Send,
    ) -> Vec<R> {
        pages
            .into_par_iter()
            .map(|page| {
                let (result, t) = stages(page);
                let steps = if is_done(&result) {
                    Self::STEPS_PER_PAGE
                } else {
                    Self::STEPS_PER_PAGE - 1
                };
                let mut progress = self.lock();
                add_timings(&mut progress.timings, &t);
                progress.advance(steps);
                result
            })
            .collect()
    }

    /// The stage times summed over the pages [`Progress::per_page`] ran.
    pub(super) fn timings(&self) -> Timings {
        self.lock().timings
    }

    fn lock(&self) -> MutexGuard<'_, Counter<'a>> {
        // A callback that panicked poisons the mutex; counting goes on regardless.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The model's time: lowering summed over the threads that lower (as the first stages' times
/// are), and the rest as elapsed (one thread).
pub(super) struct ModelClock {
    start: Instant,
    /// The elapsed time of the lowering passes (replaced by `lowering`).
    passes: Mutex<Duration>,
    /// The lowering of each page, summed.
    lowering: AtomicU64,
}

impl ModelClock {
    /// Starts the clock.
    pub(super) fn start() -> Self {
        ModelClock {
            start: Instant::now(),
            passes: Mutex::new(Duration::ZERO),
            lowering: AtomicU64::new(0),
        }
    }

    /// Runs a lowering pass: its elapsed time counts as the sum of its pages' times (see
    /// [`ModelClock::page`]).
    pub(super) fn pass<R>(&self, pass: impl FnOnce() -> R) -> R {
        let start = Instant::now();
        let result = pass();
        *self
            .passes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) += start.elapsed();
        result
    }

    /// Lowers one page (on any thread), adding the time it takes.
    pub(super) fn page<R>(&self, lower: impl FnOnce() -> R) -> R {
        let start = Instant::now();
        let result = lower();
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.lowering.fetch_add(nanos, Ordering::Relaxed);
        result
    }

    /// The model's time since [`ModelClock::start`].
    pub(super) fn model_time(self) -> Duration {
        let passes = self
            .passes
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.start.elapsed().saturating_sub(passes)
            + Duration::from_nanos(self.lowering.into_inner())
    }
}

/// Drops `value` on an idle thread of the pool rather than on this one, which has more to do.
pub(super) fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

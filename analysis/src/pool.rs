//! Work shared out to one thread per core, each taking the next task as it
//! finishes one, with the results in task order whichever thread ran them.
//!
//! Never more threads than cores: when threads outnumber them and some end,
//! the scheduler leaves the rest sharing a core for milliseconds (it keeps a
//! thread where its cache is warm), a third of a small analysis's time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The cores this process may use (read once: each reading opens files).
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |c| c.get()))
}

/// `work(0)`, `work(1)`, … `work(tasks - 1)` on up to [`cores`] threads, the
/// calling one included. Tasks are taken in order: put the longest first.
pub fn run<T: Send>(tasks: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = cores().min(tasks);
    if threads <= 1 {
        return (0..tasks).map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let task = next.fetch_add(1, Ordering::Relaxed);
            if task >= tasks {
                return done;
            }
            done.push((task, work(task)));
        }
    };
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        let mut done = worker();
        for helper in helpers {
            done.extend(helper.join().expect("an analysis worker panicked"));
        }
        done
    });
    done.sort_unstable_by_key(|&(task, _)| task);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_task_order() {
        // Uneven tasks, so that the threads finish them out of order.
        let squares = super::run(200, |i| {
            if i % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            i * i
        });
        assert_eq!(squares, (0..200).map(|i| i * i).collect::<Vec<_>>());
        assert!(super::run(0, |i| i).is_empty());
    }
}

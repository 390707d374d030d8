//! Times the year-over-year comparison natively: each file read and checked (as
//! `annuaire-cpts compare` does, both at once on two threads), then the comparison itself, then
//! the « Évolutions » workbook. The files come from `examples/gen_bench.rs`:
//!
//! ```text
//! cargo build --release --example gen_bench --example bench_compare
//! target/release/examples/gen_bench 100000 bench-output/data/rows-100000.xlsx
//! target/release/examples/gen_bench 100000 bench-output/data/last-100000.xlsx 2026 --last-year
//! target/release/examples/bench_compare bench-output/data/last-100000.xlsx bench-output/data/rows-100000.xlsx [RUNS]
//! ```
//!
//! The comparison is run `RUNS` times (default 5) on the same checked files; its median and
//! range are printed.

// A measure, not the library: it picks its median by index (Cargo.toml's [lints] hold the
// library and the command line to these lints).
#![allow(clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use annuaire_cpts::check::CheckOptions;
use annuaire_cpts::compare::{compare, Side};
use annuaire_cpts::{Document, Outcome, Schema, Ymd};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(last), Some(this)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bench_compare LAST.xlsx THIS.xlsx [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let options = CheckOptions {
        today: Ymd {
            year: 2026,
            month: 6,
            day: 1,
        },
        cpts: None,
        year: None,
        refused_fixes: Vec::new(),
    };
    let open = |path: &str| -> (Document, Outcome, Duration) {
        let t = Instant::now();
        let bytes = std::fs::read(path).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
        let document = Document::open(&bytes, path, Schema::default(), None)
            .unwrap_or_else(|e| fail(&format!("{path}: {e}")));
        let outcome = document.check(&options);
        (document, outcome, t.elapsed())
    };

    let t = Instant::now();
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| open(last));
        let b = open(this);
        (a.join().unwrap_or_else(|_| fail("a thread panicked")), b)
    });
    let both = t.elapsed();
    println!(
        "read + check   {:>8.1} ms  both at once ({:.1} ms and {:.1} ms alone), {} and {} rows",
        ms(both),
        ms(a.2),
        ms(b.2),
        a.0.table.rows.len(),
        b.0.table.rows.len()
    );

    let mut times = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    let mut comparison = None;
    for _ in 0..runs {
        let t = Instant::now();
        let on_cpu = thread_cpu_ns();
        let c = compare(
            Side {
                document: &a.0,
                outcome: &a.1,
            },
            Side {
                document: &b.0,
                outcome: &b.1,
            },
        );
        times.push(t.elapsed());
        cpu.push(thread_cpu_ns().saturating_sub(on_cpu));
        comparison = Some(c);
    }
    times.sort();
    cpu.sort_unstable();
    let Some(c) = comparison else { return };
    println!(
        "compare        {:>8.1} ms  median of {runs} ({:.1}–{:.1} ms; on the CPU {:.1} ms, what the machine's load does not inflate): {} joined, {} left, {} changed, {} unchanged, {} ambiguous, {} objecting",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1]),
        cpu[runs / 2] as f64 / 1e6,
        c.joined.len(),
        c.left.len(),
        c.changed.len(),
        c.unchanged,
        c.ambiguous.len(),
        c.objecting
    );
    let t = Instant::now();
    let file = annuaire_cpts::write::write_evolutions(&c).unwrap_or_else(|e| fail(&e.to_string()));
    let write = t.elapsed();
    println!("évolutions     {:>8.1} ms  {} bytes", ms(write), file.len());
    println!(
        "total          {:>8.1} ms  read + check, compare, évolutions",
        ms(both + times[runs / 2] + write)
    );
    // A yardstick on the same machine at the same moment: this year's file checked again,
    // alone on this thread (its figure unloaded is in BENCHMARKS.md, « Native stages »).
    let on_cpu = thread_cpu_ns();
    let t = Instant::now();
    let _ = b.0.check(&options);
    let check_cpu = thread_cpu_ns().saturating_sub(on_cpu).max(1);
    println!(
        "one check      {:>8.1} ms  (on the CPU {:.1} ms): the comparison costs {:.0} % of it",
        ms(t.elapsed()),
        check_cpu as f64 / 1e6,
        100.0 * cpu[runs / 2] as f64 / check_cpu as f64
    );
}

/// Nanoseconds this thread has spent on a CPU (Linux `/proc/thread-self/schedstat`; 0
/// elsewhere): on a shared machine, the cost of the work itself.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fail(message: &str) -> ! {
    eprintln!("bench_compare: {message}");
    std::process::exit(1);
}

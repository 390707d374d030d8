//! Times each stage of the pipeline natively (read, check, write), the same calls the page's
//! worker makes, so that a slow stage can be profiled alone:
//!
//! ```text
//! cargo build --release --example bench_stages
//! target/release/examples/bench_stages bench-output/data/rows-100000.xlsx        # all stages
//! perf record -g target/release/examples/bench_stages FILE read                  # read only
//! valgrind --tool=callgrind target/release/examples/bench_stages FILE check
//! ```
//!
//! The last argument picks where to stop: `read`, `check` or `write` (default).

use std::time::Instant;

use annuaire_cpts::check::CheckOptions;
use annuaire_cpts::{Document, Schema, Ymd};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench_stages FILE [read|check|write]");
        std::process::exit(2);
    };
    let until = args.get(1).map_or("write", String::as_str);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("bench_stages: {path}: {e}");
            std::process::exit(2);
        }
    };
    let options = CheckOptions {
        today: Ymd {
            year: 2026,
            month: 6,
            day: 1,
        },
        cpts: Some("CPTS Bench".into()),
        year: Some(2026),
        refused_fixes: Vec::new(),
    };

    let t0 = Instant::now();
    let document = match Document::open(
        &bytes,
        "Annuaire_CPTS_Bench_2026.xlsx",
        Schema::default(),
        None,
    ) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bench_stages: {e}");
            std::process::exit(1);
        }
    };
    let read = t0.elapsed();
    println!(
        "read   {:>8.1} ms  {} rows{}",
        ms(read),
        document.table.rows.len(),
        peak()
    );
    if until == "read" {
        return;
    }

    let t1 = Instant::now();
    let outcome = document.check(&options);
    let check = t1.elapsed();
    println!(
        "check  {:>8.1} ms  {} findings{}",
        ms(check),
        outcome.report.issues.len(),
        peak()
    );
    if until == "check" {
        return;
    }

    let t2 = Instant::now();
    // As the page does: the download writes from the check just made.
    match document.write_checked(outcome) {
        Ok(corrected) => {
            let write = t2.elapsed();
            println!(
                "write  {:>8.1} ms  {} bytes{}",
                ms(write),
                corrected.bytes.len(),
                peak()
            );
        }
        Err(e) => {
            eprintln!("bench_stages: {e}");
            std::process::exit(1);
        }
    }
    println!("total  {:>8.1} ms", ms(t0.elapsed()));
}

/// The process's peak resident size so far (Linux), to see which stage sets the memory peak.
fn peak() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("  (peak RSS so far {} MiB)", kb / 1024))
        })
        .unwrap_or_default()
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

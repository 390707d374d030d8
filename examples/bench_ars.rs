//! Times each stage of `annuaire-cpts ars` natively on a set of files (the same calls as the
//! command line: one thread per core for the checks, the indicators beside the merged
//! workbook), with the process's CPU time per stage, so that a slow stage can be profiled:
//!
//! ```text
//! cargo build --release --example gen_bench --example bench_ars
//! for i in $(seq 1 60); do target/release/examples/gen_bench 2000 bench-output/ars/Annuaire_CPTS_Bench_${i}_2026.xlsx $i; done
//! target/release/examples/bench_ars bench-output/ars/*.xlsx
//! ```
// A benchmark: it may index and unwrap (Cargo.toml's [lints] hold the library and the command
// line to these lints).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use annuaire_cpts::ars::{check_file, Batch};
use annuaire_cpts::{Schema, Ymd};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: bench_ars FILE...");
        std::process::exit(2);
    }
    let today = Ymd {
        year: 2026,
        month: 6,
        day: 1,
    };
    let schema = Schema::default();
    let t0 = Instant::now();
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            let name = std::path::Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(p).unwrap())
        })
        .collect();
    let read = t0.elapsed();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t1 = Instant::now();
    let c1 = cpu_ms();
    let chunk = files.len().div_ceil(threads);
    let entries: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk.max(1))
            .map(|part| {
                let schema = &schema;
                scope.spawn(move || {
                    part.iter()
                        .map(|(name, bytes)| check_file(bytes, name, schema, None, today))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let checked = t1.elapsed();
    let rows: usize = entries.iter().map(|e| e.rows_read).sum();
    let t2 = Instant::now();
    let c2 = cpu_ms();
    let batch = Batch::new(entries, schema.clone(), None, today);
    let merged_check = t2.elapsed();
    let c3 = cpu_ms();
    // As the command line does: the indicators and their workbook beside the merged workbook.
    let t3 = Instant::now();
    let (merged, (counts, counted)) = std::thread::scope(|scope| {
        let counted = scope.spawn(|| {
            let t = Instant::now();
            let indicators = batch.indicators();
            let counts =
                annuaire_cpts::write::write_indicators(&indicators, batch.year, batch.read_count())
                    .unwrap();
            (counts, t.elapsed())
        });
        let merged = annuaire_cpts::write::write_merged_on(&batch, threads).unwrap();
        (merged, counted.join().unwrap())
    });
    let written = t3.elapsed();
    let c4 = cpu_ms();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("files {} rows {rows} threads {threads}", files.len());
    println!("read files      {:>8.1} ms", ms(read));
    println!(
        "open + check    {:>8.1} ms  cpu {:>6} ms",
        ms(checked),
        c2 - c1
    );
    println!(
        "other CPTS      {:>8.1} ms  cpu {:>6} ms",
        ms(merged_check),
        c3 - c2
    );
    println!(
        "both workbooks  {:>8.1} ms  cpu {:>6} ms  merged {} bytes, indicators {} bytes ({:.1} ms of it)",
        ms(written),
        c4 - c3,
        merged.len(),
        counts.len(),
        ms(counted)
    );
    println!(
        "total           {:>8.1} ms  cpu {:>6} ms",
        ms(t0.elapsed()),
        cpu_ms()
    );
}

/// User + system CPU time of the process so far, in ms (Linux: /proc/self/stat, in ticks
/// of 10 ms), 0 elsewhere: the machine is shared, and CPU time is what load distorts least.
fn cpu_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // The fields after the command name (which may hold spaces), from field 3 on.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15, i.e. 11 and 12 after the command name.
    (ticks(11) + ticks(12)) * 10
}

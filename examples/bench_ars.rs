//! Times each stage of `annuaire-cpts ars` natively on a set of files (the same calls as the
//! command line, one thread per core for the checks), so that a slow stage can be profiled:
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
    let batch = Batch::new(entries, schema.clone(), None, today);
    let merged_check = t2.elapsed();
    let t3 = Instant::now();
    let indicators = batch.indicators();
    let counted = t3.elapsed();
    let t4 = Instant::now();
    let merged = annuaire_cpts::write::write_merged(&batch).unwrap();
    let written = t4.elapsed();
    let t5 = Instant::now();
    let counts =
        annuaire_cpts::write::write_indicators(&indicators, batch.year, batch.read_count())
            .unwrap();
    let counts_written = t5.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("files {} rows {rows} threads {threads}", files.len());
    println!("read files      {:>8.1} ms", ms(read));
    println!("open + check    {:>8.1} ms", ms(checked));
    println!("other CPTS      {:>8.1} ms", ms(merged_check));
    println!("indicators      {:>8.1} ms", ms(counted));
    println!(
        "write merged    {:>8.1} ms  {} bytes",
        ms(written),
        merged.len()
    );
    println!(
        "write counts    {:>8.1} ms  {} bytes",
        ms(counts_written),
        counts.len()
    );
    println!("total           {:>8.1} ms", ms(t0.elapsed()));
}

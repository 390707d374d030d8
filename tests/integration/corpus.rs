//! Every file of the real-world corpus (`../shared/corpus/`, its README and `MANIFEST.tsv`)
//! through `annuaire-cpts check`, as a coordinator's file would go: exit 0, 1 or 2, no panic on
//! stderr, under 10 s and under 1 GB (the process runs under `ulimit -t` and `ulimit -v`, so
//! going past either kills or aborts it, which no allowed exit code is). The time is CPU time:
//! the same on a loaded machine as on CI's, where wall time is not. A file a reference reader reads must be read:
//! `file.unreadable` is wrong for it (a readable file that is not a directory gives
//! `file.no_header`). A refused `optional` file must name its format.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The CPU seconds a run may take; far above what any file takes (see the issue notes).
const MAX_CPU_SECONDS: u64 = 10;
/// Wall time after which a run that waits without working counts as hung.
const MAX_WALL: Duration = Duration::from_secs(120);
/// Address space given to each run, in KiB (1 GiB).
const MAX_MEMORY_KIB: u64 = 1024 * 1024;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn allow_list() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/ALLOWLIST.tsv");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect()
}

#[test]
fn every_corpus_file_is_read_or_refused_clearly() {
    let root = corpus();
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the corpus is part of the tests (../shared/corpus beside the repository)",
            root.display()
        )
    });
    let allowed = allow_list();
    let bin = env!("CARGO_BIN_EXE_annuaire-cpts");
    let mut failures = Vec::new();
    let mut counts = [0usize; 3];
    let mut files = 0;
    for line in manifest.lines().skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(readable)) = (columns.first(), columns.get(4)) else {
            continue;
        };
        files += 1;
        let path = root.join(file);
        let start = Instant::now();
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v {MAX_MEMORY_KIB}; ulimit -t {MAX_CPU_SECONDS}; exec \"$0\" check --json \"$1\""
            ))
            .arg(bin)
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{bin}: {e}"));
        let elapsed = start.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        match code {
            Some(c @ 0..=2) => counts[c as usize] += 1,
            other => failures.push(format!(
                "{file}: exit {other:?} (killed, aborted, over 1 GB or over {MAX_CPU_SECONDS} s of CPU)"
            )),
        }
        if stderr.contains("panicked") {
            failures.push(format!("{file}: panicked: {stderr}"));
        }
        if elapsed > MAX_WALL {
            failures.push(format!("{file}: {elapsed:?}"));
        }
        let unreadable = stdout.contains("\"file.unreadable\"");
        if *readable == "yes" && unreadable && !allowed.iter().any(|a| a == file) {
            let message = stdout
                .lines()
                .find(|l| l.contains("\"message\""))
                .unwrap_or_default()
                .trim();
            failures.push(format!(
                "{file}: readable by a reference reader, refused: {message}"
            ));
        }
        if *readable == "optional" && unreadable && !stdout.contains("Ce fichier est ") {
            failures.push(format!(
                "{file}: refused without saying what it is: {stdout}"
            ));
        }
        if *readable == "yes" && !unreadable && allowed.iter().any(|a| a == file) {
            failures.push(format!(
                "{file}: now read, take it off tests/corpus/ALLOWLIST.tsv"
            ));
        }
    }
    eprintln!(
        "corpus: {files} files, exit 0: {}, exit 1: {}, exit 2: {}",
        counts[0], counts[1], counts[2]
    );
    assert!(files > 800, "only {files} files in the manifest");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

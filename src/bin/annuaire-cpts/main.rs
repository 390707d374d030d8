//! `annuaire-cpts`: the native command line over the same core as the page, for the ARS's batch
//! checks and for tests without a browser.
//!
//! Exit codes (SPEC §9): 0 no error, 1 errors found (a file read but holding no directory
//! included: `file.no_header`, `column.missing`), 2 only when the bytes could not be read as a
//! spreadsheet, or for bad arguments.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use annuaire_cpts::check::{CheckOptions, Outcome};
use annuaire_cpts::compare::Side;
use annuaire_cpts::filename::{ars_file_name, parse_ars_file_name};
use annuaire_cpts::text::cli as msg;
use annuaire_cpts::write::XlsxFile;
use annuaire_cpts::{Document, Report, Schema, Ymd};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("annuaire-cpts : {message}");
            ExitCode::from(2)
        }
    }
}

/// Parsed options common to the subcommands.
#[derive(Default)]
struct Options {
    positional: Vec<String>,
    json: bool,
    schema: Option<PathBuf>,
    sheet: Option<String>,
    cpts: Option<String>,
    year: Option<i32>,
    output: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| msg::missing_value(name));
        match arg.as_str() {
            "--json" => o.json = true,
            "--schema" => o.schema = Some(PathBuf::from(value("--schema")?)),
            "--sheet" => o.sheet = Some(value("--sheet")?),
            "--cpts" => o.cpts = Some(value("--cpts")?),
            "--year" => {
                let v = value("--year")?;
                let year = v.parse().ok().filter(|y| (1000..=9999).contains(y));
                o.year = Some(year.ok_or_else(|| msg::bad_year(&v))?);
            }
            "-o" | "--output" => o.output = Some(PathBuf::from(value("-o")?)),
            s if s.starts_with('-') && s.len() > 1 => return Err(msg::unknown_option(s)),
            _ => o.positional.push(arg.clone()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        println!("{}", msg::USAGE);
        return Ok(ExitCode::from(2));
    };
    let o = parse(rest)?;
    match command.as_str() {
        "check" => check(&o, false),
        "fix" => check(&o, true),
        "compare" => compare(&o),
        "ars" => ars(&o),
        "filename" => {
            let name = o.positional.join(" ");
            let file = ars_file_name(&name, o.year.unwrap_or(today().year));
            // A name of punctuation only gives `Annuaire__2026.xlsx`, which names no CPTS.
            if parse_ars_file_name(&file).is_none() {
                return Err(msg::missing_argument("NOM"));
            }
            println!("{file}");
            Ok(ExitCode::SUCCESS)
        }
        "schema" => {
            // The file the ARS starts from: the default, or the one given, as read.
            println!("{}", load_schema(&o)?.to_json());
            Ok(ExitCode::SUCCESS)
        }
        "template" => {
            let template = annuaire_cpts::write::write_template(&load_schema(&o)?)
                .map_err(|e| e.to_string())?;
            let path = match o.output {
                // A directory gets the default name inside it.
                Some(dir) if dir.is_dir() => dir.join(msg::TEMPLATE_FILE),
                Some(file) => file,
                None => PathBuf::from(msg::TEMPLATE_FILE),
            };
            save(&template, &path)?;
            println!("{}", msg::written(&path));
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            println!("{}", msg::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        other => Err(msg::unknown_command(other)),
    }
}

fn today() -> Ymd {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ymd::from_unix_days((secs / 86_400) as i64)
}

/// The schema of `--schema FILE`, or the default.
fn load_schema(o: &Options) -> Result<Schema, String> {
    match &o.schema {
        Some(p) => {
            let json = std::fs::read_to_string(p).map_err(|e| msg::cannot_read(p, &e))?;
            Schema::from_json(&json).map_err(|e| e.to_string())
        }
        None => Ok(Schema::default()),
    }
}

/// Writes a workbook to `path` chunk by chunk, as it lies in memory (no contiguous copy).
fn save(file: &XlsxFile, path: &Path) -> Result<(), String> {
    std::fs::File::create(path)
        .and_then(|out| file.write_to(out))
        .map_err(|e| msg::cannot_write(path, &e))
}

fn check(o: &Options, write: bool) -> Result<ExitCode, String> {
    let [path] = o.positional.as_slice() else {
        return Err(msg::missing_argument("FICHIER"));
    };
    let path = Path::new(path);
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let schema = load_schema(o)?;
    let bytes = std::fs::read(path).map_err(|e| msg::cannot_read(path, &e))?;
    let (cpts, year) = match (&o.cpts, parse_ars_file_name(&file)) {
        (Some(c), _) => (Some(c.clone()), o.year),
        (None, Some((c, y))) => (Some(c), o.year.or(Some(y))),
        (None, None) => (None, o.year),
    };
    if write && cpts.is_none() {
        return Err(msg::missing_cpts());
    }
    let options = CheckOptions {
        today: today(),
        cpts,
        year,
        refused_fixes: Vec::new(),
    };
    let document = match Document::open(&bytes, &file, schema, o.sheet.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            print_report(&Report::unreadable(&file, &e), o.json);
            return Ok(ExitCode::from(if e.is_unreadable() { 2 } else { 1 }));
        }
    };
    let report = if write {
        let corrected = document.write(&options).map_err(|e| e.to_string())?;
        let dir = o.output.clone().unwrap_or_else(|| PathBuf::from("."));
        // `-o DIR` names a folder, made when it does not exist yet.
        std::fs::create_dir_all(&dir).map_err(|e| msg::cannot_create_dir(&dir, &e))?;
        let target = dir.join(&corrected.name);
        if is_same_file(&target, path) {
            // The input already bears the ARS name: never overwrite the coordinator's original.
            return Err(msg::would_overwrite(&target));
        }
        save(&corrected.bytes, &target)?;
        if !o.json {
            println!("{}", msg::written(&target));
        }
        corrected.outcome.report
    } else {
        document.check(&options).report
    };
    print_report(&report, o.json);
    Ok(if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A file read and checked for `compare`, or why it could not be: the message and the exit
/// code (2 unreadable, 1 a spreadsheet that holds no directory).
type Checked = Result<(Document, Outcome), (String, u8)>;

/// `compare LAST THIS`: both files read and checked at once (one thread each), then compared.
fn compare(o: &Options) -> Result<ExitCode, String> {
    let [last, this] = o.positional.as_slice() else {
        return Err(msg::missing_argument("ANCIEN NOUVEAU"));
    };
    let schema = load_schema(o)?;
    let options = CheckOptions {
        today: today(),
        cpts: None,
        year: None,
        refused_fixes: Vec::new(),
    };
    // `--sheet` names this year's sheet; last year's is found by the reader.
    let open = |path: &str, sheet: Option<&str>| -> Result<Checked, String> {
        let path = Path::new(path);
        let file = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let bytes = std::fs::read(path).map_err(|e| msg::cannot_read(path, &e))?;
        Ok(match Document::open(&bytes, &file, schema.clone(), sheet) {
            Ok(document) => {
                let outcome = document.check(&options);
                Ok((document, outcome))
            }
            Err(e) => Err((
                annuaire_cpts::text::compare::unreadable(&file, &e.to_string()),
                if e.is_unreadable() { 2 } else { 1 },
            )),
        })
    };
    let (last, this) = std::thread::scope(|scope| {
        let last = scope.spawn(|| open(last, None));
        let this = open(this, o.sheet.as_deref());
        (last.join(), this)
    });
    let last = last.map_err(|_| msg::INTERNAL_ERROR.to_string())??;
    let this = this?;
    let (last, this) = match (last, this) {
        (Ok(last), Ok(this)) => (last, this),
        (last, this) => {
            let mut code = 0;
            for (message, exit) in [last.err(), this.err()].into_iter().flatten() {
                eprintln!("annuaire-cpts : {message}");
                code = code.max(exit);
            }
            return Ok(ExitCode::from(code));
        }
    };
    let comparison = annuaire_cpts::compare::compare(
        Side {
            document: &last.0,
            outcome: &last.1,
        },
        Side {
            document: &this.0,
            outcome: &this.1,
        },
    );
    if let Some(dir) = &o.output {
        std::fs::create_dir_all(dir).map_err(|e| msg::cannot_create_dir(dir, &e))?;
        let target = dir.join(annuaire_cpts::text::compare::evolutions_file_name(
            &comparison.this.file,
        ));
        let file =
            annuaire_cpts::write::write_evolutions(&comparison).map_err(|e| e.to_string())?;
        save(&file, &target)?;
        if !o.json {
            println!("{}", msg::written(&target));
        }
    }
    if o.json {
        match serde_json::to_string_pretty(&comparison) {
            Ok(s) => println!("{s}"),
            Err(e) => return Err(e.to_string()),
        }
    } else {
        print!("{}", annuaire_cpts::text::compare::report(&comparison));
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether two paths name the same existing file.
fn is_same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn print_report(report: &Report, json: bool) {
    if json {
        match serde_json::to_string_pretty(report) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("annuaire-cpts : {e}"),
        }
    } else {
        print!("{}", msg::report(report));
    }
}

/// `ars FILE... [-o DIR] [--year AAAA] [--json]`: every file checked (on as many threads as the
/// machine has cores), a progress line per file on stderr, the merged directory and the
/// indicators written into DIR, the table of files (or the JSON) on stdout. Exit 0 when no
/// file has an error, 1 otherwise, 2 when no file at all could be read.
fn ars(o: &Options) -> Result<ExitCode, String> {
    use annuaire_cpts::ars::{check_file, unreadable_file, Batch, FileEntry};
    use annuaire_cpts::text::ars as text;
    if o.positional.is_empty() {
        return Err(msg::missing_argument("FICHIER"));
    }
    let schema = load_schema(o)?;
    let today = today();
    let total = o.positional.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let check_one = |path: &String| -> FileEntry {
        let path = Path::new(path);
        let file = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let entry = match std::fs::read(path) {
            Ok(bytes) => check_file(&bytes, &file, &schema, o.year, today),
            Err(e) => unreadable_file(&file, text::cannot_read(&e), o.year, today),
        };
        let outcome = match &entry.message {
            Some(message) => message.clone(),
            None => text::progress_checked(entry.rows_read, entry.errors, entry.warnings),
        };
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        eprintln!("{}", text::progress(n, total, &file, &outcome));
        entry
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(total);
    // Each thread takes the next file until none is left; the lines keep the order given.
    let mut slots: Vec<Option<FileEntry>> = vec![None; total];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = o.positional.get(i) else {
                            break;
                        };
                        mine.push((i, check_one(path)));
                    }
                    mine
                })
            })
            .collect();
        for worker in workers {
            if let Ok(mine) = worker.join() {
                for (i, entry) in mine {
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(entry);
                    }
                }
            }
        }
    });
    let files: Vec<FileEntry> = slots.into_iter().flatten().collect();
    let batch = Batch::new(files, schema, o.year, today);
    if batch.read_count() == 0 {
        if o.json {
            print_json(&serde_json::json!({ "year": batch.year, "files": batch.files }));
        } else {
            print!("{}", text::files_table(&batch.files));
        }
        return Err(text::NOTHING_READ.into());
    }
    let dir = o.output.clone().unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).map_err(|e| msg::cannot_create_dir(&dir, &e))?;
    // The indicators (their masking included) and their workbook beside the merged workbook:
    // both only read the batch.
    let (merged, counted) = std::thread::scope(|scope| {
        let counted = scope.spawn(|| {
            let indicators = batch.indicators();
            let counts =
                annuaire_cpts::write::write_indicators(&indicators, batch.year, batch.read_count());
            (indicators, counts)
        });
        let merged = annuaire_cpts::write::write_merged_on(&batch, threads);
        (merged, counted.join())
    });
    let merged = merged.map_err(|e| e.to_string())?;
    let (indicators, counts) =
        counted.map_err(|_| msg::cannot_write(&dir, &std::io::Error::other("thread")))?;
    let counts = counts.map_err(|e| e.to_string())?;
    let merged_path = dir.join(text::merged_file(batch.year));
    let counts_path = dir.join(text::indicators_file(batch.year));
    save(&merged, &merged_path)?;
    save(&counts, &counts_path)?;
    if o.json {
        print_json(&serde_json::json!({
            "year": batch.year,
            "files": batch.files,
            "indicators": indicators,
            "written": [merged_path.display().to_string(), counts_path.display().to_string()],
        }));
    } else {
        print!("{}", text::files_table(&batch.files));
        println!("{}", msg::written(&merged_path));
        println!("{}", msg::written(&counts_path));
    }
    let code = if batch.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing every record and finding one by one would only delay
    // the exit (bench/NOTES.md, issue 15).
    std::mem::forget(batch);
    Ok(code)
}

fn print_json(value: &serde_json::Value) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("annuaire-cpts : {e}"),
    }
}

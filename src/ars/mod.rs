//! The ARS side (SPEC §12): every CPTS file of the year at once, one merged directory, and
//! indicators without personal data.
//!
//! | module | concern |
//! |---|---|
//! | `batch` | each file checked as on its own ([`check_file`]), its line of the table of files, the members two CPTS list |
//! | [`indicators`](mod@indicators) | the counts per CPTS and for the region |
//! | [`mask`] | small counts masked as the SNDS does, with secondary suppression |
//!
//! Bytes in, tables out: the command line reads the files (and may check them on several
//! threads, [`check_file`] being independent per file), then hands the lines to [`Batch::new`].
//! The workbooks are written by [`crate::write::write_merged`] and
//! [`crate::write::write_indicators`]. Where the checks run in workers that share no memory
//! (the page), each worker writes its files' rows of the merged directory
//! ([`crate::write::merged_rows`]) and hands its files to one of them with only what the
//! batch reads across files ([`hand_over`], [`take_over`]), which finishes the batch and writes
//! the workbook from the rows ([`crate::write::write_merged_from`]).
//!
//! ```
//! use annuaire_cpts::ars::{check_file, Batch};
//! use annuaire_cpts::{Schema, Ymd};
//! let today = Ymd { year: 2026, month: 3, day: 1 };
//! let template = annuaire_cpts::write::write_template(&Schema::default())?.to_vec();
//! let files = vec![
//!     check_file(&template, "Annuaire_CPTS_Lot_2026.xlsx", &Schema::default(), None, today),
//!     check_file(b"garbage", "notes.txt", &Schema::default(), None, today),
//! ];
//! let batch = Batch::new(files, Schema::default(), None, today);
//! assert_eq!(batch.year, 2026);
//! assert_eq!(batch.read_count(), 1);
//! assert!(batch.has_errors());
//! let indicators = batch.indicators();
//! assert_eq!(indicators.tables[0].rows.len(), 2, "the CPTS read, then the region");
//! # Ok::<(), annuaire_cpts::Error>(())
//! ```

use serde::Serialize;

mod audit;
mod batch;
mod certify;
pub mod indicators;
pub mod mask;

pub use batch::{
    check_file, hand_over, kept_members, mark_other_cpts, take_over, unreadable_file, FileEntry,
    Listing, READ_ACROSS_FILES,
};
pub use indicators::{department, indicators, IndicatorRow, IndicatorTable, Indicators};

use crate::schema::Schema;
use crate::table::Ymd;

/// Every file of the year, checked, with the members two CPTS list marked.
#[derive(Clone, Debug, Serialize)]
pub struct Batch {
    /// The year of the merged files' names.
    pub year: i32,
    /// The table of files, in the order given.
    pub files: Vec<FileEntry>,
    /// The schema the files were checked with.
    #[serde(skip)]
    pub schema: Schema,
}

impl Batch {
    /// The batch of these files: `year` when given, else the year most file names give (the
    /// latest on a tie), else `today`'s. Each kept member whose RPPS/ADELI an earlier file of
    /// another CPTS lists gets the notice `row.other_cpts`.
    pub fn new(mut files: Vec<FileEntry>, schema: Schema, year: Option<i32>, today: Ymd) -> Batch {
        // What these files list is for a worker after them: none here.
        let _ = mark_other_cpts(&mut files, &Listing::default(), &schema);
        Batch::marked(files, schema, year, today)
    }

    /// [`Batch::new`] of files whose members two CPTS list are marked already (by
    /// [`mark_other_cpts`], in the workers that checked them).
    pub fn marked(files: Vec<FileEntry>, schema: Schema, year: Option<i32>, today: Ymd) -> Batch {
        let year = year
            .or_else(|| most_common_year(&files))
            .unwrap_or(today.year);
        Batch {
            year,
            files,
            schema,
        }
    }

    /// How many files were read.
    pub fn read_count(&self) -> usize {
        self.files.iter().filter(|f| f.is_read()).count()
    }

    /// Whether any file has an error (an unreadable file has one).
    pub fn has_errors(&self) -> bool {
        self.files.iter().any(|f| f.errors > 0)
    }

    /// The indicators of the files read, per CPTS and for the region.
    pub fn indicators(&self) -> Indicators {
        let sources: Vec<indicators::Source<'_>> = self
            .files
            .iter()
            .filter(|f| f.is_read())
            .map(|f| indicators::Source {
                cpts: &f.cpts,
                outcome: &f.outcome,
            })
            .collect();
        indicators::build(&sources, &self.schema, true).0
    }
}

/// The year most file names give, the latest on a tie.
fn most_common_year(files: &[FileEntry]) -> Option<i32> {
    let mut years: Vec<i32> = files.iter().filter_map(|f| f.year).collect();
    years.sort_unstable();
    let mut best: Option<(usize, i32)> = None;
    for chunk in years.chunk_by(|a, b| a == b) {
        if let Some(&y) = chunk.first() {
            if best.is_none_or(|(n, _)| chunk.len() >= n) {
                best = Some((chunk.len(), y));
            }
        }
    }
    best.map(|(_, y)| y)
}

//! Where a checked table's findings live: one flat list in report order (the file's findings,
//! then each row's), which is the report's own list when nothing was edited, and the rows
//! checked again since, on the side. A large file has hundreds of thousands of findings: one
//! list per row would cost a header and an allocation per row, and a second copy of them all
//! to make the report (bench/NOTES.md, « the findings of a live check »).

use crate::hash::FastMap;
use crate::report::Finding;

/// The findings of a checked table (see the module's documentation).
#[derive(Debug, Default)]
pub(super) struct Store {
    /// The file's findings, then every row's, in report order, as first checked.
    flat: Vec<Finding>,
    /// How many of `flat` are the file's.
    head: usize,
    /// Each row's findings in `flat`: start and length.
    spans: Vec<(u32, u32)>,
    /// The findings of the rows checked again since, by table position.
    edited: FastMap<usize, Vec<Finding>>,
}

impl Store {
    /// A store opening with the file's findings, with room for `rows` rows.
    pub fn new(head: Vec<Finding>, rows: usize) -> Store {
        Store {
            head: head.len(),
            flat: head,
            spans: Vec::with_capacity(rows),
            edited: FastMap::default(),
        }
    }

    /// Appends the next row's findings; `total` is the number of rows the table has, from
    /// which the list's final size is projected.
    pub fn push_row(&mut self, findings: Vec<Finding>, total: usize) {
        reserve_projected(&mut self.flat, findings.len(), self.spans.len(), total);
        let start = u32::try_from(self.flat.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(findings.len()).unwrap_or(u32::MAX);
        self.flat.extend(findings);
        self.spans.push((start, len));
    }

    /// What the projection reserved beyond the last finding is given back.
    pub fn finish(&mut self) {
        self.flat.shrink_to_fit();
    }

    /// The file's findings.
    pub fn head(&self) -> &[Finding] {
        self.flat.get(..self.head).unwrap_or(&[])
    }

    /// The findings of the row at table position `position` (empty past the end).
    pub fn row(&self, position: usize) -> &[Finding] {
        if let Some(edited) = self.edited.get(&position) {
            return edited;
        }
        let Some(&(start, len)) = self.spans.get(position) else {
            return &[];
        };
        let (start, len) = (start as usize, len as usize);
        self.flat.get(start..start + len).unwrap_or(&[])
    }

    /// The findings of the row at `position`, to change (copied aside on the first change).
    pub fn row_mut(&mut self, position: usize) -> Option<&mut Vec<Finding>> {
        if position >= self.spans.len() {
            return None;
        }
        if !self.edited.contains_key(&position) {
            let copy = self.row(position).to_vec();
            self.edited.insert(position, copy);
        }
        self.edited.get_mut(&position)
    }

    /// Every finding in report order.
    pub fn iter(&self) -> impl Iterator<Item = &Finding> + Clone {
        self.head()
            .iter()
            .chain((0..self.spans.len()).flat_map(move |p| self.row(p).iter()))
    }

    /// Every finding in report order, as one list: the flat list itself when no row was
    /// checked again.
    pub fn into_vec(self) -> Vec<Finding> {
        if self.edited.is_empty() {
            return self.flat;
        }
        let mut all = Vec::with_capacity(self.iter().count());
        all.extend(self.iter().cloned());
        all
    }
}

/// Makes room for `more` findings; when the list must grow, to the size the rows checked so far
/// (`done` of `total`) project for the whole table, instead of doubling: a large file has
/// hundreds of thousands of findings, and doubling would leave up to half of that list unused
/// (wasm memory never shrinks back).
fn reserve_projected(issues: &mut Vec<Finding>, more: usize, done: usize, total: usize) {
    let needed = issues.len().saturating_add(more);
    if needed <= issues.capacity() {
        return;
    }
    let per_row = needed as f64 / (done + 1) as f64;
    // 5 % above the projection, so that a slightly busier end of file does not grow it again.
    let projected = (per_row * total as f64 * 1.05) as usize;
    let target = projected.max(needed).max(16);
    issues.reserve_exact(target - issues.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Code;
    use proptest::prelude::*;

    fn finding(row: u32) -> Finding {
        Finding::new(Code::ValueFixed, "").at_row(row)
    }

    proptest! {
        #[test]
        fn the_projected_list_always_has_room(counts in proptest::collection::vec(0usize..40, 0..300)) {
            let total = counts.len();
            let mut issues: Vec<Finding> = Vec::new();
            for (done, more) in counts.iter().enumerate() {
                reserve_projected(&mut issues, *more, done, total);
                prop_assert!(issues.capacity() >= issues.len() + more);
                let before = issues.capacity();
                issues.extend((0..*more).map(|_| finding(0)));
                prop_assert_eq!(issues.capacity(), before, "grew past the reservation");
            }
        }
    }

    #[test]
    fn rows_changed_since_are_read_in_their_place() {
        let mut store = Store::new(vec![Finding::new(Code::ColumnUnknown, "")], 3);
        store.push_row(vec![finding(2)], 3);
        store.push_row(vec![], 3);
        store.push_row(vec![finding(4), finding(4)], 3);
        store.finish();
        let rows = |s: &Store| s.iter().map(|f| f.row).collect::<Vec<_>>();
        assert_eq!(rows(&store), vec![None, Some(2), Some(4), Some(4)]);
        if let Some(row) = store.row_mut(1) {
            row.push(finding(3));
        }
        if let Some(row) = store.row_mut(2) {
            row.pop();
        }
        assert!(store.row_mut(3).is_none());
        assert_eq!(store.row(1).len(), 1);
        assert_eq!(rows(&store), vec![None, Some(2), Some(3), Some(4)]);
        assert_eq!(store.head().len(), 1);
        let all: Vec<Option<u32>> = store.into_vec().iter().map(|f| f.row).collect();
        assert_eq!(all, vec![None, Some(2), Some(3), Some(4)]);
    }
}

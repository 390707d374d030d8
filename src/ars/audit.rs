//! The exact check behind [`mask`](super::mask): which protected cells the attacker's linear
//! programme recovers from what is published.
//!
//! The masking chooses what to hide with a model of the attacker that is exact within one table
//! and only approximate across tables (bounds propagated through the sums, which lose how the
//! cells of several sums move together). This module decides the question itself: for each
//! protected cell it looks for values of the masked cells that satisfy every sum and every
//! bound the attacker knows (a « < 11 » lies in 1..=10, any other masked cell is at least 0)
//! while that cell is one unit above or below its true value. Finding such values proves that
//! the cell cannot be told (the attacker's range then holds two whole numbers); finding none
//! proves that it can. Floating point errs toward « it can »: a point found is checked against
//! every sum before it counts.
//!
//! The search is a bounded-variable primal simplex over the moves of the masked cells away
//! from their true values (the true values are a solution, so it starts at no move at all),
//! with Bland's rule so that it cannot cycle, on a sparse tableau. There is one tableau per
//! group of masked cells tied by sums, and each cell's search starts where the previous one
//! stopped (a point found for one cell often moves others by a unit already), until pivots
//! have filled the rows in too much. It is our own because a solver crate would take more of
//! the page's module than its budget leaves (see bench/NOTES.md).

use super::mask::{is_small, known_moves, Shown, Sum};

/// A sum as `(cell or column, coefficient)` pairs (+1 for a part, −1 for the total), whose
/// moves add up to 0.
type Row = Vec<(usize, f64)>;

/// Below this, a tableau entry is a zero.
const ZERO: f64 = 1e-9;
/// A move this close to a whole unit is one (the attacker's range then holds two whole numbers).
const UNIT: f64 = 1.0 - 1e-7;
/// How many times their first size the tableau's rows may grow to before a search starts
/// afresh: starting afresh costs the pivots that build a basis again, a filled tableau costs
/// every pivot more (the trade-off measured in bench/NOTES.md).
const REFILL: usize = 16;
/// How far a point found may be from satisfying a sum or a bound.
const SLACK: f64 = 1e-6;

/// The masked protected cells (counts from 1 to [`SMALL_MAX`](super::mask::SMALL_MAX), not
/// shown as counts) that the attacker can tell from what `shown` publishes, with `sums` tying
/// the cells of `values`; the cells of `told` are already known to move (another proof found
/// it), and not searched.
pub(crate) fn recovered(
    values: &[u64],
    sums: &[Sum],
    shown: &[Shown],
    told: &[bool],
) -> Vec<usize> {
    let n = values.len();
    let value = |i: usize| values.get(i).copied().unwrap_or(0);
    let protected = |i: usize| {
        let masked = shown.get(i).is_some_and(|s| s.count().is_none());
        masked && is_small(value(i))
    };
    // How far each cell may move from its value, as the attacker knows its bounds.
    let (mut lo, mut hi): (Vec<f64>, Vec<f64>) = (0..n)
        .map(|i| {
            let (down, up) = known_moves(shown.get(i).copied().unwrap_or(Shown::Hidden), value(i));
            (down as f64, up.map_or(f64::INFINITY, |u| u as f64))
        })
        .collect();
    let movable = |lo: &[f64], hi: &[f64], i: usize| lo.get(i) < hi.get(i);
    // A sum with one movable cell holds it still; so on, until every sum left has two.
    let mut rows: Vec<Row> = sums
        .iter()
        .map(|s| {
            let parts = s.parts.iter().map(|&p| (p, 1.0));
            parts.chain(std::iter::once((s.total, -1.0))).collect()
        })
        .collect();
    loop {
        let mut fixed = false;
        for row in &mut rows {
            row.retain(|&(c, _)| movable(&lo, &hi, c));
            if let [(only, _)] = row.as_slice() {
                if let (Some(l), Some(h)) = (lo.get_mut(*only), hi.get_mut(*only)) {
                    (*l, *h) = (0.0, 0.0);
                    fixed = true;
                }
            }
        }
        if !fixed {
            break;
        }
    }
    rows.retain(|row| row.len() > 1);
    let mut out: Vec<usize> = (0..n)
        .filter(|&i| protected(i) && !movable(&lo, &hi, i))
        .collect();
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (r, row) in rows.iter().enumerate() {
        for &(c, _) in row {
            if let Some(list) = rows_of.get_mut(c) {
                list.push(r);
            }
        }
    }
    // The cells some point found has moved by a unit: told apart already.
    let mut moved: Vec<bool> = (0..n).map(|i| told.get(i) == Some(&true)).collect();
    let mut grouped = vec![false; n];
    for first in 0..n {
        if grouped.get(first) == Some(&true) || rows_of.get(first).is_none_or(Vec::is_empty) {
            continue;
        }
        let (cells, near) = group(first, &rows, &rows_of, &mut grouped);
        let targets: Vec<usize> = cells
            .iter()
            .copied()
            .filter(|&c| protected(c) && movable(&lo, &hi, c))
            .collect();
        if targets.is_empty() {
            continue;
        }
        let mut tableau = Tableau::new(&cells, &near, &lo, &hi);
        let sparse: usize = near.iter().map(Vec::len).sum();
        for target in targets {
            if moved.get(target) == Some(&true) {
                continue;
            }
            let Ok(j) = cells.binary_search(&target) else {
                continue;
            };
            let found = [1.0, -1.0].into_iter().any(|sign| {
                // Pivots fill the rows in: past `REFILL` times their first size, the search
                // starts again from no move at all, on the sparse rows.
                if tableau.rows.iter().map(Vec::len).sum::<usize>() > REFILL * sparse {
                    tableau = Tableau::new(&cells, &near, &lo, &hi);
                }
                tableau.reach(j, sign)
            });
            if found {
                for (&c, x) in cells.iter().zip(&tableau.x) {
                    if let Some(m) = moved.get_mut(c) {
                        *m |= x.abs() >= UNIT;
                    }
                }
            } else {
                out.push(target);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The cells tied to `first` by sums (sorted), and those sums; marks them in `grouped`.
fn group(
    first: usize,
    rows: &[Row],
    rows_of: &[Vec<usize>],
    grouped: &mut [bool],
) -> (Vec<usize>, Vec<Row>) {
    let mut seen_row = vec![false; rows.len()];
    let mut cells = vec![first];
    let mut near = Vec::new();
    if let Some(g) = grouped.get_mut(first) {
        *g = true;
    }
    let mut at = 0;
    while let Some(&c) = cells.get(at) {
        at += 1;
        for &r in rows_of.get(c).map_or(&[][..], Vec::as_slice) {
            if let Some(s) = seen_row.get_mut(r).filter(|s| !**s) {
                *s = true;
                let row = rows.get(r).map_or(&[][..], Vec::as_slice);
                near.push(row.to_vec());
                for &(d, _) in row {
                    if let Some(g) = grouped.get_mut(d).filter(|g| !**g) {
                        *g = true;
                        cells.push(d);
                    }
                }
            }
        }
    }
    cells.sort_unstable();
    (cells, near)
}

/// Which variable is basic in a row of the tableau.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Basic {
    /// The row's own artificial variable, held at 0 (the row's sum is satisfied).
    Artificial,
    /// A cell's move (its column).
    Cell(usize),
}

/// A simplex tableau over the moves of one group's cells: row `i` reads
/// `basic[i] + Σ rows[i][j] · x[j] = 0`, sparse and sorted by column.
struct Tableau {
    /// The sums, as they were given (to check a point found).
    sums: Vec<Row>,
    rows: Vec<Row>,
    /// Per column, the rows it may have an entry in (a row may be listed twice, or keep its
    /// place after the entry cancelled out: [`Tableau::column`] sorts that out).
    in_rows: Vec<Vec<usize>>,
    basic: Vec<Basic>,
    /// The row a column is basic in.
    basic_in: Vec<Option<usize>>,
    x: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
}

impl Tableau {
    fn new(cells: &[usize], sums: &[Row], lo: &[f64], hi: &[f64]) -> Tableau {
        let column = |c: usize| cells.binary_search(&c).ok();
        let sums: Vec<Row> = sums
            .iter()
            .map(|row| {
                let mut row: Row = row
                    .iter()
                    .filter_map(|&(c, a)| column(c).map(|j| (j, a)))
                    .collect();
                row.sort_unstable_by_key(|&(j, _)| j);
                row
            })
            .collect();
        let bound = |v: &[f64], c: usize| v.get(c).copied().unwrap_or(0.0);
        let mut in_rows = vec![Vec::new(); cells.len()];
        for (i, row) in sums.iter().enumerate() {
            for &(j, _) in row {
                if let Some(list) = in_rows.get_mut(j) {
                    list.push(i);
                }
            }
        }
        Tableau {
            in_rows,
            rows: sums.clone(),
            basic: vec![Basic::Artificial; sums.len()],
            sums,
            basic_in: vec![None; cells.len()],
            x: vec![0.0; cells.len()],
            lo: cells.iter().map(|&c| bound(lo, c)).collect(),
            hi: cells.iter().map(|&c| bound(hi, c)).collect(),
        }
    }

    /// Moves the point until `sign · x[target]` is a unit: whether it can.
    fn reach(&mut self, target: usize, sign: f64) -> bool {
        // Past this many steps the cell counts as recovered, which masks more: a bound on the
        // time a hostile year can take, far above what a search needs (bench/NOTES.md).
        let limit = 2 * (self.x.len() + self.rows.len()) + 1000;
        for _ in 0..limit {
            let objective = sign * self.value(target);
            if objective >= UNIT {
                return self.check();
            }
            // What one unit more of column j adds to the objective.
            let entering = match self.basic_in.get(target).copied().flatten() {
                None => Some((target, sign)),
                Some(r) => self.rows.get(r).and_then(|row| {
                    row.iter()
                        .map(|&(j, a)| (j, -sign * a))
                        .find(|&(j, rate)| j != target && self.can_enter(j, rate))
                }),
            };
            let Some((j, rate)) = entering.filter(|&(j, rate)| self.can_enter(j, rate)) else {
                return false;
            };
            let dir = rate.signum();
            // The step: to the objective's unit or to the entering column's own bound, unless
            // a basic cell reaches its bound first (the smallest index on a tie: Bland's rule).
            let (x, lo, hi) = (self.value(j), self.lo(j), self.hi(j));
            let own = if dir > 0.0 { hi - x } else { x - lo };
            let step = ((1.0 - objective) / rate.abs()).min(own.max(0.0));
            let mut leaving: Option<(f64, usize, usize)> = None;
            let column = self.column(j);
            for &(i, a) in &column {
                if a.abs() <= ZERO {
                    continue;
                }
                let (room, order) = match self.basic.get(i).copied() {
                    Some(Basic::Cell(b)) => {
                        let value = self.value(b);
                        let room = if -dir * a > 0.0 {
                            self.hi(b) - value
                        } else {
                            value - self.lo(b)
                        };
                        (room, b)
                    }
                    _ => (0.0, usize::MAX - i),
                };
                let limit = room.max(0.0) / a.abs();
                if leaving.is_none_or(|(best, _, best_order)| {
                    limit < best || (limit == best && order < best_order)
                }) {
                    leaving = Some((limit, order, i));
                }
            }
            match leaving.filter(|&(limit, _, _)| limit < step) {
                Some((limit, _, i)) => {
                    self.advance(j, &column, dir * limit);
                    self.pivot(i, j, &column);
                }
                None => self.advance(j, &column, dir * step),
            }
        }
        false
    }

    fn value(&self, j: usize) -> f64 {
        self.x.get(j).copied().unwrap_or(0.0)
    }

    fn lo(&self, j: usize) -> f64 {
        self.lo.get(j).copied().unwrap_or(0.0)
    }

    fn hi(&self, j: usize) -> f64 {
        self.hi.get(j).copied().unwrap_or(0.0)
    }

    /// Whether column `j` may enter the basis with this rate of change of the objective.
    fn can_enter(&self, j: usize, rate: f64) -> bool {
        if self.basic_in.get(j).copied().flatten().is_some() {
            return false;
        }
        let (x, lo, hi) = (self.value(j), self.lo(j), self.hi(j));
        (rate > ZERO && x < hi - ZERO) || (rate < -ZERO && x > lo + ZERO)
    }

    /// Column `j`'s entries, `(row, entry)`, each row once; its list of rows compacted.
    fn column(&mut self, j: usize) -> Vec<(usize, f64)> {
        let Some(list) = self.in_rows.get_mut(j) else {
            return Vec::new();
        };
        list.sort_unstable();
        list.dedup();
        let rows = &self.rows;
        let column: Vec<(usize, f64)> = list
            .iter()
            .filter_map(|&i| rows.get(i).and_then(|row| entry(row, j)).map(|a| (i, a)))
            .collect();
        *list = column.iter().map(|&(i, _)| i).collect();
        column
    }

    /// Moves column `j` (whose entries are `column`) by `delta`, and the basic cells with it.
    fn advance(&mut self, j: usize, column: &[(usize, f64)], delta: f64) {
        if let Some(x) = self.x.get_mut(j) {
            *x += delta;
        }
        for &(i, a) in column {
            if let Some(Basic::Cell(b)) = self.basic.get(i) {
                if let Some(x) = self.x.get_mut(*b) {
                    *x -= a * delta;
                }
            }
        }
    }

    /// Column `j` becomes basic in row `p`.
    fn pivot(&mut self, p: usize, j: usize, column: &[(usize, f64)]) {
        let Some(pivot_row) = self.rows.get(p) else {
            return;
        };
        let Some(a) = entry(pivot_row, j).filter(|a| a.abs() > ZERO) else {
            return;
        };
        let pivot_row: Row = pivot_row.iter().map(|&(k, v)| (k, v / a)).collect();
        if let Some(Basic::Cell(b)) = self.basic.get(p) {
            if let Some(slot) = self.basic_in.get_mut(*b) {
                *slot = None;
            }
        }
        for &(i, f) in column {
            if i == p || f == 0.0 {
                continue;
            }
            if let Some(row) = self.rows.get_mut(i) {
                *row = combine(row, f, &pivot_row);
                // The columns the row gained.
                for &(k, _) in &pivot_row {
                    if let Some(list) = self.in_rows.get_mut(k) {
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        if let Some(row) = self.rows.get_mut(p) {
            *row = pivot_row;
        }
        if let Some(slot) = self.basic.get_mut(p) {
            *slot = Basic::Cell(j);
        }
        if let Some(slot) = self.basic_in.get_mut(j) {
            *slot = Some(p);
        }
    }

    /// Whether the point satisfies every sum and bound (floating point may have drifted: the
    /// cell then counts as recovered, which masks more).
    fn check(&self) -> bool {
        let x = |j: usize| self.value(j);
        let sums = self
            .sums
            .iter()
            .all(|row| row.iter().map(|&(j, a)| a * x(j)).sum::<f64>().abs() <= SLACK);
        let bounds =
            (0..self.x.len()).all(|j| x(j) >= self.lo(j) - SLACK && x(j) <= self.hi(j) + SLACK);
        sums && bounds
    }
}

/// The entry of a sparse row in column `j`.
fn entry(row: &[(usize, f64)], j: usize) -> Option<f64> {
    row.binary_search_by_key(&j, |&(k, _)| k)
        .ok()
        .and_then(|at| row.get(at))
        .map(|&(_, v)| v)
}

/// `row − f · other`, sparse, without the entries that cancel out.
fn combine(row: &[(usize, f64)], f: f64, other: &[(usize, f64)]) -> Row {
    let mut out = Vec::with_capacity(row.len() + other.len());
    let (mut a, mut b) = (row.iter().peekable(), other.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(&&(i, u)), Some(&&(k, v))) if i == k => {
                a.next();
                b.next();
                (i, u - f * v)
            }
            (Some(&&(i, u)), Some(&&(k, _))) if i < k => {
                a.next();
                (i, u)
            }
            (Some(&&(i, u)), None) => {
                a.next();
                (i, u)
            }
            (_, Some(&&(k, v))) => {
                b.next();
                (k, -f * v)
            }
            (None, None) => break,
        };
        if next.1.abs() > ZERO {
            out.push(next);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ars::mask::{tests as solver, Grid};
    use proptest::prelude::*;

    /// How a cell is shown, from one of `pattern`'s picks: published unless it is small,
    /// masked as « < 11 » when it is small, or masked as « s ». Unpublished cells stay so.
    pub(crate) fn shown_by(grid: &Grid, pattern: &[u8], published: &[bool]) -> Vec<Shown> {
        (0..grid.values().len())
            .map(|i| {
                let v = grid.value(i);
                let pick = pattern.get(i % pattern.len().max(1)).copied().unwrap_or(0);
                let small = is_small(v);
                match (published.get(i) != Some(&false), pick) {
                    (false, _) => Shown::Hidden,
                    (true, 0 | 1) if !small => Shown::Count(v),
                    (true, 0 | 1) => Shown::Small,
                    (true, 2) if small => Shown::Small,
                    (true, _) => Shown::Secret,
                }
            })
            .collect()
    }

    /// The cells the tests' solver (microlp) recovers.
    pub(crate) fn solved(grid: &Grid, shown: &[Shown]) -> Vec<usize> {
        solver::recovered(grid, shown)
            .into_iter()
            .map(|(c, _, _)| c)
            .collect()
    }

    #[test]
    fn two_ones_beside_a_published_count_are_recovered() {
        // 1 + 1 + 15 = 17: with the 15 and the 17 published, the two « < 11 » add up to 2 and
        // each is at least 1; with the 15 masked too, each may be 1 to 10.
        let mut grid = Grid::default();
        let parts = vec![grid.cell(1, true), grid.cell(1, true), grid.cell(15, true)];
        let total = grid.cell(17, true);
        grid.table(&[parts], &[total], false);
        let both = [
            Shown::Small,
            Shown::Small,
            Shown::Count(15),
            Shown::Count(17),
        ];
        assert_eq!(recovered(grid.values(), grid.sums(), &both, &[]), [0, 1]);
        assert_eq!(solved(&grid, &both), [0, 1]);
        let three = [Shown::Small, Shown::Small, Shown::Secret, Shown::Count(17)];
        assert_eq!(
            recovered(grid.values(), grid.sums(), &three, &[]),
            Vec::<usize>::new()
        );
        assert_eq!(solved(&grid, &three), Vec::<usize>::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// On random tables (CPTS × categories, with the region) masked at random, the cells
        /// recovered are exactly those the tests' solver recovers.
        #[test]
        fn the_same_cells_as_a_solver_on_a_table(
            values in (1usize..6, 1usize..6).prop_flat_map(|(r, c)| {
                proptest::collection::vec(proptest::collection::vec(solver::count(), c), r)
            }),
            pattern in proptest::collection::vec(0u8..4, 1..40),
        ) {
            let mut grid = Grid::default();
            solver::table(&mut grid, &values);
            let shown = shown_by(&grid, &pattern, &[]);
            prop_assert_eq!(recovered(grid.values(), grid.sums(), &shown, &[]), solved(&grid, &shown));
            prop_assert_eq!(grid.recovered(&shown), solved(&grid, &shown));
        }
    }
}

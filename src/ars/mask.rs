//! Small-count masking (« secret statistique »), as the SNDS does for published aggregates.
//!
//! The counts to publish are cells of a linear system: each [`Sum`] says that some cells add up
//! to another (a CPTS's members per profession add up to its members, the CPTS of a column add
//! up to the region's cell). Some cells are never published but belong to the system all the
//! same (the members of a profession who do not use SPICO: members minus users), so that what
//! they would reveal is protected too. The rules:
//!
//! 1. **Primary**: a count from 1 to 10 ([`SMALL_MAX`]) is masked and shows as « < 11 »
//!    ([`Shown::Small`]); 0 stays 0. An unpublished cell from 1 to 10 is protected the same way.
//!    « < 11 » tells the attacker that the cell lies in 1..=10, and those bounds alone can pin
//!    cells whatever else is masked (ten « < 11 » parts of a « < 11 » total: ten 1s under a
//!    10). Such a sum gets one protected cell shown « s » instead (`Grid::bounded`), which
//!    says only « at least 0 ».
//! 2. **Secondary**: no protected cell may come out as a single value from what is published.
//!    The attacker modelled here knows every published count, that a « < 11 » cell lies in
//!    1..=10 and any other masked cell is at least 0, and every sum: row and column totals, the
//!    region minus the other CPTS, across tables (a CPTS's members total is one cell shared by
//!    every table). A table's cells are edges of a network (see `Graph`); a masked cell no
//!    augmenting cycle of its table can move, or whose bounds propagated through every sum
//!    meet, is known. While a protected cell is known, the published cells of the cheapest
//!    augmenting cycle through it are masked (a published cell costs its count plus one, a
//!    margin much more, so that as little as possible is hidden), shown « s »
//!    ([`Shown::Secret`]); when no table can free it (a complement outside the tables), the
//!    masked cells it is known from are freed in their own tables, else one more part of the
//!    sum that pins it is masked. Then again, until nothing is known.
//! 3. **Shares**: a share computed from a masked count is masked ([`share`]), « s ».
//!
//! Within one table this is exact (the table is a network: a cell can take another value if
//! and only if an augmenting cycle moves it). Across tables (shared totals, unpublished
//! complements) it is bounds propagation plus the cycles of each table, which misses what
//! several sums tell together. So the rounds' result then goes through the exact check,
//! `audit` (src/ars/audit.rs), the attacker's linear programme over everything published:
//! around a cell it recovers, one published part of each of its sums is masked, else every
//! cell of its sums, else further, and the check runs again until it recovers nothing. The
//! attacker knows of a « s » only that it is at least 0 (the linear relaxation: a secondary
//! cell is in fact 0 or more than 10, unless it is one of the protected cells of rule 1).

use serde::{Serialize, Serializer};

use super::{audit, certify};

/// The largest count that is masked (1 to 10 show as « < 11 »).
pub const SMALL_MAX: u64 = 10;

/// An unbounded upper bound, far from overflowing when a few are added.
const INF: i64 = i64::MAX / 8;

/// How many passes over the sums the bound propagation makes at most, per round.
const MAX_PASSES: usize = 200;

/// A cell as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The count itself.
    Count(u64),
    /// A count from 1 to 10, masked: « < 11 ».
    Small,
    /// Masked so that a small count cannot be recomputed: « s ».
    Secret,
    /// Never published (a cell of the system only).
    Hidden,
}

impl Shown {
    /// The count, when it is published.
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            _ => None,
        }
    }

    /// The text shown for a masked cell (`None` for a published count).
    pub fn mask_text(self) -> Option<&'static str> {
        match self {
            Shown::Count(_) => None,
            Shown::Small => Some(crate::text::ars::SMALL),
            Shown::Secret | Shown::Hidden => Some(crate::text::ars::SECRET),
        }
    }
}

impl Serialize for Shown {
    /// A published count as a number, a masked one as its text (« < 11 », « s »).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.count(), self.mask_text()) {
            (Some(n), _) => serializer.serialize_u64(n),
            (None, Some(text)) => serializer.serialize_str(text),
            (None, None) => serializer.serialize_none(),
        }
    }
}

/// One sum of the system: the `parts` add up to `total` (cell indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sum {
    /// The cells added.
    pub parts: Vec<usize>,
    /// The cell they add up to.
    pub total: usize,
}

impl Sum {
    /// Its parts, then its total.
    fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        self.parts
            .iter()
            .copied()
            .chain(std::iter::once(self.total))
    }
}

/// The sums `cell` belongs to, from the list built by [`Grid::mask`].
fn sums_around(sums_of: &[Vec<usize>], cell: usize) -> &[usize] {
    sums_of.get(cell).map_or(&[][..], Vec::as_slice)
}

/// A table with its margins seen as a network: each cell an edge (its count a flow), each row
/// and column a node where what comes in equals what goes out (a row's total comes in, its
/// cells go out). Within one table a masked cell can take another value exactly when a cycle
/// of masked cells through it can carry one more (or one less) unit without leaving any cell's
/// known bounds (1 to 10 for « < 11 », at least 0 otherwise): an augmenting cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Graph {
    pub(super) nodes: usize,
    /// `(cell, from node, to node, is a margin)`.
    pub(super) edges: Vec<(usize, usize, usize, bool)>,
    /// The table's own sums (its rows and columns), by index in [`Grid::sums`].
    pub(super) sums: std::ops::Range<usize>,
}

/// The counts to publish and the sums that tie them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    values: Vec<u64>,
    published: Vec<bool>,
    sums: Vec<Sum>,
    graphs: Vec<Graph>,
}

impl Grid {
    /// A new cell holding `value`; `published` is false for a cell of the system only. Returns
    /// its index.
    pub fn cell(&mut self, value: u64, published: bool) -> usize {
        self.values.push(value);
        self.published.push(published);
        self.values.len() - 1
    }

    /// Declares that `parts` add up to `total`. A sum naming a cell that does not exist is
    /// ignored.
    pub fn sum(&mut self, parts: Vec<usize>, total: usize) {
        let n = self.values.len();
        if total < n && parts.iter().all(|&p| p < n) {
            self.sums.push(Sum { parts, total });
        }
    }

    /// Declares a table: `rows[r][k]` add up to `totals[r]` along each row; with `region`, the
    /// last row and the last total are the sums of the rows above them (the region of the
    /// CPTS). Every row must have as many cells. Cells may be shared with other tables.
    pub fn table(&mut self, rows: &[Vec<usize>], totals: &[usize], region: bool) {
        let width = rows.first().map_or(0, Vec::len);
        if rows.len() != totals.len() || rows.iter().any(|r| r.len() != width) {
            return;
        }
        let first = self.sums.len();
        for (row, &total) in rows.iter().zip(totals) {
            self.sum(row.clone(), total);
        }
        let inner = rows.len() - usize::from(region);
        let mut graph = Graph::default();
        if region {
            for k in 0..width {
                let column: Vec<usize> = rows
                    .iter()
                    .take(inner)
                    .filter_map(|r| r.get(k).copied())
                    .collect();
                if let Some(&whole) = rows.last().and_then(|r| r.get(k)) {
                    self.sum(column, whole);
                }
            }
            if let Some(&grand) = totals.last() {
                self.sum(totals.iter().take(inner).copied().collect(), grand);
            }
            // Nodes: the CPTS's rows, the columns, the region's row, the total column. Edges
            // are oriented so that at every node what comes in equals what goes out: a row's
            // total comes in, its cells go out to their columns, whose region cell goes out to
            // the region's row, whose total goes to the total column, which feeds the rows.
            let (region_row, total_col) = (inner + width, inner + width + 1);
            graph.nodes = inner + width + 2;
            for (r, row) in rows.iter().enumerate() {
                let inside = r < inner;
                for (k, &cell) in row.iter().enumerate() {
                    let edge = if inside {
                        (cell, r, inner + k, false)
                    } else {
                        (cell, inner + k, region_row, true)
                    };
                    graph.edges.push(edge);
                }
                if let Some(&total) = totals.get(r) {
                    let edge = if inside {
                        (total, total_col, r, true)
                    } else {
                        (total, region_row, total_col, true)
                    };
                    graph.edges.push(edge);
                }
            }
        } else {
            // Without a region the columns add up to nothing: one node stands for them all.
            graph.nodes = inner + 1;
            for (r, row) in rows.iter().enumerate() {
                for &cell in row {
                    graph.edges.push((cell, r, inner, false));
                }
                if let Some(&total) = totals.get(r) {
                    graph.edges.push((total, inner, r, true));
                }
            }
        }
        graph.sums = first..self.sums.len();
        self.graphs.push(graph);
    }

    /// The value of a cell (0 for an index out of range).
    pub fn value(&self, cell: usize) -> u64 {
        self.values.get(cell).copied().unwrap_or(0)
    }

    /// Every cell's value, by index.
    pub fn values(&self) -> &[u64] {
        &self.values
    }

    /// The sums.
    pub fn sums(&self) -> &[Sum] {
        &self.sums
    }

    /// The tables, as networks.
    pub(super) fn graphs(&self) -> &[Graph] {
        &self.graphs
    }

    /// The masked protected cells the attacker's linear programme recovers from `shown`: the
    /// cheap proofs of [`certify`] first, [`audit`] for the cells they leave.
    pub(crate) fn recovered(&self, shown: &[Shown]) -> Vec<usize> {
        let told = certify::movable(self, shown);
        audit::recovered(&self.values, &self.sums, shown, &told)
    }

    /// Applies the rules of the module: how each cell is shown, by index.
    ///
    /// ```
    /// use annuaire_cpts::ars::mask::{Grid, Shown};
    /// let mut grid = Grid::default();
    /// // A row: 4 + 30 + 25 = 59. The 4 is masked, and so is the smallest other part.
    /// let parts = vec![grid.cell(4, true), grid.cell(30, true), grid.cell(25, true)];
    /// let total = grid.cell(59, true);
    /// grid.table(&[parts], &[total], false);
    /// let shown = grid.mask();
    /// assert_eq!(shown, [Shown::Small, Shown::Count(30), Shown::Secret, Shown::Count(59)]);
    /// ```
    pub fn mask(&self) -> Vec<Shown> {
        let n = self.values.len();
        let protected: Vec<bool> = self.values.iter().map(|&v| is_small(v)).collect();
        let mut sums_of: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (s, sum) in self.sums.iter().enumerate() {
            for cell in sum.cells() {
                if let Some(list) = sums_of.get_mut(cell) {
                    list.push(s);
                }
            }
        }
        let mut bounded = self.bounded(&protected, &sums_of);
        let mut masked: Vec<bool> = (0..n)
            .map(|i| !self.published.get(i).copied().unwrap_or(false) || is_small(self.value(i)))
            .collect();
        // Each round masks at least one more cell, or stops.
        for _ in 0..=n {
            let (known, pinned) = self.pinned(&masked, &bounded, &protected);
            if pinned.is_empty() {
                break;
            }
            let mut touched = vec![false; self.sums.len()];
            let mut added = false;
            for cell in pinned {
                let mut choices = self.cycle(cell, &masked, &known, &bounded);
                if choices.is_empty() && added {
                    // What is known changed this round: the cells masked for the others may
                    // free this one too, and the fallbacks below would weigh them as known.
                    continue;
                }
                if choices.is_empty() {
                    // Known through a sum outside the tables (a complement): free the masked
                    // cells it is known from, in their own tables.
                    for sum in sums_around(&sums_of, cell)
                        .iter()
                        .filter_map(|&s| self.sums.get(s))
                    {
                        for q in sum.cells() {
                            if q != cell && masked.get(q) == Some(&true) {
                                choices.extend(self.cycle(q, &masked, &known, &bounded));
                            }
                        }
                    }
                }
                if choices.is_empty() {
                    let is_known = |i: usize| known.get(i) == Some(&true);
                    choices = self.secondary(cell, &sums_of, &is_known, &masked, &mut touched);
                }
                for choice in choices {
                    if let Some(m) = masked.get_mut(choice) {
                        added |= !*m;
                        *m = true;
                    }
                }
            }
            if !added {
                // Nothing left to mask around the pinned cells.
                break;
            }
        }
        // The exact check, the attacker's linear programme over everything published: what it
        // recovers the rounds' model missed (it is approximate across tables). Around such a
        // cell, one published part of each of its sums is masked, else its sums' every cell,
        // else the cells one sum further, and so on; then the check again.
        for _ in 0..=n {
            let shown = self.shown(&masked, &bounded);
            let recovered = self.recovered(&shown);
            if recovered.is_empty() {
                return shown;
            }
            let mut reach = 0;
            while reach <= n
                && !self.open_around(&recovered, reach, &sums_of, &mut masked, &mut bounded)
            {
                reach += 1;
            }
        }
        self.shown(&masked, &bounded)
    }

    /// How each cell is shown, once `masked` is decided.
    fn shown(&self, masked: &[bool], bounded: &[bool]) -> Vec<Shown> {
        (0..self.values.len())
            .map(|i| {
                let published = self.published.get(i).copied().unwrap_or(false);
                match (published, masked.get(i).copied().unwrap_or(true)) {
                    (false, _) => Shown::Hidden,
                    (true, false) => Shown::Count(self.value(i)),
                    (true, true) if bounded.get(i) == Some(&true) => Shown::Small,
                    (true, true) => Shown::Secret,
                }
            })
            .collect()
    }

    /// Masks more around `cells`: with `reach` 0, the smallest non-zero published part of each
    /// of their sums (else its smallest, else the total); with 1, every cell of their sums,
    /// or when all are masked, their « < 11 » become « s » (those bounds may be what pins);
    /// with more, the same `reach - 1` sums further. Whether anything changed.
    fn open_around(
        &self,
        cells: &[usize],
        reach: usize,
        sums_of: &[Vec<usize>],
        masked: &mut [bool],
        bounded: &mut [bool],
    ) -> bool {
        let mut changed = false;
        if reach == 0 {
            for &cell in cells {
                for sum in sums_around(sums_of, cell)
                    .iter()
                    .filter_map(|&s| self.sums.get(s))
                {
                    let open = |c: usize| masked.get(c) == Some(&false);
                    let pick = self
                        .part_to_mask(sum, open)
                        .or_else(|| open(sum.total).then_some(sum.total));
                    if let Some(m) = pick.and_then(|c| masked.get_mut(c)) {
                        *m = true;
                        changed = true;
                    }
                }
            }
            return changed;
        }
        let mut near: Vec<usize> = cells.to_vec();
        for _ in 0..reach {
            let mut next = near.clone();
            for &cell in &near {
                for sum in sums_around(sums_of, cell)
                    .iter()
                    .filter_map(|&s| self.sums.get(s))
                {
                    next.extend(sum.cells());
                }
            }
            next.sort_unstable();
            next.dedup();
            near = next;
        }
        for &c in &near {
            if let Some(m) = masked.get_mut(c).filter(|m| !**m) {
                *m = true;
                changed = true;
            }
        }
        if !changed {
            for &c in &near {
                if let Some(b) = bounded.get_mut(c).filter(|b| **b) {
                    *b = false;
                    changed = true;
                }
            }
        }
        changed
    }

    /// The protected cells that show « < 11 », whose bounds (1 to 10) the attacker knows; the
    /// others are shown « s ». A protected cell that would come out with every cell masked (ten
    /// 1s under a total of 10: each part at least 1, the total at most 10) is pinned by the
    /// bounds of « < 11 » alone, which no secondary suppression lifts: one cell of such a sum
    /// is shown « s » instead (at least 0, no upper bound), a part rather than a total, the
    /// pinned cell itself when it is one, else the smallest, until none is pinned.
    fn bounded(&self, protected: &[bool], sums_of: &[Vec<usize>]) -> Vec<bool> {
        let n = self.values.len();
        let all = vec![true; n];
        let mut is_total = vec![false; n];
        for sum in &self.sums {
            if let Some(t) = is_total.get_mut(sum.total) {
                *t = true;
            }
        }
        let around = |c: usize| sums_around(sums_of, c);
        let mut bounded = protected.to_vec();
        for _ in 0..n {
            let (_, pinned) = self.pinned(&all, &bounded, protected);
            // One cell per sum and pass: opening one may free the others of its sums.
            let mut used = vec![false; self.sums.len()];
            let mut opened = false;
            for cell in pinned {
                if around(cell).iter().any(|&s| used.get(s) == Some(&true)) {
                    continue;
                }
                let parts = around(cell)
                    .iter()
                    .filter_map(|&s| self.sums.get(s))
                    .flat_map(Sum::cells);
                let pick = std::iter::once(cell)
                    .chain(parts)
                    .filter(|&c| bounded.get(c) == Some(&true))
                    .min_by_key(|&c| (is_total.get(c) == Some(&true), c != cell, self.value(c), c));
                let Some(pick) = pick else {
                    continue;
                };
                if let Some(b) = bounded.get_mut(pick) {
                    *b = false;
                    opened = true;
                }
                for &s in around(cell).iter().chain(around(pick)) {
                    if let Some(u) = used.get_mut(s) {
                        *u = true;
                    }
                }
            }
            if !opened {
                break;
            }
        }
        bounded
    }

    /// What the modelled attacker knows ([`Grid::known`]) and the protected cells among it.
    /// `bounded` are the masked cells the attacker knows to lie in 1..=10.
    fn pinned(
        &self,
        masked: &[bool],
        bounded: &[bool],
        protected: &[bool],
    ) -> (Vec<bool>, Vec<usize>) {
        let known = self.known(masked, bounded);
        let pinned = (0..self.values.len())
            .filter(|&i| protected.get(i) == Some(&true) && known.get(i) == Some(&true))
            .collect();
        (known, pinned)
    }

    /// The cells the modelled attacker knows: the published ones, the masked ones that no
    /// augmenting cycle of their table can move, and those whose propagated bounds meet, until
    /// nothing more is learnt.
    fn known(&self, masked: &[bool], bounded: &[bool]) -> Vec<bool> {
        let mut known: Vec<bool> = masked.iter().map(|m| !m).collect();
        // A table is looked at again only when one of its cells became known since.
        let mut dirty = vec![true; self.graphs.len()];
        for _ in 0..=self.values.len() {
            let before = known.clone();
            let mut learnt = false;
            for (graph, dirty) in self.graphs.iter().zip(dirty.iter_mut()) {
                if !std::mem::take(dirty) {
                    continue;
                }
                for cell in self.stuck_cells(graph, &known, bounded) {
                    if let Some(k) = known.get_mut(cell) {
                        learnt |= !*k;
                        *k = true;
                    }
                }
            }
            let (lo, hi) = self.bounds(&known, bounded);
            for (i, k) in known.iter_mut().enumerate() {
                if !*k && lo.get(i) >= hi.get(i) {
                    *k = true;
                    learnt = true;
                }
            }
            if !learnt {
                break;
            }
            // A table none of whose cells became known gives the same answer again.
            for (graph, dirty) in self.graphs.iter().zip(dirty.iter_mut()) {
                *dirty = graph
                    .edges
                    .iter()
                    .any(|e| known.get(e.0) == Some(&true) && before.get(e.0) == Some(&false));
            }
        }
        known
    }

    /// The unknown cells of `graph` that no augmenting cycle moves: for each, a search of the
    /// residual graph (a cell that may grow is an arc along it, one that may shrink an arc
    /// against it) from its head back to its tail, and from its tail to its head.
    fn stuck_cells(&self, graph: &Graph, known: &[bool], bounded: &[bool]) -> Vec<usize> {
        let mut arcs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); graph.nodes];
        let rooms: Vec<(bool, bool)> = graph
            .edges
            .iter()
            .map(|e| self.room(e.0, known, bounded))
            .collect();
        for (i, (e, &(up, down))) in graph.edges.iter().zip(&rooms).enumerate() {
            if up {
                if let Some(list) = arcs.get_mut(e.1) {
                    list.push((e.2, i));
                }
            }
            if down {
                if let Some(list) = arcs.get_mut(e.2) {
                    list.push((e.1, i));
                }
            }
        }
        let mut seen = vec![usize::MAX; graph.nodes];
        let mut stack = Vec::new();
        let mut reach = |from: usize, to: usize, avoid: usize, mark: usize| -> bool {
            stack.clear();
            stack.push(from);
            if let Some(s) = seen.get_mut(from) {
                *s = mark;
            }
            while let Some(v) = stack.pop() {
                if v == to {
                    return true;
                }
                for &(w, i) in arcs.get(v).map_or(&[][..], Vec::as_slice) {
                    if i != avoid && seen.get(w) != Some(&mark) {
                        if let Some(s) = seen.get_mut(w) {
                            *s = mark;
                        }
                        stack.push(w);
                    }
                }
            }
            false
        };
        let mut stuck = Vec::new();
        for (i, (e, &(up, down))) in graph.edges.iter().zip(&rooms).enumerate() {
            if known.get(e.0) != Some(&false) {
                continue;
            }
            let more = up && reach(e.2, e.1, i, 2 * i);
            let less = !more && down && reach(e.1, e.2, i, 2 * i + 1);
            if !more && !less {
                stuck.push(e.0);
            }
        }
        stuck
    }

    /// How far a cell may move up and down from its value, as the attacker knows its bounds:
    /// `(room up, room down)` in whole units (0 or 1 is all that matters).
    fn room(&self, cell: usize, known: &[bool], bounded: &[bool]) -> (bool, bool) {
        if known.get(cell) != Some(&false) {
            return (false, false);
        }
        let value = self.value(cell);
        if bounded.get(cell) == Some(&true) {
            (value < SMALL_MAX, value > 1)
        } else {
            (true, value > 0)
        }
    }

    /// Whether no augmenting cycle of `graph` moves `cell` (it is known from that table).
    fn stuck(&self, graph: &Graph, cell: usize, known: &[bool], bounded: &[bool]) -> bool {
        let Some(&(_, from, to, _)) = graph.edges.iter().find(|e| e.0 == cell) else {
            return false;
        };
        let (up, down) = self.room(cell, known, bounded);
        let residual = |e: &(usize, usize, usize, bool), forward: bool| -> Option<u64> {
            let (up, down) = self.room(e.0, known, bounded);
            (if forward { up } else { down }).then_some(0)
        };
        // One more: back from its head to its tail; one less: from its tail to its head.
        let more = up && cheapest_path(graph, to, from, cell, residual).is_some();
        let less = down && cheapest_path(graph, from, to, cell, residual).is_some();
        !more && !less
    }

    /// The published cells to mask so that `cell` can move in every table where it is stuck:
    /// the cheapest augmenting cycle through it once they are masked (a masked cell that can
    /// move costs nothing, a published one its count plus one, a margin much more).
    fn cycle(&self, cell: usize, masked: &[bool], known: &[bool], bounded: &[bool]) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::new();
        for graph in &self.graphs {
            let Some(&(_, from, to, _)) = graph.edges.iter().find(|e| e.0 == cell) else {
                continue;
            };
            // `cell` itself as if unknown.
            let mut free = known.to_vec();
            if let Some(k) = free.get_mut(cell) {
                *k = false;
            }
            for &c in &chosen {
                if let Some(k) = free.get_mut(c) {
                    *k = false;
                }
            }
            if !self.stuck(graph, cell, &free, bounded) {
                continue;
            }
            let cost = |e: &(usize, usize, usize, bool), forward: bool| -> Option<u64> {
                let (c, margin) = (e.0, e.3);
                if masked.get(c) == Some(&false) && !chosen.contains(&c) {
                    // Published: once masked it may grow, and shrink unless it is 0.
                    if !forward && self.value(c) == 0 {
                        return None;
                    }
                    let penalty = if margin { 1_000_000 } else { 0 };
                    return Some(self.value(c).saturating_add(1).saturating_add(penalty));
                }
                let (up, down) = self.room(c, &free, bounded);
                (if forward { up } else { down }).then_some(0)
            };
            let (up, down) = self.room(cell, &free, bounded);
            let paths = [
                up.then(|| cheapest_path(graph, to, from, cell, cost))
                    .flatten(),
                down.then(|| cheapest_path(graph, from, to, cell, cost))
                    .flatten(),
            ];
            let best = paths.into_iter().flatten().min_by_key(|(total, _)| *total);
            if let Some((_, path)) = best {
                chosen.extend(path.into_iter().filter(|&c| masked.get(c) == Some(&false)));
            }
        }
        chosen
    }

    /// The cells to mask so that `cell` is no longer known. Each sum that determines it (every
    /// other cell of the sum known) needs one: when the sum's other unknowns are only known
    /// through their own sums, those sums are opened instead (a rectangle rather than a whole
    /// row); else the sum's smallest non-zero published part, else its smallest part, else its
    /// total. A sum already opened in this round (`touched`) is left for the next round.
    fn secondary(
        &self,
        cell: usize,
        sums_of: &[Vec<usize>],
        known: &impl Fn(usize) -> bool,
        masked: &[bool],
        touched: &mut [bool],
    ) -> Vec<usize> {
        let open = |c: usize| masked.get(c) == Some(&false);
        let mut chosen = Vec::new();
        let mut seen = vec![cell];
        let mut queue = std::collections::VecDeque::from([cell]);
        while let Some(c) = queue.pop_front() {
            for &s in sums_around(sums_of, c) {
                let Some(sum) = self.sums.get(s) else {
                    continue;
                };
                if touched.get(s) == Some(&true) {
                    continue;
                }
                let cells = || sum.cells();
                if !cells().filter(|&x| x != c).all(known) {
                    continue;
                }
                let hidden: Vec<usize> = cells().filter(|&x| x != c && !open(x)).collect();
                let fresh: Vec<usize> = hidden
                    .iter()
                    .copied()
                    .filter(|x| !seen.contains(x))
                    .collect();
                if !hidden.is_empty() && !fresh.is_empty() {
                    seen.extend(&fresh);
                    queue.extend(fresh);
                    continue;
                }
                let pick = self
                    .part_to_mask(sum, |x| open(x) && !chosen.contains(&x))
                    .or_else(|| open(sum.total).then_some(sum.total));
                if let Some(pick) = pick {
                    chosen.push(pick);
                    for &t in sums_around(sums_of, pick) {
                        if let Some(t) = touched.get_mut(t) {
                            *t = true;
                        }
                    }
                }
            }
        }
        chosen
    }

    /// The part of `sum` to mask among those `open` allows: the smallest non-zero count, else a
    /// zero.
    fn part_to_mask(&self, sum: &Sum, open: impl Fn(usize) -> bool) -> Option<usize> {
        sum.parts
            .iter()
            .copied()
            .filter(|&x| open(x))
            .min_by_key(|&x| (self.value(x) == 0, self.value(x), x))
    }

    /// What the modelled attacker can tell of each cell: bounds propagated through every sum
    /// from the cells known.
    fn bounds(&self, known: &[bool], bounded: &[bool]) -> (Vec<i64>, Vec<i64>) {
        let (mut lo, mut hi): (Vec<i64>, Vec<i64>) = (0..self.values.len())
            .map(|i| {
                let value = i64::try_from(self.value(i)).unwrap_or(INF);
                match (known.get(i) == Some(&false), bounded.get(i) == Some(&true)) {
                    (false, _) => (value, value),
                    (true, true) => (1, SMALL_MAX as i64),
                    (true, false) => (0, INF),
                }
            })
            .unzip();
        for _ in 0..MAX_PASSES {
            let mut changed = false;
            for sum in &self.sums {
                changed |= tighten(sum, &mut lo, &mut hi);
            }
            if !changed {
                break;
            }
        }
        (lo, hi)
    }
}

/// The cheapest path from node `from` to node `to` that does not use the cell `avoid`, and
/// its cost (Dijkstra; a table is a few hundred nodes at most). `cost(edge, forward)` is what
/// taking the edge along (`forward`) or against its orientation costs, `None` when it cannot
/// be taken that way. `None` when there is no path.
fn cheapest_path(
    graph: &Graph,
    from: usize,
    to: usize,
    avoid: usize,
    cost: impl Fn(&(usize, usize, usize, bool), bool) -> Option<u64>,
) -> Option<(u64, Vec<usize>)> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    // (neighbour, edge, along its orientation)
    let mut adjacent: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); graph.nodes];
    for (e, edge) in graph.edges.iter().enumerate() {
        if edge.0 != avoid && edge.1 != edge.2 {
            if let Some(list) = adjacent.get_mut(edge.1) {
                list.push((edge.2, e, true));
            }
            if let Some(list) = adjacent.get_mut(edge.2) {
                list.push((edge.1, e, false));
            }
        }
    }
    let mut best = vec![u64::MAX; graph.nodes];
    let mut via: Vec<Option<(usize, usize)>> = vec![None; graph.nodes];
    let mut heap = BinaryHeap::from([Reverse((0u64, from))]);
    if let Some(b) = best.get_mut(from) {
        *b = 0;
    }
    while let Some(Reverse((d, v))) = heap.pop() {
        if v == to {
            break;
        }
        if best.get(v).is_some_and(|&b| d > b) {
            continue;
        }
        for &(w, e, forward) in adjacent.get(v).map_or(&[][..], Vec::as_slice) {
            let Some(step) = graph.edges.get(e).and_then(|edge| cost(edge, forward)) else {
                continue;
            };
            let next = d.saturating_add(step);
            if best.get(w).is_some_and(|&b| next < b) {
                if let (Some(b), Some(p)) = (best.get_mut(w), via.get_mut(w)) {
                    (*b, *p) = (next, Some((v, e)));
                }
                heap.push(Reverse((next, w)));
            }
        }
    }
    let total = best.get(to).copied().filter(|&b| b < u64::MAX)?;
    let mut path = Vec::new();
    let mut at = to;
    while at != from {
        let (previous, e) = via.get(at).copied().flatten()?;
        path.push(graph.edges.get(e)?.0);
        at = previous;
    }
    Some((total, path))
}

/// Tightens the bounds of one sum's cells; whether any moved.
fn tighten(sum: &Sum, lo: &mut [i64], hi: &mut [i64]) -> bool {
    let get = |v: &[i64], i: usize| v.get(i).copied().unwrap_or(0);
    let lo_sum: i64 = sum.parts.iter().map(|&p| get(lo, p)).sum();
    let infinite = sum.parts.iter().filter(|&&p| get(hi, p) >= INF).count();
    let hi_sum: i64 = sum
        .parts
        .iter()
        .map(|&p| get(hi, p))
        .filter(|&h| h < INF)
        .sum();
    let mut changed = false;
    let mut set = |v: &mut [i64], i: usize, new: i64, raise: bool| {
        if let Some(old) = v.get_mut(i) {
            if (raise && new > *old) || (!raise && new < *old) {
                *old = new;
                changed = true;
            }
        }
    };
    // The total lies between the sums of its parts' bounds.
    set(lo, sum.total, lo_sum, true);
    if infinite == 0 {
        set(hi, sum.total, hi_sum, false);
    }
    let (t_lo, t_hi) = (get(lo, sum.total), get(hi, sum.total));
    for &p in &sum.parts {
        let (p_lo, p_hi) = (get(lo, p), get(hi, p));
        // The others' bounds: the sums less this part's own.
        let others_infinite = infinite - usize::from(p_hi >= INF);
        if others_infinite == 0 {
            let others_hi = hi_sum - if p_hi >= INF { 0 } else { p_hi };
            set(lo, p, t_lo - others_hi, true);
        }
        if t_hi < INF {
            set(hi, p, t_hi - (lo_sum - p_lo), false);
        }
    }
    changed
}

/// Whether a count is small enough to be masked.
pub(super) fn is_small(value: u64) -> bool {
    (1..=SMALL_MAX).contains(&value)
}

/// How far from its `value` the attacker knows a cell shown as `shown` may lie: the lowest and
/// the highest move, `None` for no highest (a published count does not move, a « < 11 » lies
/// in 1..=10, any other masked cell is at least 0).
pub(super) fn known_moves(shown: Shown, value: u64) -> (i64, Option<i64>) {
    let v = i64::try_from(value).unwrap_or(INF);
    match shown {
        Shown::Count(_) => (0, Some(0)),
        Shown::Small => (1 - v, Some(SMALL_MAX as i64 - v)),
        Shown::Secret | Shown::Hidden => (-v, None),
    }
}

/// A share as published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Share {
    /// In per cent, one decimal.
    Percent(f64),
    /// Computed from a masked count: « s ».
    Masked,
    /// Of a whole of 0: nothing to share.
    None,
}

impl Serialize for Share {
    /// A number, « s », or null.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Share::Percent(p) => serializer.serialize_f64(*p),
            Share::Masked => serializer.serialize_str(crate::text::ars::SECRET),
            Share::None => serializer.serialize_none(),
        }
    }
}

/// The share `part` is of `whole`: masked when either count is masked.
///
/// ```
/// use annuaire_cpts::ars::mask::{share, Share, Shown};
/// assert_eq!(share(Shown::Count(12), Shown::Count(48)), Share::Percent(25.0));
/// assert_eq!(share(Shown::Small, Shown::Count(48)), Share::Masked);
/// assert_eq!(share(Shown::Count(0), Shown::Secret), Share::Masked);
/// assert_eq!(share(Shown::Count(0), Shown::Count(0)), Share::None);
/// ```
pub fn share(part: Shown, whole: Shown) -> Share {
    match (part.count(), whole.count()) {
        (_, Some(0)) => Share::None,
        (Some(part), Some(whole)) => {
            Share::Percent((part as f64 * 1000.0 / whole as f64).round() / 10.0)
        }
        _ => Share::Masked,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The attacker of the module's documentation with a linear-programming solver: for every
    /// protected cell, its least and greatest value over everything published (real values, the
    /// linear relaxation). Returns the protected cells that come out as one whole number.
    pub(crate) fn recovered(grid: &Grid, shown: &[Shown]) -> Vec<(usize, f64, f64)> {
        let mut out = Vec::new();
        for (target, &value) in grid.values().iter().enumerate() {
            if !is_small(value) {
                continue;
            }
            let (min, max) = (
                solve(grid, shown, target, false),
                solve(grid, shown, target, true),
            );
            // Fewer than two whole numbers in [min, max]: the cell is known.
            if (max + 1e-6).floor() - (min - 1e-6).ceil() < 1.0 {
                out.push((target, min, max));
            }
        }
        out
    }

    fn solve(grid: &Grid, shown: &[Shown], target: usize, maximise: bool) -> f64 {
        use microlp::{ComparisonOp, OptimizationDirection, Problem};
        let direction = if maximise {
            OptimizationDirection::Maximize
        } else {
            OptimizationDirection::Minimize
        };
        let mut problem = Problem::new(direction);
        let vars: Vec<_> = shown
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let objective = if i == target { 1.0 } else { 0.0 };
                let bounds = match s {
                    Shown::Count(n) => (*n as f64, *n as f64),
                    Shown::Small => (1.0, SMALL_MAX as f64),
                    Shown::Secret | Shown::Hidden => (0.0, f64::INFINITY),
                };
                problem.add_var(objective, bounds)
            })
            .collect();
        for sum in grid.sums() {
            let mut terms: Vec<_> = sum.parts.iter().map(|&p| (vars[p], 1.0)).collect();
            terms.push((vars[sum.total], -1.0));
            problem.add_constraint(&terms[..], ComparisonOp::Eq, 0.0);
        }
        let outcome = match problem.solve() {
            Ok(outcome) => outcome,
            // Nothing bounds the cell in that direction.
            Err(microlp::Error::Unbounded) if maximise => return f64::INFINITY,
            Err(e) => panic!("the true values are a solution, yet: {e}"),
        };
        assert!(outcome.is_optimal(), "{outcome:?}");
        outcome.into_solution().expect("solved").objective()
    }

    /// A table of `rows` × `cols` counts with its row totals, column totals and grand total.
    pub(crate) fn table(grid: &mut Grid, values: &[Vec<u64>]) {
        let cols = values.first().map_or(0, Vec::len);
        let mut rows: Vec<Vec<usize>> = values
            .iter()
            .map(|row| row.iter().map(|&v| grid.cell(v, true)).collect())
            .collect();
        let mut totals: Vec<usize> = values
            .iter()
            .map(|row| grid.cell(row.iter().sum(), true))
            .collect();
        rows.push(
            (0..cols)
                .map(|c| grid.cell(values.iter().map(|r| r[c]).sum(), true))
                .collect(),
        );
        totals.push(grid.cell(values.iter().flatten().sum(), true));
        grid.table(&rows, &totals, true);
    }

    #[test]
    fn zeros_and_large_counts_are_published() {
        let mut grid = Grid::default();
        table(&mut grid, &[vec![0, 30], vec![12, 0]]);
        let shown = grid.mask();
        assert!(shown.iter().all(|s| s.count().is_some()), "{shown:?}");
    }

    #[test]
    fn a_lone_small_count_takes_a_partner_in_its_row_and_column() {
        let mut grid = Grid::default();
        table(&mut grid, &[vec![3, 40, 25], vec![50, 60, 70]]);
        let shown = grid.mask();
        assert_eq!(shown[0], Shown::Small);
        let masked = shown.iter().filter(|s| s.count().is_none()).count();
        assert!(masked >= 4, "a rectangle at least: {shown:?}");
        assert_eq!(recovered(&grid, &shown), vec![]);
    }

    #[test]
    fn a_one_next_to_a_masked_zero_is_still_protected() {
        // 1 + 0 = 1: masking the 0 alone would pin the 1 (it is at least 1).
        let mut grid = Grid::default();
        table(&mut grid, &[vec![1, 0, 30], vec![20, 15, 40]]);
        let shown = grid.mask();
        assert_eq!(recovered(&grid, &shown), vec![]);
    }

    #[test]
    fn an_unpublished_small_cell_is_protected() {
        // Members 15, users 14: the 1 non-user would be members minus users.
        let mut grid = Grid::default();
        let users = grid.cell(14, true);
        let others = grid.cell(1, false);
        let members = grid.cell(15, true);
        grid.sum(vec![users, others], members);
        let shown = grid.mask();
        assert_eq!(shown[1], Shown::Hidden);
        assert!(
            shown[0].count().is_none() || shown[2].count().is_none(),
            "{shown:?}"
        );
        assert_eq!(recovered(&grid, &shown), vec![]);
    }

    /// Ten 1s under a total of 10 are pinned by the bounds of « < 11 » alone (each part at
    /// least 1, the total at most 10), whatever else is masked: one part is shown « s ».
    #[test]
    fn ten_ones_under_a_ten_show_one_secret() {
        let mut grid = Grid::default();
        let parts: Vec<usize> = (0..10).map(|_| grid.cell(1, true)).collect();
        let total = grid.cell(10, true);
        grid.table(&[parts], &[total], false);
        let all_small = vec![Shown::Small; 11];
        assert_eq!(recovered(&grid, &all_small).len(), 11);
        let shown = grid.mask();
        assert_eq!(recovered(&grid, &shown), vec![]);
        let secret = shown.iter().filter(|&&s| s == Shown::Secret).count();
        assert_eq!(secret, 1, "{shown:?}");
        assert_eq!(shown[10], Shown::Small, "the total keeps its « < 11 »");
    }

    /// The same within a table with a region: a CPTS of ten members in ten categories, beside
    /// a large one.
    #[test]
    fn a_cpts_of_ten_in_ten_categories_is_protected() {
        let mut grid = Grid::default();
        let small: Vec<u64> = (0..12).map(|k| u64::from(k < 10)).collect();
        let large: Vec<u64> = (0..12).map(|k| 20 + k).collect();
        table(&mut grid, &[small, large]);
        let shown = grid.mask();
        assert_eq!(recovered(&grid, &shown), vec![]);
    }

    #[test]
    fn shares_of_masked_counts_are_masked() {
        assert_eq!(
            share(Shown::Count(1), Shown::Count(3)),
            Share::Percent(33.3)
        );
        assert_eq!(share(Shown::Secret, Shown::Count(3)), Share::Masked);
        assert_eq!(share(Shown::Count(3), Shown::Count(0)), Share::None);
        assert_eq!(Shown::Small.mask_text(), Some("< 11"));
        assert_eq!(serde_json::to_string(&Shown::Count(4)).unwrap(), "4");
        assert_eq!(serde_json::to_string(&Shown::Small).unwrap(), "\"< 11\"");
    }

    /// Counts the way a CPTS's are: mostly zeros and small numbers, some large.
    pub(crate) fn count() -> impl Strategy<Value = u64> {
        prop_oneof![4 => Just(0u64), 4 => 1u64..=10, 2 => 11u64..=60, 1 => 60u64..=400]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// No protected cell of a random table (rows = CPTS, columns = categories, with their
        /// totals, the region's row and the grand total) comes out of everything published.
        #[test]
        fn no_masked_count_can_be_recomputed(
            values in (1usize..7, 1usize..7).prop_flat_map(|(r, c)| {
                proptest::collection::vec(proptest::collection::vec(count(), c), r)
            })
        ) {
            let mut grid = Grid::default();
            table(&mut grid, &values);
            let shown = grid.mask();
            for (i, s) in shown.iter().enumerate() {
                let v = grid.value(i);
                // A small count is masked; « < 11 » only ever hides one.
                prop_assert!(!is_small(v) || s.count().is_none(), "cell {} = {}: {:?}", i, v, s);
                prop_assert!(*s != Shown::Small || is_small(v), "cell {} = {}: {:?}", i, v, s);
            }
            let out = recovered(&grid, &shown);
            prop_assert!(out.is_empty(), "recovered {:?} from {:?}", out, shown);
        }

        /// Wide tables of mostly ones (a small CPTS spread over many professions): the case
        /// where the bounds of « < 11 » alone pin counts.
        #[test]
        fn no_count_of_a_wide_table_of_ones_can_be_recomputed(
            values in (1usize..4, 8usize..14).prop_flat_map(|(r, c)| {
                let one = prop_oneof![2 => Just(0u64), 4 => Just(1u64), 1 => 2u64..=3, 1 => 11u64..=30];
                proptest::collection::vec(proptest::collection::vec(one, c), r)
            })
        ) {
            let mut grid = Grid::default();
            table(&mut grid, &values);
            let shown = grid.mask();
            let out = recovered(&grid, &shown);
            prop_assert!(out.is_empty(), "recovered {:?} from {:?}", out, shown);
        }
    }
}

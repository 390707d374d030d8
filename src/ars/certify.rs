//! Cheap proofs that masked cells cannot be told, before the linear programme of
//! [`audit`](super::audit) runs for the others.
//!
//! A proof is a move of the masked cells that keeps every sum and every bound the attacker
//! knows, with the cell one unit away from its value. Most cells have a short one: an
//! augmenting cycle of their own table (see `Graph` in [`mask`](super::mask)), whose cells'
//! sums outside the table each take the move up in a cell no other sum holds (the members of a
//! profession who do not use SPICO, never published). Each move found is checked in whole
//! numbers against every sum it touches and every bound before it counts.

use super::mask::{is_small, known_moves, Grid, Shown};

/// No upper bound.
const INF: i64 = i64::MAX / 4;

/// Per cell, whether a move was found that takes it a unit away from its value.
pub(crate) fn movable(grid: &Grid, shown: &[Shown]) -> Vec<bool> {
    let n = grid.values().len();
    let (lo, hi): (Vec<i64>, Vec<i64>) = (0..n)
        .map(|i| {
            let (down, up) = known_moves(
                shown.get(i).copied().unwrap_or(Shown::Hidden),
                grid.value(i),
            );
            (down, up.unwrap_or(INF))
        })
        .collect();
    let sums = grid.sums();
    let mut sums_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (s, sum) in sums.iter().enumerate() {
        for c in sum.parts.iter().copied().chain(std::iter::once(sum.total)) {
            if let Some(list) = sums_of.get_mut(c) {
                list.push(s);
            }
        }
    }
    // A cell's coefficient in a sum: its parts add, its total subtracts.
    let coefficient = |s: usize, c: usize| -> i64 {
        match sums.get(s) {
            Some(sum) if sum.total == c => -1,
            Some(_) => 1,
            None => 0,
        }
    };
    let fits =
        |c: usize, m: i64| lo.get(c).is_some_and(|&l| m >= l) && hi.get(c).is_some_and(|&h| m <= h);
    let mut told = vec![false; n];
    for graph in grid.graphs() {
        let own = graph.sums.clone();
        // Moving `cell` by `delta`, what the sums outside this table need: one cell of each,
        // held by no other sum, moved the other way. `None` when one of them has none.
        let outside = |cell: usize, delta: i64| -> Option<Vec<(usize, i64)>> {
            if !fits(cell, delta) {
                return None;
            }
            let mut takers = Vec::new();
            for &s in sums_of.get(cell).map_or(&[][..], Vec::as_slice) {
                if own.contains(&s) {
                    continue;
                }
                let sum = sums.get(s)?;
                let need = -coefficient(s, cell) * delta;
                let taker = sum
                    .parts
                    .iter()
                    .copied()
                    .chain(std::iter::once(sum.total))
                    .filter(|&h| h != cell && sums_of.get(h).is_some_and(|l| l.len() == 1))
                    .map(|h| (h, need * coefficient(s, h)))
                    .find(|&(h, m)| fits(h, m))?;
                takers.push(taker);
            }
            Some(takers)
        };
        // Arcs of the residual network: an edge that may grow is taken along its orientation,
        // one that may shrink against it.
        let mut arcs: Vec<Vec<(usize, usize, i64)>> = vec![Vec::new(); graph.nodes];
        for (i, &(cell, from, to, _)) in graph.edges.iter().enumerate() {
            if outside(cell, 1).is_some() {
                if let Some(list) = arcs.get_mut(from) {
                    list.push((to, i, 1));
                }
            }
            if outside(cell, -1).is_some() {
                if let Some(list) = arcs.get_mut(to) {
                    list.push((from, i, -1));
                }
            }
        }
        for (i, &(cell, from, to, _)) in graph.edges.iter().enumerate() {
            let protected = is_small(grid.value(cell));
            let masked = shown.get(cell).is_some_and(|s| s.count().is_none());
            if !protected || !masked || told.get(cell) == Some(&true) {
                continue;
            }
            for (delta, start, goal) in [(1, to, from), (-1, from, to)] {
                let Some(path) = path(&arcs, start, goal, i) else {
                    continue;
                };
                let mut moves = vec![(i, delta)];
                moves.extend(path);
                let mut cells: Vec<(usize, i64)> = Vec::new();
                for (edge, d) in moves {
                    let Some(&(c, ..)) = graph.edges.get(edge) else {
                        continue;
                    };
                    cells.push((c, d));
                    cells.extend(outside(c, d).unwrap_or_default());
                }
                if let Some(moved) = checked(cells, &sums_of, &coefficient, &fits) {
                    for c in moved {
                        if let Some(t) = told.get_mut(c) {
                            *t = true;
                        }
                    }
                    break;
                }
            }
        }
    }
    told
}

/// A path of arcs from `start` to `goal` that does not take edge `avoid`: `(edge, move)`.
fn path(
    arcs: &[Vec<(usize, usize, i64)>],
    start: usize,
    goal: usize,
    avoid: usize,
) -> Option<Vec<(usize, i64)>> {
    let mut via: Vec<Option<(usize, usize, i64)>> = vec![None; arcs.len()];
    let mut seen = vec![false; arcs.len()];
    *seen.get_mut(start)? = true;
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        if v == goal {
            break;
        }
        for &(w, edge, d) in arcs.get(v).map_or(&[][..], Vec::as_slice) {
            if edge != avoid && seen.get(w) == Some(&false) {
                *seen.get_mut(w)? = true;
                *via.get_mut(w)? = Some((v, edge, d));
                queue.push_back(w);
            }
        }
    }
    if seen.get(goal) != Some(&true) {
        return None;
    }
    let mut out = Vec::new();
    let mut at = goal;
    while at != start {
        let (previous, edge, d) = via.get(at).copied().flatten()?;
        out.push((edge, d));
        at = previous;
    }
    Some(out)
}

/// The cells a move changes by a unit or more, when it keeps every sum it touches and every
/// bound; `None` when it does not.
fn checked(
    mut cells: Vec<(usize, i64)>,
    sums_of: &[Vec<usize>],
    coefficient: &impl Fn(usize, usize) -> i64,
    fits: &impl Fn(usize, i64) -> bool,
) -> Option<Vec<usize>> {
    cells.sort_unstable();
    let mut merged: Vec<(usize, i64)> = Vec::with_capacity(cells.len());
    for (c, d) in cells {
        match merged.last_mut() {
            Some((last, total)) if *last == c => *total += d,
            _ => merged.push((c, d)),
        }
    }
    let mut touched: Vec<usize> = merged
        .iter()
        .filter_map(|&(c, _)| sums_of.get(c))
        .flatten()
        .copied()
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let balanced = touched.iter().all(|&s| {
        let cells_of = |c: usize| sums_of.get(c).is_some_and(|l| l.contains(&s));
        merged
            .iter()
            .filter(|&&(c, _)| cells_of(c))
            .map(|&(c, d)| coefficient(s, c) * d)
            .sum::<i64>()
            == 0
    });
    let within = merged.iter().all(|&(c, d)| fits(c, d));
    (balanced && within).then(|| {
        merged
            .iter()
            .filter(|&&(_, d)| d != 0)
            .map(|&(c, _)| c)
            .collect()
    })
}

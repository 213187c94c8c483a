//! Every occurrence of the lexicon's folded patterns in a folded text: a
//! walk through a trie from each byte that can start a pattern.
//!
//! Nearly every pattern starts with the space that anchors it at a word
//! start (see `lexicon::fold_char`), so walks start at spaces and most end
//! after a byte or two. The result is the set of matches an Aho-Corasick
//! automaton reports in overlapping mode, without its failure links: the
//! trie costs a few instructions a byte to scan and little to build.
//!
//! The trie is a double array: every state is a cell of one table, the
//! cell holding the base its children are placed from (the child on a
//! byte of class `c` is the cell `base + c`) and its parent, which tells a
//! child from a cell that only lies there. A step is one read of the
//! current cell (already in cache: the step before read it) and one of
//! the next, the same few instructions at every state, with no branch
//! between kinds of state; a state with one child (most of them: the
//! tails of long phrases) has it in the next free cell, so a walk down a
//! phrase reads cells side by side. The tests compare it with a naive
//! search.

use crate::error::Error;

/// A transition: the next state shifted left by one, with the low bit set
/// when a pattern ends there. 0 is no transition.
pub(crate) type Next = u32;

/// One cell of the double array.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Where the children of the state in this cell are placed from.
    base: u32,
    /// The state whose child this cell is, shifted left by one, with the
    /// low bit set when a pattern ends here; [`FREE`] in a cell no state
    /// holds. The root's children have [`NO_CELL`] for parent (the root
    /// has no cell: its transitions are a table per byte).
    check: u32,
}

/// The `check` of a cell no state holds.
const FREE: u32 = u32::MAX;
/// More cells than the trie may have, and so the parent of the root's
/// children: no step reads a child of it.
const NO_CELL: u32 = u32::MAX >> 2;

/// The trie. Cell 0 is no state (a transition to it is no transition);
/// the root is not a state either: it has a transition per byte.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Per byte: its class (0: in no pattern).
    class: [u8; 256],
    /// The root's transitions, per byte.
    root: [Next; 256],
    /// The double array: a state is its cell's index. `width` cells past
    /// the last base, so that every step reads a cell.
    cells: Vec<Cell>,
    /// Per cell, `out[out_at[s]..out_at[s + 1]]` are the patterns ending
    /// at the state there.
    out_at: Vec<u32>,
    out: Vec<u32>,
}

impl Trie {
    /// A trie of `patterns` (pattern `i` is reported as `i`); empty
    /// patterns are left out (they match nothing).
    pub(crate) fn new(patterns: &[Vec<u8>]) -> Result<Trie, Error> {
        let too_many = || Error::Automaton {
            what: "classifier lexicon",
            message: "too many pattern bytes for the trie".to_string(),
        };
        let mut class = [0u8; 256];
        let mut width = 1usize;
        for &b in patterns.iter().flatten() {
            if class[b as usize] == 0 {
                // At most 256 distinct bytes: a class fits a u8 but for
                // the last; no pattern text holds all of them.
                class[b as usize] = u8::try_from(width).map_err(|_| too_many())?;
                width += 1;
            }
        }
        // Each pattern walks down from the root, making the states it
        // lacks; a state's children are a list through `sibling`. States
        // are numbered from 1 as they are made (0 is the root).
        // Edges (parent, byte, child) in the order they are made, and the
        // patterns ending at each state.
        // At most one state per pattern byte: no table grows by copies.
        let bytes: usize = patterns.iter().map(Vec::len).sum();
        let mut edges: Vec<(u32, u8, u32)> = Vec::with_capacity(bytes);
        let mut sibling: Vec<u32> = Vec::with_capacity(bytes);
        let mut first: Vec<u32> = Vec::with_capacity(bytes + 1);
        first.push(0);
        let mut ends: Vec<(u32, u32)> = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            let mut state = 0u32;
            for &b in p {
                // Edges are numbered from 1 in `first` and `sibling`.
                let mut e = first[state as usize];
                while e != 0 && edges[e as usize - 1].1 != b {
                    e = sibling[e as usize - 1];
                }
                if e != 0 {
                    state = edges[e as usize - 1].2;
                    continue;
                }
                let made = u32::try_from(first.len())
                    .ok()
                    .filter(|&m| m < u32::MAX >> 2)
                    .ok_or_else(too_many)?;
                edges.push((state, b, made));
                sibling.push(first[state as usize]);
                first[state as usize] = edges.len() as u32;
                first.push(0);
                state = made;
            }
            ends.push((state, i as u32));
        }
        let made = first.len();
        let mut ends_at = vec![false; made];
        for &(s, _) in &ends {
            ends_at[s as usize] = true;
        }
        // Cells are given state by state, depth first, each state's
        // children at the first base where all their cells are free: a
        // state with one child has it in the first free cell.
        let mut place = Placer {
            cells: Vec::with_capacity(made + width + 1),
            lo: 1,
        };
        place.cells.push(Cell {
            base: 0,
            check: FREE,
        });
        // Per state made: its cell.
        let mut cell = vec![0u32; made];
        let mut root = [0; 256];
        let mut kids: Vec<(u8, u32)> = Vec::new();
        let mut stack: Vec<u32> = vec![0];
        while let Some(s) = stack.pop() {
            kids.clear();
            let mut e = first[s as usize];
            while e != 0 {
                let (_, b, child) = edges[e as usize - 1];
                kids.push((class[b as usize], child));
                e = sibling[e as usize - 1];
            }
            if kids.is_empty() {
                continue;
            }
            kids.sort_unstable();
            let base = place.base(&kids);
            let parent = if s == 0 { NO_CELL } else { cell[s as usize] };
            for &(c, child) in &kids {
                let at = base + u32::from(c);
                if at >= NO_CELL {
                    return Err(too_many());
                }
                cell[child as usize] = at;
                place.cells[at as usize].check = parent << 1 | u32::from(ends_at[child as usize]);
            }
            if s == 0 {
                for (b, &c) in class.iter().enumerate() {
                    if let Ok(k) = kids.binary_search_by_key(&c, |k| k.0) {
                        let at = base + u32::from(c);
                        root[b] = at << 1 | u32::from(ends_at[kids[k].1 as usize]);
                    }
                }
            } else {
                place.cells[cell[s as usize] as usize].base = base;
            }
            // The first child next: a phrase's states side by side.
            stack.extend(kids.iter().rev().map(|k| k.1));
        }
        let mut cells = place.cells;
        // Every base plus every class is a cell.
        let last_base = cells.iter().map(|c| c.base as usize).max().unwrap_or(0);
        cells.resize(
            cells.len().max(last_base + width),
            Cell {
                base: 0,
                check: FREE,
            },
        );
        let n = cells.len();
        let mut out_at = vec![0u32; n + 1];
        for &(s, _) in &ends {
            out_at[cell[s as usize] as usize + 1] += 1;
        }
        for s in 0..n {
            out_at[s + 1] += out_at[s];
        }
        let mut fill = out_at.clone();
        let mut out = vec![0u32; ends.len()];
        for &(s, i) in &ends {
            let s = cell[s as usize] as usize;
            out[fill[s] as usize] = i;
            fill[s] += 1;
        }
        Ok(Trie {
            class,
            root,
            cells,
            out_at,
            out,
        })
    }

    /// The transition from the root on byte `b` (0: none).
    #[inline]
    pub(crate) fn root(&self, b: u8) -> Next {
        self.root[b as usize]
    }

    /// The transition from the state `t` leads to, on byte `b` (0: none).
    #[inline]
    pub(crate) fn step(&self, t: Next, b: u8) -> Next {
        self.step_class(t, self.class[b as usize])
    }

    /// The transition from the state `t` leads to, on a byte of class `c`
    /// (see [`Trie::class`]).
    #[inline]
    pub(crate) fn step_class(&self, t: Next, c: u8) -> Next {
        let s = t >> 1;
        let at = self.cells[s as usize].base + u32::from(c);
        let check = self.cells[at as usize].check;
        // The cell is a child of `s` (0, no state, has none).
        if check >> 1 == s {
            at << 1 | (check & 1)
        } else {
            0
        }
    }

    /// A walk's place: the cell of the state transition `t` leads to,
    /// with that cell's base (for [`Trie::child`]).
    #[inline]
    pub(crate) fn cursor(&self, t: Next) -> (u32, u32) {
        let s = t >> 1;
        (s, self.cells.get(s as usize).map_or(0, |c| c.base))
    }

    /// The child of the state in cell `s`, whose base is `base`, on a byte
    /// of class `c`: its cell, its base and whether a pattern ends there.
    /// One read of one cell: a walk keeps the base it needs next.
    #[inline]
    pub(crate) fn child(&self, s: u32, base: u32, c: u8) -> Option<(u32, u32, bool)> {
        let at = base + u32::from(c);
        let cell = self.cells.get(at as usize)?;
        (cell.check >> 1 == s).then_some((at, cell.base, cell.check & 1 != 0))
    }

    /// The patterns ending at the state in cell `s`.
    #[inline]
    pub(crate) fn outputs_at(&self, s: u32) -> &[u32] {
        let s = s as usize;
        &self.out[self.out_at[s] as usize..self.out_at[s + 1] as usize]
    }

    /// The class of byte `b`: what a state's base is offset by.
    #[inline]
    pub(crate) fn class(&self, b: u8) -> u8 {
        self.class[b as usize]
    }

    /// The patterns ending at the state `t` leads to.
    #[inline]
    pub(crate) fn outputs(&self, t: Next) -> &[u32] {
        if t & 1 == 0 {
            return &[];
        }
        let s = (t >> 1) as usize;
        &self.out[self.out_at[s] as usize..self.out_at[s + 1] as usize]
    }

    /// Calls `found(start, end, pattern)` for every occurrence of every
    /// pattern in `hay`, `[start, end)`: in order of their starts, then of
    /// their ends.
    #[inline]
    pub(crate) fn for_each(&self, hay: &[u8], mut found: impl FnMut(usize, usize, u32)) {
        let mut i = 0;
        while let Some(k) = hay[i..].iter().position(|&b| self.root[b as usize] != 0) {
            let start = i + k;
            let mut t = self.root[hay[start] as usize];
            let mut j = start + 1;
            loop {
                let s = (t >> 1) as usize;
                if t & 1 != 0 {
                    let (a, z) = (self.out_at[s], self.out_at[s + 1]);
                    for &p in &self.out[a as usize..z as usize] {
                        found(start, j, p);
                    }
                }
                let Some(&b) = hay.get(j) else { break };
                t = self.step(t, b);
                if t == 0 {
                    break;
                }
                j += 1;
            }
            i = start + 1;
        }
    }
}

/// The trie's states after a space and the first run of ASCII letters
/// and digits of a word, by the run's key (`lexicon::run_key`: the run's
/// first eight bytes, and whether it is longer): the state a walk from the
/// word start reaches after the run's first eight bytes at most, in one
/// probe of a small open-addressing table instead of a trie step a byte.
/// Only the first runs of patterns are kept: a word whose run is no
/// pattern's first run (nor its first eight bytes, for a longer one)
/// starts no match that ends at or after the run's end.
///
/// With each state, the letters a walk may go on with after one blank
/// (see [`RunStates::get`]): "the" starts patterns of two words ("the
/// west"), but most words after "the " start none of them; and
/// [`STAR_INSIDE`] if a star term ends inside the bytes the state is
/// past (the walk from the word start then reads them all).
#[derive(Debug, Clone)]
pub(crate) struct RunStates {
    /// `(key, transition, letters)`; key 0 (no run has it) in a free
    /// slot.
    slots: Box<[(u64, Next, u32)]>,
    /// The number of slots, less one (a power of two).
    mask: usize,
}

/// In the letters of [`RunStates::get`]: a star term that is one run ends
/// before the last of the bytes the state is past (above the bits of the
/// 26 letters).
pub(crate) const STAR_INSIDE: u32 = 1 << 31;

impl RunStates {
    /// The table of `entries`, `(key, transition, star inside)`, in
    /// `trie`: at most half full. A key given twice keeps its first
    /// transition (keys of the same first eight bytes reach the same
    /// state, and a star term ends inside the first eight bytes of all
    /// their runs or of none).
    pub(crate) fn new(trie: &Trie, entries: &[(u64, Next, bool)]) -> RunStates {
        let size = (2 * entries.len()).next_power_of_two().max(16);
        let mut slots = vec![(0u64, 0 as Next, 0u32); size].into_boxed_slice();
        let mask = size - 1;
        for &(key, next, star) in entries {
            let mut i = Self::home(key, mask);
            while slots[i].0 != 0 && slots[i].0 != key {
                i = (i + 1) & mask;
            }
            if slots[i].0 == 0 {
                let star = if star { STAR_INSIDE } else { 0 };
                slots[i] = (key, next, Self::letters_after_blank(trie, next) | star);
            }
        }
        RunStates { slots, mask }
    }

    /// The ASCII letters (bit 0 "a") on which the state after a blank
    /// from the state `t` leads to has a child.
    fn letters_after_blank(trie: &Trie, t: Next) -> u32 {
        let blank = if t == 0 { 0 } else { trie.step(t, b' ') };
        (b'a'..=b'z')
            .filter(|&b| blank != 0 && trie.step(blank, b) != 0)
            .fold(0, |m, b| m | 1 << (b - b'a'))
    }

    /// The slot a key is looked for from (Fibonacci hashing: the top bits
    /// of a product).
    #[inline(always)]
    fn home(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
    }

    /// The transition after the run of key `key` (0: no pattern's first
    /// run), and the letters, as bits from "a", that a walk from there
    /// may go on with after one blank (a walk on to any other letter
    /// finds nothing: no pattern ends at a blank), with [`STAR_INSIDE`].
    #[inline(always)]
    pub(crate) fn get(&self, key: u64) -> (Next, u32) {
        let mut i = Self::home(key, self.mask);
        loop {
            let (k, next, letters) = self.slots[i];
            if k == key {
                return (next, letters);
            }
            if k == 0 {
                return (0, 0);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The number of runs held (for tests).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }
}

/// Finds free cells for a state's children, first fit.
struct Placer {
    cells: Vec<Cell>,
    /// No cell before this one is free.
    lo: usize,
}

impl Placer {
    /// The first base at which the cells of `kids` (by class, sorted) are
    /// all free, those cells taken (marked as no state's, for the caller
    /// to fill).
    fn base(&mut self, kids: &[(u8, u32)]) -> u32 {
        while self.cells.get(self.lo).is_some_and(|c| c.check != FREE) {
            self.lo += 1;
        }
        let first = usize::from(kids[0].0);
        let mut at = self.lo.max(first);
        loop {
            let base = at - first;
            let free = |c: usize| self.cells.get(base + c).map_or(true, |c| c.check == FREE);
            if kids.iter().all(|k| free(usize::from(k.0))) {
                let last = base + usize::from(kids[kids.len() - 1].0);
                if self.cells.len() <= last {
                    self.cells.resize(
                        last + 1,
                        Cell {
                            base: 0,
                            check: FREE,
                        },
                    );
                }
                for k in kids {
                    // Taken: a parent no state has, until the caller sets it.
                    self.cells[base + usize::from(k.0)].check = NO_CELL << 1;
                }
                return base as u32;
            }
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(patterns: &[Vec<u8>], hay: &[u8]) -> Vec<(usize, usize, u32)> {
        let mut all = Vec::new();
        for i in 0..hay.len() {
            for (k, p) in patterns.iter().enumerate() {
                if !p.is_empty() && hay[i..].starts_with(p) {
                    all.push((i, i + p.len(), k as u32));
                }
            }
        }
        all.sort();
        all
    }

    fn check(patterns: &[&[u8]], hay: &[u8]) {
        let patterns: Vec<Vec<u8>> = patterns.iter().map(|p| p.to_vec()).collect();
        let trie = Trie::new(&patterns).unwrap();
        let mut got = Vec::new();
        trie.for_each(hay, |s, e, p| got.push((s, e, p)));
        let in_order = got.windows(2).all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1));
        assert!(in_order, "{got:?}");
        got.sort();
        assert_eq!(got, naive(&patterns, hay));
    }

    #[test]
    fn finds_every_occurrence_of_every_pattern() {
        let pats: &[&[u8]] = &[
            b" support",
            b" support for",
            b" strong support",
            b" support",
            b"n't",
            b"?",
            b" u s  aid",
            b"",
            " kyiv\u{2019}s".as_bytes(),
        ];
        check(
            pats,
            b" they don't support  strong support for u s  aid? support",
        );
        check(pats, " kyiv\u{2019}s support".as_bytes());
        check(pats, b"");
        check(&[], b" support");
    }

    proptest! {
        #[test]
        fn same_as_the_naive_search(
            patterns in proptest::collection::vec("[ ab?']{0,5}", 0..12),
            hay in "[ ab?'c]{0,40}",
        ) {
            let patterns: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
            check(&patterns, hay.as_bytes());
        }
    }

    proptest! {
        /// Every state a walk reaches is a prefix of a pattern, and holds
        /// the patterns equal to it: the double array's cells lend no
        /// state a child of another.
        #[test]
        fn a_walk_follows_the_prefixes_of_the_patterns(
            patterns in proptest::collection::vec("[ ab?'c\u{e9}]{0,6}", 0..16),
            word in "[ ab?'cd\u{e9}]{1,8}",
        ) {
            let patterns: Vec<Vec<u8>> = patterns.iter().map(|p| p.as_bytes().to_vec()).collect();
            let trie = Trie::new(&patterns).unwrap();
            let w = word.as_bytes();
            let mut t = trie.root(w[0]);
            for k in 1..=w.len() {
                let p = &w[..k];
                let live = patterns.iter().any(|q| q.starts_with(p));
                prop_assert_eq!(t != 0, live, "{:?}", String::from_utf8_lossy(p));
                if t == 0 {
                    break;
                }
                let want: Vec<u32> = (0..patterns.len() as u32)
                    .filter(|&i| patterns[i as usize] == p)
                    .collect();
                let mut got = trie.outputs(t).to_vec();
                got.sort_unstable();
                prop_assert_eq!(got, want);
                if k < w.len() {
                    t = trie.step(t, w[k]);
                }
            }
            // No transition leads anywhere.
            prop_assert_eq!(trie.step(0, w[0]), 0);
        }
    }
}

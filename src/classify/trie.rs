//! Every occurrence of the lexicon's folded patterns in a folded text: a
//! walk through a trie from each byte that can start a pattern.
//!
//! Nearly every pattern starts with the space that anchors it at a word
//! start (see `lexicon::fold_char`), so walks start at spaces and most end
//! after a byte or two. The result is the set of matches an Aho-Corasick
//! automaton reports in overlapping mode, without its failure links: the
//! trie costs a few instructions a byte to scan and little to build. A
//! state with one child (most of them: the tails of long phrases) holds
//! that child; a state with more holds a row of transitions over the few
//! bytes the patterns use, and is told from the others by its number. The
//! tests compare it with a naive search.

use crate::error::Error;

/// A transition: the next state shifted left by one, with the low bit set
/// when a pattern ends there. 0 is no transition.
pub(crate) type Next = u32;

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// The class of the only child's byte, or 0 (no child).
    label: u32,
    /// The only child.
    child: Next,
}

/// The trie. States `1..dense` have a row of transitions each; the others
/// have one child at most; 0 is no state. The root is not a state: it has a transition
/// per byte.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Per byte: its class (0: in no pattern).
    class: [u8; 256],
    /// The number of classes, 0 included: the length of a row.
    width: usize,
    /// The root's transitions, per byte.
    root: [Next; 256],
    /// The first state without a row.
    dense: usize,
    /// `width` transitions per state below `dense`, by class.
    rows: Vec<Next>,
    /// Per state: its child, for states from `dense` on.
    nodes: Vec<Node>,
    /// Per state, `out[out_at[s]..out_at[s + 1]]` are the patterns ending
    /// there.
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
        let made = first.len() as u32;
        // States with two children or more come first, with a row each.
        let mut children = vec![0u32; made as usize];
        for &(parent, _, _) in &edges {
            children[parent as usize] += 1;
        }
        let mut id = vec![0u32; made as usize];
        // State 0 is none: a transition to it is no transition.
        let mut n = 1u32;
        for pass in [true, false] {
            for made in 1..id.len() {
                if (children[made] >= 2) == pass {
                    id[made] = n;
                    n += 1;
                }
            }
        }
        let dense = 1 + children.iter().skip(1).filter(|&&c| c >= 2).count();
        let n = n as usize;
        let mut out_at = vec![0u32; n + 1];
        for &(s, _) in &ends {
            out_at[id[s as usize] as usize + 1] += 1;
        }
        for s in 0..n {
            out_at[s + 1] += out_at[s];
        }
        let mut fill = out_at.clone();
        let mut out = vec![0u32; ends.len()];
        for &(s, i) in &ends {
            let s = id[s as usize] as usize;
            out[fill[s] as usize] = i;
            fill[s] += 1;
        }
        let next = |made: u32| -> Next {
            let s = id[made as usize];
            let c = s as usize;
            s << 1 | u32::from(out_at[c] != out_at[c + 1])
        };
        let mut rows: Vec<Next> = vec![0; dense * width];
        let mut nodes = vec![Node::default(); n];
        let mut root = [0; 256];
        for &(parent, b, child) in &edges {
            let c = class[b as usize];
            if parent == 0 {
                root[b as usize] = next(child);
                continue;
            }
            let s = id[parent as usize] as usize;
            if s < dense {
                rows[s * width + c as usize] = next(child);
            } else {
                nodes[s] = Node {
                    label: u32::from(c),
                    child: next(child),
                };
            }
        }
        Ok(Trie {
            class,
            width,
            root,
            dense,
            rows,
            nodes,
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
        let s = (t >> 1) as usize;
        if s < self.dense {
            self.rows[s * self.width + c as usize]
        } else {
            let node = self.nodes[s];
            if node.label == u32::from(c) {
                node.child
            } else {
                0
            }
        }
    }

    /// The class of byte `b`: its column in the rows.
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
}

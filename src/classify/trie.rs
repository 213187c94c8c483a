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
//! bytes the patterns use. The tests compare it with a naive search.

use crate::error::Error;

/// A transition: the next state shifted left by one, with the low bit set
/// when a pattern ends there. 0 is no transition.
type Next = u32;

/// Marks [`Node::label`] as the index of a row of transitions.
const DENSE: u32 = 1 << 31;

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// The class of the only child's byte, or `DENSE | row`, or 0 (no
    /// child).
    label: u32,
    /// The only child.
    child: Next,
}

/// The trie. State 0 is the root.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Per byte: its class (0: in no pattern).
    class: [u8; 256],
    /// The number of classes, 0 included: the length of a row.
    width: usize,
    /// The root's transitions, per byte.
    root: [Next; 256],
    nodes: Vec<Node>,
    rows: Vec<Next>,
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
        // Sorted, patterns sharing a prefix are neighbours: each new
        // pattern branches off the path of the one before.
        let mut order: Vec<u32> = (0..patterns.len() as u32)
            .filter(|&i| !patterns[i as usize].is_empty())
            .collect();
        order.sort_by(|&a, &b| {
            patterns[a as usize]
                .cmp(&patterns[b as usize])
                .then(a.cmp(&b))
        });
        // Edges (parent, byte, child) in the order they are made, and the
        // patterns ending at each state.
        let mut edges: Vec<(u32, u8, u32)> = Vec::new();
        let mut ends: Vec<(u32, u32)> = Vec::new();
        let mut states = 1u32;
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &i in &order {
            let p = &patterns[i as usize][..];
            let common = p.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &p[common..] {
                let parent = *path.last().expect("the root");
                if states >= DENSE >> 1 {
                    return Err(too_many());
                }
                edges.push((parent, b, states));
                path.push(states);
                states += 1;
            }
            ends.push((*path.last().expect("the root"), i));
            prev = p;
        }
        let n = states as usize;
        let mut out_at = vec![0u32; n + 1];
        for &(s, _) in &ends {
            out_at[s as usize + 1] += 1;
        }
        for s in 0..n {
            out_at[s + 1] += out_at[s];
        }
        let mut fill = out_at.clone();
        let mut out = vec![0u32; ends.len()];
        for &(s, i) in &ends {
            out[fill[s as usize] as usize] = i;
            fill[s as usize] += 1;
        }
        let next = |child: u32| -> Next {
            let c = child as usize;
            child << 1 | u32::from(out_at[c] != out_at[c + 1])
        };
        let mut children = vec![0u32; n];
        for &(parent, _, _) in &edges {
            children[parent as usize] += 1;
        }
        let mut nodes = vec![Node::default(); n];
        let mut rows: Vec<Next> = Vec::new();
        let mut root = [0; 256];
        for &(parent, b, child) in &edges {
            let c = class[b as usize];
            if parent == 0 {
                root[b as usize] = next(child);
                continue;
            }
            let node = &mut nodes[parent as usize];
            if children[parent as usize] == 1 {
                *node = Node {
                    label: u32::from(c),
                    child: next(child),
                };
                continue;
            }
            if node.label & DENSE == 0 {
                let row = (rows.len() / width) as u32;
                if row >= DENSE {
                    return Err(too_many());
                }
                node.label = DENSE | row;
                rows.resize(rows.len() + width, 0);
            }
            let row = (node.label & !DENSE) as usize;
            rows[row * width + c as usize] = next(child);
        }
        Ok(Trie {
            class,
            width,
            root,
            nodes,
            rows,
            out_at,
            out,
        })
    }

    /// The transition from state `s` on byte `b`.
    #[inline]
    fn step(&self, s: u32, b: u8) -> Next {
        let c = u32::from(self.class[b as usize]);
        let node = self.nodes[s as usize];
        if node.label & DENSE != 0 {
            self.rows[(node.label & !DENSE) as usize * self.width + c as usize]
        } else if node.label == c {
            node.child
        } else {
            0
        }
    }

    /// Calls `found(start, end, pattern)` for every occurrence of every
    /// pattern in `hay`, `[start, end)`: in order of their starts, then of
    /// their ends.
    #[inline]
    pub(crate) fn for_each(&self, hay: &[u8], mut found: impl FnMut(usize, usize, u32)) {
        for (i, &b) in hay.iter().enumerate() {
            let mut t = self.root[b as usize];
            let mut j = i + 1;
            while t != 0 {
                let s = t >> 1;
                if t & 1 != 0 {
                    let (a, z) = (self.out_at[s as usize], self.out_at[s as usize + 1]);
                    for &p in &self.out[a as usize..z as usize] {
                        found(i, j, p);
                    }
                }
                let Some(&b) = hay.get(j) else { break };
                t = self.step(s, b);
                j += 1;
            }
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

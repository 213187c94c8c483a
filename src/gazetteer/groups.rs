//! A look-up of the one-word group nouns, built once with the gazetteer.

use std::cmp::Ordering;

use super::GroupNoun;

/// The one-word group nouns ("officials", "delegation"), ASCII lower-cased,
/// sorted by length and then by bytes: a word is looked up among the nouns
/// of its own length only, by binary search. The same answers as comparing
/// the word with every one-word noun with `eq_ignore_ascii_case`.
#[derive(Debug, Clone, Default)]
pub(super) struct GroupWords {
    /// The nouns, by (length, bytes).
    words: Vec<Box<[u8]>>,
    /// `words[starts[n]..starts[n + 1]]` are the nouns `n` bytes long.
    starts: Vec<u32>,
}

impl GroupWords {
    pub(super) fn new(nouns: &[GroupNoun]) -> GroupWords {
        let mut words: Vec<Box<[u8]>> = nouns
            .iter()
            .filter(|g| !g.noun.contains(' '))
            .map(|g| g.noun.to_ascii_lowercase().into_bytes().into_boxed_slice())
            .collect();
        words.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        words.dedup();
        let longest = words.last().map_or(0, |w| w.len());
        let starts = (0..=longest + 1)
            .map(|n| words.partition_point(|w| w.len() < n) as u32)
            .collect();
        GroupWords { words, starts }
    }

    /// Whether `word` is one of the nouns, ignoring ASCII case.
    pub(super) fn contains(&self, word: &str) -> bool {
        let w = word.as_bytes();
        let n = w.len();
        if n + 1 >= self.starts.len() {
            return false;
        }
        let same_length = &self.words[self.starts[n] as usize..self.starts[n + 1] as usize];
        same_length
            .binary_search_by(|noun| {
                noun.iter()
                    .zip(w)
                    .map(|(a, b)| a.cmp(&b.to_ascii_lowercase()))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            })
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scan(nouns: &[GroupNoun], w: &str) -> bool {
        nouns
            .iter()
            .any(|g| g.noun.eq_ignore_ascii_case(w) && !g.noun.contains(' '))
    }

    fn nouns(list: &[&str]) -> Vec<GroupNoun> {
        list.iter()
            .map(|n| GroupNoun {
                noun: n.to_string(),
                plural: true,
            })
            .collect()
    }

    #[test]
    fn finds_one_word_nouns_in_any_case() {
        let g = GroupWords::new(&nouns(&["officials", "Delegation", "armed forces", "é"]));
        assert!(g.contains("OFFICIALS"));
        assert!(g.contains("delegation"));
        assert!(!g.contains("armed forces"));
        assert!(!g.contains("armed"));
        assert!(!g.contains("official"));
        assert!(!g.contains("officialsx"));
        assert!(g.contains("é"));
        assert!(!g.contains("É"));
        assert!(!g.contains(""));
    }

    #[test]
    fn builtin_nouns_agree_with_the_scan() {
        let gaz = crate::gazetteer::Gazetteer::builtin();
        let list = gaz.group_nouns();
        let g = GroupWords::new(list);
        for n in list {
            for w in [
                n.noun.clone(),
                n.noun.to_uppercase(),
                n.noun.chars().skip(1).collect(),
                format!("{}s", n.noun),
            ] {
                assert_eq!(g.contains(&w), scan(list, &w), "{w:?}");
                assert_eq!(gaz.is_group_word(&w), scan(list, &w), "{w:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_scan(
            list in prop::collection::vec("[a-cA-C é]{0,4}", 0..12),
            words in prop::collection::vec("[a-cA-C é]{0,5}", 0..20),
        ) {
            let list = nouns(&list.iter().map(String::as_str).collect::<Vec<_>>());
            let g = GroupWords::new(&list);
            for w in words.iter().chain(list.iter().map(|n| &n.noun)) {
                prop_assert_eq!(g.contains(w), scan(&list, w), "{:?}", w);
            }
        }
    }
}

//! Any text as a gazetteer table, a cue lexicon or a classifier list: an
//! `Error` or a built analyzer, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use standpoint::attribution::CueLexicon;
use standpoint::classify::LexiconClassifier;
use standpoint::gazetteer::Gazetteer;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    match which % 8 {
        0 => drop(Gazetteer::builder().builtin(false).actors_tsv("f.tsv", text).build()),
        1 => drop(Gazetteer::builder().builtin(false).titles_tsv("f.tsv", text).build()),
        2 => drop(Gazetteer::builder().builtin(false).group_nouns_tsv("f.tsv", text).build()),
        3 => drop(CueLexicon::from_tsv("f.tsv", text)),
        4 => drop(LexiconClassifier::builder().builtin(false).stance_tsv("f.tsv", text).build()),
        5 => drop(LexiconClassifier::builder().builtin(false).acts_tsv("f.tsv", text).build()),
        6 => drop(LexiconClassifier::builder().builtin(false).negation_tsv("f.tsv", text).build()),
        _ => drop(LexiconClassifier::builder().builtin(false).topics_tsv("f.tsv", text).build()),
    }
});

//! Inputs past 2 GiB: the attributor's token offsets are 31-bit, so no
//! configured limit lets a longer text through; it is refused with a clear
//! error, never analyzed with wrong offsets.

#![cfg(target_pointer_width = "64")]

use standpoint::attribution::CueLexicon;
use standpoint::{Analyzer, Error};

/// `i32::MAX`: the longest input any analyzer takes.
const LONGEST: usize = i32::MAX as usize;

#[test]
fn a_limit_past_two_gib_still_refuses_longer_inputs() {
    let analyzer = Analyzer::builder()
        .max_input_bytes(usize::MAX)
        .build()
        .unwrap();
    let refused = Error::InputTooLarge {
        len: LONGEST + 1,
        limit: LONGEST,
    };
    // Zeroed memory is mapped lazily: the size check reads only the
    // length, and the UTF-8 check reads the shared zero page.
    let bytes = vec![0u8; LONGEST + 1];
    assert_eq!(analyzer.analyze_bytes(&bytes).unwrap_err(), refused);
    let text = std::str::from_utf8(&bytes).unwrap();
    assert_eq!(analyzer.analyze(text).unwrap_err(), refused);
    // The cue lexicon's own entry point builds the same token table.
    let cues = CueLexicon::builtin();
    assert_eq!(cues.try_candidates(text).unwrap_err(), refused);
    assert!(cues.candidates(text).is_empty());
}

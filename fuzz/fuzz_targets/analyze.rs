//! Any bytes through the whole pipeline: never a panic; every span valid;
//! deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use standpoint::{Analyzer, Span};

fuzz_target!(|data: &[u8]| {
    let analyzer = Analyzer::default();
    let Ok(a) = analyzer.analyze_bytes(data) else { return };
    let text = std::str::from_utf8(data).unwrap();
    let ok = |s: Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    assert!(a.sentences.iter().all(|s| ok(*s)));
    assert!(a.mentions.iter().all(|m| ok(m.span)));
    for st in &a.statements {
        assert!(ok(st.cue));
        assert!(st.content.map_or(true, ok));
        assert!(st.speaker.iter().chain(&st.co_speakers).all(|m| ok(m.span)));
    }
    assert_eq!(analyzer.analyze(text).unwrap(), a);
});

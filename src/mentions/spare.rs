//! The mention stage's per-document lists, kept per thread for the next
//! document.
//!
//! Each document asks for a few lists of a few kilobytes (the word hits,
//! the mentions). Asked of the allocator after the last document's small
//! blocks were freed, each sends glibc into its slow path (it merges its
//! fast bins first); taken from here, a list is the last document's,
//! emptied, and most documents never grow it. Nothing of a document is
//! left in a list given back: [`give`] and [`give_list`] clear it.
//!
//! Only lists that live to the document's end are kept: a pass's own
//! short-lived list (coreference's history) is better freed, for the
//! later stages' lists to be made in its memory while it is still cached
//! (kept, it cost more cache misses than its allocation).

use std::cell::Cell;
use std::thread::LocalKey;

use super::lexicon::WordHit;
use super::MentionRec;

/// The longest list a thread keeps: one that met a huge document does not
/// hold its memory (a quarter of a megabyte of mentions).
const MAX_KEPT: usize = 1 << 13;

thread_local! {
    /// The word lexicon's hits ([`super::Words::hits`]).
    pub(super) static HITS: Cell<Vec<WordHit>> = const { Cell::new(Vec::new()) };
    /// Two lists of mentions: the one a document's mentions are gathered
    /// in, and the one the title pass rewrites them into.
    static LISTS: [Cell<Vec<MentionRec>>; 2] =
        const { [Cell::new(Vec::new()), Cell::new(Vec::new())] };
}

/// The list kept in `key` (empty), or a new one.
pub(super) fn take<T: 'static>(key: &'static LocalKey<Cell<Vec<T>>>) -> Vec<T> {
    key.try_with(Cell::take).unwrap_or_default()
}

/// Keeps `list`'s memory in `key` for the thread's next document.
pub(super) fn give<T: 'static>(key: &'static LocalKey<Cell<Vec<T>>>, mut list: Vec<T>) {
    if list.capacity() <= MAX_KEPT {
        list.clear();
        // A thread being torn down keeps nothing.
        let _ = key.try_with(|kept| kept.set(list));
    }
}

/// A list of mentions (empty), kept or new.
pub(super) fn list() -> Vec<MentionRec> {
    LISTS
        .try_with(|kept| {
            let first = kept[0].take();
            if first.capacity() > 0 {
                first
            } else {
                kept[1].take()
            }
        })
        .unwrap_or_default()
}

/// Keeps `list`'s memory for [`list`] (at most two lists).
pub(super) fn give_list(mut list: Vec<MentionRec>) {
    if list.capacity() == 0 || list.capacity() > MAX_KEPT {
        return;
    }
    list.clear();
    let _ = LISTS.try_with(|kept| {
        let first = kept[0].replace(list);
        if first.capacity() > 0 {
            kept[1].set(first);
        }
    });
}

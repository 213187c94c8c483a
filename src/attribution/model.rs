//! The cue model: how likely a lexicon match is an attribution cue, given
//! its context.
//!
//! A logistic model over a few categorical features of the match (the class
//! of the word before and after it, whether it sits in a quotation, whether
//! a subject noun phrase precedes it ...). Its weights are data
//! (`data/cue_model.tsv`, fitted on PolNeAR train); applying it is a handful
//! of array look-ups per match.

use crate::error::{DataProblem, Error};
use crate::tsv;

use super::lexicon::{CueClass, Frame};

/// The features, in the order of [`Context::values`].
pub(crate) const FEATURES: &[&str] = &[
    "prv", "nxt", "q", "case", "subj", "prv2", "nxt2", "pattern", "src", "oth", "qs",
];
const F: usize = FEATURES.len();

/// Every value a feature can take (one vocabulary for all features).
pub(crate) const VALUES: &[&str] = &[
    "bos",
    "det",
    "poss",
    "subj",
    "aux",
    "to",
    "comma",
    "quote",
    "prep",
    "conj",
    "cap",
    "plural",
    "other",
    "end",
    "that",
    "colon",
    "wh",
    "pron",
    "num",
    "in",
    "out",
    "low",
    "none",
    "pron:1-2",
    "pron:3",
    "name",
    "np",
    "rel",
    "after",
    "source_first",
    "noun",
    "quote_before",
    "adjunct",
    "inverted",
    "content_before",
    "parenthetical",
    "quote_after",
    "plain",
    "special",
    "thing",
    "agent",
    "before",
    "both",
];
const V: usize = VALUES.len();

/// Feature indices.
pub(crate) mod feat {
    pub(crate) const PRV: usize = 0;
    pub(crate) const NXT: usize = 1;
    pub(crate) const Q: usize = 2;
    pub(crate) const CASE: usize = 3;
    pub(crate) const SUBJ: usize = 4;
    pub(crate) const PRV2: usize = 5;
    pub(crate) const NXT2: usize = 6;
    pub(crate) const PATTERN: usize = 7;
    pub(crate) const SRC: usize = 8;
    /// A surer cue elsewhere in the sentence: `none`, `before`, `after`,
    /// `both`.
    pub(crate) const OTH: usize = 9;
    /// A quotation elsewhere in the sentence: `none`, `quote`.
    pub(crate) const QS: usize = 10;
}

/// The index of a value name; a `const fn`, so that the feature code
/// looks its literals up at compile time (`const { value("det") }`).
pub(crate) const fn value(name: &str) -> u8 {
    let name = name.as_bytes();
    let mut i = 0;
    while i < VALUES.len() {
        let v = VALUES[i].as_bytes();
        if v.len() == name.len() {
            let mut k = 0;
            while k < v.len() && v[k] == name[k] {
                k += 1;
            }
            if k == v.len() {
                return i as u8;
            }
        }
        i += 1;
    }
    panic!("a value of the vocabulary")
}

/// The features the frame search gives (the subject before the cue, the
/// frame's pattern and the kind of its source): the dear ones, which the
/// cue model reads only when the other features leave its verdict open.
pub(crate) const FRAME_FEATURES: [usize; 3] = [feat::SUBJ, feat::PATTERN, feat::SRC];

/// The features but [`FRAME_FEATURES`], in the order of [`FEATURES`].
const CHEAP_FEATURES: [usize; F - FRAME_FEATURES.len()] = {
    let mut out = [0; F - FRAME_FEATURES.len()];
    let (mut f, mut n) = (0, 0);
    while f < F {
        if f != FRAME_FEATURES[0] && f != FRAME_FEATURES[1] && f != FRAME_FEATURES[2] {
            out[n] = f;
            n += 1;
        }
        f += 1;
    }
    out
};

/// The values each of [`FRAME_FEATURES`] can take (what `frames` gives
/// them), as indices of [`VALUES`].
const FRAME_VALUES: [&[u8]; 3] = [
    &[
        value("none"),
        value("pron:1-2"),
        value("pron:3"),
        value("name"),
        value("np"),
    ],
    &[
        value("source_first"),
        value("noun"),
        value("quote_before"),
        value("adjunct"),
        value("inverted"),
        value("content_before"),
        value("parenthetical"),
        value("quote_after"),
        value("plain"),
        value("agent"),
        value("special"),
    ],
    &[
        value("none"),
        value("after"),
        value("rel"),
        value("thing"),
        value("pron"),
        value("name"),
        value("agent"),
        value("np"),
    ],
];

/// Whether `value` is one [`FRAME_FEATURES`]`[k]` can take.
pub(crate) fn frame_value(k: usize, value: u8) -> bool {
    FRAME_VALUES[k].contains(&value)
}

/// How far the float sums of the cheap features may stray from the model's
/// own sum (a few dozen additions of terms below 100 in `f32`): a verdict
/// is settled early only with this much room on the right side of the
/// threshold.
const SETTLE_MARGIN: f32 = 1e-3;

/// The groups a cue's context weights are shared by: its kind, and how
/// often its form is a cue at all (the weight: below 0.2, 0.5, 0.8, or
/// above), since context matters most for forms that are cues only
/// sometimes ("maintains that" against "maintains control").
pub(crate) const GROUPS: &[&str] = &[
    "speech:0",
    "speech:1",
    "speech:2",
    "speech:3",
    "mental:0",
    "mental:1",
    "mental:2",
    "mental:3",
    "passive:0",
    "passive:1",
    "passive:2",
    "passive:3",
    "source_first:0",
    "source_first:1",
    "source_first:2",
    "source_first:3",
    "noun:0",
    "noun:1",
    "noun:2",
    "noun:3",
];

/// The group of a cue.
pub(crate) fn group(class: CueClass, frame: Frame, weight: f32) -> usize {
    let kind = match (frame, class) {
        (Frame::Passive, _) => 2,
        (Frame::SourceFirst | Frame::Agent, _) => 3,
        (Frame::Noun, _) | (_, CueClass::Noun) => 4,
        (_, CueClass::Mental) => 1,
        _ => 0,
    };
    let bucket = match weight {
        w if w < 0.2 => 0,
        w if w < 0.5 => 1,
        w if w < 0.8 => 2,
        _ => 3,
    };
    kind * 4 + bucket
}

/// A cue candidate's feature values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Context {
    pub values: [u8; F],
}

/// A group's or a lemma's weights as the model file gives them: per feature
/// and value.
type Dense = [[f32; V]; F];

/// How many columns a [`Table`] has: any `u8` is one (no bounds check).
const WIDTH: usize = 256;

/// A group's or a lemma's weights by column (see [`CueModel::column`]).
/// Only the first columns are used (87 on the built-in model, 348 bytes:
/// six cache lines, where the dense table a candidate read from spanned
/// 1,892 bytes, one line per feature, and the 218 of them missed the cache
/// some 70,000 times on the kremlin subset).
type Table = [f32; WIDTH];

/// The compiled cue model.
#[derive(Debug, Clone)]
pub(crate) struct CueModel {
    threshold: f32,
    bias: [f32; GROUPS.len()],
    /// Per feature and value (as in [`Context::values`]): the column of
    /// its weight in the tables. Every (feature, value) with a weight in
    /// some table has a column of its own, the cheap features' first;
    /// column 0 is 0.0 in every table, for the pairs with none.
    column: Box<[[u8; 256]; F]>,
    groups: Vec<Table>,
    /// Per lemma id: its slot in `lemmas`, or `u32::MAX`.
    lemma_slot: Vec<u32>,
    lemmas: Vec<Table>,
    /// Per lemma slot + 1 (0: no lemma rows) and group: the least and the
    /// greatest sum the [`FRAME_FEATURES`] can add to the score.
    frame_bounds: Vec<[(f32, f32); GROUPS.len()]>,
    /// The threshold as a log-odds.
    threshold_logit: f32,
}

const COLUMNS: &[&str] = &["group", "feature", "value", "weight"];
const BUILTIN: (&str, &str) = ("cue_model.tsv", include_str!("data/cue_model.tsv"));

impl CueModel {
    /// The built-in model, for a lexicon with these lemmas.
    pub(crate) fn builtin(lemmas: &[String]) -> Result<CueModel, Error> {
        CueModel::from_tsv(BUILTIN.0, BUILTIN.1, lemmas)
    }

    /// Parses a model table (columns `group`, `feature`, `value`,
    /// `weight`): group `speech` ... or `lemma:LEMMA`, feature `bias` or a
    /// feature name, and one row `*`, `threshold`, `-`, `P`.
    pub(crate) fn from_tsv(file: &str, text: &str, lemmas: &[String]) -> Result<CueModel, Error> {
        let mut threshold = 0.5;
        let mut bias = [0.0; GROUPS.len()];
        let mut groups: Vec<Dense> = vec![[[0.0; V]; F]; GROUPS.len()];
        let mut lemma_slot = vec![u32::MAX; lemmas.len()];
        let mut lemma_tables: Vec<Dense> = Vec::new();
        // The lemmas sorted, for a binary search per row (first index of
        // each).
        let mut by_name: Vec<(&str, usize)> = lemmas
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        by_name.sort_unstable();
        for row in tsv::parse(file, text, COLUMNS, COLUMNS)? {
            let group = row.required("group")?;
            let feature = row.required("feature")?;
            let weight = row.number("weight", 0.0)?;
            if feature == "threshold" {
                threshold = weight;
                continue;
            }
            if feature == "bias" {
                let g = GROUPS
                    .iter()
                    .position(|g| *g == group)
                    .ok_or_else(|| row.bad("group", group))?;
                bias[g] = weight;
                continue;
            }
            let f = FEATURES
                .iter()
                .position(|f| *f == feature)
                .ok_or_else(|| row.bad("feature", feature))?;
            let value = row.required("value")?;
            let v = VALUES
                .iter()
                .position(|v| *v == value)
                .ok_or_else(|| row.bad("value", value))?;
            let table = if let Some(lemma) = group.strip_prefix("lemma:") {
                // Rows of lemmas this lexicon does not have are not needed.
                let first = by_name.partition_point(|&(l, _)| l < lemma);
                let Some(&(_, id)) = by_name.get(first).filter(|&&(l, _)| l == lemma) else {
                    continue;
                };
                if lemma_slot[id] == u32::MAX {
                    lemma_slot[id] = lemma_tables.len() as u32;
                    lemma_tables.push([[0.0; V]; F]);
                }
                &mut lemma_tables[lemma_slot[id] as usize]
            } else {
                let g = GROUPS
                    .iter()
                    .position(|g| *g == group)
                    .ok_or_else(|| row.bad("group", group))?;
                &mut groups[g]
            };
            table[f][v] = weight;
        }
        // The columns: the pairs with a weight (any bits: -0.0 too), the
        // cheap features' first, each feature's values together.
        let mut column = Box::new([[0u8; 256]; F]);
        let mut columns = 1;
        for f in CHEAP_FEATURES.into_iter().chain(FRAME_FEATURES) {
            for v in 0..V {
                let used = groups.iter().chain(&lemma_tables);
                if used.clone().any(|t| t[f][v].to_bits() != 0) {
                    if columns == WIDTH {
                        // More pairs than `u8` columns (of 473 the
                        // features could take; the built-in model weighs
                        // 86): not a model this module can use.
                        return Err(Error::data(
                            file,
                            0,
                            DataProblem::BadValue {
                                column: "value",
                                value: format!("{} (more than 255 weighted values)", VALUES[v]),
                            },
                        ));
                    }
                    column[f][v] = columns as u8;
                    columns += 1;
                }
            }
        }
        let compact = |dense: &Dense| {
            let mut table = [0.0; WIDTH];
            for (f, row) in dense.iter().enumerate() {
                for (v, &w) in row.iter().enumerate() {
                    if column[f][v] != 0 {
                        table[column[f][v] as usize] = w;
                    }
                }
            }
            table
        };
        let mut model = CueModel {
            threshold,
            bias,
            groups: groups.iter().map(compact).collect(),
            lemma_slot,
            lemmas: lemma_tables.iter().map(compact).collect(),
            column,
            frame_bounds: Vec::new(),
            threshold_logit: 0.0,
        };
        model.settle_bounds();
        Ok(model)
    }

    /// The weight `table` gives feature `f` at value `v`.
    #[inline(always)]
    fn weight(&self, table: &Table, f: usize, v: u8) -> f32 {
        table[self.column[f][v as usize] as usize]
    }

    /// Fills `frame_bounds` and `threshold_logit`.
    fn settle_bounds(&mut self) {
        let t = f64::from(self.threshold.clamp(1e-6, 1.0 - 1e-6));
        self.threshold_logit = (t / (1.0 - t)).ln() as f32;
        let none: Table = [0.0; WIDTH];
        let mut bounds = Vec::with_capacity(self.lemmas.len() + 1);
        for lemma in std::iter::once(&none).chain(&self.lemmas) {
            let mut row = [(0.0, 0.0); GROUPS.len()];
            for (g, table) in self.groups.iter().enumerate() {
                let (mut lo, mut hi) = (0.0f32, 0.0f32);
                for (k, &f) in FRAME_FEATURES.iter().enumerate() {
                    let terms = FRAME_VALUES[k]
                        .iter()
                        .map(|&v| self.weight(table, f, v) + self.weight(lemma, f, v));
                    lo += terms.clone().fold(f32::INFINITY, f32::min);
                    hi += terms.fold(f32::NEG_INFINITY, f32::max);
                }
                row[g] = (lo, hi);
            }
            bounds.push(row);
        }
        self.frame_bounds = bounds;
    }

    /// The lemma table of `lemma`, if the model has one.
    fn lemma_table(&self, lemma: u32) -> Option<&Table> {
        let slot = *self.lemma_slot.get(lemma as usize)?;
        self.lemmas.get(slot as usize)
    }

    /// The score a cue with this prior weight has in `group` before its
    /// context: the log-odds of the weight and the group's bias. Made once
    /// per candidate for [`settled_from`](Self::settled_from) and
    /// [`probability_from`](Self::probability_from).
    pub(crate) fn prior(&self, weight: f32, group: usize) -> f32 {
        let p = weight.clamp(1e-4, 1.0 - 1e-4);
        (p / (1.0 - p)).ln() + self.bias[group]
    }

    /// The verdict of [`probability`](Self::probability)` >= threshold`
    /// when the features other than [`FRAME_FEATURES`] settle it, whatever
    /// values those take (their entries in `ctx` are not read); `None`
    /// when it stays open.
    #[cfg(test)]
    pub(crate) fn settled(
        &self,
        weight: f32,
        group: usize,
        lemma: u32,
        ctx: &Context,
    ) -> Option<bool> {
        self.settled_from(self.prior(weight, group), group, lemma, ctx)
    }

    /// [`settled`](Self::settled) from the cue's [`prior`](Self::prior).
    pub(crate) fn settled_from(
        &self,
        prior: f32,
        group: usize,
        lemma: u32,
        ctx: &Context,
    ) -> Option<bool> {
        let mut z = prior;
        // The features but the frame's, in the order of `FEATURES`: their
        // columns, read once for both tables.
        let mut columns = [0u8; CHEAP_FEATURES.len()];
        for (c, f) in columns.iter_mut().zip(CHEAP_FEATURES) {
            *c = self.column[f][ctx.values[f] as usize];
        }
        let mut add = |table: &Table| {
            for c in columns {
                z += table[c as usize];
            }
        };
        add(&self.groups[group]);
        let slot = match self.lemma_table(lemma) {
            Some(table) => {
                add(table);
                self.lemma_slot[lemma as usize] as usize + 1
            }
            None => 0,
        };
        let (lo, hi) = self.frame_bounds[slot][group];
        if z + hi < self.threshold_logit - SETTLE_MARGIN {
            Some(false)
        } else if z + lo >= self.threshold_logit + SETTLE_MARGIN {
            Some(true)
        } else {
            None
        }
    }

    /// The probability that a match of a cue with this prior weight, group
    /// and lemma is a cue in this context.
    pub(crate) fn probability(&self, weight: f32, group: usize, lemma: u32, ctx: &Context) -> f32 {
        self.probability_from(self.prior(weight, group), group, lemma, ctx)
    }

    /// [`probability`](Self::probability) from the cue's
    /// [`prior`](Self::prior): the same sum, in the same order.
    pub(crate) fn probability_from(
        &self,
        prior: f32,
        group: usize,
        lemma: u32,
        ctx: &Context,
    ) -> f32 {
        let mut z = prior;
        let mut columns = [0u8; F];
        for (f, (c, &v)) in columns.iter_mut().zip(&ctx.values).enumerate() {
            *c = self.column[f][v as usize];
        }
        let table = &self.groups[group];
        for c in columns {
            z += table[c as usize];
        }
        if let Some(&slot) = self.lemma_slot.get(lemma as usize) {
            if slot != u32::MAX {
                let table = &self.lemmas[slot as usize];
                for c in columns {
                    z += table[c as usize];
                }
            }
        }
        1.0 / (1.0 + (-z).exp())
    }

    /// The probability from which a match counts as a cue.
    pub(crate) fn threshold(&self) -> f32 {
        self.threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_errors_with_their_line() {
        let lemmas = vec!["say".to_string()];
        let bad = "group\tfeature\tvalue\tweight\nspeech\tprv\tnonsense\t1\n";
        let err = CueModel::from_tsv("m.tsv", bad, &lemmas).unwrap_err();
        assert!(err.to_string().contains("m.tsv"), "{err}");
        let ok = "group\tfeature\tvalue\tweight\nlemma:say\tprv\tdet\t-3\n*\tthreshold\t-\t0.4\n";
        let m = CueModel::from_tsv("m.tsv", ok, &lemmas).unwrap();
        let mut ctx = Context { values: [0; F] };
        let plain = m.probability(0.9, 0, 0, &ctx);
        ctx.values[feat::PRV] = value("det");
        assert!(m.probability(0.9, 0, 0, &ctx) < plain);
        assert_eq!(m.threshold(), 0.4);
    }

    /// The model as it was, with a dense table (feature by value) per
    /// group and lemma: the reference the column tables must agree with.
    struct DenseRef {
        threshold: f32,
        bias: [f32; GROUPS.len()],
        groups: Vec<Dense>,
        lemma_slot: Vec<u32>,
        lemmas: Vec<Dense>,
        frame_bounds: Vec<[(f32, f32); GROUPS.len()]>,
        threshold_logit: f32,
    }

    impl DenseRef {
        /// `CueModel::from_tsv` as it was.
        fn from_tsv(file: &str, text: &str, lemmas: &[String]) -> DenseRef {
            let mut model = DenseRef {
                threshold: 0.5,
                bias: [0.0; GROUPS.len()],
                groups: vec![[[0.0; V]; F]; GROUPS.len()],
                lemma_slot: vec![u32::MAX; lemmas.len()],
                lemmas: Vec::new(),
                frame_bounds: Vec::new(),
                threshold_logit: 0.0,
            };
            let mut by_name: Vec<(&str, usize)> = lemmas
                .iter()
                .enumerate()
                .map(|(i, l)| (l.as_str(), i))
                .collect();
            by_name.sort_unstable();
            for row in tsv::parse(file, text, COLUMNS, COLUMNS).unwrap() {
                let group = row.required("group").unwrap();
                let feature = row.required("feature").unwrap();
                let weight = row.number("weight", 0.0).unwrap();
                if feature == "threshold" {
                    model.threshold = weight;
                    continue;
                }
                if feature == "bias" {
                    let g = GROUPS.iter().position(|g| *g == group).unwrap();
                    model.bias[g] = weight;
                    continue;
                }
                let f = FEATURES.iter().position(|f| *f == feature).unwrap();
                let value = row.required("value").unwrap();
                let v = VALUES.iter().position(|v| *v == value).unwrap();
                let table = if let Some(lemma) = group.strip_prefix("lemma:") {
                    let first = by_name.partition_point(|&(l, _)| l < lemma);
                    let Some(&(_, id)) = by_name.get(first).filter(|&&(l, _)| l == lemma) else {
                        continue;
                    };
                    if model.lemma_slot[id] == u32::MAX {
                        model.lemma_slot[id] = model.lemmas.len() as u32;
                        model.lemmas.push([[0.0; V]; F]);
                    }
                    &mut model.lemmas[model.lemma_slot[id] as usize]
                } else {
                    let g = GROUPS.iter().position(|g| *g == group).unwrap();
                    &mut model.groups[g]
                };
                table[f][v] = weight;
            }
            let t = f64::from(model.threshold.clamp(1e-6, 1.0 - 1e-6));
            model.threshold_logit = (t / (1.0 - t)).ln() as f32;
            let none: Dense = [[0.0; V]; F];
            let mut bounds = Vec::with_capacity(model.lemmas.len() + 1);
            for lemma in std::iter::once(&none).chain(&model.lemmas) {
                let mut row = [(0.0, 0.0); GROUPS.len()];
                for (g, table) in model.groups.iter().enumerate() {
                    let (mut lo, mut hi) = (0.0f32, 0.0f32);
                    for (k, &f) in FRAME_FEATURES.iter().enumerate() {
                        let terms = FRAME_VALUES[k]
                            .iter()
                            .map(|&v| table[f][v as usize] + lemma[f][v as usize]);
                        lo += terms.clone().fold(f32::INFINITY, f32::min);
                        hi += terms.fold(f32::NEG_INFINITY, f32::max);
                    }
                    row[g] = (lo, hi);
                }
                bounds.push(row);
            }
            model.frame_bounds = bounds;
            model
        }

        fn builtin() -> DenseRef {
            DenseRef::from_tsv(
                BUILTIN.0,
                BUILTIN.1,
                crate::attribution::CueLexicon::builtin().lemmas(),
            )
        }

        fn lemma_table(&self, lemma: u32) -> Option<&Dense> {
            let slot = *self.lemma_slot.get(lemma as usize)?;
            self.lemmas.get(slot as usize)
        }
    }

    /// `settled` and `probability` as they were, each from the weight,
    /// skipping the frame features in a loop over all, on the dense
    /// tables: the references.
    fn settled_ref(
        m: &DenseRef,
        weight: f32,
        group: usize,
        lemma: u32,
        ctx: &Context,
    ) -> Option<bool> {
        let p = weight.clamp(1e-4, 1.0 - 1e-4);
        let mut z = (p / (1.0 - p)).ln() + m.bias[group];
        let mut add = |table: &Dense| {
            for (f, &v) in ctx.values.iter().enumerate() {
                if !FRAME_FEATURES.contains(&f) {
                    z += table[f][v as usize];
                }
            }
        };
        add(&m.groups[group]);
        let slot = match m.lemma_table(lemma) {
            Some(table) => {
                add(table);
                m.lemma_slot[lemma as usize] as usize + 1
            }
            None => 0,
        };
        let (lo, hi) = m.frame_bounds[slot][group];
        if z + hi < m.threshold_logit - SETTLE_MARGIN {
            Some(false)
        } else if z + lo >= m.threshold_logit + SETTLE_MARGIN {
            Some(true)
        } else {
            None
        }
    }

    fn probability_ref(m: &DenseRef, weight: f32, group: usize, lemma: u32, ctx: &Context) -> f32 {
        let p = weight.clamp(1e-4, 1.0 - 1e-4);
        let mut z = (p / (1.0 - p)).ln() + m.bias[group];
        let table = &m.groups[group];
        for (f, &v) in ctx.values.iter().enumerate() {
            z += table[f][v as usize];
        }
        if let Some(&slot) = m.lemma_slot.get(lemma as usize) {
            if slot != u32::MAX {
                let table = &m.lemmas[slot as usize];
                for (f, &v) in ctx.values.iter().enumerate() {
                    z += table[f][v as usize];
                }
            }
        }
        1.0 / (1.0 + (-z).exp())
    }

    static DENSE: once_cell::sync::Lazy<DenseRef> = once_cell::sync::Lazy::new(DenseRef::builtin);

    #[test]
    fn the_frame_bounds_are_the_references() {
        let m = &crate::attribution::CueLexicon::builtin().model;
        let r = &*DENSE;
        assert_eq!(m.frame_bounds, r.frame_bounds);
        assert_eq!(m.threshold_logit.to_bits(), r.threshold_logit.to_bits());
        assert_eq!(m.lemma_slot, r.lemma_slot);
        // Every weight of the file has a column, and every value without a
        // weight reads 0.
        for (table, dense) in m.groups.iter().zip(&r.groups) {
            for (f, row) in dense.iter().enumerate() {
                for v in 0..=u8::MAX {
                    let want = row.get(usize::from(v)).copied().unwrap_or(0.0);
                    assert_eq!(m.weight(table, f, v).to_bits(), want.to_bits());
                }
            }
        }
    }

    #[test]
    fn a_model_with_every_value_weighted_has_no_room() {
        let lemmas = vec!["say".to_string()];
        let mut text = String::from("group\tfeature\tvalue\tweight\n");
        for f in FEATURES {
            for v in VALUES {
                text.push_str(&format!("speech:0\t{f}\t{v}\t1\n"));
            }
        }
        assert!(CueModel::from_tsv("m.tsv", &text, &lemmas).is_err());
    }

    #[test]
    fn the_cheap_features_are_the_others() {
        assert_eq!(CHEAP_FEATURES, [0, 1, 2, 3, 5, 6, 9, 10]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        /// The column tables give the dense tables' scores and verdicts,
        /// bit for bit, for any value of any feature (weighted or not),
        /// lemma (with a table, without, past the lexicon's) and weight.
        #[test]
        fn the_scores_from_the_prior_are_the_references_bit_for_bit(
            values in proptest::array::uniform11(0..V as u8),
            weight in proptest::prop_oneof![0.0f32..1.0, proptest::prelude::Just(0.0), proptest::prelude::Just(1.0)],
            group in 0..GROUPS.len(),
            lemma in 0u32..400,
        ) {
            let m = &crate::attribution::CueLexicon::builtin().model;
            let r = &*DENSE;
            let ctx = Context { values };
            let prior = m.prior(weight, group);
            proptest::prop_assert_eq!(
                m.probability_from(prior, group, lemma, &ctx).to_bits(),
                probability_ref(r, weight, group, lemma, &ctx).to_bits()
            );
            proptest::prop_assert_eq!(
                m.settled_from(prior, group, lemma, &ctx),
                settled_ref(r, weight, group, lemma, &ctx)
            );
        }
    }

    /// Every verdict `settled` gives is the verdict of the full score for
    /// every value the frame features can take.
    fn settled_agrees(
        model: &CueModel,
        weight: f32,
        group: usize,
        lemma: u32,
        ctx: Context,
    ) -> Result<(), String> {
        let Some(verdict) = model.settled(weight, group, lemma, &ctx) else {
            return Ok(());
        };
        let mut ctx = ctx;
        for &subj in FRAME_VALUES[0] {
            for &pattern in FRAME_VALUES[1] {
                for &src in FRAME_VALUES[2] {
                    ctx.values[feat::SUBJ] = subj;
                    ctx.values[feat::PATTERN] = pattern;
                    ctx.values[feat::SRC] = src;
                    let p = model.probability(weight, group, lemma, &ctx);
                    if (p >= model.threshold()) != verdict {
                        return Err(format!(
                            "{ctx:?} {weight} {group} {lemma}: {p}, settled {verdict}"
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 3000, ..Default::default() })]

        #[test]
        fn a_settled_verdict_holds_for_every_frame(
            values in proptest::array::uniform11(0..V as u8),
            weight in 0.0f32..1.0,
            group in 0..GROUPS.len(),
            lemma in 0u32..400,
        ) {
            let model = &crate::attribution::CueLexicon::builtin().model;
            let r = settled_agrees(model, weight, group, lemma, Context { values });
            proptest::prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }

    #[test]
    fn cheap_features_settle_some_verdicts_both_ways() {
        // The bound is not vacuous on the built-in model: some contexts
        // settle a keep, some a drop.
        let model = &crate::attribution::CueLexicon::builtin().model;
        let mut seen = [false; 2];
        for group in 0..GROUPS.len() {
            for weight in [0.05, 0.3, 0.6, 0.95] {
                for v in 0..V as u8 {
                    let ctx = Context { values: [v; F] };
                    if let Some(k) = model.settled(weight, group, u32::MAX, &ctx) {
                        seen[k as usize] = true;
                        settled_agrees(model, weight, group, u32::MAX, ctx).unwrap();
                    }
                }
            }
        }
        assert_eq!(seen, [true, true]);
    }
}

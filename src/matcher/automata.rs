//! The automaton a report is scanned with. The one over every pattern takes longer to build
//! (some 80 ms for the built-in dictionaries) than a short report takes to read, so it is
//! built only once a run has scanned more than a few small reports; until then each report
//! gets an automaton of its own over the patterns whose every three bytes (ignoring ASCII
//! case) are somewhere in its text, built in well under a millisecond.
//!
//! The matches are the same either way: a pattern left out does not occur in the text, and
//! leftmost-longest matching, unanchored or anchored, over any range of the text only ever
//! reports patterns that occur there.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, BuildError, Input, MatchKind, StartKind};

/// Reports up to this long may get an automaton of their own.
const OWN_MAX_BYTES: usize = 256 * 1024;
/// How many reports, and how many bytes of them, get automata of their own before the one
/// over every pattern is built.
const OWN_MAX_REPORTS: usize = 32;
const OWN_MAX_TOTAL: usize = 512 * 1024;
/// Patterns this large together are compiled at once, so that a dictionary too large to
/// compile is reported before any report is read (the built-in ones are some 0.2 MB).
const EAGER_BYTES: usize = 1024 * 1024;

/// The patterns, and the automaton over all of them once it is built.
#[derive(Debug)]
pub(super) struct Automata {
    literals: Vec<String>,
    /// The ids of the patterns the automata are over (not the one-letter ones, `letters`).
    ids: Vec<usize>,
    full: OnceLock<AhoCorasick>,
    own_reports: AtomicUsize,
    own_bytes: AtomicUsize,
}

/// The automaton for one text, reporting the ids of the patterns given to `Automata::new`.
#[derive(Debug)]
pub(super) enum Automaton<'a> {
    /// Over the patterns of `Automata::ids`, in order.
    Full {
        ac: &'a AhoCorasick,
        ids: &'a [usize],
    },
    /// Over some of the patterns: `ids[i]` is the id of its pattern `i`.
    Own { ac: AhoCorasick, ids: Vec<usize> },
}

/// A match: start, end, pattern id.
pub(super) type Found = (usize, usize, usize);

fn build<P: AsRef<[u8]>>(patterns: impl IntoIterator<Item = P>) -> Result<AhoCorasick, BuildError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .start_kind(StartKind::Both)
        .build(patterns)
}

impl Automata {
    /// The automata over the patterns `ids` of `literals`.
    pub(super) fn new(literals: Vec<String>, ids: Vec<usize>) -> Result<Automata, BuildError> {
        let automata = Automata {
            literals,
            ids,
            full: OnceLock::new(),
            own_reports: AtomicUsize::new(0),
            own_bytes: AtomicUsize::new(0),
        };
        if automata.literals.iter().map(String::len).sum::<usize>() > EAGER_BYTES {
            let _ = automata.full.set(automata.build_full()?);
        }
        Ok(automata)
    }

    fn build_full(&self) -> Result<AhoCorasick, BuildError> {
        build(self.ids.iter().map(|&i| &self.literals[i]))
    }

    fn full(&self) -> Automaton<'_> {
        let ac = self.full.get_or_init(|| {
            self.build_full()
                .expect("patterns under EAGER_BYTES compile (checked in new)")
        });
        Automaton::Full { ac, ids: &self.ids }
    }

    /// The automaton to scan `hay` with.
    pub(super) fn for_text(&self, hay: &[u8]) -> Automaton<'_> {
        if let Some(ac) = self.full.get() {
            return Automaton::Full { ac, ids: &self.ids };
        }
        if hay.len() <= OWN_MAX_BYTES {
            let reports = self.own_reports.fetch_add(1, Ordering::Relaxed);
            let bytes = self.own_bytes.fetch_add(hay.len(), Ordering::Relaxed) + hay.len();
            if reports < OWN_MAX_REPORTS && bytes <= OWN_MAX_TOTAL {
                return self.own(hay);
            }
        }
        self.full()
    }

    /// An automaton over the patterns that may occur in `hay`.
    fn own(&self, hay: &[u8]) -> Automaton<'_> {
        let seen = Trigrams::of(hay);
        let ids: Vec<usize> = self
            .ids
            .iter()
            .copied()
            .filter(|&i| seen.may_hold(self.literals[i].as_bytes()))
            .collect();
        let ac = build(ids.iter().map(|&i| &self.literals[i]))
            .expect("a part of patterns under EAGER_BYTES compiles (checked in new)");
        Automaton::Own { ac, ids }
    }
}

impl Automaton<'_> {
    /// The leftmost-longest match in `input`.
    pub(super) fn find(&self, input: Input<'_>) -> Option<Found> {
        let (ac, ids) = match self {
            Automaton::Full { ac, ids } => (*ac, *ids),
            Automaton::Own { ac, ids } => (ac, ids.as_slice()),
        };
        ac.find(input)
            .map(|m| (m.start(), m.end(), ids[m.pattern().as_usize()]))
    }
}

/// Which three-byte sequences a text holds, ASCII letters in lower case, as a Bloom-like set
/// of one hash: a sequence it says is absent is absent.
struct Trigrams(Vec<u64>);

const TRIGRAM_BITS: u32 = 17;

fn trigram_bit(t: &[u8]) -> usize {
    let v = u32::from(t[0].to_ascii_lowercase()) << 16
        | u32::from(t[1].to_ascii_lowercase()) << 8
        | u32::from(t[2].to_ascii_lowercase());
    (v.wrapping_mul(0x9E37_79B1) >> (32 - TRIGRAM_BITS)) as usize
}

impl Trigrams {
    fn of(hay: &[u8]) -> Trigrams {
        let mut bits = vec![0u64; 1 << (TRIGRAM_BITS - 6)];
        for t in hay.windows(3) {
            let b = trigram_bit(t);
            bits[b / 64] |= 1 << (b % 64);
        }
        Trigrams(bits)
    }

    fn has(&self, t: &[u8]) -> bool {
        let b = trigram_bit(t);
        self.0[b / 64] & (1 << (b % 64)) != 0
    }

    /// Whether `pattern` may occur in the text, ignoring ASCII case: every three bytes of it
    /// are there (a pattern shorter than that may always occur).
    fn may_hold(&self, pattern: &[u8]) -> bool {
        pattern.windows(3).all(|t| self.has(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report's own automaton finds what the full one finds, anchored or not, from
    /// anywhere, whatever the case of the text.
    #[test]
    fn own_automaton_finds_what_the_full_one_finds() {
        let literals: Vec<String> = [
            "AWS",
            "AWS Lambda",
            "Lambda",
            "S3",
            "Amazon S3",
            "EC2",
            "Go",
            "la",
            "x",
            "ラムダ",
            "Lambda@Edge",
            "CloudFront",
            "Cloud Front",
            "front",
        ]
        .map(String::from)
        .to_vec();
        let ids: Vec<usize> = (0..literals.len()).collect();
        let automata = Automata::new(literals.clone(), ids).expect("compiles");
        let full = build(&literals).expect("compiles");
        let texts = [
            "aws lambda and AWS Lambda@Edge on cloudfront, CLOUD FRONT; s3 ラムダ go x",
            "nothing here",
            "Lambd AWS Lamb amazon s",
            "",
        ];
        for text in texts {
            let hay = text.as_bytes();
            let own = automata.own(hay);
            assert!(matches!(own, Automaton::Own { .. }));
            for start in 0..=hay.len() {
                for end in start..=hay.len() {
                    for anchored in [aho_corasick::Anchored::No, aho_corasick::Anchored::Yes] {
                        let input = || Input::new(hay).range(start..end).anchored(anchored);
                        let want = full
                            .find(input())
                            .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
                        assert_eq!(own.find(input()), want, "{text:?} {start}..{end}");
                    }
                }
            }
        }
    }
}

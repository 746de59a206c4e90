//! The text the automaton scans: a report's visible spans joined into one buffer, full-width
//! forms folded to ASCII and runs of white space made one space, with a compact map back to
//! source offsets. Built in one pass; ASCII runs are copied without per-character decoding.

use crate::document::{Sep, Visible};
use crate::text::fold_char;

/// A run of folded text that maps linearly onto the source.
#[derive(Debug, Clone, Copy)]
struct Seg {
    folded: u32,
    src: u32,
    folded_len: u32,
    src_len: u32,
}

#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    segs: Vec<Seg>,
    /// Folded ranges that are code, sorted.
    code: Vec<(u32, u32)>,
}

impl Folded {
    pub fn new(src: &str, visible: &[Visible]) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(src.len() / 2),
            segs: Vec::new(),
            code: Vec::new(),
        };
        let bytes = src.as_bytes();
        // what to write before the next character: 0 nothing, 1 space, 2 line break
        let mut pending: u8 = 0;
        let mut prev_end = 0usize;
        for v in visible {
            let gap_has_space = src
                .get(prev_end.min(v.start)..v.start)
                .is_some_and(|g| g.bytes().any(|b| b.is_ascii_whitespace()));
            pending = pending.max(match v.sep {
                Sep::Break => 2,
                Sep::Space => 1,
                Sep::Join if gap_has_space => 1,
                Sep::Join => 0,
            });
            prev_end = v.end;
            let code_start = f.text.len();
            let end = v.end.min(bytes.len());
            let mut i = v.start;
            while i < end {
                let b = bytes[i];
                if b.is_ascii() {
                    if b.is_ascii_whitespace() {
                        pending = pending.max(if b == b'\n' && v.code { 2 } else { 1 });
                        i += 1;
                        continue;
                    }
                    f.flush(&mut pending, i);
                    let mut j = i + 1;
                    while j < end && bytes[j].is_ascii() && !bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    f.push_run(&src[i..j], i, j - i);
                    i = j;
                    continue;
                }
                let Some(c) = src.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                let len = c.len_utf8();
                let folded = fold_char(c);
                if folded.is_whitespace() {
                    pending = pending.max(1);
                } else {
                    f.flush(&mut pending, i);
                    let mut buf = [0u8; 4];
                    // a folded character maps onto its whole source character
                    f.push_run(folded.encode_utf8(&mut buf), i, len);
                }
                i += len;
            }
            if v.code && f.text.len() > code_start {
                let start = code_start as u32;
                let end = f.text.len() as u32;
                match f.code.last_mut() {
                    Some(last) if last.1 >= start => last.1 = end,
                    _ => f.code.push((start, end)),
                }
            }
        }
        f
    }

    fn flush(&mut self, pending: &mut u8, src_at: usize) {
        if *pending > 0 && !self.text.is_empty() {
            // a separator stands for no source text
            self.push_run(if *pending == 2 { "\n" } else { " " }, src_at, 0);
        }
        *pending = 0;
    }

    /// Appends `s`, which stands for `src_len` source bytes at `src_at`. Runs with the same
    /// ratio that follow each other in both texts share one segment.
    fn push_run(&mut self, s: &str, src_at: usize, src_len: usize) {
        let folded = self.text.len() as u32;
        self.text.push_str(s);
        let (n, m, src) = (s.len() as u32, src_len as u32, src_at as u32);
        match self.segs.last_mut() {
            Some(last)
                if m > 0
                    && last.src_len > 0
                    && last.folded + last.folded_len == folded
                    && last.src + last.src_len == src
                    && last.src_len * n == m * last.folded_len =>
            {
                last.folded_len += n;
                last.src_len += m;
            }
            _ => self.segs.push(Seg {
                folded,
                src,
                folded_len: n,
                src_len: m,
            }),
        }
    }

    fn seg(&self, at: usize, end: bool) -> Option<&Seg> {
        let at = at as u32;
        let i = if end {
            self.segs.partition_point(|s| s.folded < at)
        } else {
            self.segs.partition_point(|s| s.folded <= at)
        };
        self.segs.get(i.checked_sub(1)?)
    }

    fn map(s: &Seg, at: usize) -> usize {
        let d = at as u64 - u64::from(s.folded);
        (u64::from(s.src) + d * u64::from(s.src_len) / u64::from(s.folded_len.max(1))) as usize
    }

    /// Source offset of a folded offset that starts a character.
    pub fn src_start(&self, at: usize) -> usize {
        self.seg(at, false).map_or(0, |s| Self::map(s, at))
    }

    /// Source offset of a folded offset that ends a match.
    pub fn src_end(&self, at: usize) -> usize {
        self.seg(at, true).map_or(0, |s| Self::map(s, at))
    }

    pub fn in_code(&self, at: usize) -> bool {
        let at = at as u32;
        let i = self.code.partition_point(|&(s, _)| s <= at);
        i > 0 && self.code[i - 1].1 > at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vis(spans: &[(usize, usize, bool, Sep)]) -> Vec<Visible> {
        spans
            .iter()
            .map(|&(start, end, code, sep)| Visible {
                start,
                end,
                code,
                sep,
            })
            .collect()
    }

    #[test]
    fn folds_and_maps_back() {
        let src = "ＥＣ２ and  Direct\n  Connect";
        let f = Folded::new(src, &vis(&[(0, src.len(), false, Sep::Break)]));
        assert_eq!(f.text, "EC2 and Direct Connect");
        // every folded match maps back onto the original spelling
        for (word, want) in [
            ("EC2", "ＥＣ２"),
            ("and", "and"),
            ("Direct Connect", "Direct\n  Connect"),
        ] {
            let at = f.text.find(word).unwrap_or(usize::MAX);
            let (s, e) = (f.src_start(at), f.src_end(at + word.len()));
            assert_eq!(&src[s..e], want);
        }
    }

    #[test]
    fn separators_follow_spans() {
        let src = "**ECS**のTask\n\nNext";
        let spans = vis(&[
            (2, 5, false, Sep::Break),
            (7, 14, false, Sep::Join),
            (16, 20, false, Sep::Break),
        ]);
        let f = Folded::new(src, &spans);
        assert_eq!(f.text, "ECSのTask\nNext");
        let at = f.text.find("Next").unwrap_or(0);
        assert_eq!(f.src_start(at), 16);
        let task = f.text.find("Task").unwrap_or(0);
        assert_eq!(&src[f.src_start(task)..f.src_end(task + 4)], "Task");
    }

    #[test]
    fn code_ranges() {
        let src = "run aws s3 cp now";
        let f = Folded::new(
            src,
            &vis(&[
                (0, 4, false, Sep::Break),
                (4, 13, true, Sep::Join),
                (13, 17, false, Sep::Join),
            ]),
        );
        assert_eq!(f.text, "run aws s3 cp now");
        assert!(!f.in_code(0));
        assert!(f.in_code(f.text.find("s3").unwrap_or(0)));
        assert!(!f.in_code(f.text.find("now").unwrap_or(0)));
    }
}

//! Aliases one letter long ("R", "C", "V": programming languages), kept out of the
//! automaton.
//!
//! Such an alias occurs wherever its letter does, in either case, and nearly always inside a
//! word. In the automaton they made four in five of the scan's candidates (1.03 of 1.28
//! million on an 8.5 MB part of the benchmark corpus), each a search to stop and look into,
//! only to find the letter glued to its word. A one-letter candidate glued on either side
//! counts for nothing: it is no mention, and not even reported as a near miss (a single
//! letter in a word is none, see `Matcher::evaluate`). So the letters are looked for apart,
//! with a byte table, and only where one could stand on its own: no Latin letter, digit or
//! `_` after it, and none before it unless it is a capital (a capital may start a name right
//! after another one: "AWSLambda"). The scan takes them in turn with the automaton's
//! candidates, after the longer ones at the same place, as the automaton would have had them.

use crate::text::is_word_byte;

/// The one-letter patterns by byte (both cases of a letter): their pattern ids.
#[derive(Debug)]
pub(super) struct Letters {
    ids: [Option<usize>; 256],
}

impl Letters {
    /// The patterns that are one word byte long, and the ids of all the others.
    pub(super) fn split(
        literals: &[String],
        may_take: impl Fn(usize) -> bool,
    ) -> (Letters, Vec<usize>) {
        let mut ids = [None; 256];
        let mut rest = Vec::with_capacity(literals.len());
        for (id, literal) in literals.iter().enumerate() {
            match literal.as_bytes() {
                &[b] if is_word_byte(b) && may_take(id) => {
                    ids[usize::from(b.to_ascii_lowercase())] = Some(id);
                    ids[usize::from(b.to_ascii_uppercase())] = Some(id);
                }
                _ => rest.push(id),
            }
        }
        (Letters { ids }, rest)
    }

    /// The first place at or after `from` where a one-letter pattern occurs and may stand on
    /// its own, with its pattern id: a letter glued on the right never can, nor one glued on
    /// the left unless it is a capital.
    pub(super) fn next_from(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        let mut at = from;
        while at < hay.len() {
            if let Some(id) = self.ids[usize::from(hay[at])]
                && !hay.get(at + 1).is_some_and(|&b| is_word_byte(b))
                && (at == 0 || !is_word_byte(hay[at - 1]) || hay[at].is_ascii_uppercase())
            {
                return Some((at, id));
            }
            at += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_that_may_stand_alone() {
        let literals: Vec<String> = ["R", "c", "Go", "+", "x"].map(String::from).to_vec();
        let (letters, rest) = Letters::split(&literals, |id| id != 4);
        assert_eq!(rest, [2, 3, 4]);
        let hay = b"R, here C and xC; use r-lang, AR (c)";
        let mut found = Vec::new();
        let mut from = 0;
        while let Some((at, id)) = letters.next_from(hay, from) {
            found.push((at, id));
            from = at + 1;
        }
        // "here" and "Go" hold no candidate, "xC" may ("AWSLambda"), "AR" may too
        assert_eq!(found, [(0, 0), (8, 1), (15, 1), (22, 0), (31, 0), (34, 1)]);
    }
}

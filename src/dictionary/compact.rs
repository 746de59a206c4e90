//! The built-in dictionary, loaded once at build time and written down compactly, so that a
//! run without `--dict` files reads it back instead of parsing half a megabyte of TOML and
//! deriving every variant again: that was half of the instructions of `graph build` on one
//! short report. `build.rs` loads the built-in files with this crate's own loader and
//! `encode`s the result; `decode` gives back the same `Dictionary`, field for field. With
//! `--dict` files the loader runs as ever (variants depend on every layer).
//!
//! The format is private to one build: little-endian `u32` numbers and counts, strings as a
//! count of bytes and the bytes, fields in declaration order.

use super::{Alias, Case, Dictionary, Entry, Kind, Needs, Origin, Provider};

/// The dictionary as bytes for `decode`.
pub fn encode(dict: &Dictionary) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    let Dictionary {
        providers,
        entries,
        shared_variants,
    } = dict;
    w.list(providers, Writer::provider);
    w.list(entries, Writer::entry);
    w.list(shared_variants, |w, s| w.str(s));
    w.0
}

/// The dictionary `encode` wrote; none when the bytes are not what it writes.
pub fn decode(bytes: &[u8]) -> Option<Dictionary> {
    let mut r = Reader(bytes);
    let dict = Dictionary {
        providers: r.list(Reader::provider)?,
        entries: r.list(Reader::entry)?,
        shared_variants: r.list(Reader::string)?,
    };
    r.0.is_empty().then_some(dict)
}

struct Writer(Vec<u8>);

impl Writer {
    fn num(&mut self, n: usize) {
        let n = u32::try_from(n).expect("a built-in dictionary counts under 4 G");
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.num(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => {
                self.num(1);
                self.str(s);
            }
            None => self.num(0),
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.num(items.len());
        for item in items {
            each(self, item);
        }
    }

    fn strings(&mut self, items: &[String]) {
        self.list(items, |w, s| w.str(s));
    }

    fn origin(&mut self, o: &Origin) {
        let Origin { file, line, layer } = o;
        self.str(file);
        self.num(*line);
        self.num(*layer);
    }

    fn alias(&mut self, a: &Alias) {
        let Alias {
            text,
            case,
            needs,
            shared,
            generated,
            not_before,
        } = a;
        self.str(text);
        self.num(match case {
            Case::Any => 0,
            Case::Exact => 1,
        });
        self.num(match needs {
            Needs::None => 0,
            Needs::Neighbour => 1,
            Needs::Context => 2,
        });
        self.num(usize::from(*shared));
        self.num(usize::from(*generated));
        self.strings(not_before);
    }

    fn provider(&mut self, p: &Provider) {
        let Provider {
            id,
            name,
            aliases,
            prefixes,
            endpoint_domains,
            origin,
        } = p;
        self.str(id);
        self.str(name);
        self.list(aliases, Writer::alias);
        self.strings(prefixes);
        self.strings(endpoint_domains);
        self.origin(origin);
    }

    fn entry(&mut self, e: &Entry) {
        let Entry {
            id,
            name,
            short,
            kind,
            provider,
            category,
            parent,
            namespace,
            endpoints,
            recognise,
            aliases,
            origin,
        } = e;
        self.str(id);
        self.str(name);
        self.opt(short);
        self.num(match kind {
            Kind::Service => 0,
            Kind::Tool => 1,
        });
        self.opt(provider);
        self.opt(category);
        self.opt(parent);
        self.opt(namespace);
        self.strings(endpoints);
        self.strings(recognise);
        self.list(aliases, Writer::alias);
        self.origin(origin);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn num(&mut self) -> Option<usize> {
        let (n, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        usize::try_from(u32::from_le_bytes(*n)).ok()
    }

    fn string(&mut self) -> Option<String> {
        let len = self.num()?;
        let (s, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        String::from_utf8(s.to_vec()).ok()
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.num()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    fn flag(&mut self) -> Option<bool> {
        match self.num()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.num()?;
        // every item takes at least a byte: a count beyond the bytes left is no list
        let mut items = Vec::with_capacity(len.min(self.0.len()));
        for _ in 0..len {
            items.push(each(self)?);
        }
        Some(items)
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Reader::string)
    }

    fn origin(&mut self) -> Option<Origin> {
        Some(Origin {
            file: self.string()?,
            line: self.num()?,
            layer: self.num()?,
        })
    }

    fn alias(&mut self) -> Option<Alias> {
        Some(Alias {
            text: self.string()?,
            case: match self.num()? {
                0 => Case::Any,
                1 => Case::Exact,
                _ => return None,
            },
            needs: match self.num()? {
                0 => Needs::None,
                1 => Needs::Neighbour,
                2 => Needs::Context,
                _ => return None,
            },
            shared: self.flag()?,
            generated: self.flag()?,
            not_before: self.strings()?,
        })
    }

    fn provider(&mut self) -> Option<Provider> {
        Some(Provider {
            id: self.string()?,
            name: self.string()?,
            aliases: self.list(Reader::alias)?,
            prefixes: self.strings()?,
            endpoint_domains: self.strings()?,
            origin: self.origin()?,
        })
    }

    fn entry(&mut self) -> Option<Entry> {
        Some(Entry {
            id: self.string()?,
            name: self.string()?,
            short: self.opt()?,
            kind: match self.num()? {
                0 => Kind::Service,
                1 => Kind::Tool,
                _ => return None,
            },
            provider: self.opt()?,
            category: self.opt()?,
            parent: self.opt()?,
            namespace: self.opt()?,
            endpoints: self.strings()?,
            recognise: self.strings()?,
            aliases: self.list(Reader::alias)?,
            origin: self.origin()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compact form reads back as the dictionary it was written from, and the built-in
    /// dictionary a run gets is the one its files load to.
    #[test]
    fn the_compiled_dictionary_is_the_loaded_one() {
        let loaded = Dictionary::builtin_from_files().expect("built-in files load");
        let again = decode(&encode(&loaded)).expect("decodes");
        assert_eq!(format!("{again:?}"), format!("{loaded:?}"));
        let builtin = Dictionary::builtin().expect("built-in dictionary");
        assert_eq!(format!("{builtin:?}"), format!("{loaded:?}"));
        let layered = Dictionary::with_user_files(&[], false).expect("no user files");
        assert_eq!(format!("{layered:?}"), format!("{loaded:?}"));
    }

    #[test]
    fn other_bytes_are_no_dictionary() {
        let bytes = encode(&Dictionary::builtin_from_files().expect("loads"));
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(decode(&[bytes.as_slice(), &[0]].concat()).is_none());
        assert!(decode(&[255, 255, 255, 255]).is_none());
    }
}

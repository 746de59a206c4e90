//! The name lists of `src/document/names.rs`, made into hash tables at build time so that
//! the program looks names up in compiled-in data instead of building hash maps of ~130,000
//! strings at every start.
//!
//! Each `dictionaries/sources/names/*.tsv` becomes `$OUT_DIR/names/<list>.tsv`, a line per
//! name, `lower-case name\tweight\n`, each name once with its highest weight (what `names.rs`
//! read the list as before), and `<list>.slots`, an open-addressing table of where lines
//! start. `dictionaries/sources/words.txt` becomes `words.txt` (a word per line, comments left
//! out, each word once) and `words.slots`. The table layout and hash are `names::Table`'s.
//!
//! The built-in dictionary (`dictionaries/*.toml`) is loaded here by the crate's own loader
//! and written to `$OUT_DIR/dictionary.bin` (`src/dictionary/compact.rs`), which a run reads
//! back instead of parsing the files; when the files do not load, nothing is written and a run
//! loads them and names the problems.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LISTS: [&str; 4] = ["given-latin", "surnames-latin", "given-ja", "surnames-ja"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("names");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/names");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/document/names/hash.rs");
    for list in LISTS {
        let from = format!("dictionaries/sources/names/{list}.tsv");
        println!("cargo::rerun-if-changed={from}");
        let lines = name_lines(&read(&from));
        table(&out, list, "tsv", &lines, '\t');
    }
    let from = "dictionaries/sources/words.txt";
    println!("cargo::rerun-if-changed={from}");
    let lines = word_lines(&read(from));
    table(&out, "words", "txt", &lines, '\n');
    compile_dictionary();
}

// the loader of the built-in dictionary, as the program has it
#[allow(unused)]
#[path = "src/dictionary/mod.rs"]
mod dictionary;
#[allow(unused)]
#[path = "src/text.rs"]
mod text;

/// `$OUT_DIR/dictionary.bin`: the built-in dictionary, loaded, for `Dictionary::builtin`.
fn compile_dictionary() {
    println!("cargo::rerun-if-changed=dictionaries");
    println!("cargo::rerun-if-changed=src/dictionary");
    println!("cargo::rerun-if-changed=src/text.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    match dictionary::Dictionary::builtin_from_files() {
        Ok(dict) => {
            write(&out.join("dictionary.bin"), &dict.to_compact());
            println!("cargo::rustc-cfg=talkgraph_compiled_dictionary");
        }
        Err(errors) => println!(
            "cargo::warning=the built-in dictionary has {} problem(s); `graph dict check` names them",
            errors.len()
        ),
    }
}

// the hash the program looks keys up with
include!("src/document/names/hash.rs");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A name list as `names.rs` reads it: comments, blank lines and lines without a number (the
/// header) skipped; names in lower case ("McDonald" and "Mcdonald" are one name), each with
/// the highest of its weights and never below 0: (name, `name\tweight\n`). The weight is
/// written the way Rust prints an `f32`, which reads back as the same number.
fn name_lines(tsv: &str) -> Vec<(String, String)> {
    let mut map: BTreeMap<String, f32> = BTreeMap::new();
    for line in tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(name), Some(weight)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Ok(w) = weight.trim().parse::<f32>() else {
            continue;
        };
        let key = name.to_lowercase();
        let w = w.max(map.get(&key).copied().unwrap_or(0.0));
        map.insert(key, w);
    }
    map.into_iter()
        .map(|(name, w)| {
            let mut line = String::new();
            let _ = writeln!(line, "{name}\t{w}");
            (name, line)
        })
        .collect()
}

/// The words of the English word list, comments left out, once each: (word, `word\n`).
fn word_lines(txt: &str) -> Vec<(String, String)> {
    let words: BTreeSet<&str> = txt.lines().filter(|l| !l.starts_with('#')).collect();
    words
        .into_iter()
        .map(|w| (w.to_string(), format!("{w}\n")))
        .collect()
}

/// `<name>.<ext>`: the lines one after another; `<name>.slots`: a power of two of
/// little-endian u32 slots, at least twice as many as keys, each where a line starts or
/// `u32::MAX`; a key is in the first free slot from `hash(key)` on.
fn table(out: &Path, name: &str, ext: &str, lines: &[(String, String)], sep: char) {
    let mut text = String::new();
    let size = (lines.len() * 2).max(1).next_power_of_two();
    let mut slots = vec![u32::MAX; size];
    for (key, line) in lines {
        assert!(
            !key.contains(['\t', '\n']),
            "{name}: a key with a tab or line break: {key:?}"
        );
        assert!(line.starts_with(key.as_str()) && line[key.len()..].starts_with(sep));
        let at = u32::try_from(text.len()).expect("a list under 4 GB");
        let mut i = (hash(key) as usize) & (size - 1);
        while slots[i] != u32::MAX {
            i = (i + 1) & (size - 1);
        }
        slots[i] = at;
        text.push_str(line);
    }
    write(&out.join(format!("{name}.{ext}")), text.as_bytes());
    let bytes: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    write(&out.join(format!("{name}.slots")), &bytes);
}

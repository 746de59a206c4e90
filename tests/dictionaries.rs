//! The built-in catalogues: generated, complete enough, and answering to every name the gold
//! files use.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::{has_client, root};
use talkgraph::dictionary::{Dictionary, Kind};
use talkgraph::matcher::Matcher;

/// Nothing in the generated files is edited by hand: the generator, run on the committed
/// sources and overlay, gives exactly what is committed.
#[test]
fn generated_dictionaries_are_what_the_generator_makes() {
    if !has_client("python3", &["-c", "import tomllib"], "Python 3.11+") {
        return;
    }
    python_check("tools/dictgen/generate.py", &[]);
}

/// The talk model is fitted, not edited: refitting it on the committed units
/// (tools/talkmodel/units.tsv, evidence and labels without the reports' text) gives the
/// committed weights.
#[test]
fn the_talk_model_is_what_its_units_give() {
    if !has_client("python3", &["-c", "import numpy"], "numpy") {
        return;
    }
    let units = root().join("tools/talkmodel/units.tsv");
    python_check(
        "tools/talkmodel/fit.py",
        &["--from".as_ref(), units.as_os_str()],
    );
}

/// Runs a generator of the repository with `--check` (after `args`): it must find the
/// committed files exactly what it would write.
fn python_check(script: &str, args: &[&std::ffi::OsStr]) {
    let out = Command::new("python3")
        .arg(root().join(script))
        .args(args)
        .arg("--check")
        .output()
        .unwrap_or_else(|e| panic!("runs {script}: {e}"));
    assert!(
        out.status.success(),
        "{script} --check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The person-name tables are what the name fetcher wrote: sorted, unique, each row a name
/// and a weight between 0 and 1.
#[test]
fn name_tables_are_well_formed() {
    for file in [
        "given-latin.tsv",
        "surnames-latin.tsv",
        "given-ja.tsv",
        "surnames-ja.tsv",
    ] {
        let path = root().join("dictionaries/sources/names").join(file);
        let text = std::fs::read_to_string(&path).expect("name table");
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .collect();
        assert!(rows.len() > 5_000, "{file}: {} rows", rows.len());
        let mut last = "";
        for row in rows {
            let mut f = row.split('\t');
            let name = f.next().unwrap_or("");
            let weight: f64 = f
                .next()
                .and_then(|w| w.parse().ok())
                .unwrap_or_else(|| panic!("{file}: no weight in {row:?}"));
            assert!((0.0..=1.0).contains(&weight), "{file}: {row:?}");
            assert!(name > last, "{file}: {name:?} after {last:?}");
            last = name;
        }
    }
}

#[test]
fn catalogues_are_complete() {
    let dict = Dictionary::builtin().expect("loads");
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &dict.entries {
        let group = match e.kind {
            Kind::Service => e.provider.as_deref().unwrap_or("?"),
            Kind::Tool => "tools",
        };
        *count.entry(group).or_default() += 1;
    }
    let at_least = [("aws", 400), ("gcp", 100), ("azure", 100), ("tools", 1500)];
    for (group, min) in at_least {
        let n = count.get(group).copied().unwrap_or(0);
        assert!(
            n >= min,
            "{group}: {n} entries, want at least {min} ({count:?})"
        );
    }
    // every tool has a category, every service a provider
    for e in &dict.entries {
        match e.kind {
            Kind::Tool => assert!(e.category.is_some(), "{}", e.id),
            Kind::Service => assert!(e.provider.is_some(), "{}", e.id),
        }
    }
}

/// Every service and tool the repository's gold files name is an alias of some entry.
#[test]
fn gold_names_resolve() {
    let dict = Dictionary::builtin().expect("loads");
    let matcher = Matcher::new(&dict).expect("compiles");
    let mut golds = vec![root().join("examples/jawsdays2018/gold.json")];
    for e in std::fs::read_dir(root().join("tests/fixtures")).expect("fixtures") {
        let path = e.expect("entry").path();
        if path.to_string_lossy().ends_with(".gold.json") {
            golds.push(path);
        }
    }
    let mut unresolved = Vec::new();
    for gold in golds {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold).expect("read")).expect("JSON");
        let mut names: Vec<Vec<String>> = Vec::new();
        collect(&v, &mut names);
        for alternatives in names {
            if !alternatives.iter().any(|n| !matcher.lookup(n).is_empty()) {
                unresolved.push(format!("{}: {alternatives:?}", gold.display()));
            }
        }
    }
    assert!(
        unresolved.is_empty(),
        "names no entry answers to:\n{}",
        unresolved.join("\n")
    );
}

fn collect(v: &serde_json::Value, out: &mut Vec<Vec<String>>) {
    for field in ["services", "tools"] {
        for entry in v[field].as_array().into_iter().flatten() {
            match entry {
                serde_json::Value::String(s) => out.push(vec![s.clone()]),
                other => out.push(
                    other["any_of"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|n| n.as_str().map(str::to_string))
                        .collect(),
                ),
            }
        }
    }
    for talk in v["talks"].as_array().into_iter().flatten() {
        collect(talk, out);
    }
}

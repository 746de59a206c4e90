//! Reading quality on the repository's own reports: every fixture under `tests/fixtures/`
//! and the reference example, scored against its gold file.
//!
//! Talks and speakers must be exact on every fixture (they use the layouts SPEC lists). The
//! service and tool results are snapshots (`tests/snapshots/`): any change in what is found,
//! better or worse, fails until the new snapshot is reviewed (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test` then `git diff`).

mod common;

use common::{build_json, root, score};

fn fixtures() -> Vec<(String, std::path::PathBuf, std::path::PathBuf)> {
    let mut out = vec![(
        "jawsdays2018".to_string(),
        root().join("examples/jawsdays2018/report.md"),
        root().join("examples/jawsdays2018/gold.json"),
    )];
    let dir = root().join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".gold.json").map(str::to_string))
        .collect();
    names.sort();
    for n in names {
        out.push((
            n.clone(),
            dir.join(format!("{n}.md")),
            dir.join(format!("{n}.gold.json")),
        ));
    }
    out
}

#[test]
fn fixtures_are_read_as_their_gold_files_say() {
    let all = fixtures();
    assert!(all.len() >= 5, "the fixtures are missing");
    for (name, report, gold) in all {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold).expect("gold file"))
                .expect("gold JSON");
        let s = score(&gold, &build_json(&report));
        assert!(
            s.talks.fn_ == 0 && s.talks.fp == 0 && s.speakers.fn_ == 0 && s.speakers.fp == 0,
            "{name}: talks and speakers must be exact\n{}",
            s.report()
        );
        insta::assert_snapshot!(format!("quality__{name}"), s.report());
    }
}

/// The bar the core issue sets on the reference report.
#[test]
fn reference_report_meets_the_bar() {
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/jawsdays2018/gold.json")).expect("gold"),
    )
    .expect("gold JSON");
    let s = score(
        &gold,
        &build_json(&root().join("examples/jawsdays2018/report.md")),
    );
    let report = s.report();
    assert_eq!(s.talks.f1(), 1.0, "{report}");
    assert_eq!(s.speakers.f1(), 1.0, "{report}");
    for (name, t) in [
        ("services", &s.services),
        ("tools", &s.tools),
        ("doc_services", &s.doc_services),
        ("doc_tools", &s.doc_tools),
    ] {
        assert!(t.f1() >= 0.95, "{name} F1 {:.3} < 0.95\n{report}", t.f1());
    }
}

//! Reading quality on the repository's own reports: every fixture under `tests/fixtures/`
//! and the reference example, scored against its gold file.
//!
//! Talks and speakers are inferred by a fitted model, so no single fixture is held to be
//! exact; all of them together are held to a bar (F1 ≥ 0.95 for talks and speakers), and the
//! reference report to 1.00. Every fixture's full score table, talks and speakers included,
//! is a snapshot (`tests/snapshots/`): any change in what is read, better or worse, fails
//! until the new snapshot is reviewed (`cargo insta review`, or `INSTA_UPDATE=always cargo
//! test` then `git diff`).

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
    let (mut talks, mut speakers) = (common::Tally::default(), common::Tally::default());
    let mut reports = String::new();
    for (name, report, gold) in all {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold).expect("gold file"))
                .expect("gold JSON");
        let s = score(&gold, &build_json(&report));
        for (total, t) in [(&mut talks, &s.talks), (&mut speakers, &s.speakers)] {
            total.tp += t.tp;
            total.fp += t.fp;
            total.fn_ += t.fn_;
        }
        reports += &format!("{name}\n{}\n", s.report());
        insta::assert_snapshot!(format!("quality__{name}"), s.report());
    }
    for (measure, t) in [("talks", &talks), ("speakers", &speakers)] {
        assert!(
            t.f1() >= 0.95,
            "{measure} F1 over all fixtures {:.3} < 0.95\n{reports}",
            t.f1()
        );
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

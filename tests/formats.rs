//! Black-box tests of the ecosystem formats (CSV, Mermaid, HTML), `--evidence` and the
//! filters of `graph build`. What the real clients make of the files is in clients.rs.

mod common;

use std::collections::BTreeSet;

use common::{graph_cmd, run_json, run_ok, tempdir};
use predicates::prelude::*;
use serde_json::Value;

const REPORT: &str = "examples/jawsdays2018/report.md";

fn nodes(v: &Value) -> &Vec<Value> {
    v["nodes"].as_array().expect("nodes")
}

fn edges(v: &Value) -> &Vec<Value> {
    v["edges"].as_array().expect("edges")
}

/// A CSV file as rows of fields, with the csv crate (quotes and all).
fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("reads CSV");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_writes_three_files_with_neo4j_headers_and_the_json_counts() {
    let dir = tempdir();
    let out = dir.path().join("kg");
    graph_cmd()
        .args(["build", REPORT, "tests/fixtures", "-f", "csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let names: BTreeSet<String> = std::fs::read_dir(&out)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "edges.csv".into(),
            "mentions.csv".into(),
            "nodes.csv".into()
        ])
    );
    let v = run_json(["build", REPORT, "tests/fixtures", "-f", "json"]);

    let (header, rows) = read_csv(&out.join("nodes.csv"));
    assert_eq!(&header[..2], ["id:ID", ":LABEL"]);
    assert!(header.contains(&"line:int".to_string()));
    assert!(header.contains(&"session:boolean".to_string()));
    assert!(header.contains(&"aliases:string[]".to_string()));
    assert_eq!(rows.len(), nodes(&v).len());
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let json_ids: Vec<&str> = nodes(&v).iter().filter_map(|n| n["id"].as_str()).collect();
    assert_eq!(ids, json_ids, "nodes.csv has the JSON's nodes in its order");
    let labels: BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        labels,
        BTreeSet::from(["Event", "Service", "Speaker", "Talk", "Tool"])
    );

    let (header, rows) = read_csv(&out.join("edges.csv"));
    assert_eq!(&header[..3], [":START_ID", ":END_ID", ":TYPE"]);
    assert_eq!(rows.len(), edges(&v).len());
    let id_set: BTreeSet<&str> = ids.iter().copied().collect();
    for r in &rows {
        assert!(id_set.contains(r[0].as_str()) && id_set.contains(r[1].as_str()));
        assert!(["PRESENTS", "MENTIONS", "PART_OF"].contains(&r[2].as_str()));
    }
    let mentions_total: usize = rows
        .iter()
        .filter(|r| r[2] == "MENTIONS")
        .map(|r| r[3].parse::<usize>().expect("count:int"))
        .sum();

    let (header, rows) = read_csv(&out.join("mentions.csv"));
    assert_eq!(
        header,
        [
            "report",
            "line:int",
            "column:int",
            ":START_ID",
            ":END_ID",
            "text",
            "in_code:boolean",
            ":TYPE"
        ]
    );
    assert_eq!(
        rows.len(),
        mentions_total,
        "one row per mention counted on the edges"
    );
    for r in &rows {
        assert!(r[1].parse::<usize>().is_ok_and(|l| l > 0));
        assert!(r[2].parse::<usize>().is_ok_and(|c| c > 0));
        assert!(id_set.contains(r[3].as_str()) && id_set.contains(r[4].as_str()));
        assert!(!r[5].is_empty());
        assert!(r[6] == "true" || r[6] == "false");
    }
    // the mention's text is what the report says at that line and column
    let text = std::fs::read_to_string(REPORT).expect("report");
    let first = rows.iter().find(|r| r[0] == REPORT).expect("a row");
    let line = text
        .lines()
        .nth(first[1].parse::<usize>().expect("as the test built it") - 1)
        .expect("as the test built it");
    let at: String = line
        .chars()
        .skip(first[2].parse::<usize>().expect("as the test built it") - 1)
        .collect();
    assert!(at.starts_with(&first[5]), "{at:?} vs {:?}", first[5]);
}

#[test]
fn csv_fields_stay_on_one_line_whatever_the_report_holds() {
    let dir = tempdir();
    let report = dir.path().join("r.md");
    std::fs::write(
        &report,
        "## Quotes \"and\", commas; semicolons\u{7}\n\nby Ann Lee\n\nWe ran ECS and Terraform.\n",
    )
    .expect("write");
    let out = dir.path().join("kg");
    run_ok([
        "build".as_ref(),
        report.as_os_str(),
        "-f".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    for name in ["nodes.csv", "edges.csv", "mentions.csv"] {
        let text = std::fs::read_to_string(out.join(name)).expect("written");
        let (header, rows) = read_csv(&out.join(name));
        assert_eq!(
            text.lines().count(),
            rows.len() + 1,
            "{name}: a row is a line"
        );
        assert!(rows.iter().all(|r| r.len() == header.len()));
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
    let (_, rows) = read_csv(&out.join("nodes.csv"));
    assert!(
        rows.iter()
            .any(|r| r[2].trim_end() == "Quotes \"and\", commas; semicolons")
    );
}

#[test]
fn csv_needs_a_folder_and_keeps_what_is_there_on_failure() {
    graph_cmd()
        .args(["build", REPORT, "-f", "csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("-o DIR"));
    let dir = tempdir();
    let file = dir.path().join("file.txt");
    std::fs::write(&file, "keep").expect("write");
    graph_cmd()
        .args(["build", REPORT, "-f", "csv", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a folder"));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "keep");
    // a bad input: the folder is neither created nor touched
    let out = dir.path().join("kg");
    graph_cmd()
        .args(["build", REPORT, "missing.md", "-f", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("missing.md").and(predicate::str::contains("nothing written")),
        );
    assert!(!out.exists());
    // an existing folder is written into, and a second run replaces the files
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("nodes.csv"), "old").expect("write");
    std::fs::write(out.join("other.txt"), "mine").expect("write");
    graph_cmd()
        .args(["build", REPORT, "-f", "csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).expect("nodes");
    assert!(nodes.starts_with("id:ID,:LABEL"));
    assert_eq!(
        std::fs::read_to_string(out.join("other.txt")).expect("kept"),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(&out).expect("dir").count(),
        4,
        "no temporary files left"
    );
}

#[test]
fn mermaid_is_a_flowchart_with_every_node_and_edge() {
    let v = run_json(["build", REPORT, "-f", "json"]);
    let text = String::from_utf8(run_ok(["build", REPORT, "-f", "mermaid"])).expect("UTF-8");
    assert!(text.starts_with("flowchart LR\n"));
    let node_lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with('n') && l.contains(":::"))
        .count();
    let edge_lines = text
        .lines()
        .filter(|l| l.contains(" --> ") || l.contains(" -.- "))
        .count();
    assert_eq!(node_lines, nodes(&v).len());
    assert_eq!(edge_lines, edges(&v).len());
    // labels never hold what would end them
    for l in text.lines().filter(|l| l.contains(":::")) {
        let inner = &l[l.find('"').expect("as the test built it") + 1
            ..l.rfind('"').expect("as the test built it")];
        assert!(!inner.contains('"') && !inner.contains('<'), "{l}");
    }
    // .mmd picks the format
    let dir = tempdir();
    let path = dir.path().join("g.mmd");
    graph_cmd()
        .args(["build", REPORT, "-o"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&path).expect("written"), text);
}

#[test]
fn mermaid_refuses_a_graph_above_its_limits_and_says_how_to_narrow_it() {
    let dir = tempdir();
    let report = dir.path().join("big.md");
    // a meetup of 200 talks, each with a speaker and two mentions: 800 edges
    let talks: String = (0..200)
        .map(|i| format!("## Talk {i}\n\nby Jane Doe\n\nWe used ECS and Lambda.\n\n"))
        .collect();
    std::fs::write(&report, format!("# Cloud meetup #12\n\n{talks}")).expect("write");
    let out = dir.path().join("big.mmd");
    graph_cmd()
        .args(["build", "-o"])
        .arg(&out)
        .arg(&report)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("Mermaid draws at most 500")
                .and(predicate::str::contains("--min-mentions"))
                .and(predicate::str::contains("nothing written")),
        );
    assert!(!out.exists());
    // narrowed, the same report fits
    graph_cmd()
        .args(["build", "-f", "mermaid", "--kind", "speaker,talk"])
        .arg(&report)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("flowchart LR"));
}

#[test]
fn html_is_one_self_contained_page_with_the_graph_in_it() {
    let v = run_json(["build", REPORT, "-f", "json", "--evidence"]);
    let html = String::from_utf8(run_ok(["build", REPORT, "-f", "html"])).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // nothing to fetch: no external scripts, styles or images
    for needle in ["<script src", "<link ", "<img ", "@import", "url(http"] {
        assert!(
            !html.contains(needle),
            "the page fetches something: {needle}"
        );
    }
    assert!(
        html.contains("Cytoscape Consortium"),
        "the library is embedded"
    );
    let start = html.find("type=\"application/json\">").expect("data") + 24;
    let end = start + html[start..].find("</script>").expect("end");
    let data: Value = serde_json::from_str(&html[start..end]).expect("data is JSON");
    assert_eq!(
        data["nodes"].as_array().map(Vec::len),
        Some(nodes(&v).len())
    );
    assert_eq!(
        data["edges"].as_array().map(Vec::len),
        Some(edges(&v).len())
    );
    let evidence = |edges: &Vec<Value>| -> usize {
        edges
            .iter()
            .filter_map(|e| e["evidence"].as_array())
            .map(Vec::len)
            .sum()
    };
    assert_eq!(
        evidence(data["edges"].as_array().expect("as the test built it")),
        evidence(edges(&v))
    );
}

#[test]
fn html_cannot_be_broken_out_of_by_a_report() {
    let dir = tempdir();
    let report = dir.path().join("evil.md");
    std::fs::write(
        &report,
        "## `</script><script>alert(1)</script>` & <!-- \u{2028}\n\nby Mallory Evil\n\nWe used ECS.\n",
    )
    .expect("write");
    let html = String::from_utf8(run_ok([
        "build".as_ref(),
        report.as_os_str(),
        "-f".as_ref(),
        "html".as_ref(),
    ]))
    .expect("UTF-8");
    // the page's own three scripts, and no fourth
    assert_eq!(html.matches("<script").count(), 3);
    assert_eq!(html.matches("</script>").count(), 3);
    assert!(!html.contains("alert(1)</script>"));
    assert!(html.contains("\\u003c/script\\u003e"));
}

#[test]
fn evidence_puts_each_mention_on_its_edge_in_json_and_graphml() {
    let plain = run_json(["build", REPORT, "-f", "json"]);
    assert!(edges(&plain).iter().all(|e| e.get("evidence").is_none()));
    let v = run_json(["build", REPORT, "-f", "json", "--evidence"]);
    for e in edges(&v).iter().filter(|e| e["kind"] == "mentions") {
        let ev = e["evidence"]
            .as_array()
            .expect("evidence on every mentions edge");
        assert_eq!(
            ev.len() as u64,
            e["count"].as_u64().expect("as the test built it")
        );
        let lines: BTreeSet<u64> = ev.iter().filter_map(|m| m["line"].as_u64()).collect();
        let want: BTreeSet<u64> = e["lines"]
            .as_array()
            .expect("as the test built it")
            .iter()
            .filter_map(Value::as_u64)
            .collect();
        assert_eq!(lines, want);
        for m in ev {
            assert_eq!(m["report"], REPORT);
            assert!(m["column"].as_u64().is_some_and(|c| c > 0));
            assert!(m["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
    }
    let graphml =
        String::from_utf8(run_ok(["build", REPORT, "-f", "graphml", "--evidence"])).expect("UTF-8");
    assert!(graphml.contains("<data key=\"e_evidence\">[{&quot;report&quot;"));
    graph_cmd()
        .args(["build", REPORT, "-f", "dot", "--evidence"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--evidence"));
}

#[test]
fn filters_narrow_every_format_the_same_way() {
    let all = run_json(["build", REPORT, "-f", "json"]);
    let count_kind = |v: &Value, k: &str| nodes(v).iter().filter(|n| n["kind"] == k).count();

    let v = run_json(["build", REPORT, "-f", "json", "--kind", "talk,service"]);
    let kinds: BTreeSet<&str> = nodes(&v)
        .iter()
        .filter_map(|n| n["kind"].as_str())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["service", "talk"]));
    assert_eq!(count_kind(&v, "service"), count_kind(&all, "service"));

    // tools have no provider: --provider aws keeps AWS services only; `none` adds the tools
    let v = run_json(["build", REPORT, "-f", "json", "--provider", "aws"]);
    assert_eq!(count_kind(&v, "tool"), 0);
    assert!(
        nodes(&v)
            .iter()
            .filter(|n| n["kind"] == "service")
            .all(|n| n["provider"] == "aws")
    );
    let v = run_json(["build", REPORT, "-f", "json", "--provider", "aws,none"]);
    assert_eq!(count_kind(&v, "tool"), count_kind(&all, "tool"));

    let v = run_json(["build", REPORT, "-f", "json", "--category", "containers"]);
    assert!(count_kind(&v, "service") > 0);
    assert!(
        nodes(&v)
            .iter()
            .filter(|n| n["kind"] == "service" || n["kind"] == "tool")
            .all(|n| n["category"] == "containers")
    );
    // talks and speakers stay whatever the entity filters say
    assert_eq!(count_kind(&v, "talk"), count_kind(&all, "talk"));

    // --min-mentions: a node's count is what its incoming edges and features add up to
    let v = run_json([
        "build",
        REPORT,
        "-f",
        "json",
        "--min-mentions",
        "3",
        "--evidence",
    ]);
    let kept: BTreeSet<&str> = nodes(&v)
        .iter()
        .filter(|n| n["kind"] == "service" || n["kind"] == "tool")
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(
        !kept.is_empty() && kept.len() < count_kind(&all, "service") + count_kind(&all, "tool")
    );
    let full = run_json(["build", REPORT, "-f", "json", "--evidence"]);
    // what the edges show: their counts, and the features they name
    let mut named: std::collections::BTreeMap<&str, u64> = Default::default();
    for e in edges(&full).iter().filter(|e| e["kind"] == "mentions") {
        let target = e["target"].as_str().expect("target");
        *named.entry(target).or_default() += e["count"].as_u64().expect("count");
        for m in e["evidence"].as_array().expect("evidence") {
            let entity = m["entity"].as_str().expect("entity");
            if entity != target {
                *named.entry(entity).or_default() += 1;
            }
        }
    }
    let want: BTreeSet<&str> = named
        .iter()
        .filter(|(_, c)| **c >= 3)
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(kept, want);
    // every edge left joins two nodes that are left
    let ids: BTreeSet<&str> = nodes(&v).iter().filter_map(|n| n["id"].as_str()).collect();
    assert!(edges(&v).iter().all(|e| {
        ids.contains(e["source"].as_str().expect("as the test built it"))
            && ids.contains(e["target"].as_str().expect("as the test built it"))
    }));

    // DOT and Mermaid narrowed the same way
    let dot = String::from_utf8(run_ok(["build", REPORT, "--kind", "talk,service"]))
        .expect("as the test built it");
    assert!(!dot.contains("\"speaker:") && dot.contains("\"service:"));
}

#[test]
fn unknown_filter_values_are_bad_usage_with_the_known_ones() {
    graph_cmd()
        .args(["build", REPORT, "--provider", "amazon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("--provider amazon")
                .and(predicate::str::contains("aws, azure")),
        );
    graph_cmd()
        .args(["build", REPORT, "--category", "computing"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--category computing")
                .and(predicate::str::contains("compute")),
        );
    graph_cmd()
        .args(["build", REPORT, "--kind", "person"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("speaker"));
}

#[test]
fn a_csv_name_is_no_folder_and_a_blocked_folder_keeps_every_file() {
    let dir = tempdir();
    let file = dir.path().join("kg.csv");
    graph_cmd()
        .args(["build", REPORT, "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-f csv -o DIR"));
    assert!(!file.exists());
    // mentions.csv is taken by a folder: nodes.csv and edges.csv must not be replaced either
    let out = dir.path().join("kg");
    std::fs::create_dir_all(out.join("mentions.csv")).expect("mkdir");
    std::fs::write(out.join("nodes.csv"), "old").expect("write");
    graph_cmd()
        .args(["build", REPORT, "-f", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("mentions.csv")
                .and(predicate::str::contains("nothing written")),
        );
    assert_eq!(
        std::fs::read_to_string(out.join("nodes.csv")).expect("kept"),
        "old"
    );
    assert!(!out.join("edges.csv").exists());
    assert_eq!(
        std::fs::read_dir(&out).expect("dir").count(),
        2,
        "no temporary files left"
    );
}

#[test]
fn mermaid_counts_text_as_javascript_does() {
    // 600 talks with emoji titles: under 50,000 characters, over 50,000 UTF-16 units
    let dir = tempdir();
    let report = dir.path().join("emoji.md");
    let talks: String = std::iter::once("# Emoji Meetup #1\n\n".to_string())
        .chain((0..600).map(|i| format!("## 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀 {i}\n\nby Ann Lee\n\n")))
        .collect();
    std::fs::write(&report, talks).expect("write");
    graph_cmd()
        .args(["build", "-f", "mermaid", "--kind", "talk"])
        .arg(&report)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Mermaid draws at most 50000"));
}

#[test]
fn min_mentions_keeps_what_the_edges_show() {
    // Parameter Store named three times on its own: its edge shows 3, its service's none
    let dir = tempdir();
    let report = dir.path().join("ssm.md");
    std::fs::write(
        &report,
        "## Settings\n\nby Ann Lee\n\nParameter Store here, Parameter Store there, and Parameter Store again.\n",
    )
    .expect("write");
    let v = run_json([
        "build".as_ref(),
        report.as_os_str(),
        "-f".as_ref(),
        "json".as_ref(),
        "--min-mentions".as_ref(),
        "3".as_ref(),
    ]);
    let services: Vec<&str> = nodes(&v)
        .iter()
        .filter(|n| n["kind"] == "service")
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(services, ["service:aws-systems-manager-parameter-store"]);
    assert!(
        edges(&v)
            .iter()
            .any(|e| e["target"] == services[0] && e["count"] == 3)
    );
}

#[test]
fn filters_that_do_nothing_or_leave_nothing_say_so() {
    graph_cmd()
        .args([
            "build",
            REPORT,
            "-f",
            "json",
            "--kind",
            "talk",
            "--provider",
            "aws",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("which --kind leaves out"));
    graph_cmd()
        .args(["build", REPORT, "-f", "json", "--provider", "gcp"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no service or tool is left"));
    graph_cmd()
        .args(["build", REPORT, "-f", "json", "--provider", "aws"])
        .assert()
        .success()
        .stderr("");
}

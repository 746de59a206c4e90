//! `output/` holds the reference report in every format: DOT (and the SVG drawn from it),
//! JSON, GraphML, CSV (a folder), Mermaid and HTML. This test fails when they are stale;
//! `TALKGRAPH_BLESS=1 cargo test --test output` rewrites them (the SVG with Graphviz). The
//! screenshot of the HTML view, `output/jawsdays2018.html.png`, is taken by the Chromium test
//! in clients.rs.
//!
//! The SVG carries a digest of the DOT it was drawn from, so staleness does not depend on the
//! fonts or the Graphviz version of the machine that checks it.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{root, run_ok};

const REPORT: &str = "examples/jawsdays2018/report.md";

fn bless() -> bool {
    std::env::var_os("TALKGRAPH_BLESS").is_some()
}

fn build(format: &str) -> Vec<u8> {
    run_ok(["build", REPORT, "-f", format])
}

/// FNV-1a, 64 bits: enough to tell one DOT from another.
fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn check(name: &str, want: &[u8]) {
    let path = root().join("output").join(name);
    let have = std::fs::read(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if bless() {
        std::fs::write(&path, want).expect("writes output/");
        return;
    }
    panic!(
        "output/{name} is stale; run `TALKGRAPH_BLESS=1 cargo test --test output` and review the diff"
    );
}

#[test]
fn output_files_are_current() {
    let dot = build("dot");
    check("jawsdays2018.dot", &dot);
    check("jawsdays2018.json", &build("json"));
    check("jawsdays2018.graphml", &build("graphml"));
    check("jawsdays2018.mmd", &build("mermaid"));
    check("jawsdays2018.html", &build("html"));
    let dir = common::tempdir();
    let csv = dir.path().join("csv");
    run_ok([
        "build".as_ref(),
        REPORT.as_ref(),
        "-f".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        csv.as_os_str(),
    ]);
    std::fs::create_dir_all(root().join("output/jawsdays2018-csv")).expect("output/");
    for name in ["nodes.csv", "edges.csv", "mentions.csv"] {
        let bytes = std::fs::read(csv.join(name)).expect("written");
        check(&format!("jawsdays2018-csv/{name}"), &bytes);
    }

    let stamp = format!("<!-- talkgraph: drawn from DOT {} -->", digest(&dot));
    let svg_path = root().join("output/jawsdays2018.svg");
    let svg = std::fs::read_to_string(&svg_path).unwrap_or_default();
    if svg.contains(&stamp) {
        return;
    }
    assert!(
        bless(),
        "output/jawsdays2018.svg was not drawn from the current DOT; run `TALKGRAPH_BLESS=1 cargo test --test output` (needs Graphviz)"
    );
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is needed to draw output/jawsdays2018.svg");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&dot)
        .expect("writes");
    let out = child.wait_with_output().expect("waits");
    assert!(out.status.success());
    let drawn = String::from_utf8(out.stdout).expect("UTF-8 SVG");
    // the stamp goes after the XML declaration
    let at = drawn.find("<svg").unwrap_or(0);
    let svg = format!("{}{stamp}\n{}", &drawn[..at], &drawn[at..]);
    std::fs::write(&svg_path, svg).expect("writes output/");
}

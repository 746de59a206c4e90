//! The real clients read what `graph` writes: Graphviz renders the DOT without a word on
//! stderr, networkx loads the JSON with the same node and edge counts.
//!
//! `.ci/run` installs both and sets TALKGRAPH_REQUIRE_CLIENTS=1, so in CI a missing client is
//! a failure. Elsewhere a missing client is reported and the test passes.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{has_client, run_ok};

const INPUTS: &[&str] = &["examples/jawsdays2018/report.md", "tests/fixtures"];

fn build(format: &str, inputs: &[&str]) -> Vec<u8> {
    run_ok(["build", "-f", format].iter().chain(inputs))
}

fn pipe(program: &str, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("writes");
    child.wait_with_output().expect("waits")
}

#[test]
fn graphviz_renders_the_dot_without_warnings() {
    if !has_client("dot", &["-V"], "Graphviz") {
        return;
    }
    for inputs in [&INPUTS[..1], INPUTS] {
        let out = pipe("dot", &["-Tsvg"], &build("dot", inputs));
        assert!(out.status.success(), "dot failed on {inputs:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "dot warned on {inputs:?}"
        );
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.contains("<svg") && svg.contains("コンテナを守る技術"));
    }
}

#[test]
fn graphviz_renders_reports_with_huge_labels_and_many_lines() {
    if !has_client("dot", &["-V"], "Graphviz") {
        return;
    }
    // dot refuses quoted strings over 16 KiB: long titles and long line lists must be cut
    let dir = common::tempdir();
    let many = dir.path().join("many.md");
    let mentions: String = (0..4_000).map(|i| format!("ECS on line {i}\n\n")).collect();
    std::fs::write(&many, format!("## T\n\nby Ann Lee\n\n{mentions}")).expect("write");
    let long = dir.path().join("long.md");
    let title = "word ".repeat(10_000);
    std::fs::write(
        &long,
        format!("# {title}\n\n## {title}\n\nby Ann Lee\n\nECS\n"),
    )
    .expect("write");
    for path in [many, long] {
        let dot = run_ok(["build".as_ref(), path.as_os_str()]);
        let out = pipe("dot", &["-Tsvg"], &dot);
        assert!(
            out.status.success(),
            "dot failed on {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
}

#[test]
fn networkx_loads_the_json_with_the_same_counts() {
    if !has_client(
        "python3",
        &["-c", "import networkx"],
        "python3 with networkx",
    ) {
        return;
    }
    let json = build("json", INPUTS);
    let v: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    let nodes = v["nodes"].as_array().map_or(0, Vec::len);
    let edges = v["edges"].as_array().map_or(0, Vec::len);
    let script = "import json, sys, networkx as nx\n\
                  g = nx.node_link_graph(json.load(sys.stdin), edges='edges')\n\
                  assert g.is_directed()\n\
                  kinds = {d['kind'] for _, d in g.nodes(data=True)}\n\
                  print(g.number_of_nodes(), g.number_of_edges(), ','.join(sorted(kinds)))";
    let out = pipe("python3", &["-c", script], &json);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{nodes} {edges} event,service,speaker,talk,tool")
    );
}

/// GraphML: networkx (`read_graphml`) and igraph load it with the JSON's counts, typed
/// attributes intact, and the lists as JSON strings.
#[test]
fn networkx_and_igraph_load_the_graphml_with_the_same_counts() {
    if !has_client(
        "python3",
        &["-c", "import networkx, igraph"],
        "python3 with networkx and igraph",
    ) {
        return;
    }
    let json = build("json", INPUTS);
    let v: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    let nodes = v["nodes"].as_array().map_or(0, Vec::len);
    let edges = v["edges"].as_array().map_or(0, Vec::len);
    let graphml = build("graphml", INPUTS);
    let script = "import io, json, sys, networkx as nx, igraph as ig\n\
                  data = sys.stdin.buffer.read()\n\
                  g = nx.read_graphml(io.BytesIO(data))\n\
                  assert g.is_directed()\n\
                  talk = next(d for _, d in g.nodes(data=True) if d['kind'] == 'talk')\n\
                  assert isinstance(talk['line'], int) and isinstance(talk['session'], bool)\n\
                  e = next(d for _, _, d in g.edges(data=True) if d['kind'] == 'mentions')\n\
                  assert isinstance(e['count'], int) and isinstance(json.loads(e['lines']), list)\n\
                  import tempfile\n\
                  with tempfile.NamedTemporaryFile(suffix='.graphml') as f:\n\
                  \x20   f.write(data); f.flush()\n\
                  \x20   h = ig.Graph.Read_GraphML(f.name)\n\
                  print(g.number_of_nodes(), g.number_of_edges(), h.vcount(), h.ecount())";
    let out = pipe("python3", &["-c", script], &graphml);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{nodes} {edges} {nodes} {edges}")
    );
}

/// The development scorer (tools/score/) builds every report of a folder and prints the score
/// table; `--min` turns a total below the bar into exit status 1.
#[test]
fn the_score_script_scores_a_folder_and_enforces_min() {
    if !has_client("python3", &["--version"], "Python 3")
        || !has_client("bash", &["--version"], "bash")
    {
        return;
    }
    let root = common::root();
    let script = root.join("tools/score/score_dir.sh");
    let graphs = common::tempdir();
    let run = |dir: &std::path::Path| {
        Command::new("bash")
            .arg(&script)
            .args([
                "--bin",
                env!("CARGO_BIN_EXE_graph"),
                "--min",
                "1.0",
                "--dir",
            ])
            .arg(dir)
            .arg("--graphs")
            .arg(graphs.path())
            .output()
            .expect("runs the script")
    };
    let out = run(&root.join("examples/jawsdays2018"));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{table}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        table.contains("jawsdays2018") && table.contains("F1=1.00"),
        "{table}"
    );
    assert!(graphs.path().join("jawsdays2018.graph.json").is_file());

    // a gold file asking for a talk the report does not hold: below the bar, exit 1
    let dir = common::tempdir();
    std::fs::write(
        dir.path().join("one.md"),
        "# Meetup\n\n## Serverless at scale\n\nSpeaker: Jane Doe\n\nWe use AWS Lambda.\n",
    )
    .expect("writes");
    std::fs::write(
        dir.path().join("one.gold.json"),
        r#"{"talks": [
            {"title": "Serverless at scale", "speakers": [{"name": "Jane Doe"}], "services": ["AWS Lambda"], "tools": []},
            {"title": "A talk nobody gave", "speakers": [{"name": "Nobody"}], "services": [], "tools": []}
        ]}"#,
    )
    .expect("writes");
    let out = run(dir.path());
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{table}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(table.contains("talks P=1.00 R=0.50"), "{table}");
}

//! The real clients read what `graph` writes: Graphviz renders the DOT without a word on
//! stderr; networkx loads the JSON, networkx and igraph the GraphML, pandas and DuckDB the CSV,
//! all with the same node and edge counts; Chromium shows the HTML view and Mermaid draws the
//! flowchart.
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

/// The JSON graph of some inputs, with the node and edge counts every client must match.
struct JsonGraph {
    bytes: Vec<u8>,
    value: serde_json::Value,
    nodes: usize,
    edges: usize,
}

fn json_graph(inputs: &[&str]) -> JsonGraph {
    let bytes = build("json", inputs);
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let nodes = value["nodes"].as_array().map_or(0, Vec::len);
    let edges = value["edges"].as_array().map_or(0, Vec::len);
    JsonGraph {
        bytes,
        value,
        nodes,
        edges,
    }
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
    let JsonGraph {
        bytes: json,
        nodes,
        edges,
        ..
    } = json_graph(INPUTS);
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
    let JsonGraph { nodes, edges, .. } = json_graph(INPUTS);
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

/// CSV: pandas and DuckDB read the three files with the JSON's counts and the types the
/// neo4j-admin headers promise.
#[test]
fn pandas_and_duckdb_load_the_csv_with_the_same_counts_and_types() {
    if !has_client(
        "python3",
        &["-c", "import pandas, duckdb"],
        "python3 with pandas and duckdb",
    ) {
        return;
    }
    let JsonGraph {
        value: v,
        nodes,
        edges,
        ..
    } = json_graph(INPUTS);
    let mentions: u64 = v["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter_map(|e| e["count"].as_u64())
        .sum();
    let dir = common::tempdir();
    let out = dir.path().join("kg");
    run_ok(
        ["build", "-f", "csv", "-o"]
            .iter()
            .map(std::ffi::OsStr::new)
            .chain([out.as_os_str()])
            .chain(INPUTS.iter().map(std::ffi::OsStr::new)),
    );
    let script = r#"
import sys, pandas as pd, duckdb
d = sys.argv[1]
kw = dict(dtype_backend="numpy_nullable", keep_default_na=False, na_values=[""])
n = pd.read_csv(f"{d}/nodes.csv", **kw)
e = pd.read_csv(f"{d}/edges.csv", **kw)
m = pd.read_csv(f"{d}/mentions.csv", **kw)
assert str(n["line:int"].dtype) == "Int64", n.dtypes
assert str(n["session:boolean"].dtype) == "boolean", n.dtypes
assert str(e["count:int"].dtype) == "Int64", e.dtypes
assert str(m["line:int"].dtype) == "Int64" and str(m["column:int"].dtype) == "Int64", m.dtypes
assert str(m["in_code:boolean"].dtype) == "boolean", m.dtypes
assert set(m[":START_ID"]) <= set(n["id:ID"]) and set(m[":END_ID"]) <= set(n["id:ID"])
assert int(e["count:int"].sum()) == len(m)
# plain read_csv too: every column a user expects to be a number is one
plain = pd.read_csv(f"{d}/mentions.csv")
assert plain["line:int"].dtype.kind == "i" and plain["in_code:boolean"].dtype == bool
con = duckdb.connect()
types = lambda f: {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_csv('{d}/{f}')").fetchall()}
tn, te, tm = types("nodes.csv"), types("edges.csv"), types("mentions.csv")
assert tn["line:int"] == "BIGINT" and tn["session:boolean"] == "BOOLEAN", tn
assert te["count:int"] == "BIGINT", te
assert tm["line:int"] == "BIGINT" and tm["column:int"] == "BIGINT" and tm["in_code:boolean"] == "BOOLEAN", tm
count = lambda f: con.execute(f"SELECT count(*) FROM read_csv('{d}/{f}')").fetchone()[0]
joined = con.execute(f"""SELECT count(*) FROM read_csv('{d}/mentions.csv') m
    JOIN read_csv('{d}/nodes.csv') n ON n."id:ID" = m.":END_ID" """).fetchone()[0]
print(len(n), len(e), len(m), count("nodes.csv"), count("edges.csv"), count("mentions.csv"), joined)
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&out)
        .output()
        .expect("runs python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{nodes} {edges} {mentions} {nodes} {edges} {mentions} {mentions}")
    );
}

/// The browser tests' own folder: check.mjs and the npm packages `.ci/run` installs there.
fn browser_dir() -> std::path::PathBuf {
    common::root().join("tests/browser")
}

/// Whether Chromium and the npm packages of tests/browser are there (in CI they must be).
fn has_browser() -> bool {
    let chromium = std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into());
    if !has_client("node", &["--version"], "Node.js") {
        return false;
    }
    let parts = [
        (
            std::path::PathBuf::from(&chromium),
            "Chromium (Debian package chromium)",
        ),
        (
            browser_dir().join("node_modules/playwright-core/package.json"),
            "playwright-core (npm ci in tests/browser)",
        ),
        (
            browser_dir().join("node_modules/mermaid/dist/mermaid.min.js"),
            "mermaid (npm ci in tests/browser)",
        ),
    ];
    parts
        .iter()
        .all(|(path, what)| has_client("test", &["-e", &path.to_string_lossy()], what))
}

/// Runs tests/browser/check.mjs and parses what it prints.
fn check_in_browser(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = Command::new("node")
        .arg(browser_dir().join("check.mjs"))
        .args(args)
        .output()
        .expect("runs node");
    assert!(
        out.status.success(),
        "check.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("check.mjs prints JSON")
}

/// HTML: Chromium loads the page with nothing from the network and no console error, shows
/// every node, a search narrows what is shown, a click shows the node's mentions, the kind
/// filter shows only talks, and the screenshot lands in output/.
#[test]
fn chromium_shows_the_html_view_and_search_narrows_it() {
    if !has_browser() {
        return;
    }
    let dir = common::tempdir();
    for (inputs, query, shot) in [
        (
            &INPUTS[..1],
            "lambda",
            Some(common::root().join("output/jawsdays2018.html.png")),
        ),
        (INPUTS, "terraform", None),
    ] {
        let JsonGraph {
            value: v, nodes, ..
        } = json_graph(inputs);
        let nodes = nodes as u64;
        let page = dir.path().join("kg.html");
        std::fs::write(&page, build("html", inputs)).expect("writes the page");
        let shot_arg = shot.clone().unwrap_or_else(|| dir.path().join("shot.png"));
        let r = check_in_browser(&[
            "html".as_ref(),
            page.as_os_str(),
            shot_arg.as_os_str(),
            query.as_ref(),
        ]);
        assert_eq!(r["errors"], serde_json::json!([]), "{inputs:?}: {r}");
        assert_eq!(
            r["requests"],
            serde_json::json!([]),
            "{inputs:?} fetched: {r}"
        );
        assert_eq!(r["before"]["total"], nodes, "{r}");
        assert_eq!(r["before"]["shown"], nodes, "{r}");
        assert!(r["drawn"].as_u64().is_some_and(|c| c > 0), "no canvas: {r}");
        let after = r["after"]["shown"].as_u64().expect("shown");
        assert!(after > 0 && after < nodes, "search did not narrow: {r}");
        assert!(r["after"]["matches"].as_u64().is_some_and(|m| m > 0), "{r}");
        assert!(
            r["panel"]["mentions"].as_u64().is_some_and(|m| m > 0),
            "the clicked match shows no mentions: {r}"
        );
        let talks = v["nodes"]
            .as_array()
            .map_or(0, |n| n.iter().filter(|n| n["kind"] == "talk").count())
            as u64;
        assert_eq!(r["talks"]["shown"], talks, "the kind filter: {r}");
        let png = std::fs::read(&shot_arg).expect("screenshot written");
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    }
}

/// Mermaid: the flowchart renders to SVG with every node, and no syntax error.
#[test]
fn mermaid_renders_the_flowchart() {
    if !has_browser() {
        return;
    }
    let dir = common::tempdir();
    let evil = dir.path().join("evil.md");
    std::fs::write(
        &evil,
        "## C# & F# \"quoted\" <b>tags</b>; `code`; 100% (done) [x] {y} |z|\n\nby Ann Lee\n\nWe used ECS and Lambda.\n",
    )
    .expect("write");
    let evil = evil.to_string_lossy().into_owned();
    for inputs in [&INPUTS[..1], &[evil.as_str()][..]] {
        let nodes = json_graph(inputs).nodes as u64;
        let path = dir.path().join("g.mmd");
        std::fs::write(&path, build("mermaid", inputs)).expect("writes");
        let r = check_in_browser(&["mermaid".as_ref(), path.as_os_str()]);
        assert_eq!(r["error"], serde_json::Value::Null, "{inputs:?}: {r}");
        assert_eq!(r["errors"], serde_json::json!([]), "{inputs:?}: {r}");
        assert_eq!(r["nodes"], nodes, "{inputs:?}: {r}");
    }
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

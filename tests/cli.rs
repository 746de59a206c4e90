//! Black-box tests of the `graph` binary: every format, every error, every exit status.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{graph_cmd, root, run_json, run_ok, tempdir};
use predicates::prelude::*;

const REPORT: &str = "examples/jawsdays2018/report.md";

#[test]
fn dot_is_the_default_on_stdout() {
    graph_cmd()
        .args(["build", REPORT])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph talkgraph {"))
        .stdout(predicate::str::contains("\"talk:report/1\""))
        .stderr("");
}

#[test]
fn json_on_request() {
    let v = run_json(["build", REPORT, "-f", "json"]);
    assert_eq!(v["directed"], true);
    assert_eq!(v["graph"]["format_version"], 1);
    assert_eq!(v["graph"]["inputs"][0]["path"], REPORT);
    assert!(v["nodes"].as_array().is_some_and(|n| n.len() > 30));
    assert!(v["edges"].as_array().is_some_and(|e| e.len() > 30));
}

#[test]
fn output_format_follows_the_extension_unless_told() {
    let dir = tempdir();
    for (file, flag, starts) in [
        ("g.json", None, "{"),
        ("g.dot", None, "digraph"),
        ("g.gv", None, "digraph"),
        ("g.txt", None, "digraph"),
        ("g2.json", Some("dot"), "digraph"),
        ("g2.dot", Some("json"), "{"),
        ("g.graphml", None, "<?xml"),
        ("g3.json", Some("graphml"), "<?xml"),
    ] {
        let path = dir.path().join(file);
        let mut cmd = graph_cmd();
        cmd.args(["build", REPORT, "-o"]).arg(&path);
        if let Some(f) = flag {
            cmd.args(["-f", f]);
        }
        cmd.assert().success().stdout("");
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(
            text.starts_with(starts),
            "{file} {flag:?}: {}",
            &text[..20.min(text.len())]
        );
    }
    // only the output file is left behind: no temporary files
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 8);
}

#[cfg(unix)]
#[test]
fn output_files_keep_permissions_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let mode = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
    // a new file: 0666 less the umask, like any file the user creates
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o022);
    let new = dir.path().join("new.json");
    run_ok([
        "build".as_ref(),
        REPORT.as_ref(),
        "-o".as_ref(),
        new.as_os_str(),
    ]);
    assert_eq!(mode(&new).expect("written"), 0o666 & !umask);
    // an existing file keeps its mode
    let old = dir.path().join("old.json");
    std::fs::write(&old, "OLD").expect("write");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run_ok([
        "build".as_ref(),
        REPORT.as_ref(),
        "-o".as_ref(),
        old.as_os_str(),
    ]);
    assert_eq!(mode(&old).expect("written"), 0o640);
    // a symbolic link is followed: its target gets the graph, the link stays a link
    let target = dir.path().join("target.json");
    std::fs::write(&target, "OLD").expect("write");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    run_ok([
        "build".as_ref(),
        REPORT.as_ref(),
        "-o".as_ref(),
        link.as_os_str(),
    ]);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .expect("target")
            .starts_with('{')
    );
}

#[test]
fn output_to_a_named_pipe_is_written_in_place() {
    // renaming a temporary file over a device or pipe would replace it
    let dir = tempdir();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).expect("reads the pipe"))
    };
    graph_cmd()
        .args(["build", REPORT, "-f", "json", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    let bytes = reader.join().expect("reader");
    assert!(bytes.starts_with(b"{"));
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(!kind.is_file(), "the pipe was replaced by a file");
}

#[test]
fn output_into_a_missing_folder_is_bad_usage_and_leaves_nothing() {
    let dir = tempdir();
    let target = dir.path().join("missing/kg.json");
    graph_cmd()
        .args(["build", REPORT, "-o"])
        .arg(&target)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("does not exist"));
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn a_failed_run_leaves_an_existing_output_untouched() {
    let dir = tempdir();
    let target = dir.path().join("kg.json");
    std::fs::write(&target, "OLD").expect("write");
    graph_cmd()
        .args(["build", REPORT, "no-such-report.md", "-o"])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no-such-report.md: no such file or folder",
        ))
        .stderr(predicate::str::contains("nothing written"));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "OLD");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn input_errors_name_the_file_and_the_reason() {
    let dir = tempdir();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let empty_folder = dir.path().join("empty");
    std::fs::create_dir(&empty_folder).expect("mkdir");
    std::fs::write(empty_folder.join("notes.txt"), "not a report").expect("write");
    // (input, options, what the message says)
    let cases: Vec<(std::path::PathBuf, &[&str], &str)> = vec![
        (dir.path().join("missing.md"), &[], "no such file or folder"),
        (empty_folder, &[], "holds no Markdown reports"),
        (
            write("photo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01"),
            &[],
            "a binary file (a PNG image)",
        ),
        (
            write("binary.md", b"\x7fELF\x02\x01\x01\x00\x00"),
            &[],
            "binary",
        ),
        // what is read with a warning is refused with --strict
        (
            write("fm.md", b"---\ntitle: ok\nbad: : x\n---\n# x\n"),
            &["--strict"],
            "line 3: front matter is not valid YAML",
        ),
        (
            write("toml.md", b"+++\ntitle = \n+++\n"),
            &["--strict"],
            "not valid TOML",
        ),
        (
            write(
                "stray.md",
                &["# 東京の勉強会\n".as_bytes(), b"\xff\n"].concat(),
            ),
            &["--strict"],
            "1 byte is not valid UTF-8 (line 2); --strict refuses",
        ),
    ];
    for (path, options, reason) in cases {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        graph_cmd()
            .arg("build")
            .arg(&path)
            .args(options)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(name.as_str()).and(predicate::str::contains(reason)));
    }
}

#[test]
fn every_bad_input_is_named_in_one_run() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.md"), b"a\0b\n").expect("write");
    graph_cmd()
        .args(["build", REPORT])
        .arg(dir.path().join("a.md"))
        .arg(dir.path().join("b.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a.md").and(predicate::str::contains("b.md")));
}

#[test]
fn empty_reports_are_fine_with_a_note() {
    let dir = tempdir();
    let p = dir.path().join("empty.md");
    std::fs::write(&p, "").expect("write");
    graph_cmd()
        .arg("build")
        .arg(&p)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph"))
        .stderr(predicate::str::contains("no talks found"));
}

#[test]
fn quiet_keeps_warnings_and_drops_notes() {
    let dir = tempdir();
    let p = dir.path().join("broken.md");
    std::fs::write(&p, "+++\ntitle = \n+++\n# Notes\n\nEC2\n").expect("write");
    let loud = graph_cmd()
        .args(["build", "-f", "json"])
        .arg(&p)
        .assert()
        .success()
        .stderr(predicate::str::contains("no talks found"))
        .stderr(predicate::str::contains("warning:"));
    let quiet = graph_cmd()
        .args(["build", "--quiet", "-f", "json"])
        .arg(&p)
        .assert()
        .success()
        .stderr(predicate::str::contains("note:").not())
        .stderr(predicate::str::contains("warning:"));
    // never a progress line when standard error is no terminal, and the same graph
    assert_eq!(loud.get_output().stdout, quiet.get_output().stdout);
    assert!(!String::from_utf8_lossy(&loud.get_output().stderr).contains("reports,"));
}

#[test]
fn standard_input() {
    let text = std::fs::read_to_string(root().join(REPORT)).expect("read");
    let out = graph_cmd()
        .args(["build", "-", "-f", "json"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["graph"]["inputs"][0]["path"], "-");
    assert!(
        v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|n| n["id"] == "talk:stdin/1")
    );
}

#[test]
fn folders_are_walked_sorted_honouring_gitignore() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::create_dir_all(d.join("b")).expect("mkdir");
    std::fs::create_dir_all(d.join("skipped")).expect("mkdir");
    let report = std::fs::read_to_string(root().join(REPORT)).expect("read");
    std::fs::write(d.join("b/two.markdown"), &report).expect("write");
    std::fs::write(d.join("one.md"), &report).expect("write");
    std::fs::write(d.join("skipped/three.md"), &report).expect("write");
    std::fs::write(d.join("notes.txt"), "ECS").expect("write");
    std::fs::write(d.join(".gitignore"), "skipped/\n").expect("write");
    let v = run_json([
        "build".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        d.as_os_str(),
    ]);
    let inputs: Vec<String> = v["graph"]["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["path"].as_str())
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .collect();
    // sorted by path: b/two.markdown before one.md; skipped/ is ignored
    assert_eq!(inputs, ["two.markdown", "one.md"]);
    // the same speaker in two reports is one node; the same event is one node
    let nodes = v["nodes"].as_array().expect("nodes");
    assert_eq!(
        nodes
            .iter()
            .filter(|n| n["id"] == "speaker:keisuke69")
            .count(),
        1
    );
    assert_eq!(nodes.iter().filter(|n| n["kind"] == "event").count(), 1);
    assert_eq!(nodes.iter().filter(|n| n["kind"] == "talk").count(), 28);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["build"],
        vec!["build", REPORT, "-f", "png"],
        vec!["build", REPORT, "--no-builtin"],
        vec!["frobnicate"],
    ] {
        graph_cmd().args(&args).assert().code(2).stdout("");
    }
}

#[test]
fn help_explains_each_option_with_examples() {
    let out = run_ok(["build", "--help"]);
    let help = String::from_utf8_lossy(&out);
    for needle in [
        "--format",
        "--output",
        "--dict",
        "--no-builtin",
        "--kind",
        "--provider",
        "--category",
        "--min-mentions",
        "--evidence",
        "csv",
        "mermaid",
        "html",
        "Examples:",
        "Exit status",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}

#[test]
fn user_dictionaries_add_and_replace_entries() {
    let dir = tempdir();
    let dict = dir.path().join("mine.toml");
    std::fs::write(
        &dict,
        "[[entry]]\nid = \"neuvector\"\nname = \"NeuVector Platform\"\nkind = \"tool\"\ncategory = \"security\"\naliases = [\"NeuVector\"]\n\n[[entry]]\nid = \"ninja-tool\"\nname = \"Ninja Tool\"\nkind = \"tool\"\ncategory = \"testing\"\naliases = [{ text = \"ウェイウェイ\", needs = \"none\" }]\n",
    )
    .expect("write");
    let with_dict = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> = ["build", REPORT, "-f", "json"]
            .iter()
            .chain(extra)
            .map(Into::into)
            .collect();
        args.push("--dict".into());
        args.push(dict.clone().into());
        run_json(args)
    };
    let v = with_dict(&[]);
    let node = |id: &str| {
        v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["id"] == id)
            .cloned()
    };
    assert_eq!(
        node("tool:neuvector").map(|n| n["name"].clone()),
        Some("NeuVector Platform".into())
    );
    assert!(node("tool:ninja-tool").is_some());
    // (a katakana alias needs context unless its rule says otherwise, as this one does)
    // --no-builtin: only the user's entries
    let v = with_dict(&["--no-builtin"]);
    let entities: Vec<&str> = v["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["kind"] == "service" || n["kind"] == "tool")
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(entities, ["tool:neuvector", "tool:ninja-tool"]);
}

#[test]
fn a_bad_user_dictionary_names_file_and_line() {
    let dir = tempdir();
    let dict = dir.path().join("bad.toml");
    std::fs::write(
        &dict,
        "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\n",
    )
    .expect("write");
    graph_cmd()
        .args(["build", REPORT, "--dict"])
        .arg(&dict)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("bad.toml:1").and(predicate::str::contains("category")));
}

#[test]
fn same_inputs_same_bytes_in_any_order() {
    let a = "tests/fixtures/en-speaker-lines.md";
    let b = "tests/fixtures/ja-lightning-talks.md";
    for format in ["dot", "json"] {
        let run = |args: &[&str]| run_ok(["build", "-f", format].iter().chain(args));
        let first = run(&[REPORT, a, b]);
        assert!(!first.is_empty());
        assert_eq!(first, run(&[REPORT, a, b]), "{format}: two runs differ");
        assert_eq!(
            first,
            run(&[b, a, REPORT]),
            "{format}: input order changes the output"
        );
        assert_eq!(
            first,
            run(&[a, REPORT, b, a]),
            "{format}: a repeated input changes the output"
        );
    }
}

#[test]
fn a_closed_standard_error_is_no_panic() {
    let mut args: Vec<String> = vec!["build".into()];
    args.extend((0..3_000).map(|i| format!("missing-{i}.md")));
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stderr.take());
    let status = child.wait().expect("waits");
    assert_eq!(
        status.code(),
        Some(1),
        "a closed stderr must not turn into a panic"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // enough reports that the output overflows the pipe buffer
    let dir = tempdir();
    let report = std::fs::read_to_string(root().join(REPORT)).expect("read");
    for i in 0..40 {
        std::fs::write(
            dir.path().join(format!("r{i:02}.md")),
            report.replace("JAWS DAYS 2018", &format!("Event {i}")),
        )
        .expect("write");
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .args(["build", "-f", "json"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("waits");
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn dict_list_shows_every_entry_with_its_rules() {
    let table = String::from_utf8(run_ok(["dict", "list"])).expect("UTF-8");
    let lambda = table
        .lines()
        .find(|l| l.starts_with("aws-lambda\t"))
        .expect("aws-lambda is listed");
    assert!(lambda.contains("service\taws\tAWS Lambda"), "{lambda}");
    assert!(
        lambda.contains("Lambda [context,not before 式|"),
        "{lambda}"
    );
    let json = run_json(["dict", "list", "-f", "json"]);
    let entries = json.as_array().expect("an array");
    assert_eq!(entries.len(), table.lines().count());
    let go = entries.iter().find(|e| e["id"] == "go").expect("go");
    assert_eq!(go["kind"], "tool");
    assert!(
        go["aliases"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|a| a["text"] == "Go" && a["case"] == "exact" && a["not_before"][0] == "/No-Go")
    );
}

#[test]
fn dict_lookup_says_what_a_spelling_is_and_why() {
    let out =
        String::from_utf8(run_ok(["dict", "lookup", "ECS", "ＥＣ２", "Lambda"])).expect("UTF-8");
    assert!(out.contains("ECS\t→ service amazon-ecs"), "{out}");
    assert!(out.contains("ＥＣ２\t→ service amazon-ec2"), "{out}");
    assert!(out.contains("needs its provider"), "{out}");
    // not an alias: scanned, and the near misses are shown; exit 1
    graph_cmd()
        .args(["dict", "lookup", "Amazon S3X", "SPECS"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "rejected \"Amazon S3\": glued-right",
        ))
        .stderr(predicate::str::contains(
            "no entry for \"Amazon S3X\", \"SPECS\"",
        ));
}

#[test]
fn dict_check_names_file_and_line() {
    let dir = tempdir();
    let good = dir.path().join("good.toml");
    std::fs::write(
        &good,
        "[[entry]]\nid = \"our-platform\"\nname = \"Our Platform\"\nkind = \"tool\"\ncategory = \"platform\"\n\n[[entry]]\nid = \"aws-lambda\"\naliases = [\"λ\"]\n\n[[entry]]\nid = \"docker\"\nenabled = false\n",
    )
    .expect("write");
    graph_cmd()
        .args(["dict", "check"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("good.toml: ok, 1 entries"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "\n[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\naliases = [\"ECS\"]\ncategory = \"c\"\n").expect("write");
    // a user alias may take a built-in one; a missing field may not pass
    graph_cmd()
        .args(["dict", "check"])
        .arg(&bad)
        .assert()
        .success();
    std::fs::write(
        &bad,
        "\n[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\n",
    )
    .expect("write");
    graph_cmd()
        .args(["dict", "check"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.toml:2: tool `x` needs a `category`",
        ));
}

const MENTIONS_REPORT: &str = "# Serverless Meetup

## Functions everywhere

Speaker: Jane Doe

We moved from EC2 to AWS Lambda, wrote the tests in Go and used `aws s3 cp` in CI.
The SPECS folder and the S3X prototype are not services.
";

fn mentions_of(args: &[&str], report: &str) -> String {
    let out = graph_cmd()
        .arg("mentions")
        .args(args)
        .arg("-")
        .write_stdin(report)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn mentions_lists_each_match_with_place_talk_and_entity() {
    let table = mentions_of(&[], MENTIONS_REPORT);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "LOCATION\tSTATUS\tENTITY\tTEXT\tTALK");
    let row = |text: &str| {
        lines
            .iter()
            .find(|l| l.contains(&format!("\t\"{text}\"\t")))
            .unwrap_or_else(|| panic!("no row for {text}:\n{table}"))
            .split('\t')
            .collect::<Vec<_>>()
    };
    let lambda = row("AWS Lambda");
    assert_eq!(lambda[0], "standard input:7:22");
    assert_eq!(lambda[1], "found");
    assert!(lambda[2].starts_with("service aws-lambda "), "{lambda:?}");
    assert_eq!(lambda[4], "\"Functions everywhere\" (line 3)");
    assert!(row("aws s3")[2].ends_with("in code"), "{table}");
    // in reading order, and rejected candidates only with --all
    let ec2 = table.find("\"EC2\"").expect("EC2");
    assert!(ec2 < table.find("\"AWS Lambda\"").expect("Lambda"));
    assert!(
        table
            .lines()
            .skip(1)
            .all(|l| l.split('\t').nth(1) == Some("found")),
        "{table}"
    );
    assert!(!table.contains("SPECS"), "{table}");
}

#[test]
fn mentions_all_adds_each_rejected_candidate_with_its_rule() {
    let table = mentions_of(&["--all"], MENTIONS_REPORT);
    let status_of = |text: &str| -> Vec<String> {
        table
            .lines()
            .filter(|l| l.split('\t').nth(3) == Some(text))
            .map(|l| l.split('\t').nth(1).unwrap_or("").to_string())
            .collect()
    };
    assert!(
        status_of("\"S3\"").contains(&"glued-right".to_string()),
        "{table}"
    );
    assert!(
        status_of("\"AWS Lambda\"").contains(&"found".to_string()),
        "{table}"
    );
}

#[test]
fn mentions_as_json_lines() {
    let out = mentions_of(&["--all", "-f", "json"], MENTIONS_REPORT);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let lambda = rows
        .iter()
        .find(|r| r["id"] == "aws-lambda")
        .expect("Lambda");
    assert_eq!(lambda["file"], "standard input");
    assert_eq!(lambda["line"], 7);
    assert_eq!(lambda["column"], 22);
    assert_eq!(lambda["status"], "found");
    assert_eq!(lambda["kind"], "service");
    assert_eq!(lambda["text"], "AWS Lambda");
    assert_eq!(lambda["talk"], "Functions everywhere");
    assert_eq!(lambda["talk_line"], 3);
    assert_eq!(lambda["in_code"], false);
    assert!(rows.iter().any(|r| r["status"] == "glued-right"), "{out}");
    assert!(rows.iter().all(|r| r["file"] == "standard input"));
}

#[test]
fn mentions_of_a_folder_are_in_path_order_and_stable() {
    let dir = tempdir();
    for name in ["b.md", "a.md", "c.md"] {
        std::fs::write(dir.path().join(name), MENTIONS_REPORT).expect("writes");
    }
    let run = || run_ok([std::ffi::OsStr::new("mentions"), dir.path().as_os_str()]);
    let first = run();
    assert_eq!(first, run());
    let text = String::from_utf8(first).expect("UTF-8");
    let files: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(files.first().is_some_and(|f| f.ends_with("a.md")), "{text}");
}

#[test]
fn mentions_of_a_bad_input_name_it_and_list_nothing() {
    let dir = tempdir();
    let good = dir.path().join("good.md");
    let bad = dir.path().join("bad.md");
    std::fs::write(&good, MENTIONS_REPORT).expect("writes");
    std::fs::write(&bad, b"GIF89a\x01\0\x01\0\0\0\0;").expect("writes");
    graph_cmd()
        .arg("mentions")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "bad.md: a binary file (a GIF image)",
        ));
    // front matter that does not parse: a warning, or with --strict a refusal
    std::fs::write(&bad, b"---\ntitle: [unclosed\n---\n# x\n").expect("writes");
    graph_cmd()
        .arg("mentions")
        .arg(&good)
        .arg(&bad)
        .assert()
        .success()
        .stdout(predicate::str::contains("good.md:"))
        .stderr(
            predicate::str::contains("warning: ").and(predicate::str::contains("bad.md: line 3")),
        );
    graph_cmd()
        .args(["mentions", "--strict"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("bad.md: line 3")
                .and(predicate::str::contains("--strict refuses")),
        );
    graph_cmd()
        .args(["mentions", "--format", "xml", REPORT])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("xml"));
}

const LINKED_REPORT: &str = "# Meetup\n\n## Local clusters in three seconds\n\nby @kaz_ops\n\n- We use [Tilt](https://github.com/tilt-dev/tilt) and [ctlptl](https://github.com/tilt-dev/ctlptl/tree/main#readme).\n- Images go through [sharp](https://www.npmjs.com/package/sharp).\n- Slides: [the deck](https://github.com/kaz/slides), [AWS](https://github.com/aws/aws-cdk).\n";

#[test]
fn links_that_name_their_repository_are_tools() {
    let dir = tempdir();
    let report = dir.path().join("linked.md");
    std::fs::write(&report, LINKED_REPORT).expect("write");
    let v = run_json([
        "build".into(),
        report.into_os_string(),
        "-f".into(),
        "json".into(),
    ]);
    let tools: Vec<(String, Option<String>)> = v["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["kind"] == "tool")
        .map(|n| {
            (
                n["id"].as_str().unwrap_or_default().to_string(),
                n["repository"].as_str().map(str::to_string),
            )
        })
        .collect();
    // a tool no dictionary lists, with its repository; dictionary tools whose names are also
    // ordinary words ("Tilt", "sharp") count with the link as their evidence
    assert_eq!(
        tools,
        [
            (
                "tool:ctlptl".to_string(),
                Some("https://github.com/tilt-dev/ctlptl".to_string())
            ),
            ("tool:sharp".to_string(), None),
            ("tool:tilt".to_string(), None),
        ],
        "{v}"
    );
    let edges = v["edges"].as_array().expect("edges");
    assert!(
        edges
            .iter()
            .any(|e| e["source"] == "talk:linked/1" && e["target"] == "tool:ctlptl"),
        "{v}"
    );
    // the listing gives the repository as what the mention was found by
    let table = mentions_of(&[], LINKED_REPORT);
    assert!(
        table.contains("tool ctlptl (ctlptl) via \"https://github.com/tilt-dev/ctlptl\""),
        "{table}"
    );
    assert!(
        table.contains("via \"https://www.npmjs.com/package/sharp\""),
        "{table}"
    );
    assert!(
        !table.contains("the deck") && !table.contains("aws-cdk"),
        "{table}"
    );
}

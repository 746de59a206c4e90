//! Reports in the encodings people have them, through the binary: the reference report in
//! every encoding gives the graph and the mentions of its UTF-8 original with one note naming
//! the encoding; stray bytes and front matter that does not parse are warnings that name the
//! file and the lines (refusals with --strict); binaries are refused with what they look
//! like; notes come once per file, in path order, and never into the output.

mod common;

use std::path::Path;

use common::{graph_cmd, root, tempdir};
use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS};
use predicates::prelude::*;
use serde_json::Value;

const REPORT: &str = "examples/jawsdays2018/report.md";

fn reference() -> String {
    std::fs::read_to_string(root().join(REPORT)).expect("the reference report")
}

/// Runs `graph` in `dir`, so that reports in different folders are all named alike.
fn run_in(dir: &Path, args: &[&str]) -> (Vec<u8>, String, Option<i32>) {
    let out = graph_cmd()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 messages");
    (out.stdout, stderr, out.status.code())
}

/// A folder holding `report.md` with these bytes.
fn folder_with(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempdir();
    std::fs::write(dir.path().join("report.md"), bytes).expect("writes");
    dir
}

fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "the text is not all {}", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if little_endian {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        })
        .collect()
}

const BUILD: &[&str] = &["build", "report.md", "-f", "json"];
const MENTIONS: &[&str] = &["mentions", "-f", "json", "report.md"];

#[test]
fn the_reference_report_reads_the_same_in_every_encoding() {
    let text = reference();
    // JIS X 0208 has one wave dash; browsers (and encoding_rs) read it as U+FF5E, so a
    // Japanese-encoded report holds ～ where the original has 〜
    let jis = text.replace('〜', "～");
    assert_ne!(jis, text, "the report has a wave dash to check");
    let bom16: Vec<u8> = [&b"\xFF\xFE"[..], &utf16(&text, true)].concat();
    let bom8 = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    // (--encoding name, bytes, the text they hold, the encoding a note names)
    let rows: Vec<(&str, Vec<u8>, &str, Option<&str>)> = vec![
        (
            "shift_jis",
            encoded(SHIFT_JIS, &jis),
            &jis,
            Some("Shift_JIS"),
        ),
        ("euc-jp", encoded(EUC_JP, &jis), &jis, Some("EUC-JP")),
        (
            "iso-2022-jp",
            encoded(ISO_2022_JP, &jis),
            &jis,
            Some("ISO-2022-JP"),
        ),
        ("utf-16le", utf16(&text, true), &text, Some("UTF-16LE")),
        ("utf-16be", utf16(&text, false), &text, Some("UTF-16BE")),
        ("utf-16le", bom16, &text, None),
        ("utf-8", bom8, &text, None),
        (
            "utf-8",
            text.replace('\n', "\r\n").into_bytes(),
            &text,
            None,
        ),
    ];
    let mut checked = 0;
    for (name, bytes, holds, note) in rows {
        let original = folder_with(holds.as_bytes());
        let other = folder_with(&bytes);
        for args in [BUILD, MENTIONS] {
            let (want, quiet, _) = run_in(original.path(), args);
            assert_eq!(quiet, "");
            let (got, said, code) = run_in(other.path(), args);
            assert_eq!(code, Some(0), "{name}: {said}");
            assert!(
                got == want,
                "{name}: {args:?} differs from the UTF-8 original"
            );
            match note {
                Some(encoding) => {
                    assert_eq!(said.lines().count(), 1, "{name}: {said}");
                    assert!(
                        said.starts_with("graph: note: report.md: not UTF-8; read as ")
                            && said.contains(&format!("read as {encoding},")),
                        "{name}: {said}"
                    );
                }
                None => assert_eq!(said, "", "{name}"),
            }
            // named, it is read without detection and without a note
            let forced = [args, &["--encoding", name][..]].concat();
            let (got, said, code) = run_in(other.path(), &forced);
            assert_eq!((code, said.as_str()), (Some(0), ""), "{forced:?}");
            assert!(got == want, "{forced:?} differs from the UTF-8 original");
            checked += 1;
        }
    }
    assert_eq!(checked, 16);
}

/// The reference report with `byte` at the end of three prose lines, and the text a reader
/// gets from it (U+FFFD in their place); the lines, 1-based.
fn with_stray_bytes(text: &str, byte: u8) -> (Vec<u8>, String, Vec<usize>) {
    let mut bytes = Vec::new();
    let mut read = String::new();
    let mut lines = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let prose = i > 20
            && line.chars().count() > 20
            && !line.starts_with(|c: char| "#-*|>![ \t".contains(c) || c.is_ascii_digit());
        if prose && lines.len() < 3 && lines.last().is_none_or(|&l| i + 1 > l + 30) {
            let body = line.trim_end_matches('\n');
            bytes.extend_from_slice(body.as_bytes());
            bytes.push(byte);
            bytes.push(b'\n');
            read.push_str(body);
            read.push_str("\u{FFFD}\n");
            lines.push(i + 1);
        } else {
            bytes.extend_from_slice(line.as_bytes());
            read.push_str(line);
        }
    }
    assert_eq!(lines.len(), 3, "three prose lines to damage");
    (bytes, read, lines)
}

fn titles(graph: &[u8]) -> Vec<String> {
    let graph: Value = serde_json::from_slice(graph).expect("JSON");
    let mut titles: Vec<String> = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "talk")
        .map(|n| n["title"].as_str().unwrap_or_default().to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn three_invalid_bytes_are_read_with_a_warning_or_refused_with_strict() {
    let text = reference();
    for byte in [0xFF, 0x80, 0xC3] {
        let (bytes, read, lines) = with_stray_bytes(&text, byte);
        let damaged = folder_with(&bytes);
        let repaired = folder_with(read.as_bytes());
        let original = folder_with(text.as_bytes());
        let lines_text = format!("lines {}, {} and {}", lines[0], lines[1], lines[2]);
        for args in [BUILD, MENTIONS] {
            let (want, _, _) = run_in(repaired.path(), args);
            let (got, said, code) = run_in(damaged.path(), args);
            assert_eq!(code, Some(0), "{said}");
            assert!(
                got == want,
                "{byte:#x}: {args:?} is not the repaired text's"
            );
            assert_eq!(
                said,
                format!(
                    "graph: warning: report.md: 3 bytes are not valid UTF-8 ({lines_text}); read as U+FFFD, --strict refuses such a file\n"
                )
            );
        }
        // the damage is in prose: the talks are the original's
        let (got, _, _) = run_in(damaged.path(), BUILD);
        let (want, _, _) = run_in(original.path(), BUILD);
        assert_eq!(titles(&got), titles(&want));
        assert_eq!(titles(&got).len(), 14);
        // --strict refuses it, writes nothing, and says where
        for args in [BUILD, MENTIONS] {
            let strict = [args, &["--strict"][..]].concat();
            let (out, said, code) = run_in(damaged.path(), &strict);
            assert_eq!((code, out.len()), (Some(1), 0), "{strict:?}");
            assert!(
                said.contains("report.md: 3 bytes are not valid UTF-8")
                    && said.contains(&lines_text)
                    && said.contains("--strict refuses"),
                "{said}"
            );
        }
        let (_, _, code) = run_in(
            damaged.path(),
            &["build", "report.md", "--strict", "-o", "g.json"],
        );
        assert_eq!(code, Some(1));
        assert!(!damaged.path().join("g.json").exists());
    }
}

/// A meetup report whose front matter, under a TOML fence, is a YAML-looking outline that is
/// neither TOML nor a YAML table of keys (as some wiki exports write it).
const OUTLINE_FRONT_MATTER: &str = "+++
- title
  - Serverless 勉強会 #7
- date
  - 2024-05-10 19:00-
- 会場
  - 会議室 B
+++

# Serverless 勉強会 #7

## Lambda で作る API

登壇者: 佐藤 花子さん

AWS Lambda と Amazon API Gateway で社内 API を作った話。

## Step Functions の使いどころ

登壇者: 鈴木 一郎さん

AWS Step Functions から Amazon DynamoDB を直接呼ぶ。
";

#[test]
fn front_matter_that_does_not_parse_is_left_out_with_a_warning() {
    // the same report with its front matter blanked: the same lines, no front matter
    let fence_end = OUTLINE_FRONT_MATTER
        .match_indices("+++\n")
        .nth(1)
        .map(|(i, _)| i + 4)
        .expect("two fences");
    let blank = format!(
        "{}{}",
        "\n".repeat(OUTLINE_FRONT_MATTER[..fence_end].matches('\n').count()),
        &OUTLINE_FRONT_MATTER[fence_end..]
    );
    let broken = folder_with(OUTLINE_FRONT_MATTER.as_bytes());
    let without = folder_with(blank.as_bytes());
    for args in [BUILD, MENTIONS] {
        let (want, quiet, _) = run_in(without.path(), args);
        assert_eq!(quiet, "");
        let (got, said, code) = run_in(broken.path(), args);
        assert_eq!(code, Some(0), "{said}");
        assert!(got == want, "{args:?}: not the graph of the body");
        assert_eq!(
            said,
            "graph: warning: report.md: line 2: front matter is not valid TOML: key with no value, expected `=`; nor is it YAML; the report is read without it\n"
        );
        let strict = [args, &["--strict"][..]].concat();
        let (out, said, code) = run_in(broken.path(), &strict);
        assert_eq!((code, out.len()), (Some(1), 0), "{strict:?}");
        assert!(
            said.contains("report.md: line 2: front matter is not valid TOML")
                && said.contains("--strict refuses"),
            "{said}"
        );
    }
    let (got, _, _) = run_in(broken.path(), BUILD);
    assert_eq!(
        titles(&got),
        ["Lambda で作る API", "Step Functions の使いどころ"]
    );
}

#[test]
fn front_matter_is_read_as_the_site_generators_read_it() {
    let body = "\n# Platform Day\n\n## Terraform at scale\n\nby Ana Lima\n\nWe run Terraform on Amazon ECS.\n";
    // (front matter, the title and tags kept, the note it gives)
    let rows: [(&str, &str, &[&str], &str); 5] = [
        // Hugo: a flow list that closes at column 0
        (
            "---\ntitle: \"Platform Day notes\"\ntags : [\n  \"terraform\",\n  \"ecs\"\n]\n---\n",
            "Platform Day notes",
            &["terraform", "ecs"],
            "",
        ),
        // Hugo and Zola: blank lines before the fence
        (
            "\n\n+++\ntitle = \"Platform Day notes\"\ntags = [\"iac\"]\n+++\n",
            "Platform Day notes",
            &["iac"],
            "",
        ),
        // Hugo: JSON
        (
            "{\n  \"title\": \"Platform Day notes\",\n  \"tags\": [\"json\"]\n}\n",
            "Platform Day notes",
            &["json"],
            "",
        ),
        // YAML under the TOML fence: read, with a note
        (
            "+++\ntitle: Platform Day notes\ntags: [yaml]\n+++\n",
            "Platform Day notes",
            &["yaml"],
            "graph: note: report.md: line 1: front matter between `+++` lines is YAML, not TOML; read as YAML\n",
        ),
        // a fence that never closes is body text: no front matter, no warning
        ("---\n", "", &[], ""),
    ];
    for (front, title, tags, note) in rows {
        let dir = folder_with(format!("{front}{body}").as_bytes());
        let (out, said, code) = run_in(dir.path(), BUILD);
        assert_eq!(code, Some(0), "{front:?}: {said}");
        assert_eq!(said, note, "{front:?}");
        let graph: Value = serde_json::from_slice(&out).expect("JSON");
        let input = &graph["graph"]["inputs"][0];
        assert_eq!(input["title"].as_str().unwrap_or(""), title, "{front:?}");
        let kept: Vec<&str> = input["tags"]
            .as_array()
            .map(|t| t.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(kept, tags, "{front:?}");
        assert_eq!(titles(&out), ["Terraform at scale"], "{front:?}");
    }
}

#[test]
fn binaries_are_refused_with_what_they_look_like() {
    let noise: Vec<u8> = (0..=255u8).cycle().take(512).collect();
    let with_noise = |head: &[u8]| [head, &noise].concat();
    let rows: [(Vec<u8>, &str); 5] = [
        (
            with_noise(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "a binary file (a PNG image)",
        ),
        (
            with_noise(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01"),
            "a binary file (a JPEG image)",
        ),
        (
            with_noise(b"PK\x03\x04\x14\0\x06\0\x08\0"),
            "a binary file (a ZIP archive",
        ),
        (
            with_noise(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"),
            "a binary file (a PDF document)",
        ),
        // no NUL, no signature: control characters in any reading
        (
            (1..=255u8).cycle().take(1_024).collect(),
            "a binary file (1 character in",
        ),
    ];
    for (bytes, says) in rows {
        let dir = folder_with(&bytes);
        for args in [BUILD, MENTIONS] {
            let (out, said, code) = run_in(dir.path(), args);
            assert_eq!((code, out.len()), (Some(1), 0), "{says}");
            assert!(said.contains(&format!("report.md: {says}")), "{said}");
        }
        // forcing an encoding does not make it text
        let (_, said, code) = run_in(dir.path(), &["build", "report.md", "--encoding", "latin1"]);
        assert_eq!(code, Some(1), "{says} as latin1: {said}");
    }
}

#[test]
fn notes_come_once_per_file_in_path_order_and_the_same_every_time() {
    let dir = tempdir();
    let text = "# 勉強会\n\n## ECS の話\n\n登壇者: 山田さん\n\nAmazon ECS と AWS Fargate。\n";
    let files: [(&str, Vec<u8>); 4] = [
        ("c-sjis.md", encoded(SHIFT_JIS, text)),
        ("a-euc.md", encoded(EUC_JP, text)),
        ("b-utf8.md", text.as_bytes().to_vec()),
        ("d-stray.md", [text.as_bytes(), b"\xFF\xFE\n"].concat()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).expect("writes");
    }
    let want = "\
graph: note: a-euc.md: not UTF-8; read as EUC-JP, the encoding its bytes fit (name another with --encoding if that is wrong)
graph: note: c-sjis.md: not UTF-8; read as Shift_JIS, the encoding its bytes fit (name another with --encoding if that is wrong)
graph: warning: d-stray.md: 2 bytes are not valid UTF-8 (line 8); read as U+FFFD, --strict refuses such a file
";
    let mut first = None;
    for _ in 0..3 {
        for args in [
            &["build", ".", "-f", "json"][..],
            &[
                "build",
                "d-stray.md",
                "c-sjis.md",
                "a-euc.md",
                "b-utf8.md",
                "-f",
                "json",
            ],
        ] {
            let (out, said, code) = run_in(dir.path(), args);
            assert_eq!(code, Some(0));
            assert_eq!(said, want, "{args:?}");
            // four reports, one speaker and two services merged across them
            let graph: Value = serde_json::from_slice(&out).expect("JSON");
            assert_eq!(graph["graph"]["inputs"].as_array().map(Vec::len), Some(4));
            assert!(first.get_or_insert_with(|| out.clone()) == &out);
        }
        let (_, said, _) = run_in(dir.path(), &["mentions", "."]);
        assert_eq!(said, want);
    }
    // standard input is named as such
    graph_cmd()
        .args(["build", "-", "-f", "json"])
        .write_stdin(encoded(SHIFT_JIS, text))
        .assert()
        .success()
        .stderr("graph: note: standard input: not UTF-8; read as Shift_JIS, the encoding its bytes fit (name another with --encoding if that is wrong)\n");
}

#[test]
fn encoding_names_are_checked_and_documented() {
    for command in ["build", "mentions"] {
        graph_cmd()
            .args([command, REPORT, "--encoding", "klingon"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("klingon")
                    .and(predicate::str::contains("shift_jis"))
                    .and(predicate::str::contains("euc-jp")),
            );
        graph_cmd()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("--encoding <NAME>")
                    .and(predicate::str::contains("--strict"))
                    .and(predicate::str::contains("cp932")),
            );
    }
    // names as iconv and Windows spell them
    for name in [
        "CP932", "sjis", "EUCJP", "euc_jp", "utf16", "latin1", "UTF-8",
    ] {
        graph_cmd()
            .args(["build", REPORT, "-f", "json", "--encoding", name])
            .assert()
            .code(predicate::in_iter([0, 1]))
            .stderr(predicate::str::contains("invalid value").not());
    }
}

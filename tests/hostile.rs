//! Hostile and fuzzed reports: no input may panic. Each class of trouble (deep nesting, huge
//! lines, broken front matter, binary and invalid text, random Markdown) is generated, not
//! listed, and pushed through every stage and both exporters.

mod common;

use talkgraph::dictionary::Dictionary;
use talkgraph::document::Document;
use talkgraph::export::{self, Format};
use talkgraph::graph;
use talkgraph::matcher::Matcher;
use talkgraph::source::{ReadOptions, Source, decode};

/// Every stage, every format. Returns whether the report was usable.
fn run_all(matcher: &Matcher<'_>, dict: &Dictionary, name: &str, bytes: Vec<u8>) -> bool {
    // strictly, or forced into an encoding: text with `\n` line ends, or a reason
    let other_reads = [
        (None, true),
        (Some(encoding_rs::SHIFT_JIS), false),
        (Some(encoding_rs::UTF_16BE), false),
        (Some(encoding_rs::ISO_2022_JP), false),
    ];
    for (encoding, strict) in other_reads {
        match decode(name, &bytes, &ReadOptions { encoding, strict }) {
            Ok(d) => assert!(
                !d.text.contains(['\r', '\0']),
                "{name} as {encoding:?}: a CR or NUL is left"
            ),
            Err(e) => assert!(e.to_string().contains(name), "{e}"),
        }
    }
    let text = match decode(name, &bytes, &ReadOptions::default()) {
        Ok(d) => d.text,
        Err(e) => {
            assert!(
                e.to_string().contains(name),
                "error does not name the file: {e}"
            );
            return false;
        }
    };
    let ctx = talkgraph::document::Context::for_dictionary(dict, Default::default());
    let doc = Document::read(
        Source {
            path: name.to_string(),
            text,
        },
        &ctx,
    );
    let scan = matcher.scan(&doc);
    for m in &scan.mentions {
        assert!(m.start <= m.end && m.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
        assert!(m.line >= 1 && m.column >= 1);
    }
    let g = graph::build(
        &[graph::Report::new(doc, &scan, graph::Detail::Evidence)],
        dict,
    );
    let opts = export::Options { evidence: true };
    for &f in Format::ALL {
        let out = match export::render(&g, f, &opts) {
            Ok(export::Rendered::One(out)) => out,
            Ok(export::Rendered::Files(files)) => {
                for (file, bytes) in files {
                    // a row is a line, whatever the report held
                    let text = String::from_utf8(bytes).expect("UTF-8 CSV");
                    let mut r = csv::Reader::from_reader(text.as_bytes());
                    let rows = r
                        .records()
                        .collect::<Result<Vec<_>, _>>()
                        .expect("CSV records")
                        .len();
                    assert_eq!(text.lines().count(), rows + 1, "{file} of {name}");
                }
                continue;
            }
            // Mermaid says no to a graph above its limits; that is no failure
            Err(export::RenderError::TooLarge(_)) if f == Format::Mermaid => continue,
            Err(e) => panic!("{name} does not render as {}: {e}", f.name()),
        };
        if f == Format::Json {
            serde_json::from_slice::<serde_json::Value>(&out).expect("valid JSON");
        }
        if f == Format::Html {
            let html = String::from_utf8(out.clone()).expect("UTF-8 HTML");
            assert_eq!(
                html.matches("</script>").count(),
                3,
                "{name} broke out of the data"
            );
        }
        if f == Format::Graphml {
            // XML 1.0 holds no other control characters
            let xml = String::from_utf8(out).expect("UTF-8 GraphML");
            assert!(
                !xml.chars()
                    .any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')),
                "a control character in the GraphML of {name}"
            );
        }
    }
    true
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn structural_extremes() {
    let dict = Dictionary::builtin().expect("built-in dictionary");
    let matcher = Matcher::new(&dict).expect("compiles");
    let n = 20_000;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("quotes.md", format!("{}ECS\n", ">".repeat(n)).into_bytes()),
        (
            "lists.md",
            (0..2_000)
                .map(|i| format!("{}- ECS {i}\n", "  ".repeat(i)))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "brackets.md",
            format!("{}ECS{}\n", "[".repeat(n), "]".repeat(n)).into_bytes(),
        ),
        (
            "emphasis.md",
            format!("{}Lambda{}\n", "*_".repeat(n), "_*".repeat(n)).into_bytes(),
        ),
        (
            "html.md",
            format!("{}S3{}\n", "<div>".repeat(n), "</div>".repeat(n)).into_bytes(),
        ),
        (
            "comment.md",
            format!("<!-- {} \n\nECS", "x".repeat(n)).into_bytes(),
        ),
        ("line.md", "ECS Lambda ＥＣ２ ".repeat(60_000).into_bytes()),
        (
            "html-headings.md",
            (0..n / 4)
                .map(|i| format!("<h{}>T{i}</h{}>\n<p>登壇者: A{i}さん</p>\n\n", 1 + i % 6, 1 + i % 6))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "lt-list.md",
            (0..n / 4)
                .map(|i| format!("{}- @h{i} さん「T{i}」\n  - Tilt で {i}\n", "  ".repeat(i % 3)))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "links.md",
            (0..n / 4)
                .map(|i| format!("[tilt](https://github.com/o{i}/tilt) [x{i}](https://pypi.org/project/x{i}) ECS "))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "colon-headings.md",
            (0..n / 4)
                .map(|i| format!("## Jane Doe: T{i}\n### Ann Lee, Bob Stone, Cy Twombly\n"))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "table.md",
            format!(
                "| Title | Speaker |\n|---|---|\n{}",
                (0..n)
                    .map(|i| format!("| T{i} | Jane Doe |\n"))
                    .collect::<String>()
            )
            .into_bytes(),
        ),
        ("katakana.md", "ドッカー、Renovate に".repeat(20_000).into_bytes()),
        ("word.md", "a".repeat(3_000_000).into_bytes()),
        (
            "headings.md",
            (0..20_000)
                .map(|i| format!("{} T{i}\nby @h{i}\n", "#".repeat(1 + i % 6)))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "heading-long.md",
            format!("## {} (Jane Doe)\n", "word ".repeat(100_000)).into_bytes(),
        ),
        (
            "yaml-deep.md",
            format!("---\ntitle: {}{}\n---\n# x\n", "[".repeat(n), "]".repeat(n)).into_bytes(),
        ),
        (
            "yaml-map-deep.md",
            format!(
                "---\n{}\n---\n",
                (0..5_000)
                    .map(|i| format!("{}a:", " ".repeat(i)))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
            .into_bytes(),
        ),
        (
            "toml-deep.md",
            format!("+++\ntitle = {}{}\n+++\n", "[".repeat(n), "]".repeat(n)).into_bytes(),
        ),
        // front matter that the lenient readers must not choke on
        (
            "flow-indent.md",
            format!("---\n{}k: [\n{}]\n---\n", " ".repeat(n), "a,\n".repeat(n)).into_bytes(),
        ),
        ("json-deep.md", "{\"a\": ".repeat(n).into_bytes()),
        (
            "json-long.md",
            format!("{{\"title\": \"{}\"}}\n# ECS\n", "x".repeat(n * 10)).into_bytes(),
        ),
        (
            "blank-lines-then-fence.md",
            format!("{}---\ntitle: x\n---\nECS\n", " \n".repeat(n)).into_bytes(),
        ),
        // encodings: large, broken, replaced everywhere
        (
            "utf16-no-bom.md",
            "## ECS の話\nby A\n"
                .repeat(n)
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
        (
            "utf16-surrogates.md",
            [&b"\xFF\xFE"[..], &b"\x00\xD8\n\0".repeat(n / 4)].concat(),
        ),
        (
            "stray-every-line.md",
            ["東京の ECS ".as_bytes(), b"\xFF\n"].concat().repeat(n / 4),
        ),
        (
            "sjis-long.md",
            encoding_rs::SHIFT_JIS
                .encode(&"## 勉強会 / 山田さん\nECS と Lambda\n".repeat(n / 4))
                .0
                .into_owned(),
        ),
        (
            "iso-2022-jp-broken.md",
            [&b"\x1B$B"[..], &b"#&\x1B(\xFF\x1B$".repeat(n)].concat(),
        ),
        ("fence-only.md", b"---".to_vec()),
        ("fence-pair.md", b"---\n---".to_vec()),
        ("bom-only.md", b"\xEF\xBB\xBF".to_vec()),
        ("cr-only.md", b"\r\r\r# A\rby B C\r".to_vec()),
        ("nul.md", b"# A\n\0".to_vec()),
        ("latin1.md", b"# Caf\xe9 ECS\n".to_vec()),
        ("utf16.md", b"\xFF\xFE#\0 \0A\0\n\0".to_vec()),
        ("utf16-odd.md", b"\xFF\xFE#\0 ".to_vec()),
        (
            "speaker-soup.md",
            format!("## T\n\nby {}\n", "@a / ".repeat(n)).into_bytes(),
        ),
        (
            "parens.md",
            format!("## T {}\n", "(".repeat(n)).into_bytes(),
        ),
        (
            "arn.md",
            format!("arn:aws:{}\n", ":".repeat(n)).into_bytes(),
        ),
        (
            "instance.md",
            format!("{}.large c5.{}\n", "c5".repeat(n), "x".repeat(n)).into_bytes(),
        ),
        (
            "table.md",
            format!("|{}\n|{}\n", "a|".repeat(5_000), "-|".repeat(5_000)).into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        run_all(&matcher, &dict, name, bytes);
    }
}

#[test]
fn random_reports_never_panic() {
    let dict = Dictionary::builtin().expect("built-in dictionary");
    let matcher = Matcher::new(&dict).expect("compiles");
    // pieces that mean something to some stage
    const PIECES: &[&str] = &[
        "# ",
        "## ",
        "### ",
        "\n",
        "\n\n",
        "---\n",
        "+++\n",
        "by ",
        "Speaker: ",
        "登壇者：",
        "@",
        "＠",
        "(",
        ")",
        "（",
        "）",
        "「",
        "」",
        "/",
        "、",
        ", ",
        " & ",
        " and ",
        " — ",
        " - ",
        "*",
        "**",
        "_",
        "`",
        "```\n",
        "[",
        "](",
        "http://",
        "https://x.y/",
        "<",
        ">",
        "<b>",
        "</b>",
        "<!--",
        "-->",
        "<script>",
        "|",
        "> ",
        "- ",
        "1. ",
        "\\",
        "&amp;",
        "&#",
        "ECS",
        "EC2",
        "ＥＣ２",
        "Lambda",
        "Lambda@Edge",
        "AWS ",
        "Amazon ",
        "Batch",
        "Go",
        "node",
        "c5",
        ".large",
        "インスタンス",
        "arn:aws:s3:::",
        "S3",
        "さん",
        "氏",
        "西谷",
        " ",
        "\u{3000}",
        "\t",
        "é",
        "🚀",
        "\u{200B}",
        "title: x\n",
        "date: 2018-03-10\n",
        "[x]: http://y\n",
        "![a](b)",
        "~~",
        "$",
        "\u{FEFF}",
        // heading elements over several lines, days, the room as speaker, codes with a space
        "<h5>",
        "</h5>",
        "<h2 class=\"x\">",
        "Day 3",
        "2日目",
        "ALL",
        "全員",
        "SVR 309 ",
        " | ",
        "の発表",
        "。",
        "  \n",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..400 {
        let mut s = String::new();
        for _ in 0..rng.below(400) {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        let mut bytes = s.into_bytes();
        // now and then, damage the bytes themselves
        if i % 7 == 0 && !bytes.is_empty() {
            for _ in 0..3 {
                let at = rng.below(bytes.len());
                bytes[at] = rng.below(256) as u8;
            }
        }
        run_all(&matcher, &dict, &format!("fuzz-{i}.md"), bytes);
    }
}

#[test]
fn the_binary_exits_cleanly_on_hostile_files() {
    let dir = common::tempdir();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("deep.md", format!("{}x\n", ">".repeat(50_000)).into_bytes()),
        ("binary.md", (0..=255u8).collect()),
        ("png.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        (
            "utf16.md",
            "# T\n".encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
        ("broken.md", b"---\n: : :\n---\n".to_vec()),
    ];
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let out = common::graph_cmd()
            .arg("build")
            .arg(&path)
            .output()
            .expect("runs");
        let code = out.status.code();
        assert!(matches!(code, Some(0) | Some(1)), "{name}: exit {code:?}");
        if code == Some(1) {
            assert!(String::from_utf8_lossy(&out.stderr).contains(name));
            assert!(out.stdout.is_empty());
        }
    }
}

//! How talks are read, through the binary: `graph talks` shows every candidate with its
//! evidence and decision, talks and speakers carry their confidence, `--min-confidence` and
//! `--talk-model` do what they say, and the kinds of report the reading is built for are read
//! as their writers meant (examples in our own words, one per kind).

mod common;

use common::{graph_cmd, run_json, run_ok, tempdir};
use predicates::prelude::*;
use serde_json::Value;

const REPORT: &str = "examples/jawsdays2018/report.md";

/// `graph talks -f json` of a report written to a temporary file.
fn units_of(md: &str) -> Vec<Value> {
    let dir = tempdir();
    let path = dir.path().join("r.md");
    std::fs::write(&path, md).expect("write");
    let out = run_ok([
        std::ffi::OsStr::new("talks"),
        "-f".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The unit titled `title` and its speaker candidates read at `position`.
fn candidates<'a>(units: &'a [Value], title: &str, position: &str) -> (&'a Value, Vec<&'a Value>) {
    let unit = units
        .iter()
        .find(|u| u["title"] == title)
        .unwrap_or_else(|| panic!("no unit titled {title:?}"));
    let found = unit["people"]
        .as_array()
        .expect("people")
        .iter()
        .filter(|c| c["position"] == position)
        .collect();
    (unit, found)
}

/// `graph build -f json` of a report written to a temporary file.
fn graph_of(md: &str) -> Value {
    let dir = tempdir();
    let path = dir.path().join("r.md");
    std::fs::write(&path, md).expect("write");
    run_json([
        std::ffi::OsStr::new("build"),
        "-f".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ])
}

/// That `talks` (from `talks_of`) hold `talk`.
fn assert_has(talks: &[String], talk: &str) {
    assert!(talks.iter().any(|t| t == talk), "{talk:?} not in {talks:?}");
}

/// The talks of a report: `title [speakers]`, sessions marked.
fn talks_of(md: &str) -> Vec<String> {
    let g = graph_of(md);
    let nodes = g["nodes"].as_array().expect("nodes");
    let edges = g["edges"].as_array().expect("edges");
    nodes
        .iter()
        .filter(|n| n["kind"] == "talk")
        .map(|t| {
            let speakers: Vec<&str> = edges
                .iter()
                .filter(|e| e["kind"] == "presents" && e["target"] == t["id"])
                .filter_map(|e| {
                    nodes
                        .iter()
                        .find(|n| n["id"] == e["source"])
                        .and_then(|n| n["name"].as_str())
                })
                .collect();
            let session = if t["session"] == true { " session" } else { "" };
            format!(
                "{} [{}]{session}",
                t["title"].as_str().unwrap_or(""),
                speakers.join(", ")
            )
        })
        .collect()
}

#[test]
fn talks_lists_every_candidate_with_its_evidence_and_decision() {
    let out = String::from_utf8(run_ok(["talks", REPORT])).expect("UTF-8");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("LOCATION\tDECISION\tP\tUNIT\tTITLE\tSPEAKERS\tEVIDENCE")
    );
    let talk = out
        .lines()
        .find(|l| l.contains("Our ECS Journey"))
        .expect("the talk is listed");
    assert!(
        talk.starts_with("examples/jawsdays2018/report.md:84\ttalk\t"),
        "{talk}"
    );
    assert!(talk.contains("Calvin French-Owen (label)"), "{talk}");
    assert!(out.lines().any(|l| l.contains("\tnot a talk\t")));
    assert!(out.lines().any(|l| l.contains("\tsession\t")));
}

#[test]
fn talks_as_json_lines_carry_the_features() {
    let out = String::from_utf8(run_ok(["talks", REPORT, "-f", "json"])).expect("UTF-8");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert!(rows.len() > 20);
    for r in &rows {
        let p = r["probability"].as_f64().expect("a probability");
        assert!((0.0..=1.0).contains(&p), "{r}");
        assert!(
            ["talk", "session", "speaker", "not a talk"]
                .contains(&r["decision"].as_str().unwrap_or("")),
            "{r}"
        );
        assert!(
            r["features"].is_object() && r["line"].as_u64().is_some(),
            "{r}"
        );
    }
    let talk = rows
        .iter()
        .find(|r| r["title"] == "Our ECS Journey")
        .expect("the talk");
    assert_eq!(talk["decision"], "talk");
    assert_eq!(talk["features"]["label"], 1.0);
    assert_eq!(talk["speakers"][0], "Calvin French-Owen");
    // the same bytes every time
    assert_eq!(run_ok(["talks", REPORT, "-f", "json"]), out.into_bytes());
}

#[test]
fn talks_and_speakers_carry_confidence_and_what_found_them() {
    let g = run_json(["build", REPORT, "-f", "json"]);
    let nodes = g["nodes"].as_array().expect("nodes");
    for n in nodes
        .iter()
        .filter(|n| n["kind"] == "talk" || n["kind"] == "speaker")
    {
        let c = n["confidence"].as_f64().expect("confidence");
        assert!(c > 0.0 && c <= 1.0, "{n}");
        assert!(
            n["found_by"].as_array().is_some_and(|f| !f.is_empty()),
            "{n}"
        );
    }
    let calvin = nodes
        .iter()
        .find(|n| n["name"] == "Calvin French-Owen")
        .expect("a speaker");
    assert_eq!(calvin["found_by"][0], "label");
}

#[test]
fn min_confidence_keeps_what_the_reading_is_sure_of() {
    let all = run_json(["build", REPORT, "-f", "json"]);
    let sure = run_json(["build", REPORT, "-f", "json", "--min-confidence", "0.9"]);
    let talks = |g: &Value| {
        g["nodes"]
            .as_array()
            .map(|n| {
                n.iter()
                    .filter(|n| n["kind"] == "talk")
                    .map(|n| n["confidence"].as_f64().unwrap_or(0.0))
                    .collect::<Vec<f64>>()
            })
            .unwrap_or_default()
    };
    let (all, sure) = (talks(&all), talks(&sure));
    assert!(sure.len() < all.len(), "{all:?} {sure:?}");
    assert!(sure.iter().all(|&c| c >= 0.9), "{sure:?}");
    for bad in ["1.5", "-0.1", "x"] {
        graph_cmd()
            .args(["build", REPORT, &format!("--min-confidence={bad}")])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("--min-confidence"));
    }
}

#[test]
fn a_talk_model_of_ones_own_is_checked() {
    let dir = tempdir();
    for (text, says) in [
        ("{", "not a talk model"),
        (
            r#"{"version":7,"groups":{},"speaker":0.7,"speaker_established":0.3}"#,
            "version 7",
        ),
        (
            r#"{"version":2,"groups":{"all":{"bias":0,"weights":{"no_such":1},"accept":0.5,"keep":0.3}},"speaker":0.7,"speaker_established":0.3}"#,
            "unknown feature `no_such`",
        ),
    ] {
        let path = dir.path().join("m.json");
        std::fs::write(&path, text).expect("write");
        graph_cmd()
            .args(["build", REPORT, "--talk-model"])
            .arg(&path)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("m.json").and(predicate::str::contains(says)));
    }
    graph_cmd()
        .args(["talks", REPORT, "--talk-model", "/no/such/model.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/model.json"));
    // the built-in model, written out, reads the same
    let path = dir.path().join("builtin.json");
    std::fs::copy(
        common::root().join("dictionaries/structure/talk-model.json"),
        &path,
    )
    .expect("copy");
    let mut own = vec!["build", REPORT, "-f", "json", "--talk-model"];
    let p = path.to_string_lossy().to_string();
    own.push(&p);
    assert_eq!(run_ok(own), run_ok(["build", REPORT, "-f", "json"]));
}

#[test]
fn documentation_has_no_talks() {
    let md = "# Amazon S3 buckets\n\nHow to create a bucket.\n\n## Prerequisites\n\nAn account.\n\n## Create a bucket\n\n1. Open the console.\n2. Choose Create bucket.\n\n## Syntax\n\n```json\n{\"Bucket\": \"x\"}\n```\n\n## Return values\n\nThe bucket name.\n\n## Examples\n\nSee the CLI.\n";
    assert_eq!(talks_of(md), Vec::<String>::new());
    assert!(units_of(md).iter().all(|u| u["decision"] == "not a talk"));
}

#[test]
fn headings_under_an_event_are_talks_with_or_without_speakers() {
    let md = "# Cloud Native Meetup #12\n\nWe met at the usual place; three talks this time.\n\n## Scaling event pipelines with Kafka and Flink\n\nSpeaker: Maria Lopez (Acme)\n\nMaria showed how they moved their pipelines to Flink.\n\n## What we learned running Postgres on Kubernetes\n\nSpeaker: Kenji Watanabe\n\nOperators, backups and failovers.\n\n## A tour of eBPF for application developers\n\nNo speaker was announced; [the slides](https://speakerdeck.com/cnm/ebpf-tour) are online.\n\n## Wrap-up\n\nPizza and drinks.\n";
    assert_eq!(
        talks_of(md),
        [
            "Scaling event pipelines with Kafka and Flink [Maria Lopez]",
            "What we learned running Postgres on Kubernetes [Kenji Watanabe]",
            "A tour of eBPF for application developers []",
        ]
    );
}

#[test]
fn a_slot_over_its_talks_is_their_session() {
    let md = "# DevOps Days 2025 notes\n\n## Keynote: Platform engineering at scale\n\nSpeaker: Dana Fox\n\nNotes.\n\n## Lightning talks\n\n### Terraform tests in ten minutes\n\nSpeaker: Ravi Kumar\n\nNotes.\n\n### Why we left Jenkins\n\nSpeaker: Olivia Chen\n\nNotes.\n";
    let talks = talks_of(md);
    assert_has(&talks, "Lightning talks [] session");
    assert_has(&talks, "Why we left Jenkins [Olivia Chen]");
}

#[test]
fn a_speaker_sub_heading_names_the_talk_above_it() {
    let md = "# Virtual Community Day 2024\n\n## Serverless patterns that age well\n\nAn hour on what still works.\n\n### Speaker: Tomás Rivera\n\nTomás is an architect.\n\n## Cost control for data platforms\n\nWhere the money goes.\n\n### Speaker: Aiko Tanaka\n\nAiko runs a data team.\n";
    assert_eq!(
        talks_of(md),
        [
            "Serverless patterns that age well [Tomás Rivera]",
            "Cost control for data platforms [Aiko Tanaka]",
        ]
    );
}

#[test]
fn a_one_row_table_under_a_heading_is_that_talks_record() {
    let md = "# 春のフレームワーク祭り 2025 参加レポート\n\n## 非同期処理の実践入門\n\n| 時間 | 登壇者 | 会場 |\n|---|---|---|\n| 11:00 - 11:45 | 佐藤 健一 | ホール A |\n\n- 非同期の基本から運用まで。\n\n## 監視ダッシュボードの作り方\n\n| 時間 | 登壇者 | 会場 |\n|---|---|---|\n| 13:00 - 13:45 | 高橋 美咲 | ホール B |\n\n- メトリクスの集め方。\n";
    assert_eq!(
        talks_of(md),
        [
            "非同期処理の実践入門 [佐藤 健一]",
            "監視ダッシュボードの作り方 [高橋 美咲]",
        ]
    );
}

#[test]
fn a_heading_listing_the_talks_below_is_no_talk() {
    let md = "# 春のフレームワーク祭り 2025 参加レポート\n\n## 聴いたセッション一覧\n\n- 非同期処理の実践入門\n- 監視ダッシュボードの作り方\n\n## 非同期処理の実践入門\n\n登壇者: 佐藤 健一\n\n非同期の基本から運用まで。\n\n## 監視ダッシュボードの作り方\n\n登壇者: 高橋 美咲\n\nメトリクスの集め方。\n";
    let talks = talks_of(md);
    assert!(
        !talks.iter().any(|t| t.starts_with("聴いたセッション")),
        "{talks:?}"
    );
    assert_has(&talks, "監視ダッシュボードの作り方 [高橋 美咲]");
}

#[test]
fn title_at_name_headings_split_at_the_at_sign() {
    let md = "# 秋のクラウド勉強会 #7 参加レポート\n\n## 観測性の十年 @ 中村 大輔(Acme)\n\nログからトレースへの歩み。\n\n## 検索基盤の作り直し @ 小林 さくら(Example)\n\n索引の持ち方を変えた話。\n";
    assert_eq!(
        talks_of(md),
        [
            "観測性の十年 [中村 大輔]",
            "検索基盤の作り直し [小林 さくら]",
        ]
    );
}

#[test]
fn lines_of_a_paragraph_each_titled_and_credited_are_talks() {
    let md = "# Notes from Cloud Community Summit 2025\n\nBesides the keynote I went to two community sessions.\n\n[Running a meetup on a budget](https://example.com/sessions/101) - [Maya Okafor](https://twitter.com/mayaokafor)  \n[Mentoring new speakers](https://example.com/sessions/102) - [Lukas Brandt](https://twitter.com/lbrandt)\n\nBoth were packed.\n";
    assert_eq!(
        talks_of(md),
        [
            "Running a meetup on a budget [Maya Okafor]",
            "Mentoring new speakers [Lukas Brandt]",
        ]
    );
}

#[test]
fn a_person_linked_to_a_profile_in_a_talks_first_sentences_presents_it() {
    let md = "# Cloud Summit Oslo 2025 recap\n\n## Event-driven billing at scale\n\nMy favourite of the day. Kudos to [Ingrid Solberg](https://www.linkedin.com/in/ingrid-solberg-example/) for the story of their move to queues. [Slides](https://speakerdeck.com/isolberg/billing)\n\n- Idempotency keys everywhere.\n\n## Migrating a monolith in slices\n\nGreat slides from [Mateo Ruiz](https://www.linkedin.com/in/mateo-ruiz-example/) on strangler patterns. [Slides](https://speakerdeck.com/mruiz/slices)\n\n- Start at the edges.\n\n## Paging less at night\n\nThanks to [Aiko Tanaka](https://www.linkedin.com/in/aiko-tanaka-example/) for an honest look at alert fatigue. [Slides](https://speakerdeck.com/atanaka/paging)\n\n- Fewer, better alerts.\n";
    assert_eq!(
        talks_of(md),
        [
            "Event-driven billing at scale [Ingrid Solberg]",
            "Migrating a monolith in slices [Mateo Ruiz]",
            "Paging less at night [Aiko Tanaka]",
        ]
    );
}

#[test]
fn timed_headings_naming_a_person_are_slots_titled_by_the_bold_line_under_them() {
    let md = "# Community Stage at Cloud Expo 2025: the sessions\n\n## Day 1\n\n### 11:00 - 11:30 ACME　高橋 美咲\n\n**社内勉強会を十年続けるコツ**\n\n- **発表者**: ACME　高橋 美咲\n- 概要: 続けるための仕組みの話。\n\n### 11:30 - 12:00 XYZ Labs　佐藤 健一\n\n**小さく始める監視の設計**\n\n- **発表者**: XYZ Labs　佐藤 健一\n- 概要: ダッシュボードを作る前に決めること。\n\n### 13:00 - 13:30 ACME　中村 大輔\n\n**設計レビューの進め方**\n\n- **発表者**: ACME　中村 大輔\n- 概要: レビューで見るところ。\n";
    assert_eq!(
        talks_of(md),
        [
            "社内勉強会を十年続けるコツ [高橋 美咲]",
            "小さく始める監視の設計 [佐藤 健一]",
            "設計レビューの進め方 [中村 大輔]",
        ]
    );
}

#[test]
fn headings_written_without_a_space_after_the_hashes_are_headings() {
    // as kramdown reads them; one right under a line of HTML too
    let md = "---\ntitle: デベロッパーズ祭り 2013 二日目のまとめ\n---\n\n##2月15日（金）\n\n###［設計］10:00～10:50【15-A-1】継続的デリバリー入門　田中 一郎 氏\n\n講演のまとめです。\n\n<hr />\n###［運営］13:10～14:00【15-C-3】受託開発のこれから　鈴木 花子 氏 / 伊藤 次郎 氏\n\n講演のまとめです。\n";
    assert_eq!(
        talks_of(md),
        [
            "継続的デリバリー入門 [田中 一郎]",
            "受託開発のこれから [伊藤 次郎, 鈴木 花子]",
        ]
    );
}

#[test]
fn a_handle_in_brackets_after_a_name_is_that_speakers() {
    let md = "# Cloud Bootcamp 2025 - Lisbon\n\n## Schedule\n\nTime | Session\n-----|--------\n9:00 AM | Welcome\n9:30 AM | Intro to Widgets - Ana Sousa ([@anasousa](https://twitter.com/anasousa))\n11:00 AM | Queues in Practice - Rui Costa ([@ruicosta](https://twitter.com/ruicosta))\n12:00 PM | Lunch\n";
    let g = graph_of(md);
    assert_eq!(
        talks_of(md),
        [
            "Intro to Widgets [Ana Sousa]",
            "Queues in Practice [Rui Costa]"
        ]
    );
    let handles: Vec<&str> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "speaker")
        .filter_map(|n| n["handle"].as_str())
        .collect();
    assert_eq!(handles, ["anasousa", "ruicosta"]);
}

#[test]
fn a_description_column_does_not_title_the_rows() {
    let md = "# Community talks of 2025\n\n| Date | Presenter(s) | Topic | Talk Description |\n|---|---|---|---|\n| 3/12 | [Ravi Menon](https://www.linkedin.com/in/ravi-menon-example/) | Simplifying infrastructure as code | An overview of the tool and a demonstration of a small stack. |\n| 4/12 | [Meera Iyer](https://www.linkedin.com/in/meera-iyer-example/) | Pipelines for text at scale | How a team moved batch jobs to streaming and what broke on the way. |\n| 5/12 | [Arjun Rao](https://www.linkedin.com/in/arjun-rao-example/) | Deploying models without tears | A live walk through packaging, serving and rolling back a model. |\n";
    let titles: Vec<String> = units_of(md)
        .iter()
        .filter(|u| u["kind"] == "row")
        .map(|u| u["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Simplifying infrastructure as code",
            "Pipelines for text at scale",
            "Deploying models without tears"
        ]
    );
}

#[test]
fn person_and_role_sub_headings_name_the_talk_above_them() {
    let md = "## ARC301 - Choosing a queue for your distributed app\n\n#### Jane Doe - Principal Engineer, Widgets Inc\n#### John Roe - Solutions Architect, Acme\n\nRecording: https://www.youtube.com/watch?v=example\n\n#### Payload and attributes\n\n- key/value pairs\n\n#### Use cases\n\n- ordering\n";
    // the evidence: the heading's sub-headings name its two speakers, and stop at the first
    // that is no person ("Payload and attributes")
    let units = units_of(md);
    let (head, sub) = candidates(&units, "Choosing a queue for your distributed app", "sub");
    assert_eq!(sub.len(), 1, "{head}");
    assert_eq!(sub[0]["names"], serde_json::json!(["Jane Doe", "John Roe"]));
    assert!(
        sub[0]["likelihood"].as_f64().unwrap_or(0.0) >= 0.8,
        "{head}"
    );
}

#[test]
fn sibling_headings_opening_with_times_are_a_timetable_and_so_an_event() {
    let timed = "# Java Users Autumn\n\n## 11:00-11:45 Go for Java programmers\n\nhttps://www.slideshare.net/example/go\n\n- notes\n\n## 13:30-14:15 Running Kafka reliably\n\n- notes\n";
    let untimed = timed
        .replace("11:00-11:45 ", "")
        .replace("13:30-14:15 ", "");
    let doc_event = |md: &str| {
        units_of(md)[0]["features"]["doc_event"]
            .as_f64()
            .unwrap_or(0.0)
    };
    assert!(doc_event(timed) > 0.0);
    assert_eq!(doc_event(&untimed), 0.0);
}

#[test]
fn a_head_that_is_running_text_reads_as_prose() {
    let md = "# Partners\n\n| Partner | Description |\n|---|---|\n| Acme | Acme integrates with the platform. You can configure Acme to pass session tags. |\n| Widgets | Single sign-on for widgets |\n";
    let prose: Vec<(String, f64)> = units_of(md)
        .iter()
        .filter(|u| u["kind"] == "row")
        .map(|u| {
            (
                u["title"].as_str().unwrap_or_default().to_string(),
                u["features"]["head_prose"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    assert_eq!(prose.len(), 2, "{prose:?}");
    assert_eq!(prose[0].1, 1.0, "{prose:?}");
    assert_eq!(prose[1].1, 0.0, "{prose:?}");
}

#[test]
fn a_speakers_label_item_names_the_talk_it_lies_in() {
    let md = "# Container Meetup Lisbon 2025 recap\n\n### Talks\n\n1. **Tuning queues for bursty workloads**\n    * *Speakers:*\n        * Ana Sousa: Founder & CTO at Widgets, Serial Entrepreneur.\n        * Rui Costa: Engineering Head at Widgets.\n2. **Is the cluster really efficient?**\n    * *Speaker:*\n        * Marta Silva: Product Manager at Acme.\n";
    let units = units_of(md);
    // the people under the label are the item's speakers, with what they do
    let (first, label) = candidates(&units, "Tuning queues for bursty workloads", "label");
    assert_eq!(label.len(), 1, "{first}");
    assert_eq!(
        label[0]["names"],
        serde_json::json!(["Ana Sousa", "Rui Costa"])
    );
    // and their own entries are no talk candidates of their own kind
    let entries: Vec<&Value> = units
        .iter()
        .filter(|u| u["level"].as_u64() == Some(10))
        .collect();
    assert_eq!(entries.len(), 3, "{units:?}");
    for u in entries {
        assert_eq!(u["features"]["parent_label"], 1.0, "{u}");
        assert_ne!(u["decision"], "talk", "{u}");
    }
}

#[test]
fn a_heading_of_the_talks_one_heard_is_no_session() {
    let md = "# DevOps Days 2025 notes\n\n## Talks I attended\n\n### Terraform tests in ten minutes\n\nSpeaker: Ravi Kumar\n\nNotes.\n\n### Why we left Jenkins\n\nSpeaker: Olivia Chen\n\nNotes.\n\n## 参加セッション\n\n### 監視ダッシュボードの作り方\n\n登壇者: 高橋 美咲\n\nメモ。\n\n### 非同期処理の実践入門\n\n登壇者: 佐藤 健一\n\nメモ。\n";
    let talks = talks_of(md);
    assert!(talks.iter().all(|t| !t.ends_with(" session")), "{talks:?}");
    assert_has(&talks, "Why we left Jenkins [Olivia Chen]");
}

#[test]
fn a_speaker_column_vouches_for_nicknames() {
    let md = "# 第7回 LT大会 レポート\n\n## LTのタイムテーブル\n\n|発表者|LTタイトル|\n|:-----:|:-----|\n|山根丈亮|最先端の機械学習|\n|にーさん|エンジニアの常識|\n|yufuinn|C++17でもっと強くなるC++|\n|オトモレ|ストリートコンピューティングのすすめ|\n";
    let talks = talks_of(md);
    assert_has(&talks, "エンジニアの常識 [にーさん]");
    assert_has(&talks, "C++17でもっと強くなるC++ [yufuinn]");
}

#[test]
fn a_talks_speaker_sub_headings_are_no_talks_under_it() {
    let md = "## ARC301 - Choosing a queue for your distributed app\n\n#### Jane Doe - Principal Engineer, Widgets Inc\n#### John Roe - Solutions Architect, Acme\n\nRecording: https://www.youtube.com/watch?v=example\n\n#### Payload and attributes\n\n- key/value pairs\n\n#### Use cases\n\n- ordering\n";
    assert_eq!(
        talks_of(md),
        ["Choosing a queue for your distributed app [Jane Doe, John Roe]"]
    );
    let units = units_of(md);
    for name in ["Jane Doe", "John Roe"] {
        let sub = units
            .iter()
            .find(|u| u["head"].as_str().is_some_and(|h| h.starts_with(name)))
            .expect("sub-heading");
        assert_eq!(sub["decision"], "speaker", "{sub}");
    }
}

#[test]
fn a_speakers_own_report_is_one_talk_and_its_sections_are_parts_of_it() {
    let md = "---\ntitle: \"Widget Summit 2024 で「小さく始めるイベント駆動」について発表しました\"\ndate: 2024-06-01\n---\n\nWidget Summit 2024 で登壇しました。資料は https://speakerdeck.com/example/small-event-driven にあります。\n\n## Widget Summit 2024 の概要\n\n- 年に一度のコミュニティイベント\n- 今年は東京で開催\n\n## いただいた質問\n\n- キューの選び方\n- 再試行の設計\n\n## 発表の要約\n\n- キューとワーカーで小さく始める\n- 失敗は再試行で吸収する\n";
    assert_eq!(talks_of(md), ["小さく始めるイベント駆動 []"]);
}

#[test]
fn paragraphs_each_opening_with_a_credited_title_are_records_of_talks() {
    let md = "---\ntitle: Widget Conf 2023 に行ってきました\n---\n\nWidget Conf 2023 に参加してきました。印象に残った発表を紹介します。\n\nWidget Conf 2023 - Opening Keynote - Maria Gonzalez\nhttps://www.youtube.com/watch?v=aaaa\n\nこれからのウィジェットについての話でした。\n\nWidget Conf 2023 - Scaling Queues Without Tears - Kenji Watanabe\nhttps://www.youtube.com/watch?v=bbbb\n\nキューの分割とワーカーの自動スケールの話でした。\n";
    let units = units_of(md);
    let lines: Vec<&Value> = units.iter().filter(|u| u["kind"] == "line").collect();
    assert_eq!(lines.len(), 2, "{units:?}");
    assert!(
        lines.iter().all(|u| u["set"] == lines[0]["set"]),
        "{lines:?}"
    );
    let talks = talks_of(md);
    assert_has(
        &talks,
        "Widget Conf 2023 - Scaling Queues Without Tears [Kenji Watanabe]",
    );
    // a sentence crediting someone opens no record
    let prose = "# User group meetup, January\n\nOur first meetup of the year opened with a recap session by Jane Doe, Developer Advocate.\n\nThe evening closed with a thank-you note by John Roe, co-organiser.\n";
    assert!(units_of(prose).iter().all(|u| u["kind"] != "line"));
}

#[test]
fn a_one_column_tables_cells_are_titles_over_their_speakers() {
    let md = "# Java Users Autumn 2022 参加レポート\n\n## Track A\n\n| Title / Speaker |\n|:---|\n| [Go for Java programmers](https://youtu.be/aaaa)<br><br>高橋美咲さん |\n| [Running Kafka reliably](https://youtu.be/bbbb)<br><br>Widgets<br>佐藤健一さん |\n| [Tests that do not flake](https://youtu.be/cccc)<br><br>鈴木花子さん |\n";
    let talks = talks_of(md);
    assert_has(&talks, "Go for Java programmers [高橋美咲]");
    // the company line gives way to the person under it
    assert_has(&talks, "Running Kafka reliably [佐藤健一]");
}

#[test]
fn a_bold_name_closing_an_item_after_a_comma_is_its_speaker() {
    let md = "# Container Meetup: lightning talks\n\n* [0:00](https://www.youtube.com/watch?v=aaaa) Twelve factors, revisited, **Maria Gonzalez**\n* [5:10](https://www.youtube.com/watch?v=aaaa&t=5m10s) Queues with Go and NATS, **Kenji Watanabe**\n* [11:30](https://www.youtube.com/watch?v=aaaa&t=11m30s) Paradigm Shift, **Ana Sousa**\n";
    let talks = talks_of(md);
    assert_has(&talks, "Twelve factors, revisited [Maria Gonzalez]");
    assert_has(&talks, "Queues with Go and NATS [Kenji Watanabe]");
}

#[test]
fn a_list_of_recordings_shaped_like_the_reports_talks_is_talks_wherever_it_stands() {
    let md = "# Widget Conf London 2016 レポート\n\nWidget Conf London 2016 に参加してきました。\n\n### Day 1\n\n- [Queues without tears](https://www.youtube.com/watch?v=aaaa)\n  - キューの分割の話\n  - 再試行は冪等に\n- [Edge caching in practice](https://www.youtube.com/watch?v=bbbb)\n  - エッジでのキャッシュ\n  - 遅延が半分に\n- [Observability for small teams](https://www.youtube.com/watch?v=cccc)\n  - ログとメトリクス\n\n### LT\n\nAzure の寸劇が面白かった。\n\n- [Why we moved to functions](https://www.youtube.com/watch?v=dddd)\n- [Plugins for the widget framework](https://www.youtube.com/watch?v=eeee)\n- [Real-time aggregates](https://www.youtube.com/watch?v=ffff)\n";
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears []");
    assert_has(&talks, "Plugins for the widget framework []");
    // a list of names is not shaped like talks, whatever else the report holds
    let people = md.replace(
        "- [Why we moved to functions](https://www.youtube.com/watch?v=dddd)\n- [Plugins for the widget framework](https://www.youtube.com/watch?v=eeee)\n- [Real-time aggregates](https://www.youtube.com/watch?v=ffff)\n",
        "- Lucas Martin (Acme)\n- Emma Johnson (Initech)\n",
    );
    let talks = talks_of(&people);
    assert!(
        talks.iter().all(|t| !t.starts_with("Lucas Martin")),
        "{talks:?}"
    );
}

#[test]
fn paragraphs_that_are_one_link_each_are_records_of_talks() {
    let md = "# Widget Summit 2023\n\nMy notes from the sessions I attended.\n\n## Sessions\n\n### Day 1\n\n[WID301: Scaling widget fleets with queues](notes/wid301.md)\n\n[WID402: Gadgets at the edge, measured](notes/wid402.md)\n\n### Day 2\n\n[GAD201: Observability for small teams](notes/gad201.md)\n\n[GAD305: Real-time aggregates without a cluster](notes/gad305.md)\n";
    let units = units_of(md);
    assert_eq!(
        units.iter().filter(|u| u["kind"] == "line").count(),
        4,
        "{units:?}"
    );
    let talks = talks_of(md);
    assert_eq!(talks.len(), 4, "{talks:?}");
    assert!(
        talks
            .iter()
            .any(|t| t.contains("Gadgets at the edge, measured"))
    );
    // a README's links to its pages are no talks: nothing there tells of an event
    let readme = "# widgetkit\n\nA small library for widgets.\n\n## Documentation\n\n[Getting started with widgetkit](docs/start.md)\n\n[Configuration reference pages](docs/config.md)\n\n[Migrating from version one](docs/migrate.md)\n";
    assert!(talks_of(readme).is_empty());
}

#[test]
fn a_speaker_line_closing_a_talks_abstract_names_its_speakers() {
    let md = "# Widget Next '19: sessions I liked\n\n---\n\n[Queues without tears (Widget Next '19)](https://www.youtube.com/watch?v=aaaa)\n\nQueues are everywhere. This session shows how three teams use them.\n\nWe look at retries, dead letters and ordering.\n\nJoin us to see what worked.\n\nSpeaker(s): Maria Gonzalez, Kenji Watanabe\n\n---\n\n[Edge caching in practice (Widget Next '19)](https://www.youtube.com/watch?v=bbbb)\n\nCaches at the edge cut latency in half for one retailer.\n\nThis talk explains how.\n\nThe numbers are real.\n\nSpeaker(s): Ana Sousa\n";
    let talks = talks_of(md);
    assert_has(
        &talks,
        "Queues without tears (Widget Next '19) [Kenji Watanabe, Maria Gonzalez]",
    );
    assert_has(
        &talks,
        "Edge caching in practice (Widget Next '19) [Ana Sousa]",
    );
}

#[test]
fn a_name_opening_the_line_under_a_talk_before_a_comma_is_its_speaker() {
    let md = "# Widget Community Day 2019 - Track 2\n\n## Talk 1: Scaling widget fleets\n\nAnita Sharma, Principal Engineer at Acme, who has run widget fleets for ten years and writes about it.\n\nShe spoke about queues.\n\n## Talk 2: Edge caching in practice\n\n[Ravindra](https://www.linkedin.com/in/ravindra-k-0000), Site Reliability Engineer at Initech, moving services from VMs to containers.\n\nHe spoke about caches.\n\n## Talk 3: Observability for small teams\n\nDavid Miller, Docker Captain and community leader\n\nHe spoke about logs.\n";
    let talks = talks_of(md);
    assert_has(&talks, "Scaling widget fleets [Anita Sharma]");
    assert_has(&talks, "Edge caching in practice [Ravindra]");
    assert_has(&talks, "Observability for small teams [David Miller]");
}

#[test]
fn the_entries_of_a_section_of_references_are_no_talks() {
    let md = "# Widget Meetup #79 に参加しました\n\n## 発表\n\n* 佐藤さん「Queues without tears」\n* 鈴木さん「Edge caching in practice」\n\n## 参加者のブログ\n\n* [「Widget Meetup #79」に参加してきました - 覚書](https://example.hatenablog.com/entry/1)\n* [Widget Meetup #79 に行ってきた - Toku's Blog](https://example.dev/posts/2019/widget-79)\n* [Widget Meetup #79 に参加した - なんか書く](https://example.com/blog/2019/79)\n";
    let talks = talks_of(md);
    assert!(talks.iter().all(|t| !t.contains("参加")), "{talks:?}");
}

#[test]
fn a_readme_of_a_meetup_tool_has_no_talks() {
    let md = "# Widget Meetups\n\nA small platform for online widget meetups: streaming, chat and Q&A.\n\n## Architecture\n\n- **Frontend**: a single page\n- **Backend**: functions behind an API\n\n## Quick Start\n\n```sh\nnpm install\nnpm run deploy\n```\n\n## Project Structure\n\n```\nsrc/  the app\ninfra/  the stack\n```\n\n## Running Tests\n\n```sh\nnpm test\n```\n";
    let talks = talks_of(md);
    assert!(talks.is_empty(), "{talks:?}");
}

#[test]
fn an_embed_names_no_speaker() {
    // Zenn's and Qiita's embeds ("@[speakerdeck](id)") are slides, not a handle
    let md = "# Widget Travelers #5 に参加してきた\n\n## セッション\n\n### Queues without tears\n\n@[speakerdeck](3ac02649e9a448189a06b93a5e3a9b1b)\n\n続いては [@kenji_w](https://x.com/kenji_w) さんによる「Queues without tears」。キューの話でした。\n\n### Edge caching in practice\n\n@[speakerdeck](9606dd4d0e0f4d908435ae237c305f2d)\n\n[@ana_s](https://x.com/ana_s) さんの「Edge caching in practice」というセッションです。\n";
    let units = units_of(md);
    let (_, near) = candidates(&units, "Queues without tears", "near");
    assert!(
        near.iter()
            .all(|c| !c["names"].to_string().contains("speakerdeck")),
        "{near:?}"
    );
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears [kenji_w]");
    assert_has(&talks, "Edge caching in practice [ana_s]");
}

#[test]
fn links_to_posts_about_the_event_are_no_talks() {
    let md = "# Widget Days 2019 で発表しました\n\nWidget Days 2019 で「小さく始めるキュー」について発表しました。\n\n## 発表資料\n\nhttps://speakerdeck.com/example/small-queues\n\n## エゴサ\n\n[Widget Days 2019 に行ってきた - せてぃのノート](https://example.hatenablog.com/entry/2019/02/24/widget-days)\n\n[Widget Days 2019 参加レポ | Example.net](https://example.net/blog/2019/02/widget-days-2019)\n\n[Widget Days 2019 に初参加してきました - プログラマの日記](https://example-diary.hatenadiary.jp/entry/2019/02/25)\n";
    let talks = talks_of(md);
    assert!(talks.iter().all(|t| !t.contains("参加")), "{talks:?}");
}

#[test]
fn a_name_in_the_possessive_opening_a_head_is_its_speaker() {
    let md = "# Widget Summit 2015\n\n| Time | Session |\n|---|---|\n| 8:30 | [Maria Gonzalez's Keynote](./k1.md) |\n| 10:00 | [Scaling queues](./q.md) |\n\n## Sessions\n\n- [Kenji Watanabe'](https://www.linkedin.com/in/kenji) WID202 (The Widget Development Process) was great\n- WID303 (Event-Driven Gadgets) was also great\n";
    let talks = talks_of(md);
    assert_has(&talks, "Maria Gonzalez's Keynote [Maria Gonzalez]");
    assert!(
        talks
            .iter()
            .any(|t| t.starts_with("WID202") && t.ends_with("[Kenji Watanabe]")),
        "{talks:?}"
    );
}

#[test]
fn items_linking_alike_to_session_pages_are_talks_together() {
    let md = "# Widget Summit 2024 に参加してきました\n\n## 参加セッション\n\n### 生成AI関連\n\n- [キューを本気で推進するトップランナーが語る！キューの展望2024](https://event.example.jp/widget/20240215/session/4801)\n  - キューの分割が大事\n  - 再試行は冪等に\n- [ウィジェット時代のテストの現在と未来](https://event.example.jp/widget/20240215/session/4802)\n  - テストは小さく\n  - 本番に近い環境で\n- [Gadget が目指すキュー活用の将来像](https://event.example.jp/widget/20240215/session/4803)\n- [マルチモーダルなウィジェットへの技術アプローチ](https://event.example.jp/widget/20240215/session/4804)\n  - 画像と文章を一緒に扱う\n";
    let talks = talks_of(md);
    assert_has(&talks, "Gadget が目指すキュー活用の将来像 []");
    assert_eq!(talks.len(), 4, "{talks:?}");
}

#[test]
fn a_talk_naming_someone_where_its_siblings_do_is_a_talk_though_the_name_is_unsure() {
    let md = "# Widget Birthday Meetup - Pune\n\nThe agenda of the meetup:\n\n- Overview of widget projects - [Anita Sharma](https://twitter.com/anita_s), WidgetCo\n- Queues - Unplugged, [Rahul Verma](https://twitter.com/rverma), Gadgets\n- Widgets the gadget way - Ravindra, Initech\n- Federated widget planes - Suresh, Initech\n- Widget jobs - [David Miller](https://www.linkedin.com/in/dmiller/), Acme\n";
    let talks = talks_of(md);
    assert_has(&talks, "Widgets the gadget way [Ravindra]");
    assert_has(&talks, "Federated widget planes [Suresh]");
}

#[test]
fn a_talk_credited_in_so_many_words_names_its_speaker_more_surely_than_a_deed() {
    let report = |sentence: &str| {
        format!(
            "# Widget Summit 2024 - Day 1\n\nDay 1 of Widget Summit 2024 just ended.\n\n### WID351 - Automate widget protection at scale\n\n{sentence}\n\n### WID405 - Coding for widget customizations\n\nA builder session on widget accounts.\n"
        )
    };
    let likelihood = |md: &str| {
        let units = units_of(md);
        let (_, prose) = candidates(&units, "Automate widget protection at scale", "prose");
        assert_eq!(prose.len(), 1, "{prose:?}");
        assert_eq!(prose[0]["names"][0], "Yerlan Zhaksybekov");
        prose[0]["likelihood"].as_f64().expect("a likelihood")
    };
    let credited = likelihood(&report(
        "This was a great talk given by Yerlan Zhaksybekov on widget backups.",
    ));
    let deed = likelihood(&report(
        "Yerlan Zhaksybekov showed how widget backups work across accounts.",
    ));
    assert!(credited > deed, "{credited} {deed}");
}

#[test]
fn a_title_said_to_be_a_talk_may_hold_a_full_stop() {
    // "〇〇さんの発表「…。…」" names a talk, full stop and all; "〇〇さん「…。…」" without the
    // word for a talk is something they said
    let md = "# Widget 勉強会 #12 レポート\n\n* 山本さんの発表「キューの話」\n  + メモ\n* 川口さんの発表「現場から。Widget を使った運用の実践」\n  + メモ\n* 森さん「これは良かった。また来たい」\n  + メモ\n";
    let talks = talks_of(md);
    assert_has(&talks, "現場から。Widget を使った運用の実践 [川口]");
    assert!(talks.iter().all(|t| !t.contains("また来たい")), "{talks:?}");
}

#[test]
fn a_name_on_the_line_after_a_records_title_link_is_its_speaker() {
    // "[Title](recording)" and the speaker on the next line of the same paragraph
    let md = "---\ntitle: Widget Con 2019 notes\n---\n\nMy favourite talks:\n\n[Queues without tears](https://www.youtube.com/watch?v=aaaaaaaaaaa)  \nMarta Kowalska  \nA calm talk about back pressure.\n\n[Edge caching in practice](https://www.youtube.com/watch?v=bbbbbbbbbbb)  \nRavi Menon  \nCaches everywhere, and when not to.\n";
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears [Marta Kowalska]");
    assert_has(&talks, "Edge caching in practice [Ravi Menon]");
}

#[test]
fn a_sure_split_at_one_separator_wins_over_an_unsure_one_at_another() {
    // "Title | Jane Doe - Acme": the dash alone leaves "Acme", no one surely; the bar leaves
    // a person and where they work
    let md = "# Widget Conf 2017\n\n## Day 1\n\n### Queues without tears | Marta Kowalska - Initech\n\nNotes.\n\n### Edge caching in practice | Ravi Menon - Globex\n\nNotes.\n";
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears [Marta Kowalska]");
    assert_has(&talks, "Edge caching in practice [Ravi Menon]");
}

#[test]
fn everyone_in_a_speaker_column_is_no_speaker() {
    // "ALL" or "全員" in the speaker column is the whole room: an agenda row, not a talk
    let md = "# Widget Meetup #22\n\n## タイムテーブル\n\n|時刻|発表者|内容|\n|:---|:---|:---|\n|19:30|ALL|受付と自己紹介|\n|19:45|@kenji_w さん|Queues without tears|\n|20:00|@ana_s さん|Edge caching in practice|\n|20:30|全員|今後の開催の相談|\n";
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears [kenji_w]");
    assert!(
        talks
            .iter()
            .all(|t| !t.contains("ALL") && !t.contains("全員")),
        "{talks:?}"
    );
}

#[test]
fn a_plain_text_notes_opening_line_titles_its_one_talk() {
    // no heading, no front matter: the opening line that reads as a title is the talk's
    let md = "WID301 - Building widget fleets at scale\n\nIn this session, learn how the widget team runs ten thousand widgets across regions with queues and caches.\n\nQueues first\n- back pressure keeps the fleet calm\n- retries need jitter\n\nCaches second\n- cache at the edge\n";
    let talks = talks_of(md);
    assert_eq!(talks, ["Building widget fleets at scale []"], "{talks:?}");
    // a sentence opening the text is no title
    let md = "I went to Widget Con last week and took some notes.\n\nQueues first\n- back pressure keeps the fleet calm\n";
    assert!(talks_of(md).is_empty());
}

#[test]
fn a_tables_header_cell_is_no_speaker_label_for_the_heading_above() {
    // "| Speaker | Slide Deck |": the header names columns, not the heading's speaker
    let md = "# Widget Con lightning talks\n\n## Block 1: 10:30 AM - 12:30 PM\n\n| Speaker | Slide Deck | Video |\n| --- | --- | --- |\n| Marta Kowalska | [Queues without tears](slides/queues) | [Video](https://www.youtube.com/watch?v=aaaaaaaaaaa) |\n| Ravi Menon | [Edge caching in practice](slides/edge) | [Video](https://www.youtube.com/watch?v=bbbbbbbbbbb) |\n";
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears [Marta Kowalska]");
    assert!(talks.iter().all(|t| !t.contains("Slide Deck")), "{talks:?}");
}

#[test]
fn notes_of_one_session_name_its_panel_a_line_each() {
    // the opening line titles the one talk; "Name - Role" lines are its panel, not talks; a
    // stray list item linking an announcement does not outweigh the title
    let md = "WID305 - Leadership Session: Running widget fleets\n\nIn this session, leaders of the widget teams share how they run fleets at scale.\n\nMarta Kowalska - Director, Widget Tools\nRavi Menon - VP, Widget Fleet\nAna Sousa - Principal Engineer, Queues\n\nPattern one: queues\n- back pressure keeps the fleet calm\n- see [Widget Queues now support priorities](https://aws.amazon.com/about-aws/whats-new/2019/01/widget-queues-priorities/)\n";
    let talks = talks_of(md);
    assert_eq!(
        talks,
        ["Leadership Session: Running widget fleets [Ana Sousa, Marta Kowalska, Ravi Menon]"],
        "{talks:?}"
    );
}

#[test]
fn a_time_line_under_a_talk_names_its_speaker_after_the_time_and_how_long() {
    // "1:05 pm → 30 min, Jane Doe; Terraform": the time, the duration, the speaker, the tags
    let md = "# Widget Talks 2023, day 1\n\n## Queues without tears\n1:05 pm → 30 min, Marta Kowalska; Widgets\n\nShe spoke about back pressure.\n\n## Edge caching in practice\n1:40 pm - 2:10 pm (30 min), Ravi Menon\n\nCaches everywhere.\n\n## Observability for small teams\n2:15 PM → 25 mins, Ana Sousa; Logs, Traces\n\nLogs first.\n";
    let talks = talks_of(md);
    assert_has(&talks, "Queues without tears [Marta Kowalska]");
    assert_has(&talks, "Edge caching in practice [Ravi Menon]");
    assert_has(&talks, "Observability for small teams [Ana Sousa]");
}

#[test]
fn a_company_in_katakana_then_a_person_under_a_talk_is_its_speaker_not_a_title() {
    let md = "# Widget Next Extended in Fukuoka\n\n## セッション1:ウィジェット分析の紹介\n\nウィジェットワークス 大隈 さん\n\n[ウィジェット分析のご紹介](https://docs.google.com/presentation/d/abc/edit)\n\n- 分析の話\n\n## セッション2:サーバーレスの新機能\n\nグルーヴウィジェット 森 さん\n\n- 新機能の話\n";
    let talks = talks_of(md);
    assert_has(&talks, "ウィジェット分析の紹介 [大隈]");
    assert_has(&talks, "サーバーレスの新機能 [森]");
    assert!(
        talks.iter().all(|t| !t.starts_with("ウィジェットワークス")),
        "{talks:?}"
    );
}

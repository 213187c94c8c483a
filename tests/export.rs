//! The writers, checked by reading their output back: the CSV with an RFC
//! 4180 parser here and Python's `csv`, the JSON Lines with serde_json, and
//! the GraphML with networkx.
//!
//! The networkx checks need `python3` with `networkx`; without them they
//! print a message and pass, unless `STANDPOINT_REQUIRE_NETWORKX=1` (CI sets
//! it), which makes a missing networkx a failure.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{document, say};
use serde_json::{json, Value};
use standpoint::corpus::{Corpus, Document};
use standpoint::export::{self, GraphMl};
use standpoint::{ActorKind, Analyzer, Date, Stance};

const PUTIN_SAYS: &str = "NATO \"expansion\",\nfrankly, is a threat";

/// Three documents: Russia (and Putin) against NATO enlargement, Ukraine
/// and Poland for it, Poland for sanctions and Acme against them, and two
/// statements with no known speaker.
fn corpus() -> Corpus {
    let mut corpus = Corpus::new();
    let docs = [
        (
            "a",
            Some("2021-12-07"),
            vec![say(
                Some("vladimir-putin"),
                "Vladimir Putin",
                Stance::Oppose,
                &["nato-enlargement"],
                &["vladimir-putin", "RUS"],
                PUTIN_SAYS,
            )],
        ),
        (
            "b",
            Some("2022-01-10"),
            vec![
                say(
                    Some("UKR"),
                    "Ukraine",
                    Stance::Support,
                    &["nato-enlargement"],
                    &["UKR"],
                    "membership is the goal",
                ),
                say(
                    Some("POL"),
                    "Poland",
                    Stance::Support,
                    &["nato-enlargement", "sanctions"],
                    &["POL"],
                    "both must go on",
                ),
            ],
        ),
        (
            "c",
            None,
            vec![
                say(
                    Some("acme"),
                    "Acme",
                    Stance::Oppose,
                    &["sanctions"],
                    &["acme"],
                    "the sanctions hurt trade",
                ),
                say(
                    None,
                    "analysts",
                    Stance::Neutral,
                    &[],
                    &[],
                    "little will change",
                ),
                say(None, "", Stance::Mixed, &[], &[], "it was a day"),
            ],
        ),
    ];
    for (id, day, says) in docs {
        let (text, analysis) = document(&says);
        let mut doc = Document::new(id).with_source("invented");
        if let Some(d) = day {
            doc = doc.with_date(Date::parse(d).unwrap());
        }
        corpus.add(doc, &text, &analysis);
    }
    corpus
}

/// An RFC 4180 parser: quoted fields may hold commas, doubled quotes and
/// line breaks; records end with CRLF.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF ends a record"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record lacks CRLF"
    );
    records
}

fn dna_table(corpus: &Corpus) -> (String, Vec<BTreeMap<String, String>>) {
    let mut out = Vec::new();
    export::dna_csv(corpus, &mut out).unwrap();
    let csv = String::from_utf8(out).unwrap();
    let records = parse_csv(&csv);
    let header = records[0].clone();
    let rows = records[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "ragged row {r:?}");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect();
    (csv, rows)
}

#[test]
fn dna_table_has_a_row_per_speaker_and_concept() {
    let corpus = corpus();
    let (csv, rows) = dna_table(&corpus);
    assert!(csv.starts_with(
        "id,document,date,person,organization,concept,agreement,text,statement,stance,act,start,end\r\n"
    ));
    let col = |name: &str| -> Vec<&str> { rows.iter().map(|r| r[name].as_str()).collect() };
    assert_eq!(col("id"), ["1", "2", "3", "4", "5", "6", "7"]);
    assert_eq!(col("document"), ["a", "b", "b", "b", "c", "c", "c"]);
    assert_eq!(
        col("date")[..4],
        ["2021-12-07", "2022-01-10", "2022-01-10", "2022-01-10"]
    );
    assert_eq!(col("date")[4], "");
    assert_eq!(col("person"), ["Vladimir Putin", "", "", "", "", "", ""]);
    assert_eq!(
        col("organization"),
        [
            "Russia",
            "Ukraine",
            "Poland",
            "Poland",
            "Ac<me> & \"Sons\"\tLtd",
            "analysts",
            ""
        ]
    );
    assert_eq!(
        col("concept"),
        [
            "nato-enlargement",
            "nato-enlargement",
            "nato-enlargement",
            "sanctions",
            "sanctions",
            "",
            ""
        ]
    );
    // DNA's boolean qualifier: 1 yes (support), 0 no (oppose), empty otherwise.
    assert_eq!(col("agreement"), ["0", "1", "1", "1", "0", "", ""]);
    assert_eq!(
        col("stance"),
        ["oppose", "support", "support", "support", "oppose", "neutral", "mixed"]
    );
    assert_eq!(col("statement"), ["0", "1", "2", "2", "3", "4", "5"]);
    // The quotes, comma and line break of the text survive the round trip.
    assert_eq!(rows[0]["text"], format!("Vladimir Putin said {PUTIN_SAYS}"));
    assert_eq!(rows[6]["text"], "said it was a day");
}

#[test]
fn dna_table_offsets_find_the_statement_in_its_document() {
    let (text, analysis) = document(&[say(
        Some("UKR"),
        "Україна",
        Stance::Support,
        &["sanctions"],
        &["UKR"],
        "санкції мають діяти",
    )]);
    let text = format!("Київ. {text}");
    let mut shifted = analysis;
    let shift = "Київ. ".len();
    for st in &mut shifted.statements {
        let m = st.speaker.as_mut().unwrap();
        m.span = standpoint::Span::new(m.span.start + shift, m.span.end + shift);
        st.cue = standpoint::Span::new(st.cue.start + shift, st.cue.end + shift);
        let c = st.content.unwrap();
        st.content = Some(standpoint::Span::new(c.start + shift, c.end + shift));
    }
    let mut corpus = Corpus::new();
    corpus.add(Document::new("ua"), &text, &shifted);
    let (_, rows) = dna_table(&corpus);
    let start: usize = rows[0]["start"].parse().unwrap();
    let end: usize = rows[0]["end"].parse().unwrap();
    // Character offsets, as DNA's carets count them.
    let words: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(words, rows[0]["text"]);
    assert_eq!(words, "Україна said санкції мають діяти");
}

#[test]
fn jsonl_has_one_statement_a_line_with_its_document() {
    let corpus = corpus();
    let mut out = Vec::new();
    export::statements_jsonl(&corpus, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), corpus.statements().len());
    assert_eq!(lines[0]["document"], "a");
    assert_eq!(lines[0]["date"], "2021-12-07");
    assert_eq!(lines[0]["source"], "invented");
    assert_eq!(lines[0]["holders"], json!(["vladimir-putin", "RUS"]));
    assert_eq!(lines[0]["speaker"]["actor"], "vladimir-putin");
    assert_eq!(lines[0]["stance"], "oppose");
    assert_eq!(lines[0]["topics"], json!(["nato-enlargement"]));
    assert_eq!(lines[3]["date"], Value::Null, "undated: no date field");
    assert_eq!(lines[3]["statement"], 3);
    assert_eq!(lines[5]["speaker"], Value::Null);
    // The byte span gives back the text in the document.
    let (text, _) = document(&[say(
        Some("vladimir-putin"),
        "Vladimir Putin",
        Stance::Oppose,
        &["nato-enlargement"],
        &["vladimir-putin", "RUS"],
        PUTIN_SAYS,
    )]);
    let (s, e) = (
        lines[0]["span"]["start"].as_u64().unwrap() as usize,
        lines[0]["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e], lines[0]["text"]);
}

#[test]
fn positions_csv_by_period() {
    let corpus = corpus();
    let mut out = Vec::new();
    export::positions_csv(&corpus, Some(standpoint::corpus::Period::Month), &mut out).unwrap();
    let records = parse_csv(&String::from_utf8(out).unwrap());
    assert_eq!(
        records[0],
        [
            "period",
            "actor",
            "name",
            "kind",
            "country",
            "topic",
            "stance",
            "score",
            "statements",
            "rolled_up"
        ]
    );
    let russia: Vec<&Vec<String>> = records.iter().filter(|r| r[1] == "RUS").collect();
    assert_eq!(russia.len(), 1);
    assert_eq!(
        russia[0][..],
        [
            "2021-12",
            "RUS",
            "Russia",
            "country",
            "RUS",
            "nato-enlargement",
            "oppose",
            "-1",
            "1",
            "true"
        ]
    );
    // Undated documents come first, with an empty period.
    assert_eq!(records[1][0], "");
    assert_eq!(records[1][1], "acme");
}

fn graphml(write: impl Fn(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn graphml_declares_its_keys_and_escapes_attributes() {
    let corpus = corpus();
    let xml = graphml(|w| export::graphml_actor_topic(&corpus, w));
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
    for key in [
        "name",
        "kind",
        "country",
        "statements",
        "bipartite",
        "stance",
        "score",
        "weight",
    ] {
        assert!(
            xml.contains(&format!("<key id=\"{key}\" ")),
            "key {key} undeclared"
        );
    }
    assert!(xml.contains("<data key=\"name\">Ac&lt;me&gt; &amp; &quot;Sons&quot;&#9;Ltd</data>"));
    assert!(!xml.contains("Sons\""));
    assert!(xml.trim_end().ends_with("</graphml>"));
}

/// Whether python3 with networkx is here; without it, a message (or a
/// panic when STANDPOINT_REQUIRE_NETWORKX=1).
fn networkx_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("STANDPOINT_REQUIRE_NETWORKX").as_deref() == Ok("1") {
            panic!("STANDPOINT_REQUIRE_NETWORKX=1, but `python3 -c 'import networkx'` fails");
        }
        eprintln!("skipping the networkx checks: python3 with networkx not found");
    }
    ok
}

/// Reads the GraphML files and the CSV in `dir` with networkx and Python's
/// csv module, and returns what they found as JSON.
const READ_BACK: &str = r#"
import csv, json, sys, networkx as nx
out = {}
for name in sys.argv[2:]:
    g = nx.read_graphml(f"{sys.argv[1]}/{name}.graphml")
    out[name] = {
        "type": type(g).__name__,
        "nodes": {n: d for n, d in g.nodes(data=True)},
        "edges": sorted([sorted([u, v]), d] for u, v, d in g.edges(data=True)),
    }
with open(f"{sys.argv[1]}/statements.csv", newline="", encoding="utf-8") as f:
    out["csv"] = list(csv.reader(f))
print(json.dumps(out))
"#;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("standpoint-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write_all(corpus: &Corpus, config: &GraphMl, dir: &Path) {
    let file = |name: &str| std::fs::File::create(dir.join(name)).unwrap();
    config
        .write_actor_topic(corpus, file("actor_topic.graphml"))
        .unwrap();
    config
        .write_congruence(corpus, file("congruence.graphml"))
        .unwrap();
    config
        .write_conflict(corpus, file("conflict.graphml"))
        .unwrap();
    export::dna_csv(corpus, file("statements.csv")).unwrap();
}

fn read_back(dir: &Path) -> Value {
    let out = Command::new("python3")
        .args(["-c", READ_BACK])
        .arg(dir)
        .args(["actor_topic", "congruence", "conflict"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn edge_list(graph: &Value) -> Vec<(String, String)> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0][0].as_str().unwrap().to_string(),
                e[0][1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    (a.to_string(), b.to_string())
}

#[test]
fn networkx_reads_the_networks_back() {
    if !networkx_available() {
        return;
    }
    let corpus = corpus();
    let dir = TempDir::new("export");
    write_all(&corpus, &GraphMl::new(), &dir.0);
    let got = read_back(&dir.0);

    let two_mode = &got["actor_topic"];
    assert_eq!(two_mode["type"], "Graph", "undirected");
    let nodes = two_mode["nodes"].as_object().unwrap();
    let ids: Vec<&str> = nodes.keys().map(String::as_str).collect();
    assert_eq!(
        ids.len(),
        7,
        "five actors with positions and two topics: {ids:?}"
    );
    assert_eq!(
        two_mode["nodes"]["vladimir-putin"],
        json!({"name": "Vladimir Putin", "kind": "person", "country": "RUS", "statements": 1, "bipartite": 0})
    );
    assert_eq!(
        two_mode["nodes"]["acme"]["name"], "Ac<me> & \"Sons\"\tLtd",
        "escaped name reads back exactly"
    );
    assert_eq!(two_mode["nodes"]["acme"]["country"], "");
    assert_eq!(two_mode["nodes"]["topic:sanctions"]["kind"], "topic");
    assert_eq!(two_mode["nodes"]["topic:sanctions"]["bipartite"], 1);
    assert_eq!(two_mode["nodes"]["topic:sanctions"]["statements"], 2);
    assert!(nodes.get("NATO").is_none(), "NATO holds no position");
    let edges = two_mode["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 6);
    let russia_nato = edges
        .iter()
        .find(|e| e[0] == json!(["RUS", "topic:nato-enlargement"]))
        .unwrap();
    assert_eq!(
        russia_nato[1],
        json!({"stance": "oppose", "score": -1.0, "weight": 1.0})
    );

    let congruence = edge_list(&got["congruence"]);
    assert_eq!(
        congruence,
        [pair("RUS", "vladimir-putin"), pair("POL", "UKR")]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    let mut conflict = edge_list(&got["conflict"]);
    conflict.sort();
    let mut want = vec![
        pair("RUS", "UKR"),
        pair("RUS", "POL"),
        pair("vladimir-putin", "UKR"),
        pair("vladimir-putin", "POL"),
        pair("POL", "acme"),
    ];
    want.sort();
    assert_eq!(conflict, want);
    let pol_acme = got["conflict"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e[0] == json!(["POL", "acme"]))
        .unwrap();
    assert_eq!(pol_acme[1], json!({"weight": 1.0, "topics": "sanctions"}));
    assert_eq!(got["conflict"]["nodes"]["UKR"]["kind"], "country");

    // Python's csv module reads the table as the Rust parser does.
    let mut csv = Vec::new();
    export::dna_csv(&corpus, &mut csv).unwrap();
    let ours = parse_csv(&String::from_utf8(csv).unwrap());
    assert_eq!(got["csv"], json!(ours));
}

#[test]
fn networkx_reads_the_state_networks_of_an_analyzed_corpus() {
    if !networkx_available() {
        return;
    }
    let analyzer = Analyzer::default();
    let mut corpus = Corpus::new();
    let texts = [
        "Russian President Vladimir Putin said NATO expansion is a direct threat.",
        "Polish President Andrzej Duda welcomed NATO enlargement.",
        "Lithuania's Foreign Minister Gabrielius Landsbergis welcomed NATO enlargement.",
    ];
    for (i, text) in texts.iter().enumerate() {
        corpus
            .analyze(&analyzer, Document::new(format!("d{i}")), text)
            .unwrap();
    }
    let dir = TempDir::new("states");
    let mut config = GraphMl::new();
    config.kinds(&[ActorKind::Country]);
    write_all(&corpus, &config, &dir.0);
    let got = read_back(&dir.0);
    for graph in ["actor_topic", "congruence", "conflict"] {
        for (id, node) in got[graph]["nodes"].as_object().unwrap() {
            let kind = node["kind"].as_str().unwrap();
            assert!(
                kind == "country" || kind == "topic",
                "{graph}: {id} is a {kind}"
            );
        }
    }
    let conflict = edge_list(&got["conflict"]);
    assert!(conflict.contains(&pair("POL", "RUS")), "{conflict:?}");
    assert!(conflict.contains(&pair("LTU", "RUS")), "{conflict:?}");
    assert!(edge_list(&got["congruence"]).contains(&pair("LTU", "POL")));
    assert_eq!(got["conflict"]["nodes"]["RUS"]["name"], "Russia");
}

//! GraphML networks: actor–topic (two-mode), congruence and conflict
//! (actor–actor).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use crate::classify::Topic;
use crate::corpus::Corpus;
use crate::{Actor, ActorKind, Position, Stance};

/// Configures the GraphML networks: which actors are nodes, and how topic
/// nodes are named.
///
/// Every network is undirected. Actor nodes have the actor's id as their
/// GraphML id and the attributes `name`, `kind` (`person`, `country`,
/// `organization`, `group`), `country` (ISO 3166-1 alpha-3, empty for an
/// international organisation) and `statements` (how many statements count
/// in the actor's positions, its own and those rolled up to it).
///
/// # Examples
///
/// ```
/// use standpoint::corpus::{Corpus, Document};
/// use standpoint::export::GraphMl;
/// use standpoint::{classify::LexiconClassifier, ActorKind, Analyzer};
///
/// let mut corpus = Corpus::new();
/// corpus.analyze(&Analyzer::default(), Document::new("a"),
///     "Russian President Vladimir Putin said NATO expansion is a direct threat.")?;
///
/// // States only, with the topics' labels as node names.
/// let mut out = Vec::new();
/// GraphMl::new()
///     .kinds(&[ActorKind::Country])
///     .topics(LexiconClassifier::builtin().topics())
///     .write_actor_topic(&corpus, &mut out)
///     .unwrap();
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<node id="RUS">"#));
/// assert!(!xml.contains(r#"<node id="vladimir-putin">"#));
/// assert!(xml.contains("NATO enlargement and membership"));
/// # Ok::<(), standpoint::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct GraphMl {
    min_statements: usize,
    kinds: Vec<ActorKind>,
    topic_labels: HashMap<String, String>,
}

impl Default for GraphMl {
    fn default() -> GraphMl {
        GraphMl::new()
    }
}

impl GraphMl {
    /// Every actor with a position, every kind, topics named by their ids.
    pub fn new() -> GraphMl {
        GraphMl {
            min_statements: 1,
            kinds: Vec::new(),
            topic_labels: HashMap::new(),
        }
    }

    /// Leaves out actors with fewer than `n` statements (their own and
    /// those rolled up to them). Default 1.
    pub fn min_statements(&mut self, n: usize) -> &mut GraphMl {
        self.min_statements = n;
        self
    }

    /// Keeps only actors of these kinds (all kinds when empty, the
    /// default). `&[ActorKind::Country]` gives the network of states, with
    /// their leaders' words rolled up to them.
    pub fn kinds(&mut self, kinds: &[ActorKind]) -> &mut GraphMl {
        self.kinds = kinds.to_vec();
        self
    }

    /// Names topic nodes by these topics' labels (by default a topic node's
    /// name is its id).
    pub fn topics(&mut self, topics: &[Topic]) -> &mut GraphMl {
        for t in topics {
            self.topic_labels.insert(t.id.clone(), t.label.clone());
        }
        self
    }

    /// Writes the actor–topic two-mode network: actor nodes, topic nodes,
    /// and an edge from each actor to each topic it has a position on.
    ///
    /// Topic nodes have the id `topic:` + the topic's id, `kind` `topic`,
    /// an empty `country`, and `statements`, how many statements are on
    /// the topic. Every node has `bipartite`: 0 for actors, 1
    /// for topics (networkx's convention for two-mode graphs). Edges have
    /// `stance` (`support`, `oppose`, `neutral`, `mixed`), `score` (-1 to
    /// +1) and `weight` (the number of statements).
    ///
    /// # Errors
    ///
    /// The writer's errors.
    pub fn write_actor_topic<W: Write>(&self, corpus: &Corpus, wtr: W) -> io::Result<()> {
        let selected = self.select(corpus);
        let positions: Vec<(usize, Position)> = corpus
            .positions()
            .into_iter()
            .filter(|p| p.topic.is_some())
            .filter_map(|p| Some((selected.index_of(&p.actor)?, p)))
            .collect();
        let mut topics: Vec<&str> = Vec::new();
        let mut with_edges = vec![false; selected.actors.len()];
        for (ai, p) in &positions {
            with_edges[*ai] = true;
            let topic = p.topic.as_deref().unwrap_or_default();
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        let mut on_topic: HashMap<&str, usize> = HashMap::new();
        for cs in corpus.statements() {
            for t in &cs.statement.topics {
                *on_topic.entry(t.as_str()).or_default() += 1;
            }
        }
        let mut g = Writer::start(wtr, "actor-topic", &ACTOR_TOPIC_KEYS)?;
        for (ai, (actor, count)) in selected.actors.iter().enumerate() {
            if with_edges[ai] {
                g.actor_node(actor, *count, Some(0))?;
            }
        }
        for topic in &topics {
            let id = format!("topic:{topic}");
            let name = self.topic_labels.get(*topic).map_or(*topic, String::as_str);
            let statements = on_topic.get(topic).copied().unwrap_or(0);
            g.node(&id, &[("name", name), ("kind", "topic"), ("country", "")])?;
            g.data_int("statements", statements as i64)?;
            g.data_int("bipartite", 1)?;
            g.end_node()?;
        }
        for (ai, p) in &positions {
            let target = format!("topic:{}", p.topic.as_deref().unwrap_or_default());
            g.edge(selected.actors[*ai].0.id.as_str(), &target)?;
            g.data("stance", p.stance.as_str())?;
            g.data_num("score", round3(p.score))?;
            g.data_num("weight", p.statements.len() as f64)?;
            g.end_edge()?;
        }
        g.finish()
    }

    /// Writes the congruence network: an edge between two actors that take
    /// the same side (both support, or both oppose) on at least one topic.
    ///
    /// An actor's side on a topic is its position over the whole corpus
    /// ([`Corpus::positions`]); neutral and mixed positions take no side.
    /// Nodes are the actors that take a side on some topic. Edges have
    /// `weight`, the number of topics the two agree on, and `topics`,
    /// their ids separated by `;`.
    ///
    /// Unlike DNA, which counts statement-level agreement, a side is the
    /// balance of the actor's statements on the topic: one stray statement
    /// does not make an ally.
    ///
    /// # Errors
    ///
    /// The writer's errors.
    pub fn write_congruence<W: Write>(&self, corpus: &Corpus, wtr: W) -> io::Result<()> {
        self.write_actor_actor(corpus, wtr, Relation::Congruence)
    }

    /// Writes the conflict network: an edge between two actors on opposite
    /// sides (one supports, the other opposes) of at least one topic.
    /// Nodes, sides and edge attributes as in
    /// [`GraphMl::write_congruence`].
    ///
    /// # Errors
    ///
    /// The writer's errors.
    pub fn write_conflict<W: Write>(&self, corpus: &Corpus, wtr: W) -> io::Result<()> {
        self.write_actor_actor(corpus, wtr, Relation::Conflict)
    }

    fn write_actor_actor<W: Write>(
        &self,
        corpus: &Corpus,
        wtr: W,
        relation: Relation,
    ) -> io::Result<()> {
        let selected = self.select(corpus);
        // Per topic, the actors on each side, in actor order.
        let mut sides: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        let mut takes_side = vec![false; selected.actors.len()];
        for p in corpus.positions() {
            let (Some(ai), Some(topic)) = (selected.index_of(&p.actor), p.topic) else {
                continue;
            };
            let entry = sides.entry(topic).or_default();
            match p.stance {
                Stance::Support => entry.0.push(ai),
                Stance::Oppose => entry.1.push(ai),
                Stance::Neutral | Stance::Mixed => continue,
            }
            takes_side[ai] = true;
        }
        let mut edges: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
        for (topic, (support, oppose)) in &sides {
            let mut link = |a: usize, b: usize| {
                edges.entry((a.min(b), a.max(b))).or_default().push(topic);
            };
            match relation {
                Relation::Congruence => {
                    for side in [support, oppose] {
                        for (i, &a) in side.iter().enumerate() {
                            for &b in &side[i + 1..] {
                                link(a, b);
                            }
                        }
                    }
                }
                Relation::Conflict => {
                    for &a in support {
                        for &b in oppose {
                            link(a, b);
                        }
                    }
                }
            }
        }
        let mut g = Writer::start(wtr, relation.as_str(), &ACTOR_ACTOR_KEYS)?;
        for (ai, (actor, count)) in selected.actors.iter().enumerate() {
            if takes_side[ai] {
                g.actor_node(actor, *count, None)?;
            }
        }
        for ((a, b), topics) in &edges {
            g.edge(&selected.actors[*a].0.id, &selected.actors[*b].0.id)?;
            g.data_num("weight", topics.len() as f64)?;
            g.data("topics", &topics.join(";"))?;
            g.end_edge()?;
        }
        g.finish()
    }

    /// The actors that pass the filters, with their statement counts.
    fn select<'c>(&self, corpus: &'c Corpus) -> Selected<'c> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for cs in corpus.statements() {
            for h in &cs.holders {
                *counts.entry(h.as_str()).or_default() += 1;
            }
        }
        let mut selected = Selected::default();
        for actor in corpus.actors() {
            let count = counts.get(actor.id.as_str()).copied().unwrap_or(0);
            let kind_ok = self.kinds.is_empty() || self.kinds.contains(&actor.kind);
            if count >= self.min_statements.max(1) && kind_ok {
                selected
                    .index
                    .insert(actor.id.as_str(), selected.actors.len());
                selected.actors.push((actor, count));
            }
        }
        selected
    }
}

/// Writes the actor–topic two-mode network with the default
/// configuration ([`GraphMl::write_actor_topic`]).
///
/// # Errors
///
/// The writer's errors.
pub fn graphml_actor_topic<W: Write>(corpus: &Corpus, wtr: W) -> io::Result<()> {
    GraphMl::new().write_actor_topic(corpus, wtr)
}

/// Writes the congruence network with the default configuration
/// ([`GraphMl::write_congruence`]).
///
/// # Errors
///
/// The writer's errors.
pub fn graphml_congruence<W: Write>(corpus: &Corpus, wtr: W) -> io::Result<()> {
    GraphMl::new().write_congruence(corpus, wtr)
}

/// Writes the conflict network with the default configuration
/// ([`GraphMl::write_conflict`]).
///
/// # Errors
///
/// The writer's errors.
pub fn graphml_conflict<W: Write>(corpus: &Corpus, wtr: W) -> io::Result<()> {
    GraphMl::new().write_conflict(corpus, wtr)
}

#[derive(Clone, Copy)]
enum Relation {
    Congruence,
    Conflict,
}

impl Relation {
    fn as_str(&self) -> &'static str {
        match self {
            Relation::Congruence => "congruence",
            Relation::Conflict => "conflict",
        }
    }
}

#[derive(Default)]
struct Selected<'c> {
    actors: Vec<(&'c Actor, usize)>,
    index: HashMap<&'c str, usize>,
}

impl Selected<'_> {
    fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// A declared attribute: (id, for, attr.type). The id is also its name, so
/// node and edge attributes need distinct names.
type Key = (&'static str, &'static str, &'static str);

const ACTOR_TOPIC_KEYS: [Key; 8] = [
    ("name", "node", "string"),
    ("kind", "node", "string"),
    ("country", "node", "string"),
    ("statements", "node", "int"),
    ("bipartite", "node", "int"),
    ("stance", "edge", "string"),
    ("score", "edge", "double"),
    ("weight", "edge", "double"),
];

const ACTOR_ACTOR_KEYS: [Key; 6] = [
    ("name", "node", "string"),
    ("kind", "node", "string"),
    ("country", "node", "string"),
    ("statements", "node", "int"),
    ("weight", "edge", "double"),
    ("topics", "edge", "string"),
];

/// A GraphML document being written: declared keys, then one graph.
struct Writer<W: Write> {
    wtr: W,
}

impl<W: Write> Writer<W> {
    fn start(mut wtr: W, graph: &str, keys: &[Key]) -> io::Result<Writer<W>> {
        wtr.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
              <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
              xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
              xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
              http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        )?;
        for (id, domain, ty) in keys {
            writeln!(
                wtr,
                "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{id}\" attr.type=\"{ty}\"/>"
            )?;
        }
        writeln!(wtr, "  <graph id=\"{graph}\" edgedefault=\"undirected\">")?;
        Ok(Writer { wtr })
    }

    fn actor_node(
        &mut self,
        actor: &Actor,
        statements: usize,
        bipartite: Option<i64>,
    ) -> io::Result<()> {
        self.node(
            &actor.id,
            &[
                ("name", &actor.name),
                ("kind", actor.kind.as_str()),
                ("country", actor.country.as_deref().unwrap_or("")),
            ],
        )?;
        self.data_int("statements", statements as i64)?;
        if let Some(b) = bipartite {
            self.data_int("bipartite", b)?;
        }
        self.end_node()
    }

    fn node(&mut self, id: &str, data: &[(&str, &str)]) -> io::Result<()> {
        self.wtr.write_all(b"    <node id=\"")?;
        escape(&mut self.wtr, id)?;
        self.wtr.write_all(b"\">\n")?;
        for (key, value) in data {
            self.data(key, value)?;
        }
        Ok(())
    }

    fn end_node(&mut self) -> io::Result<()> {
        self.wtr.write_all(b"    </node>\n")
    }

    fn edge(&mut self, source: &str, target: &str) -> io::Result<()> {
        self.wtr.write_all(b"    <edge source=\"")?;
        escape(&mut self.wtr, source)?;
        self.wtr.write_all(b"\" target=\"")?;
        escape(&mut self.wtr, target)?;
        self.wtr.write_all(b"\">\n")
    }

    fn end_edge(&mut self) -> io::Result<()> {
        self.wtr.write_all(b"    </edge>\n")
    }

    fn data(&mut self, key: &str, value: &str) -> io::Result<()> {
        write!(self.wtr, "      <data key=\"{key}\">")?;
        escape(&mut self.wtr, value)?;
        self.wtr.write_all(b"</data>\n")
    }

    fn data_int(&mut self, key: &str, value: i64) -> io::Result<()> {
        self.data(key, &value.to_string())
    }

    fn data_num(&mut self, key: &str, value: f64) -> io::Result<()> {
        self.data(key, &value.to_string())
    }

    fn finish(mut self) -> io::Result<()> {
        self.wtr.write_all(b"  </graph>\n</graphml>\n")?;
        self.wtr.flush()
    }
}

/// A score to three decimals, without the float noise of `f32` → `f64`.
pub(super) fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// Writes `s` as XML character data or attribute value: markup characters
/// as entities, tabs and line breaks as character references (so that
/// attribute values keep them), and characters XML 1.0 cannot hold as
/// U+FFFD.
fn escape<W: Write>(wtr: &mut W, s: &str) -> io::Result<()> {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep: &str = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => "\u{FFFD}",
            _ => continue,
        };
        wtr.write_all(&s.as_bytes()[last..i])?;
        wtr.write_all(rep.as_bytes())?;
        last = i + c.len_utf8();
    }
    wtr.write_all(&s.as_bytes()[last..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(escaped("plain"), "plain");
        assert_eq!(escaped("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escaped("tab\tnl\ncr\r"), "tab&#9;nl&#10;cr&#13;");
        assert_eq!(escaped("bell\u{7}\u{FFFF}é"), "bell\u{FFFD}\u{FFFD}é");
    }
}

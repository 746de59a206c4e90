//! Narrowing a built graph: keep some kinds of node, the services and tools of some providers
//! or categories, or those mentioned often enough. Every exporter sees the narrowed graph, so
//! a filter means the same in every format.
//!
//! A filter removes nodes and every edge that touches them; it never invents edges. The nodes
//! and edges that stay keep their order, so the output stays deterministic.

use std::collections::{HashMap, HashSet};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{EdgeKind, KnowledgeGraph, Node, NodeKind};

/// What to keep. Empty lists and `min_mentions` 0 keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Node kinds to keep.
    pub kinds: Vec<NodeKind>,
    /// Providers whose services and tools stay (`aws`, `gcp`); [`NO_PROVIDER`] stands for
    /// entities without one (most tools).
    pub providers: Vec<String>,
    /// Categories whose services and tools stay (`compute`, `iac`); [`NO_PROVIDER`] stands for
    /// entities without one.
    pub categories: Vec<String>,
    /// Services and tools mentioned fewer times than this (in all reports) go.
    pub min_mentions: usize,
}

/// The provider or category value that matches services and tools without one.
pub const NO_PROVIDER: &str = "none";

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.providers.is_empty()
            && self.categories.is_empty()
            && self.min_mentions == 0
    }

    /// Whether the node stays; `provider` and `category` are the node's own, or for a feature
    /// without them its family's.
    fn keeps(
        &self,
        node: &Node,
        provider: Option<&str>,
        category: Option<&str>,
        mentions: usize,
    ) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&node.kind()) {
            return false;
        }
        if !matches!(node, Node::Entity { .. }) {
            return true;
        }
        let listed = |list: &[String], value: Option<&str>| {
            list.is_empty()
                || list
                    .iter()
                    .any(|want| want.eq_ignore_ascii_case(value.unwrap_or(NO_PROVIDER)))
        };
        listed(&self.providers, provider)
            && listed(&self.categories, category)
            && mentions >= self.min_mentions
    }
}

/// The family above each node: the entities it is part of, nearest first (a feature's
/// service, then that service's family). Empty for every other node.
fn families(g: &KnowledgeGraph) -> Vec<Vec<NodeIndex>> {
    let graph = &g.graph;
    let parent = |ix: NodeIndex| -> Option<NodeIndex> {
        graph
            .edges_directed(ix, Direction::Outgoing)
            .find(|e| {
                e.weight().kind == EdgeKind::PartOf
                    && matches!(graph[e.target()], Node::Entity { .. })
            })
            .map(|e| e.target())
    };
    graph
        .node_indices()
        .map(|ix| {
            let mut chain = Vec::new();
            if !matches!(graph[ix], Node::Entity { .. }) {
                return chain;
            }
            let mut at = ix;
            while let Some(p) = parent(at) {
                if p == ix || chain.contains(&p) {
                    break;
                }
                chain.push(p);
                at = p;
            }
            chain
        })
        .collect()
}

/// How many times each node was named, in all reports, by node index: the mentions on the
/// edges into it, plus those that named it as a feature on an edge into its family. This is
/// what the edges show, so a node a filter keeps has at least that many mentions in view.
pub fn mention_counts(g: &KnowledgeGraph) -> Vec<usize> {
    let graph = &g.graph;
    let index: HashMap<&str, NodeIndex> = graph
        .node_indices()
        .map(|ix| (graph[ix].id(), ix))
        .collect();
    let mut counts = vec![0usize; graph.node_count()];
    for e in graph.edge_references() {
        let edge = e.weight();
        if edge.kind != EdgeKind::Mentions {
            continue;
        }
        counts[e.target().index()] += edge.count;
        for (feature, n) in edge.features().iter().zip(edge.feature_counts()) {
            if let Some(&ix) = index.get(feature.as_str()) {
                counts[ix.index()] += n;
            }
        }
    }
    counts
}

/// Provider and category of each node by index: its own, or for a feature without them its
/// family's. What the filters (and the HTML view's selects) compare.
pub fn classes(g: &KnowledgeGraph) -> Vec<(Option<&str>, Option<&str>)> {
    classes_with(g, &families(g))
}

fn classes_with<'g>(
    g: &'g KnowledgeGraph,
    families: &[Vec<NodeIndex>],
) -> Vec<(Option<&'g str>, Option<&'g str>)> {
    let inherited = |ix: usize, own: fn(&Node) -> Option<&str>| {
        own(&g.graph[NodeIndex::new(ix)])
            .or_else(|| families[ix].iter().find_map(|p| own(&g.graph[*p])))
    };
    (0..g.graph.node_count())
        .map(|ix| (inherited(ix, provider_of), inherited(ix, category_of)))
        .collect()
}

/// The graph with only what `filter` keeps. A mentions edge whose features were filtered out
/// names only what is left: its `features` lose them, and their evidence names the edge's
/// target instead.
pub fn apply(g: KnowledgeGraph, filter: &Filter) -> KnowledgeGraph {
    if filter.is_empty() {
        return g;
    }
    let families = families(&g);
    let mut keep: Vec<bool> = {
        let counts = mention_counts(&g);
        let classes = classes_with(&g, &families);
        g.graph
            .node_indices()
            .map(|ix| {
                let (provider, category) = classes[ix.index()];
                filter.keeps(&g.graph[ix], provider, category, counts[ix.index()])
            })
            .collect()
    };
    // a feature named only on its family's edge has no edge of its own: it goes with its
    // family, or it would stay without a mention in view
    let has_edge: Vec<bool> = g
        .graph
        .node_indices()
        .map(|ix| {
            g.graph
                .edges_directed(ix, Direction::Incoming)
                .any(|e| e.weight().kind == EdgeKind::Mentions)
        })
        .collect();
    loop {
        let mut changed = false;
        for ix in 0..keep.len() {
            if keep[ix]
                && !has_edge[ix]
                && let Some(family) = families[ix].first()
                && !keep[family.index()]
            {
                keep[ix] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let kept: HashSet<&str> = g
        .graph
        .node_indices()
        .filter(|ix| keep[ix.index()])
        .map(|ix| g.graph[ix].id())
        .collect();
    let graph = g.graph.filter_map(
        |ix, node| keep[ix.index()].then(|| node.clone()),
        |e, edge| {
            let mut edge = edge.clone();
            if edge.features().iter().all(|f| kept.contains(f.as_str())) {
                return Some(edge);
            }
            let target = g.graph.edge_endpoints(e).map(|(_, b)| g.graph[b].id())?;
            let (features, counts) = edge
                .features()
                .iter()
                .zip(edge.feature_counts())
                .filter(|(f, _)| kept.contains(f.as_str()))
                .map(|(f, n)| (f.clone(), *n))
                .unzip();
            let mut evidence = edge.more.take().map(|m| m.evidence).unwrap_or_default();
            for ev in &mut evidence {
                if !kept.contains(&*ev.entity) {
                    ev.entity = target.into();
                }
            }
            edge.set_more(features, counts, evidence);
            Some(edge)
        },
    );
    KnowledgeGraph {
        graph,
        documents: g.documents,
    }
}

fn provider_of(n: &Node) -> Option<&str> {
    match n {
        Node::Entity { provider, .. } => provider.as_deref(),
        _ => None,
    }
}

fn category_of(n: &Node) -> Option<&str> {
    match n {
        Node::Entity { category, .. } => category.as_deref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Kind;
    use crate::graph::{Confidence, Edge, Evidence};
    use petgraph::graph::DiGraph;

    fn entity(id: &str, kind: Kind, provider: Option<&str>, category: &str) -> Node {
        Node::Entity {
            id: id.to_string(),
            kind,
            name: id.to_string(),
            short: None,
            aliases: Vec::new(),
            provider: provider.map(str::to_string),
            category: Some(category.to_string()),
            repository: None,
        }
    }

    /// `count` mentions, `features` of them naming a feature of the target.
    fn mentions(count: usize, features: &[(&str, usize)]) -> Edge {
        let mut edge = Edge {
            count,
            lines: vec![1],
            ..Edge::plain(EdgeKind::Mentions)
        };
        edge.set_more(
            features.iter().map(|(f, _)| f.to_string()).collect(),
            features.iter().map(|(_, n)| *n).collect(),
            Vec::new(),
        );
        edge
    }

    /// A talk mentioning Lambda 3 times, SSM once by its feature Parameter Store, Cloud Run
    /// once and Terraform twice; one speaker presents it.
    fn sample() -> KnowledgeGraph {
        let mut graph = DiGraph::new();
        let talk = graph.add_node(Node::Talk {
            id: "talk:t/1".into(),
            title: "T".into(),
            source: "t.md".into(),
            line: 1,
            session: false,
            confidence: Confidence::new(1.0),
            found_by: vec!["speaker line".into()],
        });
        let speaker = graph.add_node(Node::Speaker {
            id: "speaker:ann".into(),
            name: "Ann".into(),
            handle: None,
            affiliation: None,
            confidence: Confidence::new(1.0),
            found_by: vec!["label".into()],
        });
        let lambda = graph.add_node(entity(
            "service:lambda",
            Kind::Service,
            Some("aws"),
            "compute",
        ));
        let ssm = graph.add_node(entity(
            "service:ssm",
            Kind::Service,
            Some("aws"),
            "management",
        ));
        let ps = graph.add_node(entity(
            "service:parameter-store",
            Kind::Service,
            Some("aws"),
            "management",
        ));
        let run = graph.add_node(entity(
            "service:cloud-run",
            Kind::Service,
            Some("gcp"),
            "compute",
        ));
        let tf = graph.add_node(entity("tool:terraform", Kind::Tool, None, "iac"));
        graph.add_edge(speaker, talk, Edge::plain(EdgeKind::Presents));
        graph.add_edge(talk, lambda, mentions(3, &[]));
        graph.add_edge(talk, ssm, mentions(1, &[("service:parameter-store", 1)]));
        graph.add_edge(ps, ssm, Edge::plain(EdgeKind::PartOf));
        graph.add_edge(talk, run, mentions(1, &[]));
        graph.add_edge(talk, tf, mentions(2, &[]));
        KnowledgeGraph {
            graph,
            documents: Vec::new(),
        }
    }

    fn ids(g: &KnowledgeGraph) -> Vec<&str> {
        g.graph.node_weights().map(Node::id).collect()
    }

    #[test]
    fn an_empty_filter_keeps_everything() {
        let g = apply(sample(), &Filter::default());
        assert_eq!(g.node_count(), 7);
        assert_eq!(g.edge_count(), 6);
    }

    #[test]
    fn counts_are_what_the_edges_show() {
        let g = sample();
        let counts = mention_counts(&g);
        let of = |id: &str| {
            g.graph
                .node_indices()
                .find(|ix| g.graph[*ix].id() == id)
                .map(|ix| counts[ix.index()])
        };
        assert_eq!(of("service:lambda"), Some(3));
        assert_eq!(of("service:ssm"), Some(1));
        assert_eq!(of("service:parameter-store"), Some(1));
        assert_eq!(of("talk:t/1"), Some(0));
    }

    #[test]
    fn a_feature_with_its_own_edge_stands_alone_and_shares_its_category() {
        let mut g = sample();
        let talk = NodeIndex::new(0);
        let ps = NodeIndex::new(4);
        // the talk also names Parameter Store alone, twice: an edge of its own
        g.graph.add_edge(talk, ps, mentions(2, &[]));
        if let Node::Entity { category, .. } = &mut g.graph[ps] {
            *category = None;
        }
        let f = Filter {
            categories: vec!["management".into()],
            min_mentions: 3,
            ..Filter::default()
        };
        let kept = apply(g, &f);
        // Parameter Store: 1 on the family edge + 2 on its own; SSM: only its edge's 1
        assert_eq!(
            ids(&kept),
            ["talk:t/1", "speaker:ann", "service:parameter-store"]
        );
        assert!(kept.graph.edge_weights().any(|e| e.count == 2));
    }

    #[test]
    fn a_feature_named_only_on_its_family_edge_goes_with_its_family() {
        let mut g = sample();
        let ps = NodeIndex::new(4);
        if let Node::Entity { category, .. } = &mut g.graph[ps] {
            *category = Some("security".into());
        }
        let kept = apply(
            g,
            &Filter {
                categories: vec!["security".into()],
                ..Filter::default()
            },
        );
        assert_eq!(ids(&kept), ["talk:t/1", "speaker:ann"]);
    }

    #[test]
    fn features_filtered_out_leave_no_trace_on_the_family_edge() {
        let mut g = sample();
        let ssm_edge = g
            .graph
            .edge_indices()
            .find(|e| !g.graph[*e].features().is_empty())
            .expect("the family edge");
        let edge = &mut g.graph[ssm_edge];
        let (features, counts) = (edge.features().to_vec(), edge.feature_counts().to_vec());
        edge.set_more(
            features,
            counts,
            vec![Evidence {
                report: 0,
                line: 1,
                column: 1,
                text: "Parameter Store".into(),
                in_code: false,
                entity: "service:parameter-store".into(),
            }],
        );
        let ps = NodeIndex::new(4);
        if let Node::Entity { category, .. } = &mut g.graph[ps] {
            *category = Some("config".into());
        }
        let kept = apply(
            g,
            &Filter {
                categories: vec!["management".into()],
                ..Filter::default()
            },
        );
        assert!(!ids(&kept).contains(&"service:parameter-store"));
        let edge = kept
            .graph
            .edge_weights()
            .find(|e| e.count == 1 && e.kind == EdgeKind::Mentions && !e.evidence().is_empty())
            .expect("the family edge stays");
        assert!(edge.features().is_empty() && edge.feature_counts().is_empty());
        assert_eq!(&*edge.evidence()[0].entity, "service:ssm");
    }

    #[test]
    fn kinds_keep_only_those_nodes_and_their_edges() {
        let g = apply(
            sample(),
            &Filter {
                kinds: vec![NodeKind::Talk, NodeKind::Tool],
                ..Filter::default()
            },
        );
        assert_eq!(ids(&g), ["talk:t/1", "tool:terraform"]);
        assert_eq!(g.edge_count(), 1);
    }

    #[test]
    fn providers_narrow_entities_and_none_means_no_provider() {
        let only_aws = Filter {
            providers: vec!["AWS".into()],
            ..Filter::default()
        };
        let g = apply(sample(), &only_aws);
        assert_eq!(
            ids(&g),
            [
                "talk:t/1",
                "speaker:ann",
                "service:lambda",
                "service:ssm",
                "service:parameter-store"
            ]
        );
        let gcp_and_tools = Filter {
            providers: vec!["gcp".into(), NO_PROVIDER.into()],
            ..Filter::default()
        };
        let g = apply(sample(), &gcp_and_tools);
        assert_eq!(
            ids(&g),
            [
                "talk:t/1",
                "speaker:ann",
                "service:cloud-run",
                "tool:terraform"
            ]
        );
    }

    #[test]
    fn categories_and_min_mentions_combine() {
        let g = apply(
            sample(),
            &Filter {
                categories: vec!["compute".into(), "iac".into()],
                min_mentions: 2,
                ..Filter::default()
            },
        );
        assert_eq!(
            ids(&g),
            [
                "talk:t/1",
                "speaker:ann",
                "service:lambda",
                "tool:terraform"
            ]
        );
        assert_eq!(g.edge_count(), 3);
    }
}

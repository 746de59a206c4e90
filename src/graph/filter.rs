//! Narrowing a built graph: keep some kinds of node, the services and tools of some providers
//! or categories, or those mentioned often enough. Every exporter sees the narrowed graph, so
//! a filter means the same in every format.
//!
//! A filter removes nodes and every edge that touches them; it never invents edges. The nodes
//! and edges that stay keep their order, so the output stays deterministic.

use std::collections::BTreeMap;

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

    fn keeps(&self, node: &Node, mentions: usize) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&node.kind()) {
            return false;
        }
        let Node::Entity {
            provider, category, ..
        } = node
        else {
            return true;
        };
        let listed = |list: &[String], value: Option<&str>| {
            list.is_empty()
                || list
                    .iter()
                    .any(|want| want.eq_ignore_ascii_case(value.unwrap_or(NO_PROVIDER)))
        };
        listed(&self.providers, provider.as_deref())
            && listed(&self.categories, category.as_deref())
            && mentions >= self.min_mentions
    }
}

/// How many times each service or tool node was named, in all reports: the mentions on
/// edges into it, plus the mentions that named it as a feature on an edge into its family.
/// Counts, not evidence: a graph without evidence filters the same.
pub fn mention_counts(g: &KnowledgeGraph) -> BTreeMap<&str, usize> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in g.graph.edge_indices() {
        let edge = &g.graph[e];
        if edge.kind != EdgeKind::Mentions {
            continue;
        }
        let Some((_, to)) = g.graph.edge_endpoints(e) else {
            continue;
        };
        let target = g.graph[to].id();
        *counts.entry(target).or_default() += edge.count;
        for (feature, n) in edge.features.iter().zip(&edge.feature_counts) {
            *counts.entry(feature.as_str()).or_default() += n;
        }
    }
    counts
}

/// The graph with only what `filter` keeps.
pub fn apply(g: KnowledgeGraph, filter: &Filter) -> KnowledgeGraph {
    if filter.is_empty() {
        return g;
    }
    let keep: Vec<bool> = {
        let counts = mention_counts(&g);
        g.graph
            .node_weights()
            .map(|n| filter.keeps(n, counts.get(n.id()).copied().unwrap_or(0)))
            .collect()
    };
    let graph = g.graph.filter_map(
        |ix, node| keep[ix.index()].then(|| node.clone()),
        |_, edge| Some(edge.clone()),
    );
    KnowledgeGraph {
        graph,
        documents: g.documents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Kind;
    use crate::graph::Edge;
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
        Edge {
            kind: EdgeKind::Mentions,
            count,
            lines: vec![1],
            in_code: 0,
            features: features.iter().map(|(f, _)| f.to_string()).collect(),
            feature_counts: features.iter().map(|(_, n)| *n).collect(),
            evidence: Vec::new(),
        }
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
        });
        let speaker = graph.add_node(Node::Speaker {
            id: "speaker:ann".into(),
            name: "Ann".into(),
            handle: None,
            affiliation: None,
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
    fn counts_include_features_named_on_a_family_edge() {
        let g = sample();
        let counts = mention_counts(&g);
        assert_eq!(counts["service:lambda"], 3);
        assert_eq!(counts["service:ssm"], 1);
        assert_eq!(counts["service:parameter-store"], 1);
        assert_eq!(counts.get("talk:t/1"), None);
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

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

/// How many times each node was named, in all reports, by node index: the mentions that
/// named it, plus those that named any feature below it (a mention of Parameter Store counts
/// for Parameter Store and for AWS Systems Manager). Counts, not evidence: a graph without
/// evidence counts the same.
pub fn mention_counts(g: &KnowledgeGraph) -> Vec<usize> {
    let graph = &g.graph;
    let index: HashMap<&str, NodeIndex> = graph
        .node_indices()
        .map(|ix| (graph[ix].id(), ix))
        .collect();
    let mut direct = vec![0usize; graph.node_count()];
    for e in graph.edge_references() {
        let edge = e.weight();
        if edge.kind != EdgeKind::Mentions {
            continue;
        }
        let mut to_target = edge.count;
        for (feature, n) in edge.features.iter().zip(&edge.feature_counts) {
            if let Some(&ix) = index.get(feature.as_str()) {
                direct[ix.index()] += n;
                to_target = to_target.saturating_sub(*n);
            }
        }
        direct[e.target().index()] += to_target;
    }
    let mut total = direct.clone();
    for (ix, chain) in families(g).iter().enumerate() {
        for p in chain {
            total[p.index()] += direct[ix];
        }
    }
    total
}

/// The graph with only what `filter` keeps. A mentions edge whose features were filtered out
/// names only what is left: its `features` lose them, and their evidence names the edge's
/// target instead.
pub fn apply(g: KnowledgeGraph, filter: &Filter) -> KnowledgeGraph {
    if filter.is_empty() {
        return g;
    }
    let keep: Vec<bool> = {
        let counts = mention_counts(&g);
        let families = families(&g);
        // a feature without a provider or category has its family's
        let inherited = |ix: usize, own: fn(&Node) -> Option<&str>| {
            own(&g.graph[NodeIndex::new(ix)])
                .or_else(|| families[ix].iter().find_map(|p| own(&g.graph[*p])))
        };
        g.graph
            .node_indices()
            .map(|ix| {
                let i = ix.index();
                filter.keeps(
                    &g.graph[ix],
                    inherited(i, provider_of),
                    inherited(i, category_of),
                    counts[i],
                )
            })
            .collect()
    };
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
            if edge.features.iter().all(|f| kept.contains(f.as_str())) {
                return Some(edge);
            }
            let target = g.graph.edge_endpoints(e).map(|(_, b)| g.graph[b].id())?;
            let (features, counts) = edge
                .features
                .iter()
                .zip(&edge.feature_counts)
                .filter(|(f, _)| kept.contains(f.as_str()))
                .map(|(f, n)| (f.clone(), *n))
                .unzip();
            (edge.features, edge.feature_counts) = (features, counts);
            for ev in &mut edge.evidence {
                if !kept.contains(&*ev.entity) {
                    ev.entity = target.into();
                }
            }
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
    use crate::graph::{Edge, Evidence};
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
    fn counts_include_features_and_reach_the_family() {
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
    fn a_feature_named_alone_counts_for_its_family_and_shares_its_category() {
        let mut g = sample();
        let talk = NodeIndex::new(0);
        let ps = NodeIndex::new(4);
        // a second talk names only Parameter Store, twice: its edge goes to the feature
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
        assert_eq!(
            ids(&kept),
            [
                "talk:t/1",
                "speaker:ann",
                "service:ssm",
                "service:parameter-store"
            ]
        );
    }

    #[test]
    fn features_filtered_out_leave_no_trace_on_the_family_edge() {
        let mut g = sample();
        let ssm_edge = g
            .graph
            .edge_indices()
            .find(|e| !g.graph[*e].features.is_empty())
            .expect("the family edge");
        g.graph[ssm_edge].evidence = vec![Evidence {
            report: 0,
            line: 1,
            column: 1,
            text: "Parameter Store".into(),
            in_code: false,
            entity: "service:parameter-store".into(),
        }];
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
            .find(|e| e.count == 1 && e.kind == EdgeKind::Mentions && !e.evidence.is_empty())
            .expect("the family edge stays");
        assert!(edge.features.is_empty() && edge.feature_counts.is_empty());
        assert_eq!(&*edge.evidence[0].entity, "service:ssm");
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

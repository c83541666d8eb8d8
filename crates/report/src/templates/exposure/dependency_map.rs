//! The dependency section's map: every provider, critical system and
//! production process of the registers, with what runs or reaches what and
//! what needs what, single points of failure outlined in red. Built from
//! the dependency analysis's graph (its nodes and edges), so the map and the
//! tables beside it never disagree.

use ironbridge_core::dependencies::{DependencyAnalysis, EdgeKind, NodeKind};

use crate::charts::{Chart, DependencyMap, MapLink, MapNode};
use crate::layout::blocks::{Block, Paragraph};
use crate::layout::text::Span;
use crate::style::Theme;
use crate::templates::format::RED;

/// The map and its key, kept on one page; nothing when the graph has no
/// system.
pub(super) fn map_block(analysis: &DependencyAnalysis, theme: &Theme) -> Option<Block> {
    let map = dependency_map(analysis)?;
    let rows = map
        .providers
        .len()
        .max(map.systems.len())
        .max(map.processes.len());
    // About 24 pt a box, within what a page holds with the section's head.
    let height = (rows as f32 * 24.0 + 20.0).clamp(120.0, 560.0);
    Some(Block::KeepTogether(vec![
        Block::chart(Chart::DependencyMap(map), height),
        Paragraph::new(vec![Span::regular(
            "A solid line: the provider runs or hosts the system; dashed: it can reach the system with its \
             access. A system's line to a process: the process needs it. Red outline: a single point of \
             failure, whose loss alone stops production.",
        )])
        .size(7.8)
        .colour(theme.muted)
        .into(),
    ]))
}

/// The map's columns and links from the analysis's graph.
fn dependency_map(analysis: &DependencyAnalysis) -> Option<DependencyMap> {
    let column = |kind: NodeKind| -> Vec<&ironbridge_core::dependencies::Node> {
        analysis.nodes.iter().filter(|n| n.kind == kind).collect()
    };
    let (providers, systems, processes) = (
        column(NodeKind::Provider),
        column(NodeKind::System),
        column(NodeKind::Process),
    );
    if systems.is_empty() {
        return None;
    }
    let at = |nodes: &[&ironbridge_core::dependencies::Node], key: &str| {
        nodes.iter().position(|n| n.key == key)
    };
    let mut provider_links = Vec::new();
    let mut process_links = Vec::new();
    for edge in &analysis.edges {
        match edge.kind {
            EdgeKind::Hosts | EdgeKind::Reaches => {
                if let (Some(from), Some(to)) = (at(&providers, &edge.from), at(&systems, &edge.to))
                {
                    // Hosting and access to the same system: one line, solid.
                    let dashed = edge.kind == EdgeKind::Reaches;
                    match provider_links
                        .iter_mut()
                        .find(|l: &&mut MapLink| l.from == from && l.to == to)
                    {
                        Some(existing) => existing.dashed &= dashed,
                        None => provider_links.push(MapLink { from, to, dashed }),
                    }
                }
            }
            EdgeKind::Serves => {
                if let (Some(from), Some(to)) = (at(&systems, &edge.from), at(&processes, &edge.to))
                {
                    process_links.push(MapLink {
                        from,
                        to,
                        dashed: false,
                    });
                }
            }
            EdgeKind::Supports => {}
        }
    }
    let nodes = |list: &[&ironbridge_core::dependencies::Node]| {
        list.iter()
            .map(|n| MapNode {
                label: n.label.clone(),
                emphasis: n.single_point_of_failure,
            })
            .collect()
    };
    Some(DependencyMap {
        titles: [
            "Providers".to_owned(),
            "Critical systems".to_owned(),
            "Production processes".to_owned(),
        ],
        providers: nodes(&providers),
        systems: nodes(&systems),
        processes: nodes(&processes),
        provider_links,
        process_links,
        emphasis: RED,
    })
}

#[cfg(test)]
mod tests {
    use ironbridge_core::Bank;
    use ironbridge_core::assessment::Assessment;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;

    use super::*;
    use crate::templates::ReportData;

    #[test]
    fn the_map_has_every_node_and_link_of_the_graph() {
        let bank = Bank::shipped().expect("bank");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("demo");
        let data = ReportData::compute(&bank, &assessment);
        let analysis = &data.dependencies;
        let map = dependency_map(analysis).expect("the demo has systems");
        let count = |kind| analysis.nodes.iter().filter(|n| n.kind == kind).count();
        assert_eq!(map.providers.len(), count(NodeKind::Provider));
        assert_eq!(map.systems.len(), count(NodeKind::System));
        assert_eq!(map.processes.len(), count(NodeKind::Process));
        let serves = analysis
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Serves)
            .count();
        assert_eq!(map.process_links.len(), serves);
        let spofs = map
            .providers
            .iter()
            .chain(&map.systems)
            .filter(|n| n.emphasis)
            .count();
        assert_eq!(spofs, analysis.single_points_of_failure.len());
        assert!(!map.provider_links.is_empty());
    }
}

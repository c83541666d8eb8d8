import { describe, expect, it } from "vitest";
import { NODE_H, edgePath, layout } from "./graph";
import type { GraphEdgeDto, GraphNodeDto } from "./bindings";

const node = (kind: string, id: string, spof = false): GraphNodeDto => ({
  key: `${kind}:${id}`,
  kind,
  label: id,
  single_point_of_failure: spof,
});

describe("dependency diagram layout", () => {
  it("puts providers, systems and processes in three columns", () => {
    const nodes = [node("provider", "msp"), node("system", "erp"), node("process", "dispatch")];
    const edges: GraphEdgeDto[] = [
      { from: "provider:msp", to: "system:erp", kind: "hosts" },
      { from: "system:erp", to: "process:dispatch", kind: "serves" },
    ];
    const l = layout(nodes, edges, 900);
    const x = (key: string) => l.nodes.find((p) => p.node.key === key)!.x;
    expect(x("provider:msp")).toBeLessThan(x("system:erp"));
    expect(x("system:erp")).toBeLessThan(x("process:dispatch"));
    expect(l.edges).toHaveLength(2);
  });

  it("orders a column by what points at it, so edges do not cross", () => {
    const nodes = [node("provider", "a"), node("provider", "b"), node("system", "of-b"), node("system", "of-a")];
    const edges: GraphEdgeDto[] = [
      { from: "provider:a", to: "system:of-a", kind: "hosts" },
      { from: "provider:b", to: "system:of-b", kind: "hosts" },
    ];
    const l = layout(nodes, edges);
    const y = (key: string) => l.nodes.find((p) => p.node.key === key)!.y;
    expect(y("system:of-a")).toBeLessThan(y("system:of-b"));
  });

  it("drops edges to unknown nodes and draws paths between node sides", () => {
    const l = layout([node("system", "erp")], [{ from: "provider:gone", to: "system:erp", kind: "hosts" }]);
    expect(l.edges).toEqual([]);
    const [p] = l.nodes;
    expect(edgePath(p!, p!)).toContain(`${p!.y + NODE_H / 2}`);
  });
});

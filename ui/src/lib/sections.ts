// The report's optional sections, in report order, as the Report screen
// offers them: the key the backend knows (the report's `OptionalSection`;
// a Rust test checks this list against it) and the title the PDF prints.
// The cover, the board and executive summaries, the method and the sign-off
// are always in the report.

export interface OptionalSection {
  key: string;
  title: string;
}

export const OPTIONAL_SECTIONS: readonly OptionalSection[] = [
  { key: "money", title: "Money at risk" },
  { key: "dependencies", title: "Dependencies and single points of failure" },
  { key: "findings", title: "Findings by domain" },
  { key: "roadmap", title: "Prioritised roadmap" },
  { key: "frameworks", title: "Framework coverage" },
  { key: "glossary", title: "Glossary" },
  { key: "answers", title: "Appendix A: every answer" },
];

/** The keys to leave out: every section not ticked. */
export function omitted(included: Record<string, boolean>): string[] {
  return OPTIONAL_SECTIONS.filter((s) => included[s.key] === false).map((s) => s.key);
}

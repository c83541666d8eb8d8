// Moving an assessment onto a newer bank, as the home screen and its dialog
// show it: bank names, the plan's counts in words, its
// items grouped by what happens to them (what needs the user first), and the
// message once the move is done. The plan itself is the backend's.
import type { MigratedDto, MigrationChangeDto, MigrationItemDto, MigrationPlanDto } from "./bindings";

/** The major version of a bank version ("2.0.0" → 2), or null when it does not read. */
export function majorOf(version: string): number | null {
  const major = /^(\d+)(?:\.|$)/.exec(version.trim());
  return major ? Number(major[1]) : null;
}

/** "bank 2" for "2.0.0" (the version itself when it does not read). */
export function bankName(version: string): string {
  return `bank ${majorOf(version) ?? version}`;
}

/** One group of the plan, as the dialog lists it. */
export type PlanSection = {
  change: MigrationChangeDto;
  heading: string;
  /** What the group means, in a sentence. */
  explain: string;
  items: MigrationItemDto[];
  /** Shown open: the groups that ask something of the user. */
  open: boolean;
};

/** The groups in the order the dialog shows them: what needs the user first, unchanged answers last. */
const SECTIONS: readonly Omit<PlanSection, "items">[] = [
  {
    change: "answer_again",
    heading: "To answer again",
    explain: "The old answer does not fit the new question: it is not carried over.",
    open: true,
  },
  {
    change: "new_unanswered",
    heading: "New and unanswered",
    explain: "Questions the new bank adds: they open unanswered.",
    open: true,
  },
  {
    change: "moved",
    heading: "Moved",
    explain: "The answer is carried to another question, or its level is translated to the new levels.",
    open: true,
  },
  {
    change: "merged",
    heading: "Merged into another answer",
    explain: "Topics scored twice are now scored once: another old answer already fills the new question.",
    open: true,
  },
  {
    change: "retired",
    heading: "Retired",
    explain: "The question is no longer asked. The answer stays readable in the old assessment.",
    open: true,
  },
  {
    change: "kept",
    heading: "Kept",
    explain: "Same question, same answer. Read the notes: some levels were reworded.",
    open: false,
  },
];

/** The plan's items grouped by what happens to them, empty groups left out. */
export function planSections(plan: MigrationPlanDto): PlanSection[] {
  return SECTIONS.map((s) => ({ ...s, items: plan.items.filter((i) => i.change === s.change) })).filter(
    (s) => s.items.length > 0,
  );
}

/** The counts as the dialog's summary line: the four the user always sees, then any others. */
export function countsInWords(plan: MigrationPlanDto): string[] {
  const c = plan.counts;
  const words = [`${c.kept} kept`, `${c.moved} moved`, `${c.new_unanswered} new and unanswered`, `${c.retired} retired`];
  if (c.merged > 0) words.push(`${c.merged} merged into another answer`);
  if (c.answer_again > 0) words.push(`${c.answer_again} to answer again`);
  return words;
}

/** The ids an item names, as a reference: "GOV-05 → OT-01", "OT-10", "INS-09". */
export function itemReference(item: MigrationItemDto): string {
  const from = item.from?.id;
  const to = item.to?.id;
  if (from && to && from !== to) return `${from} → ${to}`;
  return from ?? to ?? "";
}

/** The title an item is listed under: the new question's, else the old one's, else its reference. */
export function itemTitle(item: MigrationItemDto): string {
  return item.to?.title ?? item.from?.title ?? itemReference(item);
}

/** The old question's title when the answer moves to a question with another title. */
export function previousTitle(item: MigrationItemDto): string | null {
  const from = item.from?.title ?? null;
  return from !== null && item.to !== null && item.to.title !== from ? from : null;
}

/** What the toast says once the move is done: where the new one is, and that the old one is kept. */
export function movedMessage(moved: MigratedDto): string {
  const to = bankName(moved.plan.to_version);
  const from = bankName(moved.plan.from_version);
  const left = moved.plan.counts.new_unanswered + moved.plan.counts.answer_again;
  const todo = left === 0 ? "" : ` ${left} ${left === 1 ? "question is" : "questions are"} left to answer.`;
  return `Moved to ${to} as a new draft assessment. The ${from} assessment is kept unchanged.${todo}`;
}

// The UI's only way to the backend: the generated bindings, with each
// command's error turned into an `AppFailure` whose text a person can act on.
import { commands, type CommandError } from "./bindings";

/** A failed command, with a human sentence to show. */
export class AppFailure extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(humanMessage(code, detail));
    this.name = "AppFailure";
  }
}

/** The text shown for an error code; the backend's own sentence is kept as detail. */
export function humanMessage(code: string, detail: string): string {
  switch (code) {
    case "store.busy":
      return "The database is busy (another program is writing to it). Wait a moment, then retry.";
    case "store.unavailable":
      return `The database cannot be reached: ${detail}.`;
    case "store.url_invalid":
    case "store.url_scheme":
      return `That database address is not usable: ${detail}.`;
    case "store.io":
      return `The data folder cannot be used (${detail}).`;
    case "store.corrupt":
      return `Stored data is damaged and cannot be read (${detail}).`;
    case "store.not_found":
      return "That assessment is no longer in the database.";
    case "store.exists":
      return "That assessment is already in the database: it was imported before.";
    case "store.database":
      return `The database refused the change (${detail}). Nothing was saved.`;
    case "assessment.invalid_detail":
      return `Please check the form: ${detail}.`;
    case "answer.invalid":
      return `That answer does not fit the question: ${detail}.`;
    case "registers.invalid":
      return `The registers were not saved: ${detail}.`;
    case "import.passphrase_required":
      return "This bundle is encrypted: enter its passphrase, then import it again.";
    case "import.passphrase_wrong":
      return "That passphrase does not open this bundle.";
    case "import.bank_mismatch":
    case "import.bank_version":
      return `This bundle was made with another question bank (${detail}).`;
    case "import.read":
      // A parser's position ("Line 1, column 2: expected ident") means the file is not a bundle at all.
      return /^line \d+, column \d+/i.test(detail)
        ? `That file is not an Ironbridge bundle: choose a file exported with "Export bundle…" (the file's text stops making sense at ${detail.charAt(0).toLowerCase()}${detail.slice(1)}).`
        : `The bundle cannot be read: ${detail}.`;
    case "import.too_large":
      return `The bundle cannot be read: ${detail}.`;
    case "report.invalid_colour":
      return "The accent colour must be written #rrggbb, for example #1e6aa0.";
    case "report.invalid_image":
    case "report.image_too_large":
      return `That logo cannot be used: ${detail}.`;
    case "file.write":
    case "file.read":
    case "file.open":
    case "export.write":
      return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`;
    case "exposure.invalid_assumption":
      return `That assumption cannot be used: ${detail}.`;
    case "store.log_not_signed":
      return `Nothing was saved: this assessment's audit log is not signed with this computer's audit key (${detail}). On a team database, install the team's audit key; otherwise check the log with "ironbridge verify-log".`;
    case "store.audit_key_io":
    case "store.audit_key_malformed":
    case "store.audit_key_location":
      return `The audit key cannot be used, so nothing was saved: ${detail}.`;
    case "store.not_a_database":
    case "store.foreign_database":
      return `That database cannot be used: ${detail}.`;
    case "migration.unavailable":
      return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}. Nothing was stored, and the assessment is unchanged.`;
    case "bank.invalid":
      return "The question bank shipped with this build is damaged. Please reinstall Ironbridge.";
    case "ipc":
      return `The app's back end did not answer (${detail}).`;
    default:
      return detail.length > 0 ? `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.` : "Something went wrong.";
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

async function call<T>(promise: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await promise;
  } catch (err) {
    // Framework-level failures (an unknown command, a denied permission) reject as plain values.
    throw new AppFailure("ipc", err instanceof Error ? err.message : String(err));
  }
  if (outcome.status === "error") {
    const error: unknown = outcome.error;
    // A denied permission or a malformed argument rejects with a plain string, not a CommandError.
    if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
      throw new AppFailure(String(error.code), String(error.message));
    }
    throw new AppFailure("ipc", String(error));
  }
  return outcome.data;
}

export const api = {
  bank: (assessmentId: string | null = null) => call(commands.getBank(assessmentId)),
  list: () => call(commands.listAssessments()),
  create: (details: Parameters<typeof commands.createAssessment>[0]) => call(commands.createAssessment(details)),
  createDemo: () => call(commands.createDemoAssessment()),
  open: (id: string) => call(commands.openAssessment(id)),
  saveAnswer: (id: string, answer: Parameters<typeof commands.saveAnswer>[1]) => call(commands.saveAnswer(id, answer)),
  score: (id: string) => call(commands.scoreAssessment(id)),
  saveRegisters: (id: string, registers: Parameters<typeof commands.saveRegisters>[1]) =>
    call(commands.saveRegisters(id, registers)),
  narrative: (id: string) => call(commands.getNarrative(id)),
  saveNarrative: (id: string, narrative: Parameters<typeof commands.saveNarrative>[1]) =>
    call(commands.saveNarrative(id, narrative)),
  exportPdf: (id: string, branding: Parameters<typeof commands.exportPdf>[1]) => call(commands.exportPdf(id, branding)),
  exportBundle: (id: string, passphrase: string | null) => call(commands.exportBundle(id, passphrase)),
  importBundle: (passphrase: string | null) => call(commands.importBundle(passphrase)),
  settings: () => call(commands.getSettings()),
  saveSettings: (settings: Parameters<typeof commands.saveSettings>[0]) => call(commands.saveSettings(settings)),
  chooseLogo: () => call(commands.chooseLogo()),
  clearLogo: () => call(commands.clearLogo()),
  dataLocation: () => call(commands.getDataLocation()),
  /** The money at risk under the assumptions saved with the assessment. */
  exposure: (id: string) => call(commands.getExposure(id)),
  /** Saves the exposure assumptions the user changed (they replace the saved ones). */
  saveAssumptions: (id: string, overrides: Parameters<typeof commands.saveAssumptions>[1]) =>
    call(commands.saveAssumptions(id, overrides)),
  /** What moving an assessment onto the current bank would do; nothing is stored. */
  migrationPlan: (id: string) => call(commands.migrationPlan(id)),
  /** Moves an assessment onto the current bank as a new draft; the old one is kept unchanged. */
  migrateAssessment: (id: string) => call(commands.migrateAssessment(id)),
  /** The roadmap's gaps in order, each with its plan entry (owner, target date, effort, status). */
  roadmapPlan: (id: string) => call(commands.getRoadmapPlan(id)),
  /** Saves one gap's plan entry; an entry with nothing set removes it. */
  savePlanItem: (id: string, question: string, item: Parameters<typeof commands.savePlanItem>[2]) =>
    call(commands.savePlanItem(id, question, item)),
  /** Opens the PDF exported last in the system's viewer. */
  openExportedPdf: () => call(commands.openExportedPdf()),
  /** Core's rules on the wizard's details, as the user types: every problem with its field. */
  checkDetails: (details: Parameters<typeof commands.checkDetails>[0]) => commands.checkDetails(details),
  /** Core's rules on the registers, as the user edits: every problem with its row. */
  checkRegisters: (registers: Parameters<typeof commands.checkRegisters>[0]) => commands.checkRegisters(registers),
  /** Tells the backend the first screen is drawn (it logs the start-up time). */
  uiReady: () => commands.uiReady(),
};

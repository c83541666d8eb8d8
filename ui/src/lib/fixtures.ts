// A small bank for the unit tests: two domains, each kind of question once.
import type { BankDto, QuestionDto } from "./bindings";

const levels = ["none", "ad hoc", "defined", "managed", "tested"];

function question(id: string, kind: QuestionDto["kind"], scored = true): QuestionDto {
  return {
    id,
    title: `Title of ${id}`,
    text: `Text of ${id}: is there an offline backup?`,
    guidance: "guidance",
    prompt: "prompt",
    kind,
    scored,
    criticality: scored ? "high" : null,
    refs: [],
  };
}

export const BANK: BankDto = {
  id: "test-bank",
  version: "1.0.0",
  title: "Test bank",
  profiles: [{ id: "standard", name: "Standard", description: "" }],
  domains: [
    {
      code: "GOV",
      name: "Governance",
      summary: "",
      questions: [
        question("GOV-01", { kind: "maturity", levels }),
        question("GOV-02", {
          kind: "choice",
          options: [
            { value: "none", label: "No policy", level: 0 },
            { value: "bi", label: "With business interruption", level: 4 },
          ],
        }),
      ],
    },
    {
      code: "REC",
      name: "Recovery",
      summary: "",
      questions: [
        question("REC-01", { kind: "maturity", levels }),
        question("REC-02", { kind: "yes_no" }, false),
        question("REC-03", { kind: "number", unit: "hours", min: 0, max: 2000 }, false),
      ],
    },
  ],
  level_rule: null,
};

import { describe, expect, it } from "vitest";
import { humanMessage } from "./api";

describe("error messages", () => {
  it("a file that is not a bundle says so, not only where the parser stopped", () => {
    const text = humanMessage("import.read", "Line 1, column 2: expected ident");
    expect(text).toMatch(/^That file is not an Ironbridge bundle/);
    expect(text).toContain("line 1, column 2: expected ident");
  });

  it("other unreadable bundles keep the backend's reason", () => {
    expect(humanMessage("import.read", "the file is empty")).toBe("The bundle cannot be read: the file is empty.");
  });

  it("a log signed with another key says nothing was saved and what to do", () => {
    const text = humanMessage("store.log_not_signed", "the head was signed with key 0123456789abcdef");
    expect(text).toMatch(/^Nothing was saved/);
    expect(text).toContain("0123456789abcdef");
    expect(text).toContain("team's audit key");
  });
});

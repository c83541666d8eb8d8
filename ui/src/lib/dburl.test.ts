import { describe, expect, it } from "vitest";
import { joinPassword, maskPassword, splitPassword } from "./dburl";

describe("team database address and password", () => {
  it("splits the password out of the address and puts it back", () => {
    const url = "postgres://ironbridge:s3cr%40t@db.example:5432/ironbridge";
    const { address, password } = splitPassword(url);
    expect(address).toBe("postgres://ironbridge@db.example:5432/ironbridge");
    expect(password).toBe("s3cr@t");
    expect(joinPassword(address, password)).toBe(url);
  });

  it("leaves an address without a password alone", () => {
    expect(splitPassword("postgres://u@h/db")).toEqual({ address: "postgres://u@h/db", password: "" });
    expect(splitPassword("")).toEqual({ address: "", password: "" });
    expect(joinPassword("postgres://u@h/db", "")).toBe("postgres://u@h/db");
    expect(joinPassword("postgres://h/db", "pw")).toBe("postgres://h/db");
  });

  it("masks a password wherever the address is shown", () => {
    expect(maskPassword("postgres://u:topsecret@h:5432/db")).toBe("postgres://u:••••@h:5432/db");
    expect(maskPassword("postgres://u@h/db")).toBe("postgres://u@h/db");
    expect(maskPassword("postgres://u:p@ss@h/db")).not.toContain("p@ss");
  });
});

import { describe, expect, it } from "vitest";
import { commandWord } from "../../src/cli/program.js";

describe("which command a command line runs", () => {
  it("skips global options and their values", () => {
    expect(commandWord(["--dir", "/p", "--target", "prod", "--var", "a=b", "plan", "--job", "x"])).toBe("plan");
    expect(commandWord(["--no-color", "--verbose", "validate"])).toBe("validate");
    expect(commandWord(["--host=https://h", "apply"])).toBe("apply");
  });
  it("has none for bare options (help, version)", () => {
    expect(commandWord(["--help"])).toBeUndefined();
    expect(commandWord(["--format", "json"])).toBeUndefined();
  });
});

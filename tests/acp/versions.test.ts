import { describe, expect, it } from "vitest";
import { AcpError } from "../../app/acp/errors";
import {
  LATEST_VERSION,
  parseApiVersion,
  SUPPORTED_VERSIONS,
} from "../../app/acp/versions";

describe("SUPPORTED_VERSIONS", () => {
  it("lists every released version, newest first", () => {
    expect(SUPPORTED_VERSIONS).toEqual([
      "2026-04-17",
      "2026-01-30",
      "2026-01-16",
      "2025-12-12",
      "2025-09-29",
    ]);
    expect(SUPPORTED_VERSIONS[0]).toBe(LATEST_VERSION);
  });
});

describe("parseApiVersion", () => {
  it.each(SUPPORTED_VERSIONS)("accepts %s", (version) => {
    expect(parseApiVersion(version)).toBe(version);
  });

  it("ignores surrounding spaces", () => {
    expect(parseApiVersion(" 2026-01-30 ")).toBe("2026-01-30");
  });

  it.each([
    [null, "missing_api_version"],
    ["", "missing_api_version"],
    ["   ", "missing_api_version"],
    ["2025-01-01", "unsupported_api_version"],
    ["2026-01-22", "unsupported_api_version"],
    ["unreleased", "unsupported_api_version"],
    ["2026-04-17, 2026-01-30", "unsupported_api_version"],
  ])("refuses %j with 400 %s and the supported list", (header, code) => {
    const error = parseApiVersion(header);

    expect(error).toBeInstanceOf(AcpError);
    expect(error).toMatchObject({
      status: 400,
      type: "invalid_request",
      code,
      supportedVersions: [...SUPPORTED_VERSIONS],
    });
  });

  it("quotes the refused version, as the RFC's example does", () => {
    const error = parseApiVersion("2025-01-01");

    expect(error instanceof AcpError && error.message).toBe(
      "API version '2025-01-01' is not supported.",
    );
  });
});

/**
 * The ACP API versions this app speaks, and the `API-Version` check every
 * request goes through first.
 *
 * The canonical model inside the app is the newest version; older versions
 * are mapped at the edge (app/acp/version-mapping/).
 */
import { AcpError } from "./errors";

/**
 * Newest first: the 2026-04-17 `Error.supported_versions` is "ordered by
 * preference (newest first)" (schema.agentic_checkout.json, `$defs/Error`).
 * The discovery document wants the opposite order (see discovery.ts).
 */
export const SUPPORTED_VERSIONS = [
  "2026-04-17",
  "2026-01-30",
  "2026-01-16",
  "2025-12-12",
  "2025-09-29",
] as const;

export type ApiVersion = (typeof SUPPORTED_VERSIONS)[number];

export const LATEST_VERSION = "2026-04-17" satisfies ApiVersion;

export function isApiVersion(value: string): value is ApiVersion {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(value);
}

/**
 * Reads the `API-Version` header. The RFC (rfc.agentic_checkout.md §2.1)
 * says a missing or unsupported version SHOULD get a 400 that lists the
 * supported versions, with the codes `missing_api_version` and
 * `unsupported_api_version`.
 */
export function parseApiVersion(header: string | null): ApiVersion | AcpError {
  const value = header?.trim() ?? "";
  if (value === "") {
    return new AcpError({
      status: 400,
      code: "missing_api_version",
      message: "The API-Version header is required.",
      supportedVersions: [...SUPPORTED_VERSIONS],
    });
  }
  if (isApiVersion(value)) return value;

  return new AcpError({
    status: 400,
    code: "unsupported_api_version",
    message: `API version '${value.slice(0, 40)}' is not supported.`,
    supportedVersions: [...SUPPORTED_VERSIONS],
  });
}

/** True when `version` is `since` or newer (dates compare as strings). */
export function isAtLeast(version: ApiVersion, since: ApiVersion): boolean {
  return version >= since;
}

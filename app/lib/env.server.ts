/**
 * The app's configuration: every environment variable it reads, checked once
 * with one schema. A bad environment fails at start with every problem
 * listed, never later on the first request that happens to need a value.
 * .env.example documents each variable.
 */
import { z } from "zod";
import { resolveDatabaseUrl } from "./database-url";

const LOG_LEVELS = [
  "trace",
  "debug",
  "info",
  "warn",
  "error",
  "fatal",
  "silent",
] as const;

const encryptionKey = z
  .string()
  .transform((value) => decodeKey(value))
  .refine((key) => key?.length === 32, {
    message:
      "must be 32 random bytes as base64 or 64 hex characters " +
      "(generate one: openssl rand -base64 32)",
  })
  .transform((key) => key as Buffer);

const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "the app's client id"),
  SHOPIFY_API_SECRET: z.string().min(1, "the app's client secret"),
  SHOPIFY_APP_URL: z.url("the public https URL of the app"),
  SCOPES: z
    .string()
    .default(
      "read_products,read_inventory,read_legal_policies,write_draft_orders,write_orders",
    )
    .transform((scopes) => scopes.split(",").map((scope) => scope.trim())),
  DATABASE_URL: z
    .string()
    .optional()
    .transform(resolveDatabaseUrl)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "must start with file: (SQLite) or postgresql://",
    }),
  APP_ENCRYPTION_KEY: encryptionKey,
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  // Where the Stripe client sends its calls. Unset means Stripe itself;
  // the offline sandbox and the tests point it at the Stripe emulator.
  STRIPE_API_BASE_URL: z.url().optional(),
  // Where the embedded page loads App Bridge from. Unset means Shopify's
  // CDN; only the offline sandbox, which cannot reach it, sets a stand-in.
  APP_BRIDGE_URL: z.url().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid environment (see .env.example):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "EnvError";
  }
}

/** Parses an environment; throws an EnvError naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const missing = issue.code === "invalid_type" && source[name] === undefined;

    return missing ? `${name} is required` : `${name} ${issue.message}`;
  });
  throw new EnvError(problems);
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use and then cached. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);

  return cached;
}

/** Forgets the cached configuration; for tests that change process.env. */
export function resetEnvForTests() {
  cached = undefined;
}

function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    return Buffer.from(value, "base64");
  }

  return undefined;
}

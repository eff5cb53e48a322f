/**
 * What the settings page's form actions send and answer, shared by the
 * route (app/routes/app.settings.tsx) and the cards that submit to it.
 */
export const SETTINGS_INTENTS = [
  "create-key",
  "revoke-key",
  "generate-signing-secret",
  "turn-off-signing",
  "set-rate-limit",
  "set-checkout-ttl",
] as const;

export type SettingsIntent = (typeof SETTINGS_INTENTS)[number];

export type SettingsActionData =
  | {
      intent: SettingsIntent;
      ok: true;
      /** A new API key or signing secret: in this answer and nowhere else. */
      revealed?: string;
    }
  | { intent: SettingsIntent; ok: false; error: string };

/** An API key as the page lists it (dates as ISO strings). */
export interface ApiKeyRow {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en", {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

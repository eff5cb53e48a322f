import { Card } from "@shopify/polaris";
import { NumberSettingForm } from "./number-setting-form";

export interface RateLimitCardProps {
  /** The shop's own limit; null when it uses the default. */
  perMinute: number | null;
  defaultPerMinute: number;
}

/** Requests a minute each API key may make; empty means the default. */
export function RateLimitCard({
  perMinute,
  defaultPerMinute,
}: RateLimitCardProps) {
  const fallback = defaultPerMinute.toLocaleString("en");

  return (
    <Card>
      <NumberSettingForm
        intent="set-rate-limit"
        name="perMinute"
        label="Requests per minute, per API key"
        value={perMinute}
        defaultValue={defaultPerMinute}
        min={1}
        helpText={
          `Leave empty for the default of ${fallback}. Agents may ` +
          "briefly go a little faster; beyond that they are asked to " +
          "retry later (HTTP 429)."
        }
        savedMessage="Rate limit saved"
      />
    </Card>
  );
}

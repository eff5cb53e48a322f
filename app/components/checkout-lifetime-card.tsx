import { Card } from "@shopify/polaris";
import { NumberSettingForm } from "./number-setting-form";

export interface CheckoutLifetimeCardProps {
  /** The shop's own lifetime in minutes; null when it uses the default. */
  minutes: number | null;
  defaultMinutes: number;
  minMinutes: number;
  maxMinutes: number;
}

/** How long an agent's checkout stays open after its last change. */
export function CheckoutLifetimeCard({
  minutes,
  defaultMinutes,
  minMinutes,
  maxMinutes,
}: CheckoutLifetimeCardProps) {
  return (
    <Card>
      <NumberSettingForm
        intent="set-checkout-ttl"
        name="minutes"
        label="Minutes a checkout stays open"
        value={minutes}
        defaultValue={defaultMinutes}
        min={minMinutes}
        helpText={
          `Leave empty for the default of ${defaultMinutes} minutes ` +
          `(${minMinutes} to ${maxMinutes.toLocaleString("en")}). Each ` +
          "change by the agent starts the time again; an expired checkout " +
          "can no longer be paid for."
        }
        savedMessage="Checkout lifetime saved"
      />
    </Card>
  );
}

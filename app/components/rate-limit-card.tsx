import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  BlockStack,
  Button,
  Card,
  InlineStack,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { SettingsActionData } from "./settings-action";

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
  const fetcher = useFetcher<SettingsActionData>();
  const shopify = useAppBridge();
  const [value, setValue] = useState(
    perMinute === null ? "" : String(perMinute),
  );
  const result = fetcher.data;
  const fallback = defaultPerMinute.toLocaleString("en");

  useEffect(() => {
    if (result?.ok) shopify.toast.show("Rate limit saved");
  }, [result, shopify]);

  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="set-rate-limit" />
        <BlockStack gap="300">
          <TextField
            label="Requests per minute, per API key"
            name="perMinute"
            type="number"
            min={1}
            value={value}
            onChange={setValue}
            autoComplete="off"
            placeholder={`${fallback} (default)`}
            helpText={
              `Leave empty for the default of ${fallback}. Agents may ` +
              "briefly go a little faster; beyond that they are asked to " +
              "retry later (HTTP 429)."
            }
            error={result?.ok === false ? result.error : undefined}
          />
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

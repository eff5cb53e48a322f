import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, InlineStack, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { SettingsActionData, SettingsIntent } from "./settings-action";

export interface NumberSettingFormProps {
  intent: SettingsIntent;
  /** The form field the route reads. */
  name: string;
  label: string;
  /** The shop's own value; null when it uses the default. */
  value: number | null;
  defaultValue: number;
  min: number;
  helpText: string;
  /** The toast once saved. */
  savedMessage: string;
}

/** A whole number the merchant may set, or leave empty for the default. */
export function NumberSettingForm({
  intent,
  name,
  label,
  value,
  defaultValue,
  min,
  helpText,
  savedMessage,
}: NumberSettingFormProps) {
  const fetcher = useFetcher<SettingsActionData>();
  const shopify = useAppBridge();
  const [text, setText] = useState(value === null ? "" : String(value));
  const result = fetcher.data;

  useEffect(() => {
    if (result?.ok) shopify.toast.show(savedMessage);
  }, [result, shopify, savedMessage]);

  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <BlockStack gap="300">
        <TextField
          label={label}
          name={name}
          type="number"
          min={min}
          value={text}
          onChange={setText}
          autoComplete="off"
          placeholder={`${defaultValue.toLocaleString("en")} (default)`}
          helpText={helpText}
          error={result?.ok === false ? result.error : undefined}
        />
        <InlineStack align="end">
          <Button submit variant="primary" loading={fetcher.state !== "idle"}>
            Save
          </Button>
        </InlineStack>
      </BlockStack>
    </fetcher.Form>
  );
}

import { Button, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface CopyFieldProps {
  label: string;
  value: string;
  labelHidden?: boolean;
  helpText?: string;
}

/** A read-only value with a Copy button; selects itself on focus. */
export function CopyField({
  label,
  value,
  labelHidden,
  helpText,
}: CopyFieldProps) {
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    // The admin's iframe may deny the clipboard; the field stays
    // selectable for a manual copy then.
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <TextField
      label={label}
      labelHidden={labelHidden}
      value={value}
      readOnly
      autoComplete="off"
      monospaced
      selectTextOnFocus
      helpText={helpText}
      connectedRight={
        <Button onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </Button>
      }
    />
  );
}

import { Banner, BlockStack, Text } from "@shopify/polaris";
import { CopyField } from "./copy-field";

export interface RevealOnceBannerProps {
  title: string;
  /** What the value is for, in one sentence. */
  description: string;
  label: string;
  value: string;
  onDismiss: () => void;
}

/** A secret shown once, with the warning that it cannot be shown again. */
export function RevealOnceBanner({
  title,
  description,
  label,
  value,
  onDismiss,
}: RevealOnceBannerProps) {
  return (
    <Banner tone="warning" title={title} onDismiss={onDismiss}>
      <BlockStack gap="200">
        <Text as="p">
          {description} Copy it now and keep it somewhere safe: you won’t be
          able to see it again.
        </Text>
        <CopyField label={label} labelHidden value={value} />
      </BlockStack>
    </Banner>
  );
}

import { BlockStack, Card, Text } from "@shopify/polaris";
import { CopyField } from "./copy-field";

export interface AcpAddressCardProps {
  acpBaseUrl: string;
}

/** The address agent platforms call, to copy into their settings. */
export function AcpAddressCard({ acpBaseUrl }: AcpAddressCardProps) {
  return (
    <Card>
      <BlockStack gap="200">
        <CopyField label="ACP base URL" value={acpBaseUrl} />
        <Text as="p" tone="subdued">
          Give it to agent platforms with an API key. They find what your store
          supports at <code>{acpBaseUrl}/.well-known/acp.json</code>.
        </Text>
      </BlockStack>
    </Card>
  );
}

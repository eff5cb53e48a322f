import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

export interface ShopStatusCardProps {
  shop: string;
  shopName: string | null;
  installedAt: string | null;
  scopes: string[];
}

/** The shop the app serves and whether the app is connected to it. */
export function ShopStatusCard({
  shop,
  shopName,
  installedAt,
  scopes,
}: ShopStatusCardProps) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Status
          </Text>
          <Badge tone={installedAt ? "success" : "attention"}>
            {installedAt ? "Connected" : "Not connected"}
          </Badge>
        </InlineStack>
        {shopName ? (
          <Text as="p" variant="bodyMd" fontWeight="semibold">
            {shopName}
          </Text>
        ) : null}
        <Text as="p" variant="bodyMd">
          {shop}
        </Text>
        {installedAt ? (
          <Text as="p" tone="subdued">
            Installed {new Date(installedAt).toLocaleDateString("en")}
          </Text>
        ) : null}
        <Text as="p" tone="subdued">
          Access: {scopes.length > 0 ? scopes.join(", ") : "none granted yet"}
        </Text>
      </BlockStack>
    </Card>
  );
}

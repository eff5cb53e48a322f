import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  Modal,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { RevealOnceBanner } from "./reveal-once-banner";
import {
  formatDate,
  type ApiKeyRow,
  type SettingsActionData,
} from "./settings-action";

export interface ApiKeysCardProps {
  apiKeys: ApiKeyRow[];
}

/** Creates keys (shown once), lists them by prefix, revokes them. */
export function ApiKeysCard({ apiKeys }: ApiKeysCardProps) {
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);

  return (
    <Card padding="0">
      <Box padding="400">
        <CreateApiKeyForm />
      </Box>
      {apiKeys.length > 0 ? (
        <ApiKeysTable apiKeys={apiKeys} onRevoke={setRevoking} />
      ) : (
        <NoApiKeys />
      )}
      <RevokeApiKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function CreateApiKeyForm() {
  const fetcher = useFetcher<SettingsActionData>();
  const [label, setLabel] = useState("");
  const [dismissed, setDismissed] = useState<string | null>(null);
  const result = fetcher.data;
  const newKey = result?.ok ? result.revealed : undefined;

  // A key was made: ready the field for the next one.
  useEffect(() => {
    if (newKey) setLabel("");
  }, [newKey]);

  return (
    <BlockStack gap="400">
      {newKey && newKey !== dismissed ? (
        <RevealOnceBanner
          title="Copy your new API key"
          description="Give this key to the agent platform it is for."
          label="API key"
          value={newKey}
          onDismiss={() => setDismissed(newKey)}
        />
      ) : null}
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="create-key" />
        <TextField
          label="New key name"
          name="label"
          value={label}
          onChange={setLabel}
          autoComplete="off"
          placeholder="For example: ChatGPT"
          helpText="Name the key after the agent platform that will use it."
          error={result?.ok === false ? result.error : undefined}
          connectedRight={
            <Button submit loading={fetcher.state !== "idle"}>
              Create key
            </Button>
          }
        />
      </fetcher.Form>
    </BlockStack>
  );
}

function NoApiKeys() {
  return (
    <Box padding="400" paddingBlockStart="0">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          No API keys yet
        </Text>
        <Text as="p" tone="subdued">
          Agents can’t reach your store until you create a key. Create one for
          each agent platform you work with, and give it the ACP address above.
        </Text>
      </BlockStack>
    </Box>
  );
}

interface ApiKeysTableProps {
  apiKeys: ApiKeyRow[];
  onRevoke: (apiKey: ApiKeyRow) => void;
}

function ApiKeysTable({ apiKeys, onRevoke }: ApiKeysTableProps) {
  return (
    <IndexTable
      resourceName={{ singular: "API key", plural: "API keys" }}
      itemCount={apiKeys.length}
      selectable={false}
      headings={[
        { title: "Name" },
        { title: "Key" },
        { title: "Created" },
        { title: "Last used" },
        { title: "Status" },
        { title: "Actions", hidden: true },
      ]}
    >
      {apiKeys.map((apiKey, index) => (
        <ApiKeyTableRow
          key={apiKey.id}
          apiKey={apiKey}
          position={index}
          onRevoke={onRevoke}
        />
      ))}
    </IndexTable>
  );
}

interface ApiKeyTableRowProps {
  apiKey: ApiKeyRow;
  position: number;
  onRevoke: (apiKey: ApiKeyRow) => void;
}

function ApiKeyTableRow({ apiKey, position, onRevoke }: ApiKeyTableRowProps) {
  const revoked = apiKey.revokedAt !== null;

  return (
    <IndexTable.Row id={apiKey.id} position={position}>
      <IndexTable.Cell>
        <Text as="span" fontWeight="semibold">
          {apiKey.label}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" tone="subdued">
          <code>{apiKey.prefix}…</code>
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>{formatDate(apiKey.createdAt)}</IndexTable.Cell>
      <IndexTable.Cell>
        {apiKey.lastUsedAt ? formatDate(apiKey.lastUsedAt) : "Never"}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {revoked ? (
          <Badge>Revoked</Badge>
        ) : (
          <Badge tone="success">Active</Badge>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {revoked ? null : (
          <Button
            variant="plain"
            tone="critical"
            onClick={() => onRevoke(apiKey)}
          >
            Revoke
          </Button>
        )}
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}

interface RevokeApiKeyModalProps {
  apiKey: ApiKeyRow | null;
  onClose: () => void;
}

function RevokeApiKeyModal({ apiKey, onClose }: RevokeApiKeyModalProps) {
  const fetcher = useFetcher<SettingsActionData>();
  const shopify = useAppBridge();
  const result = fetcher.data;

  useEffect(() => {
    if (result?.ok) shopify.toast.show("API key revoked");
  }, [result, shopify]);

  const revoke = () => {
    if (!apiKey) return;
    fetcher.submit(
      { intent: "revoke-key", keyId: apiKey.id },
      { method: "post" },
    );
    onClose();
  };

  return (
    <Modal
      open={apiKey !== null}
      onClose={onClose}
      title={`Revoke “${apiKey?.label ?? ""}”?`}
      primaryAction={{
        content: "Revoke key",
        destructive: true,
        onAction: revoke,
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <Text as="p">
          Agents using this key are refused within a few seconds. This can’t be
          undone: to restore access, create a new key.
        </Text>
      </Modal.Section>
    </Modal>
  );
}

import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Modal,
  Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { RevealOnceBanner } from "./reveal-once-banner";
import type { SettingsActionData, SettingsIntent } from "./settings-action";

export interface RequestSigningCardProps {
  enabled: boolean;
}

type Confirmation = keyof typeof confirmations;

/** Turns request signing on (a secret shown once), rotates it, or off. */
export function RequestSigningCard({ enabled }: RequestSigningCardProps) {
  const fetcher = useFetcher<SettingsActionData>();
  const [confirming, setConfirming] = useState<Confirmation | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const secret = fetcher.data?.ok ? fetcher.data.revealed : undefined;
  useSigningToast(fetcher.data);

  // Each change alters what agents must send at once, so each asks first.
  const confirm = (confirmed: Confirmation) => {
    const { intent } = confirmations[confirmed];
    fetcher.submit({ intent }, { method: "post" });
    setConfirming(null);
  };

  return (
    <Card>
      <BlockStack gap="400">
        <SigningStatus enabled={enabled} />
        {secret && secret !== dismissed ? (
          <RevealOnceBanner
            title="Copy your signing secret"
            description="Give it to the agent platforms that call your store."
            label="Signing secret"
            value={secret}
            onDismiss={() => setDismissed(secret)}
          />
        ) : null}
        <SigningScheme />
        <InlineStack gap="200">
          <Button
            onClick={() => setConfirming(enabled ? "rotate" : "turn-on")}
            loading={fetcher.state !== "idle"}
          >
            {enabled ? "Generate new secret" : "Turn on signing"}
          </Button>
          {enabled ? (
            <Button
              tone="critical"
              variant="plain"
              onClick={() => setConfirming("turn-off")}
            >
              Turn off
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
      <ConfirmSigningModal
        confirming={confirming}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      />
    </Card>
  );
}

function useSigningToast(result: SettingsActionData | undefined) {
  const shopify = useAppBridge();

  useEffect(() => {
    if (result?.ok && result.intent === "turn-off-signing") {
      shopify.toast.show("Request signing turned off");
    }
  }, [result, shopify]);
}

function SigningStatus({ enabled }: { enabled: boolean }) {
  return (
    <InlineStack align="space-between" blockAlign="center">
      <Text as="h3" variant="headingSm">
        Signed requests
      </Text>
      {enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
    </InlineStack>
  );
}

function SigningScheme() {
  return (
    <BlockStack gap="200">
      <Text as="p">
        When signing is on, every request must carry two more headers, and
        requests without them are refused:
      </Text>
      <Text as="p" tone="subdued">
        <code>Timestamp</code>: the time of sending (RFC 3339), within 5 minutes
        of ours.
        <br />
        <code>Signature</code>: base64url of HMAC-SHA256, keyed with the secret,
        over <code>timestamp + &quot;.&quot; + body</code>, the body exactly as
        sent (empty for GET).
      </Text>
    </BlockStack>
  );
}

interface ConfirmationCopy {
  intent: SettingsIntent;
  title: string;
  body: string;
  action: string;
  destructive: boolean;
}

interface ConfirmSigningModalProps {
  confirming: Confirmation | null;
  onConfirm: (intent: Confirmation) => void;
  onClose: () => void;
}

const confirmations = {
  "turn-on": {
    intent: "generate-signing-secret",
    title: "Turn on request signing?",
    body:
      "From now on, requests without a valid signature are refused. " +
      "Give the new secret to your agent platforms right away.",
    action: "Turn on signing",
    destructive: false,
  },
  rotate: {
    intent: "generate-signing-secret",
    title: "Generate a new signing secret?",
    body:
      "The current secret stops working within a few seconds. Agents " +
      "must sign with the new one from then on.",
    action: "Generate new secret",
    destructive: true,
  },
  "turn-off": {
    intent: "turn-off-signing",
    title: "Turn off request signing?",
    body:
      "Requests will be accepted with an API key alone. The current " +
      "secret is deleted.",
    action: "Turn off",
    destructive: true,
  },
} satisfies Record<string, ConfirmationCopy>;

function ConfirmSigningModal({
  confirming,
  onConfirm,
  onClose,
}: ConfirmSigningModalProps) {
  const copy = confirmations[confirming ?? "turn-on"];

  return (
    <Modal
      open={confirming !== null}
      onClose={onClose}
      title={copy.title}
      primaryAction={{
        content: copy.action,
        destructive: copy.destructive,
        onAction: () => confirming && onConfirm(confirming),
      }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        <Text as="p">{copy.body}</Text>
      </Modal.Section>
    </Modal>
  );
}

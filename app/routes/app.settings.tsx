import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Layout, Page } from "@shopify/polaris";
import {
  createApiKey,
  parseApiKeyLabel,
  revokeApiKey,
} from "../acp/api-keys.server";
import { AcpAddressCard } from "../components/acp-address-card";
import { CheckoutLifetimeCard } from "../components/checkout-lifetime-card";
import { ApiKeysCard } from "../components/api-keys-card";
import { RateLimitCard } from "../components/rate-limit-card";
import { RequestSigningCard } from "../components/request-signing-card";
import {
  SETTINGS_INTENTS,
  type SettingsActionData,
  type SettingsIntent,
} from "../components/settings-action";
import { authenticate } from "../shopify.server";
import {
  clearRequestSigningSecret,
  getAcpSettings,
  parseCheckoutTtl,
  parseRateLimit,
  setCheckoutTtl,
  setRateLimit,
  setRequestSigningSecret,
} from "../shops/shop-settings.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);

  return json(await getAcpSettings(session.shop));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = parseIntent(form.get("intent"));
  // Only a hand-made request sends another intent; the page never does.
  if (!intent) throw new Response("Unknown action", { status: 400 });

  const result = await runIntent(session.shop, intent, form);

  return json<SettingsActionData>(result, { status: result.ok ? 200 : 400 });
};

function parseIntent(value: FormDataEntryValue | null) {
  return SETTINGS_INTENTS.find((intent) => intent === value);
}

/** One server call per intent; the form's fields checked on the way. */
async function runIntent(
  shop: string,
  intent: SettingsIntent,
  form: FormData,
): Promise<SettingsActionData> {
  switch (intent) {
    case "create-key": {
      const label = parseApiKeyLabel(form.get("label"));
      if (!label.ok) return { intent, ok: false, error: label.message };
      const { key } = await createApiKey(shop, label.label);

      return { intent, ok: true, revealed: key };
    }
    case "revoke-key": {
      const revoked = await revokeApiKey(shop, String(form.get("keyId")));
      if (!revoked) return { intent, ok: false, error: "No such active key" };

      return { intent, ok: true };
    }
    case "generate-signing-secret":
      return {
        intent,
        ok: true,
        revealed: await setRequestSigningSecret(shop),
      };
    case "turn-off-signing":
      await clearRequestSigningSecret(shop);

      return { intent, ok: true };
    case "set-rate-limit": {
      const limit = parseRateLimit(form.get("perMinute"));
      if (!limit.ok) return { intent, ok: false, error: limit.message };
      await setRateLimit(shop, limit.value);

      return { intent, ok: true };
    }
    case "set-checkout-ttl": {
      const ttl = parseCheckoutTtl(form.get("minutes"));
      if (!ttl.ok) return { intent, ok: false, error: ttl.message };
      await setCheckoutTtl(shop, ttl.value);

      return { intent, ok: true };
    }
  }
}

export default function Settings() {
  const settings = useLoaderData<typeof loader>();

  return (
    <Page>
      <TitleBar title="Settings" />
      <Layout>
        <Layout.AnnotatedSection
          id="acp-address"
          title="ACP address"
          description="Where AI agents reach your store's checkout."
        >
          <AcpAddressCard acpBaseUrl={settings.acpBaseUrl} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="api-keys"
          title="API keys"
          description={
            "Agents send a key with every request. A key works for this " +
            "store only, and you see it once, when you create it."
          }
        >
          <ApiKeysCard apiKeys={settings.apiKeys} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="request-signing"
          title="Request signing"
          description={
            "Optional. Proves that each request comes from a holder of " +
            "your secret and was not altered or replayed later."
          }
        >
          <RequestSigningCard enabled={settings.requestSigningEnabled} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="rate-limit"
          title="Rate limit"
          description="Keeps a runaway agent from flooding your store."
        >
          <RateLimitCard
            perMinute={settings.rateLimitPerMinute}
            defaultPerMinute={settings.defaultRateLimitPerMinute}
          />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="checkout-lifetime"
          title="Checkout lifetime"
          description="How long an agent has to pay before a checkout expires."
        >
          <CheckoutLifetimeCard
            minutes={settings.checkoutTtlMinutes}
            defaultMinutes={settings.defaultCheckoutTtlMinutes}
            minMinutes={settings.minCheckoutTtlMinutes}
            maxMinutes={settings.maxCheckoutTtlMinutes}
          />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}

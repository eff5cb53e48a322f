import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { AgenticOrdersEmptyState } from "../components/agentic-orders-empty-state";
import { ShopStatusCard } from "../components/shop-status-card";
import { authenticate } from "../shopify.server";
import { getShopOverview } from "../shops/shop-lifecycle.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const overview = await getShopOverview(session.shop, admin.graphql);

  return json({
    shop: overview.domain,
    shopName: overview.name,
    installedAt: overview.installedAt?.toISOString() ?? null,
    scopes: overview.scopes,
  });
};

export default function Index() {
  const { shop, shopName, installedAt, scopes } =
    useLoaderData<typeof loader>();

  return (
    <Page>
      <TitleBar title="ACP Bridge" />
      <Layout>
        <Layout.Section>
          <AgenticOrdersEmptyState />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <ShopStatusCard
              shop={shop}
              shopName={shopName}
              installedAt={installedAt}
              scopes={scopes}
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

import { Card, EmptyState } from "@shopify/polaris";

/** What the order queue shows before any agent has bought anything. */
export function AgenticOrdersEmptyState() {
  return (
    <Card>
      <EmptyState
        heading="No agentic orders yet"
        image="/images/agentic-orders-empty.svg"
      >
        <p>
          When an AI agent buys from your store, the order appears here for you
          to accept or refuse.
        </p>
      </EmptyState>
    </Card>
  );
}

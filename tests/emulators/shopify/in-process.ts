/**
 * Routes @shopify/shopify-api's requests to an emulator in the same
 * process. The node adapter captures `globalThis.fetch` when it is first
 * imported, so patching fetch afterwards does nothing; the library's own
 * hook, `setAbstractFetchFunc`, replaces the captured function. Importing
 * the adapter first keeps it from overwriting the hook later (notes on the
 * Admin API, §2.2–2.5).
 */
import "@shopify/shopify-api/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import type { ShopifyEmulator } from "./emulator";

/** Sends every library request to `emulator.handle`; returns an undo. */
export function useShopifyEmulatorFetch(emulator: ShopifyEmulator): () => void {
  setAbstractFetchFunc((input, init) =>
    emulator.handle(new Request(input as RequestInfo, init as RequestInit)),
  );

  return () => setAbstractFetchFunc(globalThis.fetch);
}

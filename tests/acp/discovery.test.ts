import { describe, expect, it } from "vitest";
import { acpBaseUrl, buildDiscoveryDocument } from "../../app/acp/discovery";
import { validateDefinition } from "../../app/acp/schemas.server";

describe("buildDiscoveryDocument", () => {
  it("builds a minimal valid document", () => {
    const document = buildDiscoveryDocument({
      baseUrl: "https://acp-bridge.test",
      shopName: "demo-store",
    });

    expect(document).toEqual({
      protocol: {
        name: "acp",
        version: "2026-04-17",
        supported_versions: [
          "2025-09-29",
          "2025-12-12",
          "2026-01-16",
          "2026-01-30",
          "2026-04-17",
        ],
      },
      api_base_url: "https://acp-bridge.test/acp/demo-store",
      transports: ["rest"],
      capabilities: { services: ["checkout"] },
    });
    expect(
      validateDefinition("2026-04-17", "DiscoveryResponse", document),
    ).toEqual([]);
  });

  it("builds a full valid document", () => {
    const document = buildDiscoveryDocument({
      baseUrl: "https://acp-bridge.test/",
      shopName: "demo-store.myshopify.com",
      services: ["checkout", "orders"],
      supportedCurrencies: ["usd", "eur"],
      supportedLocales: ["en-US"],
      interventionTypes: ["3ds"],
      extensions: [{ name: "discount" }],
      documentationUrl: "https://acp-bridge.test/docs",
    });

    expect(document.api_base_url).toBe(
      "https://acp-bridge.test/acp/demo-store",
    );
    expect(
      validateDefinition("2026-04-17", "DiscoveryResponse", document),
    ).toEqual([]);
  });

  it("is refused by the schema with an uppercase currency", () => {
    const document = buildDiscoveryDocument({
      baseUrl: "https://acp-bridge.test",
      shopName: "demo-store",
      supportedCurrencies: ["USD"],
    });

    expect(
      validateDefinition("2026-04-17", "DiscoveryResponse", document),
    ).not.toEqual([]);
  });
});

describe("acpBaseUrl", () => {
  it.each([
    ["https://app.example", "shop-a", "https://app.example/acp/shop-a"],
    [
      "https://app.example/base",
      "shop-a",
      "https://app.example/base/acp/shop-a",
    ],
    [
      "https://app.example/",
      "Shop-A.myshopify.com",
      "https://app.example/acp/Shop-A",
    ],
  ])("joins %s and %s", (baseUrl, shop, expected) => {
    expect(acpBaseUrl(baseUrl, shop)).toBe(expected);
  });
});

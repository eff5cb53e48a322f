import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";

// Types for every `#graphql` document in app/, checked against Shopify's
// Admin schema. The schema file comes from the copy the emulator ships
// (scripts/codegen.js unpacks it), so codegen never goes online, and a
// document that does not validate fails `npm run typecheck`.
export default {
  schema: "app/types/admin-2026-07.schema.json",
  documents: ["./app/**/*.{js,ts,jsx,tsx}"],
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: "2026-07",
      documents: ["./app/**/*.{js,ts,jsx,tsx}", "!./app/types/**"],
      outputDir: "./app/types",
    }),
  },
};

import { describe, expect, it } from "vitest";
import {
  validateRequest,
  validateResponse,
  type RequestOperation,
  type ResponseOperation,
} from "../../app/acp/schemas.server";
import {
  fromCanonicalSession,
  toCanonicalRequest,
} from "../../app/acp/version-mapping";
import { SUPPORTED_VERSIONS, type ApiVersion } from "../../app/acp/versions";
import type { SessionStatus } from "../../app/acp/wire-types";
import { buildCompletedSession, buildSession } from "./session-factory";

const context = { shopCurrency: "EUR", cardHandlerId: "card_tokenized" };

const operations: ResponseOperation[] = [
  "create",
  "update",
  "get",
  "cancel",
  "complete",
];

function sessionFor(operation: ResponseOperation) {
  return operation === "complete" ? buildCompletedSession() : buildSession();
}

function mapped(
  version: ApiVersion,
  overrides: Parameters<typeof buildSession>[0] = {},
) {
  return fromCanonicalSession(version, "get", buildSession(overrides));
}

function canonical<O extends RequestOperation>(
  version: ApiVersion,
  operation: O,
  body: unknown,
) {
  const validation = validateRequest(version, operation, body);
  if (!validation.ok) throw validation.error;

  return toCanonicalRequest(version, operation, validation.value, context);
}

describe("fromCanonicalSession", () => {
  describe.each(SUPPORTED_VERSIONS)("to %s", (version) => {
    it.each(operations)("answers %s with a valid session", (operation) => {
      const session = fromCanonicalSession(
        version,
        operation,
        sessionFor(operation),
      );

      expect(validateResponse(version, operation, session)).toEqual([]);
    });

    const statuses: SessionStatus[] = [
      "incomplete",
      "not_ready_for_payment",
      "requires_escalation",
      "authentication_required",
      "ready_for_payment",
      "pending_approval",
      "complete_in_progress",
      "completed",
      "canceled",
      "in_progress",
      "expired",
    ];

    it.each(statuses)("maps status %s to a valid one", (status) => {
      const session = mapped(version, { status });

      expect(validateResponse(version, "get", session)).toEqual([]);
    });
  });

  it("does not modify the canonical session", () => {
    const session = buildCompletedSession();
    const copy = structuredClone(session);

    fromCanonicalSession("2025-09-29", "complete", session);

    expect(session).toEqual(copy);
  });

  it.each([
    ["2026-01-16", "incomplete", "not_ready_for_payment"],
    ["2026-01-16", "requires_escalation", "not_ready_for_payment"],
    ["2026-01-16", "pending_approval", "not_ready_for_payment"],
    ["2026-01-16", "complete_in_progress", "in_progress"],
    ["2026-01-16", "expired", "canceled"],
    ["2026-01-16", "authentication_required", "authentication_required"],
    ["2025-09-29", "authentication_required", "not_ready_for_payment"],
    ["2025-09-29", "expired", "canceled"],
    ["2026-01-30", "expired", "expired"],
  ] as const)("in %s shows status %s as %s", (version, status, expected) => {
    expect(mapped(version, { status }).status).toBe(expected);
  });

  it.each([
    [
      "2026-01-30",
      ["warning", "error", "info"],
      ["low_stock", "quantity_exceeded"],
    ],
    ["2026-01-16", ["info", "error", "info"], ["invalid"]],
    ["2025-09-29", ["info", "error", "info"], ["invalid"]],
  ] as const)("in %s turns messages into %j", (version, types, codes) => {
    const messages = mapped(version).messages as {
      type: string;
      code?: string;
    }[];

    expect(messages.map((message) => message.type)).toEqual(types);
    expect(messages.flatMap((m) => (m.code ? [m.code] : []))).toEqual(codes);
  });

  it.each([
    [
      "2026-01-30",
      [
        "terms_of_use",
        "privacy_policy",
        "return_policy",
        "shipping_policy",
        "contact_us",
      ],
    ],
    ["2025-12-12", ["terms_of_use", "privacy_policy", "return_policy"]],
    ["2025-09-29", ["terms_of_use", "privacy_policy", "seller_shop_policies"]],
  ] as const)("in %s keeps the links %j", (version, types) => {
    const links = mapped(version).links as { type: string }[];

    expect(links.map((link) => link.type)).toEqual(types);
  });

  it("gives 2026-01-16 line items their five amounts", () => {
    const [line] = mapped("2026-01-16").line_items as object[];

    expect(line).toMatchObject({
      item: { id: "gid-variant-1", quantity: 2 },
      base_amount: 3000,
      discount: 300,
      subtotal: 2700,
      tax: 216,
      total: 2916,
    });
  });

  it("renames total types 2026-01-16 lacks to their nearest kin", () => {
    const totals = mapped("2026-01-16").totals as { type: string }[];

    expect(totals.map((total) => total.type)).toEqual([
      "subtotal",
      "fee",
      "fee",
      "discount",
      "fulfillment",
      "tax",
      "total",
    ]);
  });

  it("advertises the card handler as a Stripe payment provider", () => {
    const session = mapped("2026-01-16");

    expect(session.payment_provider).toEqual({
      provider: "stripe",
      merchant_id: "acct_123",
      supported_payment_methods: [
        { type: "card", supported_card_networks: ["mastercard", "visa"] },
      ],
    });
    expect(session.authentication_provider).toMatchObject({
      supported_authentication_methods: ["3ds"],
    });
    expect(mapped("2025-09-29").payment_provider).toEqual({
      provider: "stripe",
      supported_payment_methods: ["card"],
    });
  });

  it("splits a full name for versions that need first and last", () => {
    expect(mapped("2026-01-16").buyer).toEqual({
      email: "ada@example.com",
      first_name: "Ada King",
      last_name: "Lovelace",
    });
  });

  it("leaves out a buyer without any name before 2026-01-30", () => {
    const session = mapped("2025-12-12", { buyer: { email: "a@b.co" } });

    expect(session).not.toHaveProperty("buyer");
  });

  it("shows only shipping and digital options before 2026-01-30", () => {
    const options = mapped("2025-12-12").fulfillment_options;

    expect(options).toEqual([
      {
        type: "shipping",
        id: "ship_standard",
        title: "Standard",
        subtitle: "3-5 days",
        subtotal: 500,
        tax: 0,
        total: 500,
      },
    ]);
  });

  it("nests selected options, or keeps one id for 2025-09-29", () => {
    expect(mapped("2025-12-12").selected_fulfillment_options).toEqual([
      {
        type: "shipping",
        shipping: { option_id: "ship_standard", item_ids: ["gid-variant-1"] },
      },
    ]);
    expect(mapped("2025-09-29")).toMatchObject({
      fulfillment_option_id: "ship_standard",
      fulfillment_address: { name: "Ada Lovelace", line_one: "1 Main St" },
    });
  });

  it("keeps 3DS metadata only where its channel can be given", () => {
    const metadata = {
      acquirer_details: {
        acquirer_bin: "123456",
        acquirer_country: "US",
        acquirer_merchant_id: "m_1",
        merchant_name: "Shop",
      },
      directory_server: "visa" as const,
    };
    const session = { status: "authentication_required" as const };

    expect(
      mapped("2026-04-17", { ...session, authentication_metadata: metadata }),
    ).toHaveProperty("authentication_metadata", metadata);
    expect(
      mapped("2026-01-30", { ...session, authentication_metadata: metadata }),
    ).not.toHaveProperty("authentication_metadata");
  });

  it.each([
    ["created", "confirmed"],
    ["manual_review", "processing"],
    ["completed", "delivered"],
    ["canceled", undefined],
  ])("shows order status %s to 2026-01-30 as %s", (status, expected) => {
    const session = buildCompletedSession();
    session.order.status = status;

    const order = fromCanonicalSession("2026-01-30", "complete", session)
      .order as { status?: string };

    expect(order.status).toBe(expected);
  });

  it("stamps the agent's version on the protocol object", () => {
    expect(mapped("2026-01-30").protocol).toEqual({ version: "2026-01-30" });
    expect(mapped("2026-01-16")).not.toHaveProperty("protocol");
  });
});

describe("toCanonicalRequest", () => {
  const canonicalPayment = {
    handler_id: "card_tokenized",
    instrument: { type: "card", credential: { type: "spt", token: "spt_1" } },
  };
  const legacyPayment = { token: "spt_1", provider: "stripe" };

  it.each([
    ["2025-09-29", legacyPayment],
    ["2025-12-12", legacyPayment],
    ["2026-01-16", legacyPayment],
    ["2026-01-30", canonicalPayment],
    ["2026-04-17", canonicalPayment],
  ] as const)(
    "maps %s payment data to a handler instrument",
    (version, data) => {
      const request = canonical(version, "complete", { payment_data: data });

      expect(request.payment_data).toEqual(canonicalPayment);
    },
  );

  it.each([
    [{ items: [{ id: "v1", quantity: 3 }] }, "2025-12-12"],
    [{ items: [{ id: "v1", quantity: 3 }] }, "2025-09-29"],
    [
      {
        line_items: [{ id: "v1", quantity: 3 }],
        currency: "eur",
        capabilities: {},
      },
      "2026-04-17",
    ],
  ] as const)("maps a create request %j of %s", (body, version) => {
    const request = canonical(version, "create", structuredClone(body));

    expect(request.line_items).toEqual([{ id: "v1", quantity: 3 }]);
    expect(request.currency).toBe("eur");
    expect(validateRequest("2026-04-17", "create", request).ok).toBe(true);
  });

  it.each([
    ["2025-09-29", []],
    ["2025-12-12", ["3ds"]],
    ["2026-01-16", ["3ds"]],
  ] as const)(
    "assumes agents of %s handle interventions %j",
    (version, supported) => {
      const request = canonical(version, "create", {
        items: [{ id: "v1", quantity: 1 }],
      });

      expect(request.capabilities.interventions?.supported ?? []).toEqual(
        supported,
      );
    },
  );

  it("resolves a 2025-09-29 fulfillment_option_id against the session", () => {
    const body = {
      fulfillment_option_id: "pickup_store",
      fulfillment_address: {
        name: "A",
        line_one: "1 Main St",
        city: "X",
        state: "IL",
        country: "US",
        postal_code: "1",
      },
    };
    const validation = validateRequest("2025-09-29", "update", body);
    if (!validation.ok) throw validation.error;

    const request = toCanonicalRequest(
      "2025-09-29",
      "update",
      validation.value,
      {
        ...context,
        session: buildSession(),
      },
    );

    expect(request.selected_fulfillment_options).toEqual([
      {
        type: "pickup",
        option_id: "pickup_store",
        item_ids: ["gid-variant-1"],
      },
    ]);
    expect(request.fulfillment_details?.address?.line_one).toBe("1 Main St");
  });

  it("flattens 2026-01-16 selected options", () => {
    const request = canonical("2026-01-16", "update", {
      selected_fulfillment_options: [
        { type: "digital", digital: { option_id: "d", item_ids: ["v1"] } },
      ],
    });

    expect(request.selected_fulfillment_options).toEqual([
      { type: "digital", option_id: "d", item_ids: ["v1"] },
    ]);
  });

  it.each([
    ["failed", "denied"],
    ["unavailable", "not_supported"],
    ["attempt", "attempt_acknowledged"],
    ["rejected", "rejected"],
  ])("maps the 2026-01-16 3DS outcome %s to %s", (outcome, expected) => {
    const request = canonical("2026-01-16", "complete", {
      payment_data: legacyPayment,
      authentication_result: { outcome },
    });

    expect(request.authentication_result?.outcome).toBe(expected);
  });

  it("drops a 2025-09-29 cancel body, which that version never defined", () => {
    expect(canonical("2025-09-29", "cancel", { reason: "x" })).toEqual({});
  });
});

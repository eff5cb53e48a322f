/**
 * Control endpoints under /__emulator/, for tests and the sandbox that drive
 * the emulator over HTTP. They need no API key and are not Stripe's.
 *
 *   POST   /__emulator/faults    body: a fault, or { "faults": [...] }
 *   GET    /__emulator/faults    the active faults
 *   DELETE /__emulator/faults    clears them
 *   POST   /__emulator/reset     forgets everything
 *   POST   /__emulator/flush     waits for webhook deliveries
 *   GET    /__emulator/webhooks  the delivery log
 *   POST   /__emulator/authenticate  { "payment_intent", "result" }
 *   POST   /__emulator/sweep     expires tokens past expires_at
 */
import type { StripeEmulator } from "./emulator";
import { parseFault } from "./faults";

type Control = (
  emulator: StripeEmulator,
  body: unknown,
) => Promise<unknown> | unknown;

const CONTROLS: Record<string, Control> = {
  "POST /__emulator/faults": (emulator, body) => {
    for (const fault of faultsIn(body)) emulator.addFault(parseFault(fault));
    return { faults: emulator.listFaults() };
  },
  "GET /__emulator/faults": (emulator) => ({ faults: emulator.listFaults() }),
  "DELETE /__emulator/faults": (emulator) => {
    emulator.clearFaults();
    return { faults: [] };
  },
  "POST /__emulator/reset": (emulator) => {
    emulator.reset();
    return { reset: true };
  },
  "POST /__emulator/flush": async (emulator) => {
    await emulator.flush();
    return { deliveries: emulator.deliveries() };
  },
  "GET /__emulator/webhooks": (emulator) => ({
    deliveries: emulator.deliveries(),
  }),
  "POST /__emulator/authenticate": (emulator, body) => {
    const { payment_intent: id, result } = (body ?? {}) as Record<
      string,
      unknown
    >;
    if (typeof id !== "string" || (result !== "succeed" && result !== "fail")) {
      throw new TypeError(
        'needs { "payment_intent": "pi_...", "result": "succeed" | "fail" }',
      );
    }
    return emulator.completeAuthentication(id, result);
  },
  "POST /__emulator/sweep": (emulator) => {
    emulator.sweepExpiredTokens();
    return { swept: true };
  },
};

function faultsIn(body: unknown): unknown[] {
  if (typeof body === "object" && body !== null && "faults" in body) {
    const { faults } = body as { faults: unknown };
    return Array.isArray(faults) ? faults : [faults];
  }
  return [body];
}

export async function handleControl(
  emulator: StripeEmulator,
  request: Request,
  url: URL,
): Promise<Response> {
  const control = CONTROLS[`${request.method} ${url.pathname}`];
  if (!control) return reply(404, { error: `no control ${url.pathname}` });

  try {
    const text = request.method === "GET" ? "" : await request.text();
    const body: unknown = text ? JSON.parse(text) : null;
    return reply(200, await control(emulator, body));
  } catch (error) {
    return reply(400, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

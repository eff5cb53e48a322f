/**
 * Sends an app's calls to Shopify to the emulator's HTTP server, without
 * touching app code. Load it with
 *
 *   SHOPIFY_EMULATOR_ORIGIN=http://127.0.0.1:PORT \
 *     node --import ./tests/emulators/shopify/redirect-preload.mjs app.js
 *
 * Node's fetch asks undici's global dispatcher for every request, so one
 * dispatcher rewrites `https://*.myshopify.com` to the emulator and keeps
 * the shop in x-forwarded-host (the emulator reads the shop from it). The
 * library cannot be pointed at plain HTTP itself: it forces https.
 */
import { Agent, setGlobalDispatcher } from "undici";

const target = process.env.SHOPIFY_EMULATOR_ORIGIN;

class RedirectAgent extends Agent {
  dispatch(options, handler) {
    const origin = new URL(String(options.origin));
    if (!target || !origin.hostname.endsWith(".myshopify.com")) {
      return super.dispatch(options, handler);
    }

    const headers = withForwardedHost(options.headers, origin.host);
    return super.dispatch({ ...options, origin: target, headers }, handler);
  }
}

/** undici passes headers as a flat array, an object, or nothing. */
function withForwardedHost(headers, host) {
  if (Array.isArray(headers)) return [...headers, "x-forwarded-host", host];

  return { ...(headers ?? {}), "x-forwarded-host": host };
}

if (target) setGlobalDispatcher(new RedirectAgent());

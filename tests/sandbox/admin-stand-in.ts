/**
 * The sandbox's stand-in for the Shopify admin around the embedded app.
 * Inside Shopify, the admin loads the app with a session token and App
 * Bridge keeps handing it fresh ones. Offline, neither the admin nor the
 * App Bridge script can be reached, so this serves both for the sandbox's
 * shops: `/store/{store}/apps/acp-bridge` opens the app's page with a fresh
 * token, and `/app-bridge.js` gives the page a `window.shopify` whose tokens
 * come from `/session-token`.
 *
 * It exists only in the sandbox process: the app itself still verifies
 * every token with its secret, exactly as in production.
 */
import {
  embeddedAppUrl,
  mintSessionToken,
  type SessionTokenOptions,
} from "../support/session-token";

export interface AdminStandInOptions {
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  shops: string[];
}

export type FetchHandler = (request: Request) => Promise<Response>;

/** Wraps `fallback` (the Shopify emulator) with the admin's own pages. */
export function withAdminStandIn(
  options: AdminStandInOptions,
  fallback: FetchHandler,
): FetchHandler {
  return async (request) => {
    const url = new URL(request.url);
    const appPage = /^\/store\/([a-z0-9-]+)\/apps\/acp-bridge(\/.*)?$/.exec(
      url.pathname,
    );

    if (appPage) return openApp(options, appPage[1] ?? "", appPage[2]);
    if (url.pathname === "/app-bridge.js") return appBridgeScript(url);
    if (url.pathname === "/session-token") return sessionToken(options, url);
    if (url.pathname === "/" && request.method === "GET") {
      return shopList(options, url);
    }

    return fallback(request);
  };
}

function tokenOptions(
  options: AdminStandInOptions,
  shop: string,
): SessionTokenOptions {
  return { shop, apiKey: options.apiKey, apiSecret: options.apiSecret };
}

function openApp(
  options: AdminStandInOptions,
  store: string,
  path = "/app",
): Response {
  const shop = `${store}.myshopify.com`;
  if (!options.shops.includes(shop)) {
    return new Response(`No shop ${shop} in this sandbox\n`, { status: 404 });
  }
  const target = embeddedAppUrl(
    options.appUrl,
    path.startsWith("/app") ? path : "/app",
    tokenOptions(options, shop),
  );

  return new Response(null, {
    status: 302,
    headers: { Location: target, "Cache-Control": "no-store" },
  });
}

function sessionToken(options: AdminStandInOptions, url: URL): Response {
  const shop = url.searchParams.get("shop") ?? "";
  if (!options.shops.includes(shop)) {
    return new Response("unknown shop\n", { status: 404 });
  }

  return new Response(
    JSON.stringify({ token: mintSessionToken(tokenOptions(options, shop)) }),
    {
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        "Access-Control-Allow-Origin": new URL(options.appUrl).origin,
      },
    },
  );
}

function shopList(options: AdminStandInOptions, url: URL): Response {
  const links = options.shops
    .map((shop) => {
      const store = shop.replace(/\.myshopify\.com$/, "");
      const href = `${url.origin}/store/${store}/apps/acp-bridge`;

      return `<li><a href="${href}">${shop}</a></li>`;
    })
    .join("");

  return new Response(
    `<!doctype html><title>ACP Bridge sandbox</title>` +
      `<h1>ACP Bridge sandbox</h1><ul>${links}</ul>`,
    { headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

/**
 * What the page needs of App Bridge: `shopify.idToken()`, `shopify.config`,
 * no-op toasts and loading bars, and same-origin fetches that carry a fresh
 * session token, as App Bridge adds them.
 */
function appBridgeScript(url: URL): Response {
  const script = `(() => {
  const tokenUrl = ${JSON.stringify(`${url.origin}/session-token`)};
  const params = new URLSearchParams(location.search);
  const shop = params.get("shop") || sessionStorage.getItem("sandbox-shop");
  if (shop) sessionStorage.setItem("sandbox-shop", shop);
  const idToken = async () => {
    const response = await fetch(tokenUrl + "?shop=" + encodeURIComponent(shop));
    return (await response.json()).token;
  };
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const target = new URL(input instanceof Request ? input.url : input, location.href);
    if (target.origin !== location.origin) return nativeFetch(input, init);
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
    return nativeFetch(input, { ...init, headers });
  };
  // App Bridge lifts these into the admin's own chrome; there is none here.
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu, ui-title-bar { display: none; }";
  document.head.append(style);
  const noop = () => {};
  window.shopify = {
    config: { apiKey: document.currentScript?.dataset.apiKey, shop, host: params.get("host"), locale: "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken,
    toast: { show: noop, hide: noop },
    loading: noop,
    modal: { show: noop, hide: noop, toggle: noop },
    saveBar: { show: noop, hide: noop, toggle: noop, leaveConfirmation: async () => {} },
    resourcePicker: async () => undefined,
  };
})();
`;

  return new Response(script, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

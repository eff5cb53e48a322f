import { json } from "@remix-run/node";
import { checkDatabase } from "../lib/health.server";

/** For load balancers and the sandbox: 200 when the database answers. */
export const loader = async () => {
  const database = await checkDatabase();

  return json({ ok: database }, { status: database ? 200 : 503 });
};

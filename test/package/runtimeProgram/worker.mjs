// The program as a Cloudflare Worker (workerd): GET /?double=<url> answers its JSON.
import { run } from "./program.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url).searchParams.get("double");
    try {
      return Response.json(await run(url));
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};

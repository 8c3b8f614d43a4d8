Deno.serve(() => new Response("hi"));
